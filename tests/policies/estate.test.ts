/**
 * The real pack folder on the real estate, as CI runs it: the pack reads platform.yaml and
 * departments/ from the repository root (the parent of policies/), the offline planner plans a
 * department of the bundled estate, and the city's policy-config.json applies.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { openPolicyPack } from "../../analyzer";
import type { PolicyPackSession } from "../../analyzer";
import { loadEstate } from "../../model/estate-loader";
import { planStack } from "../../plan/run-plan";
import { PACK_DIR, REPO_ROOT, TODAY } from "./support/estate";
import { ensureCompiledPack, everything } from "./support/pack";

const DEPARTMENT = "water-resources";

describe("the pack on the bundled estate", function () {
  this.timeout(120_000);
  let pack: PolicyPackSession;

  before(async () => {
    ensureCompiledPack();
    const saved = { root: process.env.GOVCLOUD_ESTATE_ROOT, today: process.env.GOVCLOUD_TODAY };
    delete process.env.GOVCLOUD_ESTATE_ROOT;
    process.env.GOVCLOUD_TODAY = TODAY;
    try {
      pack = await openPolicyPack({
        packDir: PACK_DIR,
        launch: {
          organization: "organization",
          project: "govcloud",
          stack: DEPARTMENT,
          dryRun: true,
        },
      });
    } finally {
      if (saved.root !== undefined) process.env.GOVCLOUD_ESTATE_ROOT = saved.root;
      if (saved.today === undefined) delete process.env.GOVCLOUD_TODAY;
      else process.env.GOVCLOUD_TODAY = saved.today;
    }
  });
  after(() => pack?.close());

  it(`passes ${DEPARTMENT}, planned offline, with the city's config`, async () => {
    const plan = await planStack(loadEstate(REPO_ROOT, { today: TODAY }), DEPARTMENT);
    const report = await pack.analyze(plan, {
      configFile: join(REPO_ROOT, "policy-config.json"),
    });
    assert.deepEqual(everything(report), []);
    assert.ok(report.summary.resources > 60, `${report.summary.resources} resources`);
    assert.equal(report.summary.passed, true);
  });
});
