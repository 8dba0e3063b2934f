/**
 * approval-tags, called directly on one resource at a time, as the engine sends them. The test
 * department's approvals: case-db (critical) by zhang.wei on 2026-03-02, portal (important,
 * floating IPs) by zhang.wei, bastion (standard) without an approver; the VDC by liu.yang of the
 * platform team. Today is 2026-11-01.
 */
import { strict as assert } from "node:assert";
import type { ApprovalTagsConfig } from "../../policies/approval-tags";
import { checkApprovalTags } from "../../policies/approval-tags";
import { NotApplicable } from "../../policies/lib/policy";
import type { ResourceView } from "../../policies/lib/resource-view";
import { STACK, TODAY } from "./support/estate";
import { testFacts } from "./support/facts";
import type { Case } from "./support/table";
import { table } from "./support/table";
import {
  floatingIp,
  ingressRule,
  instance,
  network,
  policeStack,
  relabel,
  set,
  shared,
  T,
  unknown,
  workloadPart,
} from "./support/views";

const DEFAULTS: ApprovalTagsConfig = {
  ticketPattern: "^QD-(CHG|REQ)-[0-9]{4}-[0-9]{5}$",
  largeChangeVcpus: 64,
  today: "",
};

const caseDb = () => instance("case-db", "qingdao", 0);
const bastion = () => instance("bastion", "qingdao", 0);
const WORKLOAD_APPROVERS =
  "Add approver: <id> to the approval in the department file; an approver of the department or of the platform team: zhang.wei, liu.yang.";

