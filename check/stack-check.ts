/**
 * What `govcloud check` keeps of one stack: the report's rows (resources and quota use per site)
 * and the policy results, each diagnostic with the resource's name and where it comes from in the
 * department file. Shared by every way of running the check (sequential, in-process, workers),
 * so that they print the same thing.
 */
import type { AnalysisReport } from "../analyzer/types";
import { findDepartment } from "../model/estate";
import type { LoadResult } from "../model/estate-loader";
import { PLATFORM_STACK } from "../model/naming";
import { departmentUsage, emptyUsage } from "../model/usage";
import { stackSourceMap } from "../plan/source-map";
import type { PlannedResource, StackPlan } from "../plan/types";
import type { StackCheck } from "./stack-result";

export function stackCheck(
  loaded: LoadResult,
  plan: StackPlan,
  report: AnalysisReport,
): StackCheck {
  const byUrn = new Map(plan.resources.map((resource) => [resource.urn, resource]));
  // A plan made for the check alone has no sources: found here for what a policy reported on.
  let sourceOf: ReturnType<typeof stackSourceMap> | null = null;
  const sourceOfResource = (resource: PlannedResource) => {
    if (resource.source !== undefined) return resource.source;
    if (sourceOf === null) sourceOf = stackSourceMap(loaded, plan.stack);
    return sourceOf?.(resource);
  };
  const diagnostics = report.diagnostics.map((diagnostic) => {
    const resource = byUrn.get(diagnostic.urn);
    const source = resource === undefined ? undefined : sourceOfResource(resource);
    return {
      ...diagnostic,
      ...(source === undefined ? {} : { source }),
      ...(resource === undefined ? {} : { resourceName: resource.name }),
    };
  });
  const entry = loaded.estate === undefined ? undefined : findDepartment(loaded.estate, plan.stack);
  const sites =
    entry === undefined || loaded.estate === undefined
      ? []
      : (() => {
          const usage = departmentUsage(entry.department, loaded.estate.platform);
          return Object.keys(entry.department.quotas).map((site) => ({
            site,
            resources: plan.resources.filter((r) => r.name.startsWith(`${plan.stack}-${site}-`))
              .length,
            usage: usage.get(site) ?? emptyUsage(),
            quota: entry.department.quotas[site],
          }));
        })();
  return {
    stack: plan.stack,
    resources: plan.resources.length,
    sites,
    diagnostics,
    crashes: report.crashes,
  };
}

/** The check of a stack that could not be planned. */
export function failedCheck(stack: string, message: string): StackCheck {
  return { stack, resources: 0, sites: [], diagnostics: [], crashes: [], failure: message };
}

/**
 * A rough size of a stack, to hand out the biggest stacks first: resources grow with the VMs and
 * volumes a department asks for (about 8 per VM); the platform stack is small.
 */
export function stackSizeEstimate(loaded: LoadResult, stack: string): number {
  if (loaded.estate === undefined || stack === PLATFORM_STACK) return 1;
  const entry = findDepartment(loaded.estate, stack);
  if (entry === undefined) return 1;
  let size = 1;
  try {
    for (const usage of departmentUsage(entry.department, loaded.estate.platform).values()) {
      size += usage.instances + usage.volumes;
    }
  } catch {
    // a department with problems: planned (and failed) like any other, size unknown
  }
  return size;
}
