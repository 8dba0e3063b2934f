/**
 * The pack as the engine sees it (GetAnalyzerInfo through the harness): its exact policies,
 * levels, severities and config defaults; and the program's own stack for the test department,
 * previewed, which must pass every rule.
 */
import { strict as assert } from "node:assert";
import { cityPolicies } from "../../policies/city-policies";
import { cityFacts } from "../../policies/lib/facts";
import { estateAt, FIXTURE_ROOT, STACK, TODAY } from "./support/estate";
import { analyze, everything, fixturePack, POLICY_NAMES } from "./support/pack";
import { find, T } from "./support/plans";
import { programPlan } from "./support/program-plan";

describe("govcloud policy pack", function () {
  this.timeout(120_000);

  it("passes the program's own stack, previewed, without a single diagnostic", async () => {
    const plan = await programPlan(FIXTURE_ROOT, STACK);
    // A preview: the ids the rules would compare are not known, only the dependencies are.
    const hints = find(plan, "police-qingdao-case-db-0", T.instance).inputs.schedulerHints;
    assert.deepEqual(hints, [{ group: { "[unknown]": true } }]);
    const report = await analyze(plan);
    assert.deepEqual(everything(report), []);
    assert.equal(report.summary.resources, plan.resources.length + 1); // and the root stack
    assert.equal(report.summary.passed, true);
  });

  it("holds exactly these policies, at these levels and severities", async () => {
    const pack = await fixturePack();
    await analyze({ project: "govcloud", stack: STACK, resources: [], outputs: {} });
    const info = pack.packInfo!;
    assert.equal(info.name, "govcloud");
    assert.equal(info.version, "0.1.0");
    assert.equal(info.supportsConfig, true);
    assert.deepEqual(
      info.policies.map((p) => `${p.name} ${p.type} ${p.enforcementLevel} ${p.severity}`),
      [
        "approval-recertification stack advisory medium",
        "approval-tags resource mandatory high",
        "change-approval stack mandatory high",
        "department-quota stack mandatory high",
        "disaster-recovery stack mandatory critical",
        "naming-tagging resource advisory medium",
        "security-baseline resource mandatory critical",
        "site-capacity stack mandatory high",
        "site-failover stack mandatory high",
      ],
    );
    assert.deepEqual(info.policies.map((p) => p.name).sort(), [...POLICY_NAMES].sort());
  });

  it("gives every config property a default, the same whatever the estate", async () => {
    const pack = await fixturePack();
    await analyze({ project: "govcloud", stack: STACK, resources: [], outputs: {} });
    const defaults = Object.fromEntries(
      pack.packInfo!.policies.map((p) => [
        p.name,
        Object.fromEntries(
          Object.entries(p.configSchema?.properties ?? {})
            .filter(([key]) => key !== "enforcementLevel")
            .map(([key, schema]) => [key, schema.default]),
        ),
      ]),
    );
    assert.deepEqual(defaults, {
      // Empty and 0 stand for platform.yaml's; empty facts for the estate beside the pack.
      "approval-tags": { facts: {}, largeChangeVcpus: 64, ticketPattern: "", today: "" },
      "change-approval": { changedResources: [], facts: {}, today: "", validityDays: 0 },
      "approval-recertification": { changedResources: [], facts: {}, today: "", validityDays: 0 },
      "department-quota": {
        facts: {},
        dimensions: [
          "instances",
          "vcpus",
          "ramGiB",
          "volumes",
          "volumeGiB",
          "floatingIps",
          "networks",
        ],
      },
      "disaster-recovery": {
        allowSoftAntiAffinity: false,
        facts: {},
        requirePairingCommand: true,
      },
      "naming-tagging": { checkOpenStackNames: true, exemptNames: [], facts: {} },
      "security-baseline": {
        facts: {},
        forbiddenImages: [],
        forbiddenPorts: [
          22, 23, 1433, 1521, 3306, 3389, 5236, 5432, 5900, 6379, 9200, 9300, 11211, 27017, 54321,
        ],
      },
      "site-capacity": { facts: {}, headroomPercent: 0 },
      "site-failover": { facts: {}, headroomPercent: 0, tiers: [] },
    });
  });

  it("exports each rule as a plain policy object with its metadata", () => {
    const facts = cityFacts(estateAt(FIXTURE_ROOT), TODAY);
    const policies = cityPolicies(facts);
    assert.deepEqual(
      policies.map((p) => p.name),
      [...POLICY_NAMES],
    );
    for (const policy of policies) {
      assert.ok(policy.description.length > 40, policy.name);
      assert.ok((policy.remediationSteps ?? "").length > 40, policy.name);
      assert.ok(policy.severity, policy.name);
      assert.ok(policy.enforcementLevel, policy.name);
      const properties = Object.entries(policy.configSchema?.properties ?? {});
      assert.ok(properties.length > 0, policy.name);
      for (const [key, schema] of properties) {
        assert.ok(typeof schema === "object" && "default" in schema, `${policy.name}.${key}`);
        assert.ok(typeof schema === "object" && schema.description, `${policy.name}.${key}`);
      }
    }
  });
});
