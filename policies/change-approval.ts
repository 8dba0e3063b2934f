/**
 * change-approval (stack policy): an approval authorises a change. Whatever the change being
 * judged creates or alters carries an approval that is valid on the day of the change (its date
 * plus `validityDays` is that day or later); an expired one blocks the change until the
 * department renews it. What the change creates or alters is the `changedResources` config
 * (`govcloud review` lists it from the plans of the base and the head), so the pack decides the
 * same way whoever runs it. With nothing listed there is no change to judge: the approvals of
 * what already runs are approval-recertification's.
 *
 * One finding per approval: a ticket covers every resource of its workload.
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
import { NotApplicable, stackPolicy } from "./lib/policy";
import type { ResourceView } from "./lib/resource-view";

export type ChangeApprovalConfig = ApprovalExpiryConfig;

export function changeApprovalConfig() {
  return approvalExpiryConfig(
    "Days after its date an approval still authorises a change (0: platform.yaml's " +
      "approvals.validityDays).",
  );
}

export function checkChangeApproval(
  resources: ResourceView[],
  { config, facts }: RuleContext<ChangeApprovalConfig, ApprovalExpiryFacts>,
): Verdict {
  if (config.changedResources.length === 0) {
    return new NotApplicable(
      "no change is listed (changedResources): nothing is created or altered",
    );
  }
  return expiredApprovals(resources, config, facts)
    .filter((approval) => approval.changed.length > 0)
    .map((approval) => {
      const unchanged = approval.resources.length - approval.changed.length;
      return {
        urn: shownAt(approval.changed).urn,
        message:
          `the approval ${approval.ticket} of ${approval.date} was valid until ${approval.until} ` +
          `(${validityDays(config, facts)} days), and this change creates or alters ` +
          `${resourceCount(approval.changed.length)} of ${coveredWork(approval.changed)} under ` +
          `it (${someNames(approval.changed)})` +
          (unchanged > 0 ? `; it also covers ${resourceCount(unchanged)} left as they are` : "") +
          `. Renew it before the change: a new ticket and date in the department file.`,
      };
    });
}

export function changeApproval(facts?: CityFacts) {
  return stackPolicy(
    {
      name: "change-approval",
      description:
        "What a change creates or alters carries an approval that is valid on the day of the " +
        "change.",
      severity: "high",
      enforcementLevel: "mandatory",
      scope: "departments",
      remediationSteps:
        "Renew the approval in the department file (workloads[].approval, or approval for " +
        "shared resources): the ticket of the change system that approves this change and its " +
        "date. The program writes the labels from it.",
      config: changeApprovalConfig(),
      facts: APPROVAL_EXPIRY_FACTS,
    },
    facts,
    checkChangeApproval,
  );
}
