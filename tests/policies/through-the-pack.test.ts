/**
 * The rules through the real pack, run out of process as the engine runs it (support/pack.ts):
 * what the pure rules decide (their tables, one file each) reaches the engine under the right
 * policy, at the right level, attributed to the right resource. One plan of the test department,
 * previewed by the program under the mocks, with one thing broken for each of the nine rules;
 * the rules that do not apply say so; the platform stack is judged by security-baseline alone.
 */
import { strict as assert } from "node:assert";
import type { AnalysisReport } from "../../analyzer";
import type { StackPlan } from "../../plan/types";
import { FIXTURE_ROOT, STACK } from "./support/estate";
import {
  analyze,
  isolate,
  messageOf,
  notApplicableReasons,
  POLICY_NAMES,
  urnName,
} from "./support/pack";
import { edit, find, only, setLabel, T } from "./support/plans";
import { programPlan } from "./support/program-plan";

const SSH = "police-qingdao-bastion-tcp-22-from-10.8.0.0-16";
/** The day after case-db's approval was last valid: it, the VDC's and bastion's have expired. */
const LATER = "2027-03-03";

/** `<policy> <level> <resource>` of every diagnostic, sorted, and the messages under each. */
function verdicts(report: AnalysisReport): { said: string[]; messages: Map<string, string[]> } {
  assert.deepEqual(report.crashes, []);
  const messages = new Map<string, string[]>();
  const said = report.diagnostics.map((d) => {
    const key = `${d.policyName} ${d.enforcementLevel} ${urnName(d.urn)}`;
    messages.set(key, [...(messages.get(key) ?? []), messageOf(d)]);
    return key;
  });
  return { said: said.sort(), messages };
}

