/** Quota use of a department per site, before and after a change (pure, from the model). */
import type { Estate } from "../model/estate";
import { findDepartment } from "../model/estate";
import type { SiteQuota } from "../model/types";
import { departmentUsage } from "../model/usage";
import type { SiteUsage } from "../model/usage";
import type { QuotaChange } from "./types";

interface SiteSide {
  usage: Map<string, SiteUsage>;
  quotas: Record<string, SiteQuota>;
}

function sideOf(estate: Estate | undefined, id: string): SiteSide | undefined {
  const entry = estate === undefined ? undefined : findDepartment(estate, id);
  if (entry === undefined || estate === undefined) return undefined;
  return {
    usage: departmentUsage(entry.department, estate.platform),
    quotas: entry.department.quotas,
  };
}

/** Per site of either side, in the platform's site order (the head's, else the base's). */
export function quotaChanges(
  id: string,
  base: Estate | undefined,
  head: Estate | undefined,
): QuotaChange[] {
  const before = sideOf(base, id);
  const after = sideOf(head, id);
  const order = (head ?? base)?.platform.sites.map((site) => site.id) ?? [];
  const sites = new Set([
    ...Object.keys(before?.quotas ?? {}),
    ...Object.keys(after?.quotas ?? {}),
  ]);
  return [...sites]
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map((site) => {
      const change: QuotaChange = { site };
      if (before?.quotas[site] !== undefined) {
        change.quotaBefore = before.quotas[site];
        const usage = before.usage.get(site);
        if (usage !== undefined) change.before = usage;
      }
      if (after?.quotas[site] !== undefined) {
        change.quotaAfter = after.quotas[site];
        const usage = after.usage.get(site);
        if (usage !== undefined) change.after = usage;
      }
      return change;
    });
}

/** Quota fields raised at a site: ["vcpus 64 → 96", ...]; a new site counts as raised. */
export function raisedQuotas(change: QuotaChange): string[] {
  if (change.quotaAfter === undefined) return [];
  if (change.quotaBefore === undefined) return [`a new quota at ${change.site}`];
  const raised: string[] = [];
  const after = change.quotaAfter as unknown as Record<string, number | undefined>;
  const before = change.quotaBefore as unknown as Record<string, number | undefined>;
  for (const field of Object.keys(after).sort()) {
    const was = before[field];
    const now = after[field];
    if (now !== undefined && (was === undefined || now > was)) {
      raised.push(`${field} ${was ?? "default"} → ${now}`);
    }
  }
  return raised;
}