const cases: Case<ResourceView, ApprovalTagsConfig>[] = [
  {
    name: "fails missing labels",
    input: () => relabel(caseDb(), { owner: undefined, "cost-centre": undefined }),
    expect: [
      {
        says: "police-qingdao-case-db-0 (compute.Instance) lacks the labels owner, cost-centre; every taggable resource names its department, owner, cost centre, approval ticket and approval date (the program writes them from the department file).",
      },
    ],
  },
  {
    name: "takes the department from the stack when the label is missing",
    input: () => relabel(bastion(), { department: undefined }),
    expect: [{ says: "police-qingdao-bastion-0 (compute.Instance) lacks the label department;" }],
  },
  {
    name: "fails an owner or a cost centre that is not the department's",
    input: () => relabel(bastion(), { owner: "wang.fang", "cost-centre": "QD-2201" }),
    expect: [
      { says: "owner=wang.fang is not an owner of police (owners: zhang.wei, sun.li)." },
      {
        says: "cost-centre=QD-2201 is not police's cost centre QD-1101 (departments/police.yaml).",
      },
    ],
  },
  {
    name: "fails a ticket that is not in the platform's format",
    input: () => relabel(bastion(), { approval: "CHG-232" }),
    expect: [
      {
        says: "approval=CHG-232 is not a ticket of the change system (^QD-(CHG|REQ)-[0-9]{4}-[0-9]{5}$, e.g. QD-CHG-2026-00142).",
      },
    ],
  },
  {
    name: "checks tickets against the configured pattern",
    input: bastion,
    config: { ticketPattern: "^REQ-[0-9]+$" },
    expect: [
      { says: "approval=QD-CHG-2026-00232 is not a ticket of the change system (^REQ-[0-9]+$" },
    ],
  },
  {
    name: "says so when the configured pattern cannot run",
    input: bastion,
    config: { ticketPattern: "(" },
    expect: [
      {
        says: [
          'the policy\'s ticketPattern "(" is not a regular expression govcloud can run (',
          "fix it in the policy config.",
        ],
      },
    ],
  },
  {
    name: "fails an approval date that is not a date",
    input: () => relabel(bastion(), { "approved-on": "2026-02-30" }),
    expect: [{ says: "approved-on=2026-02-30 is not a date: February 2026 has 28 days." }],
  },
  {
    name: "fails an approval dated in the future",
    input: () => relabel(caseDb(), { "approved-on": "2026-12-01" }),
    expect: [
      {
        says: "approved-on=2026-12-01 is after today (2026-11-01); an approval cannot be dated in the future.",
      },
    ],
  },
  {
    name: "passes an approval dated today",
    input: () => relabel(caseDb(), { "approved-on": TODAY }),
    expect: [],
  },
  {
    name: "takes today from its config over the day the pack started",
    input: caseDb,
    config: { today: "2026-03-01" },
    expect: [{ says: "approved-on=2026-03-02 is after today (2026-03-01)" }],
  },
  {
    name: "leaves expiry to change-approval and approval-recertification",
    input: caseDb,
    config: { today: "2030-01-01" },
    expect: [],
  },
  {
    name: "fails a critical workload without a named approver, whatever its tier label says",
    input: () => relabel(caseDb(), { approver: undefined, tier: "standard" }),
    expect: [
      {
        says: [
          "police-qingdao-case-db-0 (compute.Instance) needs a named approver: it belongs to the critical tier. ",
          WORKLOAD_APPROVERS,
        ],
      },
    ],
  },
  {
    name: "asks for the approver on the instances, not on the other resources of the workload",
    input: () =>
      relabel(workloadPart(T.port, "police-qingdao-case-db-0-port", "case-db", "qingdao"), {
        approver: undefined,
      }),
    expect: [],
  },
  {
    name: "fails shared resources of a critical department without a platform approver",
    input: () => relabel(network("data", "qingdao"), { approver: undefined }),
    expect: [
      {
        says: "police-qingdao-data (networking.Network) needs a named approver: it belongs to the critical tier. Add approver: <id> to the approval in the department file; a platform approver (the platform team approves the VDC and its quota): liu.yang.",
      },
    ],
  },
  {
    name: "fails a floating IP without a named approver",
    input: () => relabel(floatingIp("portal", "qingdao", 0), { approver: undefined }),
    expect: [
      {
        says: [
          "police-qingdao-portal-0-fip (networking.FloatingIp) needs a named approver: it belongs to the important tier; it is a floating IP, reachable from outside. ",
          WORKLOAD_APPROVERS,
        ],
      },
    ],
  },
  {
    name: "passes a standard workload without an approver while it is small",
    input: bastion,
    expect: [],
  },
  {
    name: "fails a workload larger than largeChangeVcpus without a named approver",
    input: bastion,
    config: { largeChangeVcpus: 1 },
    expect: [
      {
        says: [
          "police-qingdao-bastion-0 (compute.Instance) needs a named approver: workload bastion has 2 vCPUs at qingdao, more than largeChangeVcpus (1). ",
          WORKLOAD_APPROVERS,
        ],
      },
    ],
  },
  {
    name: "passes a workload of exactly largeChangeVcpus",
    input: bastion,
    config: { largeChangeVcpus: 2 },
    expect: [],
  },
  {
    name: "fails a workload approver who may not approve",
    input: () => relabel(caseDb(), { approver: "sun.li" }),
    expect: [
      {
        says: "approver=sun.li may not approve this; an approver of the department or of the platform team: zhang.wei, liu.yang.",
      },
    ],
  },
  {
    name: "fails a department approver on a shared resource",
    input: () => relabel(network("data", "qingdao"), { approver: "zhang.wei" }),
    expect: [
      {
        says: "approver=zhang.wei may not approve this; a platform approver (the platform team approves the VDC and its quota): liu.yang.",
      },
    ],
  },
  {
    name: "fails a resource of a department without a file",
    input: () => relabel(bastion(), { department: "ghost" }),
    expect: [
      {
        says: "department ghost has no file departments/ghost.yaml, so the owner, cost centre and approvers of police-qingdao-bastion-0 (compute.Instance) cannot be checked.",
      },
    ],
  },
  {
    name: "does not pass labels it cannot read during the preview",
    input: () => set(bastion(), { tags: unknown("tags"), metadata: unknown("metadata") }),
    expect: [
      {
        says: "the labels of police-qingdao-bastion-0 (compute.Instance) cannot be checked: .tags is not known during the preview (it is computed from another resource)",
      },
    ],
  },
  {
    name: "is not applicable to resources without labels",
    input: () =>
      ingressRule("police-qingdao-bastion-tcp-22-from-10.8.0.0-16", "qingdao", {
        port: 22,
        from: "10.8.0.0/16",
      }),
    expect: { notApplicable: "networking.SecGroupRule carries no labels" },
  },
];

describe("approval-tags", () => {
  it("passes every labelled resource the program builds", () => {
    const resources = [
      ...policeStack(),
      shared(T.router, `${STACK}-qingdao-router`, "qingdao"),
      shared(T.subnet, `${STACK}-laixi-app-subnet`, "laixi"),
      workloadPart(T.port, `${STACK}-laixi-portal-0-port`, "portal", "laixi"),
      workloadPart(T.secGroup, `${STACK}-qingdao-bastion`, "bastion", "qingdao"),
    ];
    const context = { config: DEFAULTS, facts: testFacts(), stack: STACK };
    for (const resource of resources) {
      const verdict = checkApprovalTags(resource, context);
      if (verdict instanceof NotApplicable) assert.match(verdict.reason, /carries no labels/);
      else assert.deepEqual(verdict, [], resource.name);
    }
  });

  table(checkApprovalTags, DEFAULTS, cases);
});