describe("the rules through the pack", function () {
  // The pack starts once, in its own process, for every policy test: a busy machine may be slow.
  this.timeout(120_000);
  let plan: StackPlan;
  beforeEach(async () => {
    plan = await programPlan(FIXTURE_ROOT, STACK);
  });

  it("reports a broken stack under each of the nine policies, at its level and resource", async () => {
    const caseDb = find(plan, "police-qingdao-case-db-0", T.instance);
    const bastion = find(plan, "police-qingdao-bastion-0", T.instance);
    // department-quota: a quota the preview cannot know
    edit(find(plan, "police-qingdao-compute-quota"), (p) => (p.cores = { "[unknown]": "number" }));
    // approval-tags: an owner of another department
    setLabel(bastion, "owner", "wang.fang");
    // disaster-recovery: replicas that may share a host
    edit(
      find(plan, "police-laixi-portal", T.serverGroup),
      (p) => (p.policies = ["soft-anti-affinity"]),
    );
    // security-baseline: SSH open to the world
    edit(find(plan, SSH, T.secGroupRule), (p) => (p.remoteIpPrefix = "0.0.0.0/0"));
    // naming-tagging: an OpenStack name that is not the Pulumi name
    edit(bastion, (p) => (p.name = "bastion"));
    const report = await analyze(plan, {
      policyConfig: {
        // site-capacity and site-failover: less room than the stack needs
        "site-capacity": { headroomPercent: 50 },
        "site-failover": { headroomPercent: 10 },
        // change-approval and approval-recertification: a change on a day approvals have expired
        "change-approval": { today: LATER },
        "approval-recertification": { today: LATER },
      },
      // What `govcloud review` passes: the harness gives it to the policies that declare it.
      declaredProperties: { changedResources: [caseDb.urn] },
    });

    const { said, messages } = verdicts(report);
    assert.deepEqual(said, [
      "approval-recertification advisory police-project",
      "approval-recertification advisory police-qingdao-bastion-0",
      "approval-tags mandatory police-qingdao-bastion-0",
      "change-approval mandatory police-qingdao-case-db-0",
      "department-quota mandatory police-qingdao-compute-quota",
      "disaster-recovery mandatory police-laixi-portal",
      "naming-tagging advisory police-qingdao-bastion-0",
      "security-baseline mandatory police-qingdao-bastion-tcp-22-from-10.8.0.0-16",
      "site-capacity mandatory govcloud-police",
      "site-capacity mandatory govcloud-police",
      "site-capacity mandatory govcloud-police",
      "site-failover mandatory govcloud-police",
    ]);
    const says = (key: string, pattern: RegExp) =>
      assert.ok(
        messages.get(key)?.some((m) => pattern.test(m)),
        `${key}: ${messages.get(key)?.join("\n")}`,
      );
    // Not the SDK's advisory "can't run policy during preview": the rule's own mandatory verdict.
    says(
      "department-quota mandatory police-qingdao-compute-quota",
      /^26 vCPUs at qingdao cannot be checked: \.cores is not known during the preview/,
    );
    says(
      "approval-tags mandatory police-qingdao-bastion-0",
      /^owner=wang\.fang is not an owner of police/,
    );
    says(
      "change-approval mandatory police-qingdao-case-db-0",
      /^the approval QD-CHG-2026-00153 of 2026-03-02 was valid until 2027-03-02/,
    );
    says(
      "approval-recertification advisory police-project",
      /^the approval QD-CHG-2026-00011 of 2026-02-10 .* is due for recertification/,
    );
    says("disaster-recovery mandatory police-laixi-portal", /has policies \[soft-anti-affinity\]/);
    says(
      "security-baseline mandatory police-qingdao-bastion-tcp-22-from-10.8.0.0-16",
      /opens tcp port 22 to 0\.0\.0\.0\/0/,
    );
    says("naming-tagging advisory police-qingdao-bastion-0", /is called bastion in OpenStack/);
    says(
      "site-capacity mandatory govcloud-police",
      /^qingdao cannot hold this stack: it adds 5 instances/,
    );
    says(
      "site-failover mandatory govcloud-police",
      /^if laixi is lost, qingdao cannot take what the tiers promise/,
    );
    assert.equal(report.summary.passed, false);

    // The harness told changedResources to the two policies that declare it, and to no other.
    assert.deepEqual(report.config["change-approval"].properties.changedResources, [caseDb.urn]);
    assert.deepEqual(report.config["approval-recertification"].properties.changedResources, [
      caseDb.urn,
    ]);
    assert.equal("changedResources" in report.config["approval-tags"].properties, false);
  });

  it("tells the engine which rules do not apply, and why", async () => {
    const report = await analyze(only(plan, SSH, "police-qingdao-data"));
    assert.deepEqual(
      report.notApplicable.filter((n) => n.policyName === "change-approval").map((n) => n.reason),
      ["no change is listed (changedResources): nothing is created or altered"],
    );
    assert.deepEqual(notApplicableReasons(report, "approval-tags", SSH), [
      "networking.SecGroupRule carries no labels",
    ]);
    assert.deepEqual(notApplicableReasons(report, "security-baseline", "police-qingdao-data"), [
      "the baseline does not cover networking.Network",
    ]);
  });

  it("raises recertification to the level the city sets", async () => {
    const report = await analyze(plan, {
      policyConfig: isolate("approval-recertification", {
        enforcementLevel: "mandatory",
        today: LATER,
      }),
    });
    assert.deepEqual(
      report.diagnostics.map((d) => `${d.enforcementLevel} ${urnName(d.urn)}`),
      [
        "mandatory police-project",
        "mandatory police-laixi-case-db-0",
        "mandatory police-qingdao-bastion-0",
      ],
    );
    assert.equal(report.summary.passed, false);
  });

  it("judges the platform stack by security-baseline alone", async () => {
    edit(find(plan, SSH, T.secGroupRule), (p) => (p.remoteIpPrefix = "0.0.0.0/0"));
    const platform = JSON.parse(
      JSON.stringify(only(plan, SSH, "police-qingdao-data")).replaceAll(
        `urn:pulumi:${STACK}::`,
        "urn:pulumi:platform::",
      ),
    ) as StackPlan;
    platform.stack = "platform";
    const report = await analyze(platform);
    const { said } = verdicts(report);
    assert.deepEqual(said, [`security-baseline mandatory ${SSH}`]);
    const outOfScope = new Set(
      report.notApplicable
        .filter((n) => n.reason === "stack platform holds no department resources")
        .map((n) => n.policyName),
    );
    assert.deepEqual(
      [...outOfScope].sort(),
      POLICY_NAMES.filter((name) => name !== "security-baseline").sort(),
    );
  });
});
