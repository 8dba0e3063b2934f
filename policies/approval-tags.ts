/**
 * approval-tags (resource policy): auditors read from every taggable resource who it belongs to
 * and under which approval it exists. Each carries the department, owner, cost centre, approval
 * ticket (in the platform's format) and approval date (a real date, not in the future; model/tags.ts
 * writes them); and a named approver who may approve it is on every resource of a tier that
 * requires one, on every floating IP, and on the resources of a workload whose vCPUs at a site
 * exceed `largeChangeVcpus`.
 *
 * Whether the approval is still valid is not judged per resource: an approval authorises a
 * change, so change-approval requires a valid one on what a change creates or alters, and
 * approval-recertification reports the approvals of what runs that are due for renewal.
 *
 * A workload's size at a site is what its department file asks for (replicas x flavor vCPUs): a
 * resource policy sees one resource, not its siblings.
 */
import { compileConfiguredPattern } from "../model/configured-pattern";
import { calendarError } from "../model/rules/approvals";
import type { CityFacts, DepartmentFacts, RuleFacts } from "./lib/facts";
import { lookup } from "./lib/facts";
import type { LabelRead } from "./lib/labels";
import { label, readLabels } from "./lib/labels";
import type { ConfigSchema, RuleContext, Verdict } from "./lib/policy";
import { NotApplicable, resourcePolicy } from "./lib/policy";
import { isTaggable, T } from "./lib/resource-types";
import type { ResourceView } from "./lib/resource-view";
import { identify, shortType, unknownReason } from "./lib/resource-view";
import { siteOf } from "./lib/site";

export interface ApprovalTagsConfig {
  ticketPattern: string;
  largeChangeVcpus: number;
  today: string;
}

export const DEFAULT_LARGE_CHANGE_VCPUS = 64;

/** The sections of the city's facts the rule reads. */
export const APPROVAL_TAGS_FACTS = [
  "approvals",
  "departments",
  "flavors",
  "sites",
  "tiers",
] as const;
export type ApprovalTagsFacts = RuleFacts<(typeof APPROVAL_TAGS_FACTS)[number]>;

/**
 * The schema. It is the same whatever the estate (the pack states it before it is given any
 * facts): the ticket pattern's default, empty, stands for platform.yaml's `approvals`.
 */
export function approvalTagsConfig(): ConfigSchema<ApprovalTagsConfig> {
  return {
    ticketPattern: {
      type: "string",
      default: "",
      description:
        "Regular expression every approval ticket matches; empty: platform.yaml's " +
        "approvals.ticketPattern.",
    },
    largeChangeVcpus: {
      type: "integer",
      minimum: 0,
      default: DEFAULT_LARGE_CHANGE_VCPUS,
      description:
        "A workload with more vCPUs than this at one site needs a named approver, whatever its tier.",
    },
    today: {
      type: "string",
      pattern: "^(\\d{4}-\\d{2}-\\d{2})?$",
      default: "",
      description:
        "Today's date (YYYY-MM-DD): no approval is dated after it; empty: the day the pack started " +
        "(or GOVCLOUD_TODAY).",
    },
  };
}

/** Labels every taggable resource carries for this policy. */
export const APPROVAL_LABELS = [
  "department",
  "owner",
  "cost-centre",
  "approval",
  "approved-on",
] as const;

/** Why the resource needs a named approver; empty when it does not. */
function approverReasons(
  resource: ResourceView,
  labels: LabelRead,
  department: DepartmentFacts | undefined,
  { config, facts }: RuleContext<ApprovalTagsConfig, ApprovalTagsFacts>,
): string[] {
  const reasons: string[] = [];
  const workloadName = label(labels, "workload");
  // The decision sits on the instances (a workload's tier and size), its floating IPs, and the
  // shared resources; ports, volumes and security groups carry the same approval and are only
  // checked for who approved it, so that one missing approver is reported once per instance.
  if (
    workloadName !== undefined &&
    resource.type !== T.instance &&
    resource.type !== T.floatingIp
  ) {
    return reasons;
  }
  const workload =
    workloadName === undefined || department === undefined
      ? undefined
      : lookup(department.workloads, workloadName);
  // The department file's tier wins: a label cannot talk a critical workload down.
  const tierName = workload?.tier ?? label(labels, "tier");
  const tier = tierName === undefined ? undefined : lookup(facts.tiers, tierName);
  if (tier?.requiresApprover === true) reasons.push(`it belongs to the ${tierName} tier`);
  if (resource.type === T.floatingIp) reasons.push("it is a floating IP, reachable from outside");
  if (workload !== undefined && workloadName !== undefined) {
    const where = siteOf(resource, facts, labels);
    const flavor = lookup(facts.flavors, workload.flavor);
    if (where.kind === "site" && flavor !== undefined) {
      const vcpus = (lookup(workload.replicas, where.site) ?? 0) * flavor.vcpus;
      if (vcpus > config.largeChangeVcpus) {
        reasons.push(
          `workload ${workloadName} has ${vcpus} vCPUs at ${where.site}, more than ` +
            `largeChangeVcpus (${config.largeChangeVcpus})`,
        );
      }
    }
  }
  return reasons;
}

