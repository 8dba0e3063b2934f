/**
 * approval-tags: one resource at a time, as the engine sends them (inputs, provider). The test
 * department's approvals: case-db (critical) by zhang.wei on 2026-03-02, portal (important,
 * floating IPs) by zhang.wei, bastion (standard) without an approver; the VDC by liu.yang of the
 * platform team. Today is 2026-11-01.
 */
import { strict as assert } from "node:assert";
import type { StackPlan } from "../../plan/types";
import { FIXTURE_ROOT, STACK } from "./support/estate";
import { analyze, check as checkPolicy, isolate, notApplicableReasons } from "./support/pack";
import { edit, find, only, setLabel, T } from "./support/plans";
import { programPlan } from "./support/program-plan";

const POLICY = "approval-tags";

describe(POLICY, function () {
  this.timeout(60_000);
  let plan: StackPlan;
  beforeEach(async () => {
    plan = await programPlan(FIXTURE_ROOT, STACK);
  });
  const check = (names: string[], properties?: Record<string, unknown>) =>
    checkPolicy(only(plan, ...names), POLICY, properties);
  const caseDb = () => find(plan, "police-qingdao-case-db-0", T.instance);
  const bastion = () => find(plan, "police-qingdao-bastion-0", T.instance);

  it("passes every labelled resource the program builds", async () => {
    assert.deepEqual(await checkPolicy(plan, POLICY), []);
  });

  it("fails missing labels", async () => {
    setLabel(caseDb(), "owner", undefined);
    setLabel(caseDb(), "cost-centre", undefined);
    assert.deepEqual(await check(["police-qingdao-case-db-0"]), [
      "mandatory police-qingdao-case-db-0: police-qingdao-case-db-0 (compute.Instance) lacks the labels owner, cost-centre; every taggable resource names its department, owner, cost centre, approval ticket and approval date (the program writes them from the department file).",
    ]);
  });

  it("fails an owner or a cost centre that is not the department's", async () => {
    setLabel(bastion(), "owner", "wang.fang");
    setLabel(bastion(), "cost-centre", "QD-2201");
    assert.deepEqual(await check(["police-qingdao-bastion-0"]), [
      "mandatory police-qingdao-bastion-0: owner=wang.fang is not an owner of police (owners: zhang.wei, sun.li).",
      "mandatory police-qingdao-bastion-0: cost-centre=QD-2201 is not police's cost centre QD-1101 (departments/police.yaml).",
    ]);
  });

  it("fails a ticket that is not in the platform's format", async () => {
    setLabel(bastion(), "approval", "CHG-232");
    assert.deepEqual(await check(["police-qingdao-bastion-0"]), [
      "mandatory police-qingdao-bastion-0: approval=CHG-232 is not a ticket of the change system (^QD-(CHG|REQ)-[0-9]{4}-[0-9]{5}$, e.g. QD-CHG-2026-00142).",
    ]);
  });

  it("fails an approval date that is not a date, or is in the future", async () => {
    setLabel(bastion(), "approved-on", "2026-02-30");
    setLabel(caseDb(), "approved-on", "2026-12-01");
    assert.deepEqual(await check(["police-qingdao-bastion-0", "police-qingdao-case-db-0"]), [
      "mandatory police-qingdao-bastion-0: approved-on=2026-02-30 is not a date: February 2026 has 28 days.",
      "mandatory police-qingdao-case-db-0: approved-on=2026-12-01 is after today (2026-11-01); an approval cannot be dated in the future.",
    ]);
  });

  it("leaves expiry to change-approval and approval-recertification", async () => {
    assert.deepEqual(await checkPolicy(plan, POLICY, { today: "2030-01-01" }), []);
  });

  it("fails a critical workload without a named approver, whatever its tier label says", async () => {
    setLabel(caseDb(), "approver", undefined);
    setLabel(caseDb(), "tier", "standard");
    assert.deepEqual(await check(["police-qingdao-case-db-0"]), [
      "mandatory police-qingdao-case-db-0: police-qingdao-case-db-0 (compute.Instance) needs a named approver: it belongs to the critical tier. Add approver: <id> to the approval in the department file; an approver of the department or of the platform team: zhang.wei, liu.yang.",
    ]);
  });

  it("fails a floating IP without a named approver", async () => {
    const fip = find(plan, "police-qingdao-portal-0-fip", T.floatingIp);
    setLabel(fip, "approver", undefined);
    assert.deepEqual(await check(["police-qingdao-portal-0-fip"]), [
      "mandatory police-qingdao-portal-0-fip: police-qingdao-portal-0-fip (networking.FloatingIp) needs a named approver: it belongs to the important tier; it is a floating IP, reachable from outside. Add approver: <id> to the approval in the department file; an approver of the department or of the platform team: zhang.wei, liu.yang.",
    ]);
  });

  it("fails a workload larger than largeChangeVcpus without a named approver", async () => {
    const names = ["police-qingdao-bastion-0"];
    assert.deepEqual(await check(names), []);
    assert.deepEqual(await check(names, { largeChangeVcpus: 1 }), [
      "mandatory police-qingdao-bastion-0: police-qingdao-bastion-0 (compute.Instance) needs a named approver: workload bastion has 2 vCPUs at qingdao, more than largeChangeVcpus (1). Add approver: <id> to the approval in the department file; an approver of the department or of the platform team: zhang.wei, liu.yang.",
    ]);
  });

  it("fails an approver who may not approve", async () => {
    setLabel(caseDb(), "approver", "sun.li");
    const network = find(plan, "police-qingdao-data", T.network);
    setLabel(network, "approver", "zhang.wei");
    assert.deepEqual(await check(["police-qingdao-case-db-0", "police-qingdao-data"]), [
      "mandatory police-qingdao-data: approver=zhang.wei may not approve this; a platform approver (the platform team approves the VDC and its quota): liu.yang.",
      "mandatory police-qingdao-case-db-0: approver=sun.li may not approve this; an approver of the department or of the platform team: zhang.wei, liu.yang.",
    ]);
  });

  it("fails a resource of a department without a file", async () => {
    setLabel(bastion(), "department", "ghost");
    assert.deepEqual(await check(["police-qingdao-bastion-0"]), [
      "mandatory police-qingdao-bastion-0: department ghost has no file departments/ghost.yaml, so the owner, cost centre and approvers of police-qingdao-bastion-0 (compute.Instance) cannot be checked.",
    ]);
  });

  it("does not pass labels it cannot read during the preview", async () => {
    edit(bastion(), (p) => {
      p.tags = { "[unknown]": "array" };
      p.metadata = { "[unknown]": "object" };
    });
    assert.deepEqual(await check(["police-qingdao-bastion-0"]), [
      "mandatory police-qingdao-bastion-0: the labels of police-qingdao-bastion-0 (compute.Instance) cannot be checked: .tags is not known during the preview (it is computed from another resource)",
    ]);
  });

  it("is not applicable to resources without labels", async () => {
    const report = await analyze(only(plan, "police-qingdao-bastion-tcp-22-from-10.8.0.0-16"), {
      policyConfig: isolate(POLICY),
    });
    assert.deepEqual(
      notApplicableReasons(report, POLICY, "police-qingdao-bastion-tcp-22-from-10.8.0.0-16"),
      ["networking.SecGroupRule carries no labels"],
    );
  });
});
