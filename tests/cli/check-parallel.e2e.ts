/**
 * `govcloud check`: the fast path (pack in-process; several stacks over worker processes) gives
 * the same report, diagnostics and exit code as the isolated path (pack out of process, as the
 * engine runs it), on a small estate with mandatory violations.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCheck } from "../../cli/check-command";
import { loadEstate } from "../../model/estate-loader";

const REPO = resolve(__dirname, "..", "..");
const ROOT = resolve(REPO, "tests", "policies", "fixtures", "estate");
const TODAY = "2026-11-01";

describe("govcloud check, fast and isolated", function () {
  // Whole estates checked in several processes: tens of seconds on a busy machine.
  this.timeout(300_000);
  let dir: string;
  let configFile: string;
  const saved = { ...process.env };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "govcloud-check-"));
    configFile = join(dir, "policy-config.json");
    // Approvals to recertify after one day, at the mandatory level: every approval is a
    // mandatory violation.
    writeFileSync(
      configFile,
      JSON.stringify({
        "approval-recertification": { enforcementLevel: "mandatory", validityDays: 1 },
      }),
    );
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    process.env = saved;
  });

  async function check(options: { isolated?: boolean; workers?: number }, names: string[] = []) {
    const loaded = loadEstate(ROOT, { today: TODAY });
    return runCheck(ROOT, loaded, names, {
      all: names.length === 0,
      format: "json",
      today: TODAY,
      packDir: join(REPO, "policies"),
      policyConfig: configFile,
      ...options,
    });
  }

  /**
   * One process: the built command, so that its in-process pack is its own (the policy SDK allows
   * one pack per process, and this test process may hold another).
   */
  function checkInOneProcess(): { exitCode: number | null; stdout: string } {
    const run = spawnSync(
      process.execPath,
      [
        join(REPO, "dist", "cli", "main.js"),
        "check",
        "--all",
        "--format",
        "json",
        "--root",
        ROOT,
        "--today",
        TODAY,
        "--policy-pack",
        join(REPO, "policies"),
        "--policy-config",
        configFile,
        "--workers",
        "1",
      ],
      { encoding: "utf8" },
    );
    return { exitCode: run.status, stdout: run.stdout };
  }

  it("workers give the same diagnostics and exit code as the out-of-process pack", async () => {
    const isolated = await check({ isolated: true });
    const parallel = await check({ workers: 2 });
    const single = checkInOneProcess();
    assert.equal(isolated.exitCode, 1);
    const parsed = JSON.parse(isolated.stdout) as {
      passed: boolean;
      checks: { stack: string; diagnostics: { enforcementLevel: string }[] }[];
    };
    assert.equal(parsed.passed, false);
    assert.deepEqual(
      parsed.checks.map((c) => c.stack),
      ["police", "water", "platform"],
    );
    assert.ok(
      parsed.checks.some((c) => c.diagnostics.some((d) => d.enforcementLevel === "mandatory")),
    );
    assert.deepEqual(JSON.parse(parallel.stdout), parsed);
    assert.equal(parallel.exitCode, isolated.exitCode);
    assert.deepEqual(JSON.parse(single.stdout), parsed);
    assert.equal(single.exitCode, isolated.exitCode);
  });
});
