/**
 * The labels every taggable resource carries: department, site, tier, owner, cost centre and
 * approval ticket. Policies and cost reports read them, so they are computed here, once, from
 * the model. OpenStack resources with `tags` get `key=value` strings; resources with
 * `metadata` get the same pairs as a map.
 */
import type { Department, Platform, Tier, Workload } from "./types";
import { findTier } from "./catalog";

export const LABEL_KEYS = [
  "department",
  "site",
  "tier",
  "owner",
  "cost-centre",
  "approval",
] as const;

export type LabelKey = (typeof LABEL_KEYS)[number];
export type Labels = Record<LabelKey, string>;

/** `site` of resources that are not tied to one site, such as the Keystone project. */
export const ALL_SITES = "all";
/** `tier` of shared resources no workload uses yet, such as an empty network. */
export const NO_TIER = "none";

/**
 * The person accountable for the department's resources: its first owner with role
 * `approver`, or its first owner when none has that role (validation requires one).
 */
export function departmentOwner(dept: Department): string {
  return (dept.owners.find((owner) => owner.role === "approver") ?? dept.owners[0])?.id ?? "";
}

/** Labels of a workload's own resources at one site: its tier and its approval. */
export function workloadLabels(dept: Department, workload: Workload, site: string): Labels {
  return {
    department: dept.id,
    site,
    tier: workload.tier,
    owner: departmentOwner(dept),
    "cost-centre": dept.costCentre,
    approval: workload.approval.ticket,
  };
}

/**
 * Labels of a resource several workloads share (a network, the router, the project): the
 * department's approval, and the most demanding tier among the workloads that use it, so that a
 * policy protecting critical resources also protects the network critical workloads sit on.
 */
export function sharedLabels(
  dept: Department,
  platform: Platform,
  site: string,
  users: readonly Workload[],
): Labels {
  return {
    department: dept.id,
    site,
    tier: strictestTier(platform, users),
    owner: departmentOwner(dept),
    "cost-centre": dept.costCentre,
    approval: dept.approval.ticket,
  };
}

/** Smallest RPO wins, then smallest RTO; unknown tier names count as the least demanding. */
export function strictestTier(platform: Platform, workloads: readonly Workload[]): string {
  let best: Tier | undefined;
  for (const workload of workloads) {
    const tier = findTier(platform, workload.tier);
    if (tier === undefined) continue;
    if (
      best === undefined ||
      tier.rpoSeconds < best.rpoSeconds ||
      (tier.rpoSeconds === best.rpoSeconds && tier.rtoMinutes < best.rtoMinutes)
    ) {
      best = tier;
    }
  }
  return best?.name ?? NO_TIER;
}

/** `["department=health", "site=qingdao", ...]`, in the order of LABEL_KEYS. */
export function labelsToTags(labels: Labels): string[] {
  return LABEL_KEYS.map((key) => `${key}=${labels[key]}`);
}

export function labelsToMetadata(labels: Labels): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const key of LABEL_KEYS) metadata[key] = labels[key];
  return metadata;
}
