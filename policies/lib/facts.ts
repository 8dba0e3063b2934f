/**
 * What the city knows that a policy needs and a stack does not say: the catalog (flavor sizes,
 * images, volume types and their replication), the tiers, the approval rules, each site's
 * capacity, and each department's owners, workloads and planned usage per site. Plain data, built
 * once when the pack loads (load-facts.ts) by a pure function of the estate, and passed to every
 * rule: rules stay pure functions of (resources, config, facts).
 */
import { siteCapacity } from "../../model/capacity";
import type { SiteCapacity } from "../../model/capacity";
import type { Estate } from "../../model/estate";
import { failoverInput } from "../../model/failover";
import type { FailoverInput } from "../../model/failover";
import { departmentOwner } from "../../model/tags";
import type { Placement, ReplicationMode, SiteRole } from "../../model/types";
import { departmentUsage } from "../../model/usage";
import type { SiteUsage } from "../../model/usage";

export interface SiteFacts {
  id: string;
  role: SiteRole;
  /** OpenStack region of an active site: how a resource's provider tells where it lives. */
  region?: string;
  capacity: SiteCapacity;
}

export interface FlavorFacts {
  vcpus: number;
  ramGiB: number;
}

export interface VolumeTypeFacts {
  replication: ReplicationMode;
  rpoSeconds: number;
}

export interface TierFacts {
  placement: Placement;
  volumeReplication: ReplicationMode;
  minReplicasPerSite: number;
  antiAffinity: boolean;
  requiresApprover: boolean;
}

export interface WorkloadFacts {
  tier: string;
  flavor: string;
  /** Site id -> instances there, as the department file asks. */
  replicas: Record<string, number>;
}

export interface DepartmentFacts {
  id: string;
  file: string;
  costCentre: string;
  /** The `owner` label the program writes: the first approver (see model/tags.ts). */
  owner: string;
  /** Every owner's id. */
  owners: string[];
  /** Owners with role `approver`: they may approve the department's workloads. */
  approvers: string[];
  workloads: Record<string, WorkloadFacts>;
  /** What the department file asks for at each site (model/usage.ts). */
  usage: Record<string, SiteUsage>;
}

export interface ApprovalFacts {
  ticketPattern: string;
  ticketExample: string;
  validityDays: number;
  /** Platform team members: they approve VDCs, quotas and exceptions. */
  platformApprovers: string[];
}

export interface CityFacts {
  /** Folder the facts were read from (facts given in policy config do not say). */
  root?: string;
  /** Today (YYYY-MM-DD) when the facts were read; approvals expire relative to it. */
  today: string;
  sites: Record<string, SiteFacts>;
  flavors: Record<string, FlavorFacts>;
  images: string[];
  volumeTypes: Record<string, VolumeTypeFacts>;
  tiers: Record<string, TierFacts>;
  approvals: ApprovalFacts;
  departments: Record<string, DepartmentFacts>;
  /** What a site loss asks of the other site (model/failover.ts), for site-failover. */
  failover: FailoverInput;
}

/**
 * The parts of CityFacts a policy can declare it reads and receive in its config (`facts`):
 * everything but where and when they were read. A rule is typed with RuleFacts of its sections,
 * so the compiler checks that it reads nothing it did not declare.
 */
export type FactSection = Exclude<keyof CityFacts, "root" | "today">;

/** The facts a rule of `S` sees: its sections and the day of the change. */
export type RuleFacts<S extends FactSection> = Pick<CityFacts, S | "today">;

/** `record[key]` for own keys only: a flavor called `constructor` is not a function. */
export function lookup<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export function cityFacts(estate: Estate, today: string): CityFacts {
  const { platform } = estate;
  const sites: Record<string, SiteFacts> = {};
  for (const site of platform.sites) {
    sites[site.id] = {
      id: site.id,
      role: site.role,
      ...(site.openstack === undefined ? {} : { region: site.openstack.region }),
      capacity: siteCapacity(platform, site.id),
    };
  }
  const flavors: Record<string, FlavorFacts> = {};
  for (const flavor of platform.catalog.flavors) {
    flavors[flavor.name] = { vcpus: flavor.vcpus, ramGiB: flavor.ramGiB };
  }
  const volumeTypes: Record<string, VolumeTypeFacts> = {};
  for (const type of platform.catalog.volumeTypes) {
    volumeTypes[type.name] = { replication: type.replication, rpoSeconds: type.rpoSeconds ?? 0 };
  }
  const tiers: Record<string, TierFacts> = {};
  for (const tier of platform.tiers) {
    tiers[tier.name] = {
      placement: tier.placement,
      volumeReplication: tier.volumeReplication,
      minReplicasPerSite: tier.minReplicasPerSite,
      antiAffinity: tier.antiAffinity,
      requiresApprover: tier.requiresApprover,
    };
  }
  const departments: Record<string, DepartmentFacts> = {};
  for (const { file, department } of estate.departments) {
    const workloads: Record<string, WorkloadFacts> = {};
    for (const workload of department.workloads) {
      workloads[workload.name] = {
        tier: workload.tier,
        flavor: workload.flavor,
        replicas: { ...workload.replicas },
      };
    }
    departments[department.id] = {
      id: department.id,
      file,
      costCentre: department.costCentre,
      owner: departmentOwner(department),
      owners: department.owners.map((owner) => owner.id),
      approvers: department.owners
        .filter((owner) => owner.role === "approver")
        .map((owner) => owner.id),
      workloads,
      usage: Object.fromEntries(departmentUsage(department, platform)),
    };
  }
  return {
    root: estate.root,
    today,
    sites,
    flavors,
    images: platform.catalog.images.map((image) => image.name),
    volumeTypes,
    tiers,
    approvals: {
      ticketPattern: platform.approvals.ticketPattern,
      ticketExample: platform.approvals.ticketExample,
      validityDays: platform.approvals.validityDays,
      platformApprovers: platform.approvals.approvers.map((person) => person.id),
    },
    departments,
    failover: failoverInput(estate),
  };
}

/** The active site whose OpenStack region is `region`. */
export function siteOfRegion(facts: Pick<CityFacts, "sites">, region: string): string | undefined {
  return Object.values(facts.sites).find((site) => site.region === region)?.id;
}

export function activeSiteIds(facts: Pick<CityFacts, "sites">): string[] {
  return Object.values(facts.sites)
    .filter((site) => site.role === "active")
    .map((site) => site.id);
}
