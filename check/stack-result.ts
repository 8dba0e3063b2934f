/**
 * What the check found for one stack: per site its resources, usage and quota, the policy
 * results with the file and line each comes from, crashed policies, and why the stack could not
 * be planned when it could not. The review, the deploy commands and the reports read it.
 */
import type { Diagnostic, PolicyCrash } from "../analyzer/types";
import type { SiteQuota } from "../model/types";
import type { SiteUsage } from "../model/usage";
import type { SourcePointer } from "../plan/source-map";

export interface SiteRow {
  site: string;
  resources: number;
  usage: SiteUsage;
  quota?: SiteQuota;
}

export interface StackCheck {
  stack: string;
  resources: number;
  sites: SiteRow[];
  diagnostics: (Diagnostic & { source?: SourcePointer; resourceName?: string })[];
  crashes: PolicyCrash[];
  /** Why the stack could not be planned or analyzed, when it could not. */
  failure?: string;
}

export function mandatoryCount(check: StackCheck): number {
  return check.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
}

export function advisoryCount(check: StackCheck): number {
  return check.diagnostics.filter((d) => d.enforcementLevel === "advisory").length;
}

export function stackPassed(check: StackCheck): boolean {
  return check.failure === undefined && check.crashes.length === 0 && mandatoryCount(check) === 0;
}
