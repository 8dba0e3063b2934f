/**
 * A change to the program (not to the estate) is reviewed by planning the base with the base's
 * own program: a temporary repository holds a copy of this project's program with the small test
 * estate, the head changes a component, and the head's own command reviews it.
 */
import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ReviewReport } from "../../review/types";
import { EstateRepo, REPO, TODAY } from "./estate-repo";

/** The program's files as committed here, without the bundled estate, tests and docs. */
function programFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], { cwd: REPO, encoding: "utf8" })
    .split("\0")
    .filter((file) => file !== "")
    .filter((file) => !/^(tests|docs|departments|stacks|\.github)\//.test(file))
    .filter((file) => file !== "platform.yaml"); // the test estate's stays
}

describe("govcloud review of a program change", function () {
  this.timeout(600_000);

  it("plans the base with the base's program and shows what the new program changes", () => {
    const repo = new EstateRepo();
    try {
      for (const file of programFiles()) {
        mkdirSync(dirname(join(repo.dir, file)), { recursive: true });
        cpSync(join(REPO, file), join(repo.dir, file));
      }
      symlinkSync(join(REPO, "node_modules"), join(repo.dir, "node_modules"), "dir");
      repo.commit("the program");
      // What the build does before the head runs: generated/ is build output, not committed, so
      // the base's checkout has none and the review generates it there (review/base-plans.ts).
      const built = spawnSync(
        process.execPath,
        [
          "-r",
          require.resolve("ts-node/register/transpile-only"),
          join(repo.dir, "scripts", "compile-schemas.ts"),
        ],
        { cwd: repo.dir, encoding: "utf8" },
      );
      assert.equal(built.status, 0, built.stderr);
      assert.equal(repo.git("status", "--porcelain"), "", "generated/ is never committed");
      repo.edit("components/workload.ts", "stopBeforeDestroy: true,", "stopBeforeDestroy: false,");
      repo.commit("instances are not stopped before they are destroyed");

      const run = spawnSync(
        process.execPath,
        [
          "-r",
          require.resolve("ts-node/register/transpile-only"),
          join(repo.dir, "cli", "main.ts"),
          "review",
          "--base",
          "HEAD~1",
          "--format",
          "json",
          "--today",
          TODAY,
          "--policy-pack",
          join(REPO, "policies"),
          "--policy-config",
          join(REPO, "policy-config.json"),
        ],
        { cwd: repo.dir, encoding: "utf8", timeout: 600_000 },
      );
      assert.equal(run.status, 0, run.stderr + run.stdout.slice(0, 3000));
      const report = JSON.parse(run.stdout) as ReviewReport;
      assert.deepEqual(report.changedFiles, ["components/workload.ts"]);
      assert.equal(report.basePlannedWith, "base program");
      assert.deepEqual(
        report.stacks.map((stack) => stack.stack),
        ["platform", "health", "water"],
      );
      for (const name of ["health", "water"]) {
        const stack = report.stacks.find((entry) => entry.stack === name)!;
        assert.equal(stack.baseFailure, undefined);
        assert.ok(stack.changes.length > 0);
        for (const change of stack.changes) {
          assert.equal(change.type, "openstack:compute/instance:Instance");
          assert.equal(change.kind, "update");
          assert.deepEqual(change.properties, [
            { path: "stopBeforeDestroy", before: true, after: false, forcesReplacement: false },
          ]);
        }
      }
      assert.equal(report.stacks[0].status, "unchanged");
    } finally {
      repo.remove();
    }
  });
});
