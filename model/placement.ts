/**
 * Where a department's workloads run and where their data lives: the single source of truth
 * for the components (which resources to create), quota checks (what they use) and reports.
 */
import { findTier, findVolumeType, findSite, peerSite } from "./catalog";
import type { DataVolume, Department, Platform, ReplicationMode, Workload } from "./types";

export interface PlannedInstance {
  site: string;
  /** 0-based index of the instance at its site. */
  index: number;
  /** `<dept>-<site>-<workload>-<n>`, used as both the Pulumi and the OpenStack name. */
  name: string;
  availabilityZone?: string;
}

export interface PlannedVolume {
  /** Site the volume lives at. */
  site: string;
  /** Instance the primary is attached to (secondaries are attached only after a failover). */
  instance: PlannedInstance;
  volume: DataVolume;
  role: "primary" | "secondary";
  replication: ReplicationMode;
  /** For a replicated volume: the site of the other half of the pair. */
  peerSite?: string;
  name: string;
}

export interface WorkloadPlacement {
  instances: PlannedInstance[];
  volumes: PlannedVolume[];
}

/** Workloads with at least one instance at `site`. */
export function workloadsAt(dept: Department, site: string): Workload[] {
  return dept.workloads.filter((workload) => (workload.replicas[site] ?? 0) > 0);
}

/** Sites whose instances own data volumes: every running site, except the standby of an active-standby workload. */
export function volumeOwningSites(workload: Workload, platform: Platform): string[] {
  const running = Object.keys(workload.replicas).filter((site) => workload.replicas[site] > 0);
  const tier = findTier(platform, workload.tier);
  if (tier?.placement === "active-standby" && workload.primarySite !== undefined) {
    return running.filter((site) => site === workload.primarySite);
  }
  return running;
}

export function instanceName(dept: Department, site: string, workload: Workload, index: number) {
  return `${dept.id}-${site}-${workload.name}-${index}`;
}

/** Instances and volumes of one workload, in a stable order (site order of the platform, then index). */
export function placeWorkload(
  dept: Department,
  workload: Workload,
  platform: Platform,
): WorkloadPlacement {
  const instances: PlannedInstance[] = [];
  const volumes: PlannedVolume[] = [];
  const owning = new Set(volumeOwningSites(workload, platform));
  for (const site of platform.sites) {
    const count = workload.replicas[site.id] ?? 0;
    const zones = findSite(platform, site.id)?.availabilityZones ?? [];
    for (let index = 0; index < count; index++) {
      const instance: PlannedInstance = {
        site: site.id,
        index,
        name: instanceName(dept, site.id, workload, index),
        // Spread replicas over the site's zones so that one zone failing leaves the others.
        availabilityZone: zones.length > 0 ? zones[index % zones.length] : undefined,
      };
      instances.push(instance);
      if (!owning.has(site.id)) continue;
      for (const volume of workload.volumes ?? []) {
        const replication = findVolumeType(platform, volume.type)?.replication ?? "none";
        const primaryName = `${instance.name}-${volume.name}`;
        const peer = replication === "none" ? undefined : peerSite(platform, site.id);
        volumes.push({
          site: site.id,
          instance,
          volume,
          role: "primary",
          replication,
          peerSite: peer,
          name: primaryName,
        });
        if (peer !== undefined) {
          volumes.push({
            site: peer,
            instance,
            volume,
            role: "secondary",
            replication,
            peerSite: site.id,
            name: `${dept.id}-${peer}-${workload.name}-${index}-${volume.name}-from-${site.id}`,
          });
        }
      }
    }
  }
  return { instances, volumes };
}
