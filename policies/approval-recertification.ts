/**
 * approval-recertification (stack policy, advisory by default): what already runs was approved
 * when it was changed; every `validityDays` the department recertifies that it is still needed as
 * approved, by renewing the ticket. Reported so that the department can plan the renewal, and not
 * mandatory by default: what runs keeps running, and an expired approval only blocks a change to
 * what it covers (change-approval). The city sets the level in policy-config.json (`mandatory`
 * makes an overdue recertification fail every check, `disabled` silences it).
 *
 * One finding per approval, listing what it covers. An approval that a change being judged
 * relies on (`changedResources`) is change-approval's finding and is not repeated here.
 */
import type { CityFacts } from "./lib/facts";
import type { ApprovalExpiryConfig, ApprovalExpiryFacts } from "./lib/approval-expiry";
import {
  APPROVAL_EXPIRY_FACTS,
  approvalExpiryConfig,
  coveredWork,
  expiredApprovals,
  resourceCount,
  shownAt,
  someNames,
  validityDays,
} from "./lib/approval-expiry";
import type { RuleContext, Verdict } from "./lib/policy";
import { stackPolicy } from "./lib/policy";
import type { ResourceView } from "./lib/resource-view";

export type ApprovalRecertificationConfig = ApprovalExpiryConfig;

export function approvalRecertificationConfig() {
  return approvalExpiryConfig(
    "Days after its date the approval of what runs is recertified (0: platform.yaml's " +
      "approvals.validityDays).",
  );
}

export function checkApprovalRecertification(
  resources: ResourceView[],
  { config, facts }: RuleContext<ApprovalRecertificationConfig, ApprovalExpiryFacts>,
): Verdict {
  return expiredApprovals(resources, config, facts)
    .filter((approval) => approval.changed.length === 0)
    .map((approval) => ({
      urn: shownAt(approval.resources).urn,
      message:
        `the approval ${approval.ticket} of ${approval.date} was valid until ${approval.until} ` +
        `(${validityDays(config, facts)} days) and is due for recertification; it covers ` +
        `${coveredWork(approval.resources)}, ${resourceCount(approval.resources.length)} ` +
        `(${someNames(approval.resources)}). Recertify it: a new ticket and date in the ` +
        `department file; a change to what it covers needs that first.`,
    }));
}

export function approvalRecertification(facts?: CityFacts) {
  return stackPolicy(
    {
      name: "approval-recertification",
      description:
        "The approvals of what already runs are recertified every validityDays days (a new " +
        "ticket and date).",
      severity: "medium",
      enforcementLevel: "advisory",
      scope: "departments",
      remediationSteps:
        "Recertify the approval in the department file (workloads[].approval, or approval for " +
        "shared resources): a new ticket of the change system and its date.",
      config: approvalRecertificationConfig(),
      facts: APPROVAL_EXPIRY_FACTS,
    },
    facts,
    checkApprovalRecertification,
  );
}
