/**
 * The complete quota of a department at one site, in the field names of the three OpenStack
 * quota resources. OpenStack sets every field a quota request leaves out to zero, so each
 * object here carries every field: what the department asks for, the platform's defaults for
 * what it leaves out, and fixed values for limits the model does not expose.
 */
import type { Platform, QuotaDefaults, SiteQuota } from "./types";

/** Nova limits (compute.QuotaSetV2). No network fields: Nova API 2.36 removed them. */
export interface ComputeQuota {
  cores: number;
  /** MiB. */
  ram: number;
  instances: number;
  keyPairs: number;
  serverGroups: number;
  serverGroupMembers: number;
  metadataItems: number;
  injectedFiles: number;
  injectedFileContentBytes: number;
  injectedFilePathBytes: number;
}

/** Neutron limits (networking.QuotaV2). */
export interface NetworkQuota {
  network: number;
  subnet: number;
  port: number;
  router: number;
  floatingip: number;
  securityGroup: number;
  securityGroupRule: number;
  rbacPolicy: number;
  subnetpool: number;
}

/** Cinder limits (blockstorage.QuoteSetV3). Per-type limits are not set: Cinder keeps them. */
export interface VolumeQuota {
  volumes: number;
  gigabytes: number;
  snapshots: number;
  backups: number;
  backupGigabytes: number;
  perVolumeGigabytes: number;
  groups: number;
}

export interface SiteQuotaLimits {
  compute: ComputeQuota;
  network: NetworkQuota;
  volume: VolumeQuota;
}

/** Nova's own defaults for limits the department file has no field for. */
export const NOVA_FIXED = {
  metadataItems: 128,
  injectedFiles: 5,
  injectedFileContentBytes: 10240,
  injectedFilePathBytes: 255,
} as const;

/**
 * Departments neither share networks with other projects (RBAC policies) nor create subnet
 * pools: both would bypass the platform's address plan, so both limits are zero.
 */
export const NEUTRON_FIXED = { rbacPolicy: 0, subnetpool: 0 } as const;

/** Cinder's default for consistency groups. */
export const CINDER_GROUPS = 10;

function withDefaults(quota: SiteQuota, defaults: QuotaDefaults): Required<SiteQuota> {
  return {
    ...quota,
    subnets: quota.subnets ?? defaults.subnets,
    routers: quota.routers ?? defaults.routers,
    ports: quota.ports ?? defaults.ports,
    securityGroups: quota.securityGroups ?? defaults.securityGroups,
    securityGroupRules: quota.securityGroupRules ?? defaults.securityGroupRules,
    serverGroups: quota.serverGroups ?? defaults.serverGroups,
    serverGroupMembers: quota.serverGroupMembers ?? defaults.serverGroupMembers,
    snapshots: quota.snapshots ?? defaults.snapshots,
    keyPairs: quota.keyPairs ?? defaults.keyPairs,
  };
}

/**
 * The largest single volume a department may create: the largest size any volume type of the
 * catalog allows (validation keeps each data volume within its own type's limit).
 */
export function largestVolumeGiB(platform: Platform): number {
  return Math.max(0, ...platform.catalog.volumeTypes.map((type) => type.maxSizeGiB));
}

export function siteQuotaLimits(quota: SiteQuota, platform: Platform): SiteQuotaLimits {
  const q = withDefaults(quota, platform.quotaDefaults);
  return {
    compute: {
      cores: q.vcpus,
      ram: q.ramGiB * 1024,
      instances: q.instances,
      keyPairs: q.keyPairs,
      serverGroups: q.serverGroups,
      serverGroupMembers: q.serverGroupMembers,
      ...NOVA_FIXED,
    },
    network: {
      network: q.networks,
      subnet: q.subnets,
      port: q.ports,
      router: q.routers,
      floatingip: q.floatingIps,
      securityGroup: q.securityGroups,
      securityGroupRule: q.securityGroupRules,
      ...NEUTRON_FIXED,
    },
    volume: {
      volumes: q.volumes,
      gigabytes: q.volumeGiB,
      snapshots: q.snapshots,
      // Backups follow snapshots and may hold every volume once: the standard tier is restored
      // from backup after a site failure.
      backups: q.snapshots,
      backupGigabytes: q.volumeGiB,
      perVolumeGigabytes: largestVolumeGiB(platform),
      groups: CINDER_GROUPS,
    },
  };
}
