/**
 * The labels every taggable resource carries: department, site, tier, owner, cost centre and
 * the approval (ticket, date and, when the approval names one, the approver); a workload's own
 * resources also name their workload. Policies and cost reports read them, so they are computed
 * here, once, from the model. OpenStack resources with `tags` get `key=value` strings; resources
 * with `metadata` get the same pairs as a map.
 */
import type { Approval, Department, Platform, Tier, Workload } from "./types";
import { findTier } from "./catalog";

export const LABEL_KEYS = [
  "department",
  "site",
  "tier",
  "owner",
  "cost-centre",
  "approval",
  "approved-on",
  "approver",
  "workload",
] as const;

export type LabelKey = (typeof LABEL_KEYS)[number];

/**
 * Labels a resource carries only when they apply: `approver` when its approval names one,
 * `workload` on the resources of one workload (not on networks, routers or the project).
 */
export const OPTIONAL_LABEL_KEYS = ["approver", "workload"] as const;
export type OptionalLabelKey = (typeof OPTIONAL_LABEL_KEYS)[number];

/** Labels every taggable resource carries. */
export const REQUIRED_LABEL_KEYS: readonly Exclude<LabelKey, OptionalLabelKey>[] =
  LABEL_KEYS.filter(
    (key): key is Exclude<LabelKey, OptionalLabelKey> =>
      !(OPTIONAL_LABEL_KEYS as readonly string[]).includes(key),
  );

export type Labels = Record<Exclude<LabelKey, OptionalLabelKey>, string> &
  Partial<Record<OptionalLabelKey, string>>;

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

/** Labels of a workload's own resources at one site: its name, tier and approval. */
export function workloadLabels(dept: Department, workload: Workload, site: string): Labels {
  return {
    department: dept.id,
    site,
    tier: workload.tier,
    owner: departmentOwner(dept),
    "cost-centre": dept.costCentre,
    ...approvalLabels(workload.approval),
    workload: workload.name,
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
    ...approvalLabels(dept.approval),
  };
}

/** `approval` (the ticket), `approved-on` (its date) and `approver` when the approval names one. */
export function approvalLabels(
  approval: Approval,
): Pick<Labels, "approval" | "approved-on" | "approver"> {
  return {
    approval: approval.ticket,
    "approved-on": approval.date,
    ...(approval.approver === undefined ? {} : { approver: approval.approver }),
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

/** `["department=health", "site=qingdao", ...]`, in the order of LABEL_KEYS; absent labels are left out. */
export function labelsToTags(labels: Labels): string[] {
  return Object.entries(labelsToMetadata(labels)).map(([key, value]) => `${key}=${value}`);
}

export function labelsToMetadata(labels: Labels): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const key of LABEL_KEYS) {
    const value = labels[key];
    if (value !== undefined) metadata[key] = value;
  }
  return metadata;
}
