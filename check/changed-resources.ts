/**
 * What a change creates or alters, told to the policy pack through its config: the approval
 * policies (change-approval, approval-recertification) declare a `changedResources` property,
 * a list of URNs, so the pack decides from its config alone, the same way under
 * `pulumi preview --policy-pack-config` as here. `govcloud review` hands each stack's base plan to
 * the check; the head's plan is compared with it (diff/plan-diff.ts, the comparison the review
 * reports) once it is planned, and the analysis sets the property on every policy that declares
 * it (StackOptions.declaredProperties). Without a base (`govcloud check`, `govcloud up`) nothing
 * is listed: what exists is only due for recertification.
 */
import type { StackPlan } from "../plan/types";

/** The base side of one stack: its plan there; none when the change adds the stack. */
export interface Baseline {
  plan?: StackPlan;
}

/** URNs of the resources `head` creates, updates or replaces compared with the base. */
export async function changedUrns(baseline: Baseline, head: StackPlan): Promise<string[]> {
  const { diffPlans } = await import("../diff/plan-diff");
  return diffPlans(baseline.plan, head, [])
    .changes.filter((change) => change.kind !== "delete")
    .map((change) => change.urn);
}

/** The policy properties that say what changes (see StackOptions.declaredProperties). */
export function changeProperties(urns: readonly string[]): Record<string, unknown> {
  return { changedResources: [...urns] };
}