export function checkApprovalTags(
  resource: ResourceView,
  context: RuleContext<ApprovalTagsConfig, ApprovalTagsFacts>,
): Verdict {
  const { config, facts, stack } = context;
  if (!isTaggable(resource.type)) {
    return new NotApplicable(`${shortType(resource.type)} carries no labels`);
  }
  const labels = readLabels(resource);
  if (labels.unknown !== undefined) {
    return [
      {
        message: `the labels of ${identify(resource)} cannot be checked: ${unknownReason(labels.unknown)}`,
      },
    ];
  }
  const messages: string[] = [];
  const missing = APPROVAL_LABELS.filter((key) => label(labels, key) === undefined);
  if (missing.length > 0) {
    messages.push(
      `${identify(resource)} lacks the label${missing.length === 1 ? "" : "s"} ` +
        `${missing.join(", ")}; every taggable resource names its department, owner, cost ` +
        `centre, approval ticket and approval date (the program writes them from the ` +
        `department file).`,
    );
  }
  const departmentId = label(labels, "department") ?? stack;
  const department = lookup(facts.departments, departmentId);
  if (department === undefined) {
    messages.push(
      `department ${departmentId} has no file departments/${departmentId}.yaml, so the owner, ` +
        `cost centre and approvers of ${identify(resource)} cannot be checked.`,
    );
  }

  const owner = label(labels, "owner");
  if (owner !== undefined && department !== undefined && !department.owners.includes(owner)) {
    messages.push(
      `owner=${owner} is not an owner of ${department.id} (owners: ${department.owners.join(", ")}).`,
    );
  }
  const costCentre = label(labels, "cost-centre");
  if (
    costCentre !== undefined &&
    department !== undefined &&
    costCentre !== department.costCentre
  ) {
    messages.push(
      `cost-centre=${costCentre} is not ${department.id}'s cost centre ${department.costCentre} ` +
        `(${department.file}).`,
    );
  }

  const ticket = label(labels, "approval");
  if (ticket !== undefined) {
    // RE2, so that no pattern in the config can make the pack hang on a ticket.
    const ticketPattern =
      config.ticketPattern !== "" ? config.ticketPattern : facts.approvals.ticketPattern;
    const pattern = compileConfiguredPattern(ticketPattern);
    if (!pattern.ok) {
      messages.push(
        `the policy's ticketPattern ${JSON.stringify(ticketPattern)} is not a regular ` +
          `expression govcloud can run (${pattern.reason}), so no ticket can be checked; fix it ` +
          `in the policy config.`,
      );
    } else if (!pattern.test(ticket)) {
      messages.push(
        `approval=${ticket} is not a ticket of the change system (${ticketPattern}, ` +
          `e.g. ${facts.approvals.ticketExample}).`,
      );
    }
  }

  const today = config.today !== "" ? config.today : facts.today;
  const date = label(labels, "approved-on");
  if (date !== undefined) {
    const wrong = calendarError(date);
    if (wrong !== undefined) {
      messages.push(`approved-on=${date} is not a date: ${wrong.reason}.`);
    } else if (date > today) {
      messages.push(
        `approved-on=${date} is after today (${today}); an approval cannot be dated in the future.`,
      );
    }
  }

  const isWorkload = label(labels, "workload") !== undefined;
  const allowed = isWorkload
    ? [...new Set([...(department?.approvers ?? []), ...facts.approvals.platformApprovers])]
    : facts.approvals.platformApprovers;
  const who = isWorkload
    ? "an approver of the department or of the platform team"
    : "a platform approver (the platform team approves the VDC and its quota)";
  const approver = label(labels, "approver");
  const reasons = approverReasons(resource, labels, department, context);
  if (approver === undefined && reasons.length > 0) {
    messages.push(
      `${identify(resource)} needs a named approver: ${reasons.join("; ")}. Add approver: ` +
        `<id> to the approval in the department file; ${who}: ${allowed.join(", ")}.`,
    );
  } else if (approver !== undefined && !allowed.includes(approver)) {
    messages.push(`approver=${approver} may not approve this; ${who}: ${allowed.join(", ")}.`);
  }
  return messages.map((message) => ({ message }));
}

/** The policy; `facts` stand in for config that carries none (rule-facts.ts). */
export function approvalTags(facts?: CityFacts) {
  return resourcePolicy(
    {
      name: "approval-tags",
      description:
        "Every taggable resource names its department, owner, cost centre and an approval " +
        "(ticket and date); critical and important tiers, floating IPs and large " +
        "workloads name an approver who may approve them.",
      severity: "high",
      enforcementLevel: "mandatory",
      scope: "departments",
      remediationSteps:
        "Fix the approval in the department file (workloads[].approval, or approval for " +
        "shared resources): a ticket of the change system, the date it was given and, where the message asks for one, an approver among the " +
        "department's approvers or the platform team. The program writes the labels from it.",
      config: approvalTagsConfig(),
      facts: APPROVAL_TAGS_FACTS,
    },
    facts,
    checkApprovalTags,
  );
}
