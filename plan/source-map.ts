/**
 * Points a planned resource back at the place in the department file it comes from, so that a
 * policy violation can say "departments/health.yaml:57". Resource names follow
 * `<dept>-<site>-<thing>`; the longest workload or network name after the prefix wins.
 */
import { activeSites } from "../model/catalog";
import { findDepartment } from "../model/estate";
import type { LoadResult } from "../model/estate-loader";
import type { FieldPath } from "../model/problem";
import { formatPath } from "../model/problem";
import type { Department, Platform } from "../model/types";
import type { PlannedResource } from "./types";

export interface SourcePointer {
  file: string;
  path: string;
  line?: number;
  column?: number;
}

export type Locate = (
  file: string,
  path: FieldPath,
) => { line: number; column: number } | undefined;

const QUOTA_TYPES = new Set([
  "openstack:compute/quotaSetV2:QuotaSetV2",
  "openstack:networking/quotaV2:QuotaV2",
  "openstack:blockstorage/quoteSetV3:QuoteSetV3",
]);
const NETWORK_TYPES = new Set([
  "openstack:networking/network:Network",
  "openstack:networking/subnet:Subnet",
]);

interface Prefix {
  prefix: string;
  /** The prefix and a dash: what a longer name starts with. */
  dashed: string;
  path: FieldPath;
}

function prefix(text: string, path: FieldPath): Prefix {
  return { prefix: text, dashed: `${text}-`, path };
}

/** A function from a planned resource to its source, for one department's file. */
export function departmentSourceMap(
  file: string,
  dept: Department,
  platform: Platform,
  locate: Locate,
): (resource: PlannedResource) => SourcePointer {
  const workloads: Prefix[] = [];
  const networks: Prefix[] = [];
  const quotas: Prefix[] = [];
  for (const site of activeSites(platform)) {
    const base = `${dept.id}-${site.id}-`;
    dept.workloads.forEach((workload, w) => {
      for (const name of [workload.name, ...(workload.previousNames ?? [])]) {
        workloads.push(prefix(base + name, ["workloads", w]));
      }
    });
    dept.networks.forEach((network, n) => {
      networks.push(prefix(base + network.name, ["networks", n, "cidrs", site.id]));
    });
    if (dept.quotas[site.id] !== undefined) {
      // Quotas are named `<dept>-<site>-<kind>-quota`. A match is the prefix and then a dash, so
      // the prefix is `<dept>-<site>`: `base` already ends in the dash.
      quotas.push(prefix(`${dept.id}-${site.id}`, ["quotas", site.id]));
    }
  }
  const longestMatch = (name: string, candidates: Prefix[]): FieldPath | undefined => {
    let best: Prefix | undefined;
    for (const candidate of candidates) {
      const matches = name === candidate.prefix || name.startsWith(candidate.dashed);
      if (matches && (best === undefined || candidate.prefix.length > best.prefix.length)) {
        best = candidate;
      }
    }
    return best?.path;
  };
  return (resource) => {
    const path = (QUOTA_TYPES.has(resource.type)
      ? longestMatch(resource.name, quotas)
      : undefined) ??
      (NETWORK_TYPES.has(resource.type) ? longestMatch(resource.name, networks) : undefined) ??
      longestMatch(resource.name, workloads) ??
      longestMatch(resource.name, networks) ?? ["id"];
    return { file, path: formatPath(path), ...(locate(file, path) ?? {}) };
  };
}

/**
 * Where the resources of `stack` come from, or undefined when the stack is no department of the
 * estate (the platform): the plan of a stack points each resource at its source with it, and
 * the check only the resources a policy reports on.
 */
export function stackSourceMap(
  loaded: LoadResult,
  stack: string,
): ((resource: PlannedResource) => SourcePointer) | undefined {
  const estate = loaded.estate;
  const entry = estate === undefined ? undefined : findDepartment(estate, stack);
  if (estate === undefined || entry === undefined) return undefined;
  return departmentSourceMap(entry.file, entry.department, estate.platform, loaded.locate);
}
