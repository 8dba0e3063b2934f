/**
 * approval-recertification, called directly on the test department's stack (support/views.ts
 * policeStack). Its approvals: the VDC QD-CHG-2026-00011 of 2026-02-10 (the project and 6
 * networks), case-db QD-CHG-2026-00153 of 2026-03-02 (4 instances and 8 volumes), portal
 * QD-REQ-2026-00871 of 2026-05-18, bastion QD-CHG-2026-00232 of 2026-02-17 (an instance and a
 * volume); valid for 365 days.
 */
import type { ApprovalRecertificationConfig } from "../../policies/approval-recertification";
import { checkApprovalRecertification } from "../../policies/approval-recertification";
import type { ResourceView } from "../../policies/lib/resource-view";
import type { Case } from "./support/table";
import type { Finding } from "./support/verdicts";
import { table } from "./support/table";
import { named, policeStack, relabel, T, urnOf } from "./support/views";

/** The day after case-db's approval was last valid: it, the VDC's and bastion's are due. */
const LATER = "2027-03-03";

const DEFAULTS: ApprovalRecertificationConfig = {
  validityDays: 365,
  today: "",
  changedResources: [],
};

const RECERTIFY =
  "Recertify it: a new ticket and date in the department file; a change to what it covers needs that first.";
const VDC_DUE: Finding = {
  at: "police-project",
  says: [
    "the approval QD-CHG-2026-00011 of 2026-02-10 was valid until 2027-02-10 (365 days) and is due for recertification; ",
    "it covers the department's shared resources (its VDC, networks and quota), 7 resources ",
    "(police-project, police-qingdao-app, police-qingdao-data, police-qingdao-mgmt, police-laixi-app and 2 more). ",
    RECERTIFY,
  ],
};
const CASE_DB_DUE: Finding = {
  at: "police-qingdao-case-db-0",
  says: [
    "the approval QD-CHG-2026-00153 of 2026-03-02 was valid until 2027-03-02 (365 days) and is due for recertification; ",
    "it covers workload case-db, 12 resources (police-qingdao-case-db-0, police-qingdao-case-db-0-data, ",
    "and 7 more). ",
    RECERTIFY,
  ],
};
const BASTION_DUE: Finding = {
  at: "police-qingdao-bastion-0",
  says: [
    "the approval QD-CHG-2026-00232 of 2026-02-17 was valid until 2027-02-17 (365 days) and is due for recertification; ",
    "it covers workload bastion, 2 resources (police-qingdao-bastion-0, police-qingdao-bastion-0-logs). ",
    RECERTIFY,
  ],
};

const cases: Case<ResourceView[], ApprovalRecertificationConfig>[] = [
  { name: "finds nothing while every approval is valid", input: policeStack, expect: [] },
  { name: "passes an empty stack", input: () => [], config: { today: LATER }, expect: [] },
  {
    name: "reports what runs under an expired approval as due, once per approval, in order of first use",
    input: policeStack,
    config: { today: LATER },
    expect: [VDC_DUE, CASE_DB_DUE, BASTION_DUE],
  },
  {
    name: "passes an approval on its last valid day",
    input: policeStack,
    config: { today: "2027-03-02" },
    expect: [VDC_DUE, BASTION_DUE],
  },
  {
    name: "leaves an approval a listed change relies on to change-approval",
    input: policeStack,
    config: {
      today: LATER,
      changedResources: [
        urnOf(T.instance, "police-qingdao-case-db-0"),
        urnOf(T.instance, "police-laixi-case-db-0"),
      ],
    },
    expect: [VDC_DUE, BASTION_DUE],
  },
  {
    name: "recertifies every validityDays the city chooses",
    input: policeStack,
    config: { today: LATER, validityDays: 730 },
    expect: [],
  },
  {
    name: "names both a workload and the shared resources when one approval covers them",
    input: () => {
      const stack = policeStack();
      relabel(named(stack, "police-qingdao-data"), {
        approval: "QD-CHG-2026-00153",
        "approved-on": "2026-03-02",
      });
      return stack;
    },
    config: { today: LATER },
    expect: [
      {
        at: "police-project",
        says: "the department's shared resources (its VDC, networks and quota), 6 resources",
      },
      {
        at: "police-qingdao-case-db-0",
        says: "it covers workload case-db and the department's shared resources (its VDC, networks and quota), 13 resources",
      },
      BASTION_DUE,
    ],
  },
  {
    name: "leaves approvals that are malformed or dated in the future to approval-tags",
    input: () => {
      const stack = policeStack();
      relabel(named(stack, "police-qingdao-bastion-0", T.instance), {
        "approved-on": "2027-04-01",
      });
      relabel(named(stack, "police-qingdao-bastion-0-logs"), { "approved-on": "2026-02-30" });
      return stack;
    },
    config: { today: LATER },
    expect: [VDC_DUE, CASE_DB_DUE],
  },
];

describe("approval-recertification", () => {
  table(checkApprovalRecertification, DEFAULTS, cases);
});
