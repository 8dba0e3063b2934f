/**
 * The bundled estate three years after the date the other tests use: every approval has long
 * expired, yet nothing changes, so `govcloud check --all` passes. What runs under an expired
 * approval is due for recertification: advisory findings, one per approval.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const REPO = resolve(__dirname, "..", "..");
const CLI = join(REPO, "dist", "cli", "main.js");
/** Three years after the day the bundled estate's tests are pinned to (2026-11-26). */
const YEARS_ON = "2029-11-26";

interface CheckJson {
  passed: boolean;
  checks: {
    stack: string;
    diagnostics: { policyName: string; enforcementLevel: string; message: string }[];
  }[];
}

describe("govcloud check --all, three years on", function () {
  this.timeout(600_000);

  it("passes the bundled estate; expired approvals of what runs are advisory, one per approval", () => {
    const run = spawnSync(
      process.execPath,
      [CLI, "check", "--all", "--format", "json", "--root", REPO, "--today", YEARS_ON],
      { cwd: REPO, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
    );
    assert.ok(run.stdout.startsWith("{"), `no JSON report:\n${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(run.stdout) as CheckJson;
    const diagnostics = report.checks.flatMap((check) =>
      check.diagnostics.map((d) => ({ stack: check.stack, ...d })),
    );
    const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory");
    assert.deepEqual(mandatory, []);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(report.passed, true);

    const due = diagnostics.filter((d) => d.policyName === "approval-recertification");
    assert.ok(due.length > 0, "no approval is due for recertification three years on");
    assert.ok(due.every((d) => d.enforcementLevel === "advisory"));
    const tickets = due.map(
      (d) => `${d.stack} ${/QD-[A-Z]+-\d{4}-\d{5} of \d{4}-\d{2}-\d{2}/.exec(d.message)?.[0]}`,
    );
    assert.equal(new Set(tickets).size, tickets.length, "an approval reported more than once");
  });
});
