/**
 * A rule that throws is a crash, never a pass: the pack's own adapter lets the exception through,
 * @pulumi/policy fails the RPC, and the engine stops the preview ("failed to run policy"). The
 * real rules, compiled, are run here with facts that lack the catalog and the sites, so that they
 * fail on the first instance they look at.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { openPolicyPack } from "../../analyzer";
import type { PolicyPackSession } from "../../analyzer";
import { FIXTURE_ROOT, REPO_ROOT, STACK } from "./support/estate";
import { ensureCompiledPack } from "./support/pack";
import { only } from "./support/plans";
import { programPlan } from "./support/program-plan";
import { removeTempPacks, tempPack } from "./support/temp-pack";

const dist = (file: string) => JSON.stringify(join(REPO_ROOT, "dist", "policies", file));

const INDEX = `
const { PolicyPack } = require("@pulumi/policy");
const { departmentQuota } = require(${dist("department-quota.js")});
const { securityBaseline } = require(${dist("security-baseline.js")});
// No flavors and no sites: each rule throws a TypeError on the first instance it looks at.
const facts = { today: "2026-11-01", images: [], volumeTypes: {}, tiers: {}, departments: {} };
new PolicyPack("govcloud-crash", { policies: [departmentQuota(facts), securityBaseline(facts)] });
`;

describe("a rule that crashes", function () {
  this.timeout(60_000);
  let pack: PolicyPackSession;

  before(async () => {
    ensureCompiledPack();
    const dir = tempPack({
      "PulumiPolicy.yaml": "runtime: nodejs\n",
      "package.json": JSON.stringify({
        name: "govcloud-crash",
        version: "0.0.1",
        main: "index.js",
      }),
      "index.js": INDEX,
    });
    pack = await openPolicyPack({
      packDir: dir,
      launch: { organization: "organization", project: "govcloud", stack: STACK, dryRun: true },
    });
  });
  after(async () => {
    await pack?.close();
    removeTempPacks();
  });

  it("is reported as a crash of that rule, and the stack does not pass", async () => {
    const plan = only(await programPlan(FIXTURE_ROOT, STACK), "police-qingdao-bastion-0");
    const report = await pack.analyze(plan);
    assert.deepEqual(
      report.crashes.map(
        (c) => `${c.phase} ${c.policyName} ${c.urn?.split("::").pop() ?? "stack"}`,
      ),
      ["analyze security-baseline police-qingdao-bastion-0", "analyzeStack department-quota stack"],
    );
    for (const crash of report.crashes) assert.match(crash.message, /crashed .*TypeError/);
    assert.deepEqual(report.diagnostics, []);
    assert.equal(report.summary.passed, false);
  });
});
