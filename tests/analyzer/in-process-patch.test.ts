/**
 * The in-process mode's patch of grpc-js (analyzer/in-process.ts), under the guard of
 * plan/sdk-patches.ts: applied, the pack's handlers are called in this process; switched off (or
 * refused), the same call opens the pack in a process of its own, with the same verdicts.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { openInProcessPack } from "../../analyzer/in-process";
import { PATCHES_VARIABLE, sdkPatchOutcomes } from "../../plan/sdk-patches";
import { ROOT, TEST_PACK } from "./packs";
import { departmentPlan } from "./plans";

/** Runs in a child process: the session's kind and the verdict on a department. */
const SCRIPT = `
const { openInProcessPack } = require("./analyzer/in-process");
const { departmentPlan } = require("./tests/analyzer/plans");
(async () => {
  const session = await openInProcessPack({ packDir: ${JSON.stringify(TEST_PACK)} });
  const report = await session.analyze(departmentPlan("health"));
  await session.close();
  process.stdout.write(JSON.stringify({ kind: session.kind, mandatory: report.summary.mandatory }));
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

describe("the in-process pack patch", function () {
  // Starts a pack process in a child Node with ts-node: many seconds on a busy machine.
  this.timeout(240_000);

  it("loads the pack into this process when the guard applies it", async () => {
    const session = await openInProcessPack({ packDir: TEST_PACK });
    assert.equal(sdkPatchOutcomes().get("in-process-pack"), true);
    assert.equal(session.kind, "in-process");
    assert.equal((await session.analyze(departmentPlan("health"))).summary.mandatory, 2);
  });

  it("runs the pack in a process of its own when switched off, with the same verdict", () => {
    const run = spawnSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "-e", SCRIPT],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 200_000,
        env: { ...process.env, [PATCHES_VARIABLE]: "off:in-process-pack" },
      },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { kind: "process", mandatory: 2 });
    assert.doesNotMatch(run.stderr, /warning/);
  });
});
