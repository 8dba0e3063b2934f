/**
 * What a stack's resources use at each site, in the units of a quota: instances with the vCPUs and
 * RAM of their catalog flavor, volumes and their GiB, floating IPs and networks. This is the
 * stack's own account of what it deploys; the department file's account (model/usage.ts) is what
 * the other departments' stacks are assumed to deploy. Pure.
 */
import type { CityFacts } from "./facts";
import { lookup } from "./facts";
import { label, readLabels } from "./labels";
import type { Violation } from "./policy";
import { T } from "./resource-types";
import type { ResourceView } from "./resource-view";
import { identify, isUnknown, readNumber, readString, unknownReason } from "./resource-view";
import { siteOf, siteProblem } from "./site";

/** What is counted, per site. */
export const USAGE_FIELDS = [
  "instances",
  "vcpus",
  "ramGiB",
  "volumes",
  "volumeGiB",
  "floatingIps",
  "networks",
] as const;
export type UsageField = (typeof USAGE_FIELDS)[number];
export type StackSiteUsage = Record<UsageField, number>;

function emptyUsage(): StackSiteUsage {
  return {
    instances: 0,
    vcpus: 0,
    ramGiB: 0,
    volumes: 0,
    volumeGiB: 0,
    floatingIps: 0,
    networks: 0,
  };
}

export interface SiteAccount {
  usage: StackSiteUsage;
  /** Per field, what each workload (or resource, when it names no workload) adds. */
  by: Partial<Record<UsageField, Map<string, number>>>;
}

export interface StackUsage {
  sites: Map<string, SiteAccount>;
  /** Resources that could not be counted: the rule cannot give a full verdict while they exist. */
  uncounted: Violation[];
}

const VOLUME_TYPES: readonly string[] = [
  T.volume,
  "openstack:blockstorage/volumeV2:VolumeV2",
  "openstack:blockstorage/volumeV1:VolumeV1",
];

export function isVolume(type: string): boolean {
  return VOLUME_TYPES.includes(type);
}

const COUNTED: readonly string[] = [T.instance, T.floatingIp, T.network, ...VOLUME_TYPES];

export function stackUsage(
  resources: readonly ResourceView[],
  facts: Pick<CityFacts, "flavors" | "sites">,
): StackUsage {
  const sites = new Map<string, SiteAccount>();
  const uncounted: Violation[] = [];
  const account = (site: string): SiteAccount => {
    let entry = sites.get(site);
    if (entry === undefined) {
      entry = { usage: emptyUsage(), by: {} };
      sites.set(site, entry);
    }
    return entry;
  };
  const add = (site: string, field: UsageField, amount: number, who: string) => {
    const entry = account(site);
    entry.usage[field] += amount;
    const by = (entry.by[field] ??= new Map<string, number>());
    by.set(who, (by.get(who) ?? 0) + amount);
  };
  const skip = (resource: ResourceView, why: string) =>
    uncounted.push({
      message: `${identify(resource)} cannot be counted: ${why}`,
      urn: resource.urn,
    });

  for (const resource of resources) {
    if (!COUNTED.includes(resource.type)) continue;
    const labels = readLabels(resource);
    const where = siteOf(resource, facts, labels);
    if (where.kind !== "site") {
      skip(resource, siteProblem(where));
      continue;
    }
    const site = where.site;
    const who = label(labels, "workload") ?? resource.name;
    if (resource.type === T.instance) {
      const flavorName = readString(resource.props, "flavorName");
      if (isUnknown(flavorName)) {
        skip(resource, unknownReason(flavorName));
        continue;
      }
      if (flavorName === undefined) {
        skip(resource, "it names no flavorName (a flavorId cannot be matched with the catalog)");
        continue;
      }
      const flavor = lookup(facts.flavors, flavorName);
      if (flavor === undefined) {
        skip(resource, `flavor ${flavorName} is not in the catalog of platform.yaml`);
        continue;
      }
      add(site, "instances", 1, who);
      add(site, "vcpus", flavor.vcpus, who);
      add(site, "ramGiB", flavor.ramGiB, who);
    } else if (isVolume(resource.type)) {
      const size = readNumber(resource.props, "size");
      if (isUnknown(size)) {
        skip(resource, unknownReason(size));
        continue;
      }
      if (size === undefined) {
        skip(resource, "it has no size");
        continue;
      }
      add(site, "volumes", 1, who);
      add(site, "volumeGiB", size, who);
    } else if (resource.type === T.floatingIp) {
      add(site, "floatingIps", 1, who);
    } else if (resource.type === T.network) {
      add(site, "networks", 1, resource.name);
    }
  }
  return { sites, uncounted };
}

/** `case-db (32), portal (8) and bastion (2)`: the largest contributors to one field at a site. */
export function largestContributors(account: SiteAccount, field: UsageField, count = 3): string {
  const entries = [...(account.by[field] ?? new Map<string, number>()).entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, count)
    .map(([who, amount]) => `${who} (${amount})`);
  if (entries.length <= 1) return entries.join("");
  return `${entries.slice(0, -1).join(", ")} and ${entries[entries.length - 1]}`;
}

const UNITS: Record<UsageField, [string, string]> = {
  instances: ["instance", "instances"],
  vcpus: ["vCPU", "vCPUs"],
  ramGiB: ["GiB of RAM", "GiB of RAM"],
  volumes: ["volume", "volumes"],
  volumeGiB: ["GiB of volumes", "GiB of volumes"],
  floatingIps: ["floating IP", "floating IPs"],
  networks: ["network", "networks"],
};

/** `1 instance`, `26 vCPUs`, `2250 GiB of volumes` (rounded to two decimals). */
export function quantity(value: number, field: UsageField): string {
  const rounded = Math.round(value * 100) / 100;
  return `${rounded} ${UNITS[field][rounded === 1 ? 0 : 1]}`;
}
