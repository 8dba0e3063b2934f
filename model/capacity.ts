/**
 * What each site can hold and what the whole estate asks of it, in the units of a quota.
 * Pure functions of the model: the site-capacity rule uses them, and so will the policies and
 * the PR report (capacity before and after a change).
 */
import type { Estate } from "./estate";
import type { SiteUsage } from "./usage";
import { addUsage, departmentUsage, emptyUsage } from "./usage";
import type { Platform } from "./types";

export interface SiteCapacity {
  /** Hosts x capacity.vmsPerHost. */
  instances: number;
  /** Sum of hardware threads x capacity.cpuOvercommit. */
  vcpus: number;
  /** Sum of physical RAM x capacity.ramOvercommit. */
  ramGiB: number;
  /** capacity.storageGiBPerSite at an active site; a witness site holds no tenant volumes. */
  volumeGiB: number;
  /** Physical hosts counted (host groups of unknown classes are left out). */
  hosts: number;
}

/**
 * Capacity of one site from its host groups and the platform's capacity policy. Host groups
 * whose class is not defined count as nothing (platform-consistency reports them); an unknown
 * site has no capacity.
 */
export function siteCapacity(platform: Platform, siteId: string): SiteCapacity {
  const site = platform.sites.find((candidate) => candidate.id === siteId);
  const capacity: SiteCapacity = { instances: 0, vcpus: 0, ramGiB: 0, volumeGiB: 0, hosts: 0 };
  if (site === undefined) return capacity;
  const { vmsPerHost, cpuOvercommit, ramOvercommit, storageGiBPerSite } = platform.capacity;
  for (const group of site.hosts) {
    const hostClass = platform.hostClasses.find((candidate) => candidate.name === group.class);
    if (hostClass === undefined) continue;
    capacity.hosts += group.count;
    capacity.instances += group.count * vmsPerHost;
    capacity.vcpus += group.count * hostClass.threads * cpuOvercommit;
    capacity.ramGiB += group.count * hostClass.ramGiB * ramOvercommit;
  }
  capacity.volumeGiB = site.role === "active" ? storageGiBPerSite : 0;
  return capacity;
}

/** One department's usage per site id, as departmentUsage computes it. */
export interface DepartmentSiteUsage {
  file: string;
  departmentId: string;
  usage: Map<string, SiteUsage>;
}

export function usageByDepartment(estate: Estate): DepartmentSiteUsage[] {
  return estate.departments.map(({ file, department }) => ({
    file,
    departmentId: department.id,
    usage: departmentUsage(department, estate.platform),
  }));
}

/**
 * What all departments together use at each site id: the sum of departmentUsage. Pass the
 * per-department usage when it is already at hand, so that it is computed once.
 */
export function estateUsage(
  estate: Estate,
  perDepartment: readonly DepartmentSiteUsage[] = usageByDepartment(estate),
): Map<string, SiteUsage> {
  const total = new Map<string, SiteUsage>();
  for (const { usage } of perDepartment) {
    for (const [site, siteUsage] of usage) {
      let entry = total.get(site);
      if (entry === undefined) {
        entry = emptyUsage();
        total.set(site, entry);
      }
      addUsage(entry, siteUsage);
    }
  }
  return total;
}
