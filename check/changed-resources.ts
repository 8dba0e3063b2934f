/**
 * What a change creates or alters, told to the policy pack through its config: the approval
 * policies (change-approval, approval-recertification) take the URNs in `changedResources`, so
 * the pack decides from its config alone, the same way under `pulumi preview --policy-pack-config`
 * as here. `govcloud review` hands each stack's base plan to the check; the head's plan is
 * compared with it (review/plan-diff.ts, the comparison the review reports) once it is planned.
 * Without a base (`govcloud check`, `govcloud up`) nothing is listed: what exists is only due for
 * recertification.
 */
import { readFileSync } from "node:fs";
import { CHANGE_AWARE_POLICIES } from "../policies/lib/approval-expiry";
import type { StackPlan } from "../plan/types";

/** The base side of one stack: its plan there; none when the change adds the stack. */
export interface Baseline {
  plan?: StackPlan;
}

/** URNs of the resources `head` creates, updates or replaces compared with the base. */
export async function changedUrns(baseline: Baseline, head: StackPlan): Promise<string[]> {
  const { diffPlans } = await import("../review/plan-diff");
  return diffPlans(baseline.plan, head, [])
    .changes.filter((change) => change.kind !== "delete")
    .map((change) => change.urn);
}

/**
 * Policy config (the --policy-pack-config format) with `changedResources` set on the approval
 * policies, over what `configFile` says. A file that cannot be read as a JSON object is left to
 * the analysis, which reports it as the engine would: undefined is returned.
 */
export function configWithChanges(
  configFile: string | undefined,
  urns: readonly string[],
): Record<string, unknown> | undefined {
  let given: unknown = {};
  if (configFile !== undefined) {
    try {
      const text = readFileSync(configFile, "utf8");
      given = text.trim() === "" ? {} : JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  if (given === null || typeof given !== "object" || Array.isArray(given)) return undefined;
  const config: Record<string, unknown> = { ...(given as Record<string, unknown>) };
  for (const policy of CHANGE_AWARE_POLICIES) {
    const entry = config[policy];
    const changedResources = [...urns];
    if (typeof entry === "string") config[policy] = { enforcementLevel: entry, changedResources };
    else if (entry !== null && typeof entry === "object" && !Array.isArray(entry)) {
      config[policy] = { ...entry, changedResources };
    } else if (entry === undefined) config[policy] = { changedResources };
  }
  return config;
}
