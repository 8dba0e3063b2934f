/**
 * change-approval and approval-recertification: whether an approval is due is decided per
 * approval (ticket), for the whole stack. The test department's approvals: the VDC
 * QD-CHG-2026-00011 of 2026-02-10, case-db QD-CHG-2026-00153 of 2026-03-02, portal
 * QD-REQ-2026-00871 of 2026-05-18, bastion QD-CHG-2026-00232 of 2026-02-17; valid for 365 days.
 */
import { strict as assert } from "node:assert";
import type { StackPlan } from "../../plan/types";
import { FIXTURE_ROOT, STACK } from "./support/estate";
import { analyze, check, findings, isolate, POLICY_NAMES } from "./support/pack";
import { find, T } from "./support/plans";
import { programPlan } from "./support/program-plan";

const CHANGE = "change-approval";
const RECERTIFY = "approval-recertification";
/** The day after case-db's approval was last valid: it, the VDC's and bastion's are due. */
const LATER = "2027-03-03";

const VDC_DUE =
  "police-project: the approval QD-CHG-2026-00011 of 2026-02-10 was valid until 2027-02-10 (365 days) and is due for recertification; it covers the department's shared resources (its VDC, networks and quota), 15 resources (police-laixi-app, police-laixi-data, police-laixi-mgmt, police-qingdao-app, police-qingdao-data and 10 more). Recertify it: a new ticket and date in the department file; a change to what it covers needs that first.";
const CASE_DB_DUE =
  "police-laixi-case-db-0: the approval QD-CHG-2026-00153 of 2026-03-02 was valid until 2027-03-02 (365 days) and is due for recertification; it covers workload case-db, 18 resources (police-laixi-case-db, police-qingdao-case-db, police-laixi-case-db-0-data, police-laixi-case-db-0-data-from-qingdao, police-laixi-case-db-1-data and 13 more). Recertify it: a new ticket and date in the department file; a change to what it covers needs that first.";
const BASTION_DUE =
  "police-qingdao-bastion-0: the approval QD-CHG-2026-00232 of 2026-02-17 was valid until 2027-02-17 (365 days) and is due for recertification; it covers workload bastion, 4 resources (police-qingdao-bastion, police-qingdao-bastion-0-logs, police-qingdao-bastion-0, police-qingdao-bastion-0-port). Recertify it: a new ticket and date in the department file; a change to what it covers needs that first.";

describe("approval expiry", function () {
  this.timeout(60_000);
  let plan: StackPlan;
  beforeEach(async () => {
    plan = await programPlan(FIXTURE_ROOT, STACK);
  });
  const urnOf = (name: string, type?: string) => find(plan, name, type).urn;

  it("finds nothing while every approval is valid", async () => {
    assert.deepEqual(await check(plan, RECERTIFY), []);
    const changedResources = [
      urnOf("police-project"),
      urnOf("police-qingdao-case-db-0", T.instance),
    ];
    assert.deepEqual(await check(plan, CHANGE, { changedResources }), []);
  });

  it("reports what runs under an expired approval as due for recertification, advisory, once per approval", async () => {
    assert.deepEqual(await check(plan, RECERTIFY, { today: LATER }), [
      `advisory ${VDC_DUE}`,
      `advisory ${CASE_DB_DUE}`,
      `advisory ${BASTION_DUE}`,
    ]);
  });

  it("passes an approval on its last valid day", async () => {
    assert.deepEqual(await check(plan, RECERTIFY, { today: "2027-03-02" }), [
      `advisory ${VDC_DUE}`,
      `advisory ${BASTION_DUE}`,
    ]);
  });

  it("blocks a change to what an expired approval covers, once per approval", async () => {
    const changedResources = [
      urnOf("police-qingdao-case-db-0", T.instance),
      urnOf("police-laixi-case-db-0", T.instance),
      // under a valid approval: nothing to say
      urnOf("police-qingdao-portal-0", T.instance),
    ];
    const report = await analyze(plan, {
      policyConfig: {
        ...Object.fromEntries(POLICY_NAMES.map((name) => [name, "disabled"])),
        [CHANGE]: { changedResources, today: LATER },
        [RECERTIFY]: { changedResources, today: LATER },
      },
    });
    assert.deepEqual(findings(report, CHANGE), [
      "mandatory police-laixi-case-db-0: the approval QD-CHG-2026-00153 of 2026-03-02 was valid until 2027-03-02 (365 days), and this change creates or alters 2 resources of workload case-db under it (police-laixi-case-db-0, police-qingdao-case-db-0); it also covers 16 resources left as they are. Renew it before the change: a new ticket and date in the department file.",
    ]);
    // The approval the change needs is not reported twice; the others are still due.
    assert.deepEqual(findings(report, RECERTIFY), [
      `advisory ${VDC_DUE}`,
      `advisory ${BASTION_DUE}`,
    ]);
    assert.equal(report.summary.passed, false);
  });

  it("is told what changes by the policies that declare changedResources, the others untouched", async () => {
    const changedResources = [urnOf("police-qingdao-case-db-0", T.instance)];
    const report = await analyze(plan, {
      policyConfig: { ...isolate(CHANGE, { today: LATER }), [RECERTIFY]: { today: LATER } },
      declaredProperties: { changedResources },
    });
    assert.deepEqual(report.config[CHANGE].properties.changedResources, changedResources);
    assert.deepEqual(report.config[RECERTIFY].properties.changedResources, changedResources);
    assert.equal("changedResources" in report.config["approval-tags"].properties, false);
    assert.equal(findings(report, CHANGE).length, 1);
    assert.deepEqual(findings(report, RECERTIFY), [
      `advisory ${VDC_DUE}`,
      `advisory ${BASTION_DUE}`,
    ]);
  });

  it("has nothing to judge when no change is listed", async () => {
    const report = await analyze(plan, { policyConfig: isolate(CHANGE, { today: LATER }) });
    assert.deepEqual(findings(report, CHANGE), []);
    assert.deepEqual(
      report.notApplicable.filter((n) => n.policyName === CHANGE).map((n) => n.reason),
      ["no change is listed (changedResources): nothing is created or altered"],
    );
    assert.equal(report.summary.passed, true);
  });

  it("honours the level the city sets for recertification", async () => {
    assert.deepEqual(
      await check(plan, RECERTIFY, { enforcementLevel: "mandatory", today: LATER }),
      [`mandatory ${VDC_DUE}`, `mandatory ${CASE_DB_DUE}`, `mandatory ${BASTION_DUE}`],
    );
    assert.deepEqual(
      await check(plan, RECERTIFY, { enforcementLevel: "disabled", today: LATER }),
      [],
    );
  });

  it("recertifies every validityDays the city chooses", async () => {
    assert.deepEqual(await check(plan, RECERTIFY, { today: LATER, validityDays: 730 }), []);
  });
});
