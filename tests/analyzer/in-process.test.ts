import { strict as assert } from "node:assert";
import {
  openPolicyPack,
  type AnalysisReport,
  type PolicyPackSession,
  type StackOptions,
} from "../../analyzer";
import { openInProcessPack } from "../../analyzer/in-process";
import type { StackPlan } from "../../plan/types";
import { PACKAGE_JSON, POLICY_YAML, removeTempPacks, tempPack, TEST_PACK, TS_PACK } from "./packs";
import { departmentPlan, resource, TYPES } from "./plans";

/** What must not depend on the mode: everything but timings, logs and the crash stack traces. */
function verdict(report: AnalysisReport) {
  return {
    pack: report.pack,
    policies: report.policies,
    config: report.config,
    diagnostics: report.diagnostics,
    notApplicable: report.notApplicable,
    remediations: report.remediations,
    crashes: report.crashes.map(({ detail, ...crash }) => ({
      ...crash,
      detail: detail.split("\n")[1],
    })),
    summary: report.summary,
  };
}

function cases(): Array<[string, StackPlan, StackOptions]> {
  const crashing = departmentPlan("roads");
  crashing.resources.push(resource("roads", TYPES.crash, "roads-crash", {}));
  return [
    ["a department", departmentPlan("health"), {}],
    [
      "tags and a lowered policy",
      departmentPlan("water"),
      {
        tags: { department: "water" },
        policyConfig: { "no-world-ssh": { enforcementLevel: "advisory" } },
      },
    ],
    ["a crashing policy", crashing, {}],
    [
      "a secret placeholder, no dry run",
      departmentPlan("parks"),
      { secretPlaceholder: "[secret]", dryRun: false },
    ],
  ];
}

describe("analyzer in-process mode", function () {
  this.timeout(60_000);
  let outOfProcess: PolicyPackSession;
  let inProcess: PolicyPackSession;
  const launch = {
    organization: "organization",
    project: "govcloud",
    stack: "health",
    dryRun: true,
  };

  before(async () => {
    outOfProcess = await openPolicyPack({ packDir: TEST_PACK, launch });
    inProcess = await openInProcessPack({ packDir: TEST_PACK });
  });
  after(async () => {
    await outOfProcess?.close();
    await inProcess?.close();
    removeTempPacks();
  });

  for (const [name, plan, options] of cases()) {
    it(`returns what the process mode returns: ${name}`, async () => {
      const expected = await outOfProcess.analyze(structuredClone(plan), options);
      const actual = await inProcess.analyze(structuredClone(plan), options);
      assert.equal(inProcess.kind, "in-process");
      assert.ok(expected.diagnostics.length > 0);
      assert.deepEqual(verdict(actual), verdict(expected));
    });
  }

  it("holds one pack per process, as the policy SDK allows", async () => {
    const other = tempPack({
      "PulumiPolicy.yaml": POLICY_YAML,
      "package.json": PACKAGE_JSON,
      "index.js": 'require("@pulumi/policy");\n',
    });
    await assert.rejects(
      openInProcessPack({ packDir: other }),
      /already holds policy pack .*govcloud-test/,
    );
    const again = await openInProcessPack({ packDir: TEST_PACK });
    assert.equal((await again.analyze(departmentPlan("health"))).summary.mandatory, 2);
  });

  it("refuses TypeScript packs", async () => {
    await assert.rejects(openInProcessPack({ packDir: TS_PACK }), /JavaScript packs only/);
  });
});
