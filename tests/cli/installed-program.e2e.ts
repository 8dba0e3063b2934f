/**
 * The policy pack comes with the program, not with the estate: `--root` may name a folder that
 * holds only platform.yaml and departments/ (a copy of the estate), and check, review, preview
 * and up still find the pack where govcloud is installed. A pack given with --policy-pack is
 * relative to the working folder.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { policySetup } from "../../cli/check-command";
import { bundledPackDir, programRoot } from "../../cli/installed-program";
import { UsageError } from "../../cli/usage-error";
import { EstateRepo } from "../review/estate-repo";
import type { ReviewReport } from "../../review/types";
import { copyBundledEstate } from "../support/bundled-estate";

const REPO = resolve(__dirname, "..", "..");
const CLI = join(REPO, "dist", "cli", "main.js");
const TODAY = "2026-11-26";

/** A folder with a copy of the bundled estate's platform.yaml and departments, nothing else. */
function estateCopy(): string {
  const root = mkdtempSync(join(tmpdir(), "govcloud-estate-copy-"));
  copyBundledEstate(root);
  return root;
}

describe("what the program brings with it", function () {
  // Whole commands on a busy machine: generous, the work itself takes seconds.
  this.timeout(300_000);

  it("is found from the running module, built or from source", () => {
    assert.equal(programRoot(), REPO);
    assert.equal(programRoot(join(REPO, "dist", "cli")), REPO);
    assert.equal(bundledPackDir(), join(REPO, "policies"));
    assert.throws(() => programRoot(tmpdir()), /cannot find govcloud's package.json/);
  });

  it("gives the default pack whatever the estate, and a given one from the working folder", () => {
    const root = estateCopy();
    try {
      assert.deepEqual(policySetup(root, root, {}), { packDir: join(REPO, "policies") });
      mkdirSync(join(root, "packs"));
      cpSync(join(REPO, "policies", "PulumiPolicy.yaml"), join(root, "packs", "PulumiPolicy.yaml"));
      assert.deepEqual(policySetup(REPO, root, { packDir: "packs" }).packDir, join(root, "packs"));
      assert.throws(
        () => policySetup(root, REPO, { packDir: "packs" }),
        (error: unknown) =>
          error instanceof UsageError && error.message.includes(join(REPO, "packs")),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("lets the built command check a copy of the estate with the installed pack", () => {
    const root = estateCopy();
    try {
      const run = spawnSync(
        process.execPath,
        [CLI, "check", "health", "--root", root, "--today", TODAY],
        { cwd: root, encoding: "utf8", timeout: 240_000 },
      );
      assert.equal(run.status, 0, run.stderr + run.stdout);
      assert.match(run.stdout, /govcloud check: passed: 1 stack/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("lets the built command review a repository that holds only an estate", () => {
    const repo = new EstateRepo();
    try {
      // SSH from anywhere: only the pack sees it, so a mandatory violation shows the pack ran.
      repo.edit(
        "departments/health.yaml",
        "    approval: { ticket: QD-CHG-2026-00042, date: 2026-02-11 }\n",
        "    ingress:\n      - { protocol: tcp, port: 22, from: 0.0.0.0/0 }\n" +
          "    approval: { ticket: QD-CHG-2026-00042, date: 2026-02-11 }\n",
      );
      const run = repo.run(["review", "--base", "HEAD", "--format", "json", "--today", TODAY]);
      assert.equal(run.status, 1, run.stderr + run.stdout.slice(0, 2000));
      const report = JSON.parse(run.stdout) as ReviewReport;
      assert.deepEqual(
        report.stacks.map((stack) => stack.stack),
        ["health"],
      );
      const [health] = report.stacks;
      assert.equal(health.headFailure, undefined);
      assert.ok(
        health.check?.diagnostics.some(
          (d) => d.policyName === "security-baseline" && d.enforcementLevel === "mandatory",
        ),
        JSON.stringify(health.check),
      );
    } finally {
      repo.remove();
    }
  });
});
