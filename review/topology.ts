/**
 * The shape of a department for a diagram: per site, its networks, the workloads on them, their
 * data volumes, and the replication pairs between the sites. Pure: derived from the model with
 * the same placement the program uses (model/placement.ts), one entry per workload and volume
 * rather than per instance, so a diagram stays readable for a large department.
 */
import { findVolumeType } from "../model/catalog";
import { placeWorkload } from "../model/placement";
import type { Department, Platform, ReplicationMode } from "../model/types";

export interface TopologyVolume {
  /** The volume's name in the department file (`data`, `logs`). */
  name: string;
  sizeGiB: number;
  type: string;
  /** Copies at this site: one per instance that owns the volume (or replica of one). */
  count: number;
  role: "primary" | "secondary";
}

export interface TopologyWorkload {
  name: string;
  tier: string;
  flavor: string;
  /** Instances at this site. */
  instances: number;
  volumes: TopologyVolume[];
}

export interface TopologyNetwork {
  name: string;
  cidr: string;
  workloads: TopologyWorkload[];
}

export interface TopologySite {
  site: string;
  networks: TopologyNetwork[];
}

/** A workload's volume at its primary site and its replica at the peer site. */
export interface ReplicationPair {
  workload: string;
  volume: string;
  fromSite: string;
  toSite: string;
  mode: ReplicationMode;
}

export interface DepartmentTopology {
  department: string;
  sites: TopologySite[];
  pairs: ReplicationPair[];
}

export function departmentTopology(department: Department, platform: Platform): DepartmentTopology {
  const siteIds = platform.sites.map((site) => site.id).filter((id) => id in department.quotas);
  const sites: TopologySite[] = siteIds.map((site) => ({
    site,
    networks: department.networks
      .filter((network) => network.cidrs[site] !== undefined)
      .map((network) => ({ name: network.name, cidr: network.cidrs[site], workloads: [] })),
  }));
  const pairs: ReplicationPair[] = [];
  for (const workload of department.workloads) {
    const placement = placeWorkload(department, workload, platform);
    for (const site of sites) {
      const instances = placement.instances.filter((instance) => instance.site === site.site);
      const volumes = new Map<string, TopologyVolume>();
      for (const planned of placement.volumes.filter((volume) => volume.site === site.site)) {
        const key = `${planned.volume.name}/${planned.role}`;
        const entry = volumes.get(key);
        if (entry !== undefined) entry.count++;
        else
          volumes.set(key, {
            name: planned.volume.name,
            sizeGiB: planned.volume.sizeGiB,
            type: planned.volume.type,
            count: 1,
            role: planned.role,
          });
      }
      if (instances.length === 0 && volumes.size === 0) continue;
      const network = site.networks.find((candidate) => candidate.name === workload.network);
      network?.workloads.push({
        name: workload.name,
        tier: workload.tier,
        flavor: workload.flavor,
        instances: instances.length,
        volumes: [...volumes.values()],
      });
    }
    const seen = new Set<string>();
    for (const planned of placement.volumes) {
      if (planned.role !== "primary" || planned.peerSite === undefined) continue;
      const key = `${planned.volume.name}/${planned.site}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push({
        workload: workload.name,
        volume: planned.volume.name,
        fromSite: planned.site,
        toSite: planned.peerSite,
        mode: findVolumeType(platform, planned.volume.type)?.replication ?? planned.replication,
      });
    }
  }
  return { department: department.id, sites, pairs };
}
