/**
 * change-approval, called directly on the test department's stack (support/views.ts
 * policeStack). Its approvals: the VDC QD-CHG-2026-00011 of 2026-02-10 (the project and 6
 * networks), case-db QD-CHG-2026-00153 of 2026-03-02 (4 instances and 8 volumes), portal
 * QD-REQ-2026-00871 of 2026-05-18, bastion QD-CHG-2026-00232 of 2026-02-17 (an instance and a
 * volume); valid for 365 days.
 */
import type { ChangeApprovalConfig } from "../../policies/change-approval";
import { checkChangeApproval } from "../../policies/change-approval";
import type { ResourceView } from "../../policies/lib/resource-view";
import type { Case } from "./support/table";
import { table } from "./support/table";
import { named, policeStack, relabel, set, T, unknown, urnOf } from "./support/views";

/** The day after case-db's approval was last valid: it, the VDC's and bastion's have expired. */
const LATER = "2027-03-03";

const DEFAULTS: ChangeApprovalConfig = { validityDays: 365, today: "", changedResources: [] };

const instanceUrn = (name: string) => urnOf(T.instance, name);
const CASE_DB_CHANGE = [
  instanceUrn("police-qingdao-case-db-0"),
  instanceUrn("police-laixi-case-db-0"),
  // under a valid approval: nothing to say
  instanceUrn("police-qingdao-portal-0"),
];
const RENEW = "Renew it before the change: a new ticket and date in the department file.";

const cases: Case<ResourceView[], ChangeApprovalConfig>[] = [
  {
    name: "has nothing to judge when no change is listed",
    input: policeStack,
    config: { today: LATER },
    expect: {
      notApplicable: "no change is listed (changedResources): nothing is created or altered",
    },
  },
  {
    name: "passes a change while every approval is valid",
    input: policeStack,
    config: {
      changedResources: [
        urnOf(T.project, "police-project"),
        instanceUrn("police-qingdao-case-db-0"),
      ],
    },
    expect: [],
  },
  {
    name: "passes an empty stack",
    input: () => [],
    config: { today: LATER, changedResources: CASE_DB_CHANGE },
    expect: [],
  },
  {
    name: "blocks a change to what an expired approval covers, once per approval, at its first instance",
    input: policeStack,
    config: { today: LATER, changedResources: CASE_DB_CHANGE },
    expect: [
      {
        at: "police-qingdao-case-db-0",
        says: [
          "the approval QD-CHG-2026-00153 of 2026-03-02 was valid until 2027-03-02 (365 days), ",
          "and this change creates or alters 2 resources of workload case-db under it ",
          "(police-qingdao-case-db-0, police-laixi-case-db-0); ",
          "it also covers 10 resources left as they are. ",
          RENEW,
        ],
      },
    ],
  },
  {
    name: "passes a change on the approval's last valid day",
    input: policeStack,
    config: { today: "2027-03-02", changedResources: CASE_DB_CHANGE },
    expect: [],
  },
  {
    name: "says nothing of what the change leaves out when it alters all the approval covers",
    input: policeStack,
    config: {
      today: LATER,
      changedResources: [
        instanceUrn("police-qingdao-bastion-0"),
        urnOf(T.volume, "police-qingdao-bastion-0-logs"),
      ],
    },
    expect: [
      {
        at: "police-qingdao-bastion-0",
        says:
          "and this change creates or alters 2 resources of workload bastion under it " +
          `(police-qingdao-bastion-0, police-qingdao-bastion-0-logs). ${RENEW}`,
      },
    ],
  },
  {
    name: "blocks a change to a shared resource under the department's expired approval",
    input: policeStack,
    config: { today: LATER, changedResources: [urnOf(T.network, "police-laixi-data")] },
    expect: [
      {
        at: "police-laixi-data",
        says: [
          "the approval QD-CHG-2026-00011 of 2026-02-10 was valid until 2027-02-10 (365 days), ",
          "1 resource of the department's shared resources (its VDC, networks and quota) under it (police-laixi-data); ",
          "it also covers 6 resources left as they are.",
        ],
      },
    ],
  },
  {
    name: "authorises changes for the validityDays the city chooses",
    input: policeStack,
    config: { today: LATER, changedResources: CASE_DB_CHANGE, validityDays: 730 },
    expect: [],
  },
  {
    name: "has nothing to say of a change to what carries no approval",
    input: policeStack,
    config: {
      today: LATER,
      changedResources: [
        urnOf(T.serverGroup, "police-qingdao-case-db"),
        urnOf(T.computeQuota, "police-qingdao-compute-quota"),
        instanceUrn("police-qingdao-case-db-9"),
      ],
    },
    expect: [],
  },
  {
    name: "leaves approvals that are malformed or dated in the future to approval-tags",
    input: () => {
      const stack = policeStack();
      relabel(named(stack, "police-qingdao-case-db-0", T.instance), {
        "approved-on": "2026-02-30",
      });
      relabel(named(stack, "police-laixi-case-db-0", T.instance), { "approved-on": "2027-04-01" });
      return stack;
    },
    config: { today: LATER, changedResources: CASE_DB_CHANGE },
    expect: [],
  },
  {
    name: "leaves labels it cannot read during the preview to approval-tags",
    input: () => {
      const stack = policeStack();
      for (const name of ["police-qingdao-case-db-0", "police-laixi-case-db-0"]) {
        set(named(stack, name, T.instance), {
          tags: unknown("tags"),
          metadata: unknown("metadata"),
        });
      }
      return stack;
    },
    config: { today: LATER, changedResources: CASE_DB_CHANGE },
    expect: [],
  },
];

describe("change-approval", () => {
  table(checkChangeApproval, DEFAULTS, cases);
});
