/** What a department's requests use at each site, in the units of its quota. */
import { findFlavor } from "./catalog";
import { placeWorkload, workloadsAt } from "./placement";
import type { Department, Platform } from "./types";

export interface SiteUsage {
  vcpus: number;
  ramGiB: number;
  instances: number;
  volumes: number;
  volumeGiB: number;
  floatingIps: number;
  networks: number;
  serverGroups: number;
  securityGroups: number;
  securityGroupRules: number;
}

/** Neutron's default group of every project, with its four rules. */
const DEFAULT_SECURITY_GROUP_RULES = 4;
/** Neutron adds an IPv4 and an IPv6 egress rule to every new group. */
const EGRESS_RULES_PER_GROUP = 2;

export const USAGE_FIELDS: readonly (keyof SiteUsage)[] = [
  "vcpus",
  "ramGiB",
  "instances",
  "volumes",
  "volumeGiB",
  "floatingIps",
  "networks",
  "serverGroups",
  "securityGroups",
  "securityGroupRules",
];

export function emptyUsage(): SiteUsage {
  return {
    vcpus: 0,
    ramGiB: 0,
    instances: 0,
    volumes: 0,
    volumeGiB: 0,
    floatingIps: 0,
    networks: 0,
    serverGroups: 0,
    securityGroups: 0,
    securityGroupRules: 0,
  };
}

/**
 * Usage per site id. Flavors missing from the catalog count as zero here; the catalog rule
 * reports them.
 */
export function departmentUsage(dept: Department, platform: Platform): Map<string, SiteUsage> {
  const usage = new Map<string, SiteUsage>();
  const at = (site: string): SiteUsage => {
    let entry = usage.get(site);
    if (entry === undefined) {
      entry = emptyUsage();
      usage.set(site, entry);
    }
    return entry;
  };
  for (const site of Object.keys(dept.quotas)) {
    // One group per workload running at the site, next to the project's default group.
    const here = workloadsAt(dept, site);
    const u = at(site);
    u.securityGroups = 1 + here.length;
    u.securityGroupRules =
      DEFAULT_SECURITY_GROUP_RULES +
      here.reduce((sum, w) => sum + EGRESS_RULES_PER_GROUP + (w.ingress?.length ?? 0), 0);
  }
  for (const network of dept.networks) {
    for (const site of Object.keys(network.cidrs)) at(site).networks += 1;
  }
  for (const workload of dept.workloads) {
    const flavor = findFlavor(platform, workload.flavor);
    const placement = placeWorkload(dept, workload, platform);
    const sitesWithInstances = new Set<string>();
    for (const instance of placement.instances) {
      const u = at(instance.site);
      u.instances += 1;
      u.vcpus += flavor?.vcpus ?? 0;
      u.ramGiB += flavor?.ramGiB ?? 0;
      if (workload.floatingIp === true) u.floatingIps += 1;
      sitesWithInstances.add(instance.site);
    }
    for (const site of sitesWithInstances) at(site).serverGroups += 1;
    for (const volume of placement.volumes) {
      const u = at(volume.site);
      u.volumes += 1;
      u.volumeGiB += volume.volume.sizeGiB;
    }
  }
  return usage;
}

export function addUsage(into: SiteUsage, more: SiteUsage): void {
  for (const field of USAGE_FIELDS) into[field] += more[field];
}
