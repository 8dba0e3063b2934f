/**
 * A tier is a promise about failures: critical workloads survive the loss of a datacenter
 * without losing data, important ones fail over to a standby, standard ones are restored. The
 * promise holds only if replicas, primary site, networks and volume replication match the tier,
 * so this rule checks a workload against its tier as platform.yaml defines it (never by name).
 */
import { activeSites, findTier, findVolumeType } from "../catalog";
import type { Finding, FieldPath } from "../problem";
import { show } from "../problem";
import { closest, listNames } from "../suggest";
import type { Department, Platform, ReplicationMode, Tier, Workload } from "../types";
import type { Rule } from "./rule";

const STRENGTH: Record<ReplicationMode, number> = { none: 0, async: 1, sync: 2 };

const REQUIRED_WORDS: Record<ReplicationMode, string> = {
  none: "may keep data at one site",
  async: "keep a copy of their data at the other site",
  sync: "keep data at both sites synchronously",
};

const TYPE_WORDS: Record<ReplicationMode, string> = {
  none: "does not replicate",
  async: "replicates asynchronously",
  sync: "replicates synchronously",
};

export const tierPlacement: Rule = {
  name: "tier-placement",
  description: "Replicas, primary site, networks and volume replication match the workload's tier.",
  check({ estate }) {
    const { platform } = estate;
    const findings: Finding[] = [];
    for (const { file, department } of estate.departments) {
      department.workloads.forEach((workload, w) => {
        const tier = findTier(platform, workload.tier);
        if (tier === undefined) return; // references reports the unknown tier
        findings.push(...checkWorkload(file, department, workload, w, tier, platform));
      });
    }
    return findings;
  },
};

/** What the checks of one workload share. */
interface WorkloadContext {
  file: string;
  department: Department;
  workload: Workload;
  tier: Tier;
  platform: Platform;
  at: (...rest: (string | number)[]) => FieldPath;
  /** Active site ids, each once. */
  active: string[];
  /** Placement across sites assumes the two-site design; platform-consistency reports otherwise. */
  twoSites: boolean;
  /** Sites listed in replicas, and those with at least one instance. */
  sites: string[];
  running: string[];
}

function checkWorkload(
  file: string,
  department: Department,
  workload: Workload,
  w: number,
  tier: Tier,
  platform: Platform,
): Finding[] {
  const active = [...new Set(activeSites(platform).map((site) => site.id))];
  const sites = Object.keys(workload.replicas);
  const context: WorkloadContext = {
    file,
    department,
    workload,
    tier,
    platform,
    at: (...rest) => ["workloads", w, ...rest],
    active,
    twoSites: active.length === 2,
    sites,
    running: sites.filter((site) => workload.replicas[site] > 0),
  };
  // A site name that is not an active site (a typo) is reported by references; judging the
  // placement without it would report the same typo again as a missing site.
  const typo = sites.some((site) => !active.includes(site));
  return [
    ...(typo ? [] : checkReplicas(context)),
    ...checkNetwork(context),
    ...checkVolumes(context),
  ];
}

function checkReplicas(context: WorkloadContext): Finding[] {
  const { file, department, workload, tier, platform, at, active, twoSites, sites, running } =
    context;
  const findings: Finding[] = [];
  const replicas = workload.replicas;
  const listed = (site: string) => Object.prototype.hasOwnProperty.call(replicas, site);
  const count = (site: string) => (listed(site) ? replicas[site] : 0);
  const min = tier.minReplicasPerSite;
  const instances = `${min} instance${min === 1 ? "" : "s"}`;
  const hasQuota = (site: string) => Object.prototype.hasOwnProperty.call(department.quotas, site);
  const describeReplicas = () =>
    sites.length === 0 ? "no sites" : sites.map((site) => `${site}: ${replicas[site]}`).join(", ");
  const tooFew = (site: string, rule: string) =>
    findings.push({
      file,
      path: listed(site) ? at("replicas", site) : at("replicas"),
      code: "too-few-replicas",
      message: `${tier.name} workloads ${rule}, but ${site} has ${count(site) === 0 ? "none" : count(site)}`,
      found: listed(site) ? `${site}: ${count(site)}` : `no entry for ${site}`,
      allowed: `at least ${min} at ${site}`,
      fix:
        `set replicas.${site} to ${min} or more` +
        (hasQuota(site) ? "" : ` (the department also needs a quota at ${site})`),
    });

  if (running.length === 0) {
    findings.push({
      file,
      path: at("replicas"),
      code: "no-instances",
      message: "the workload has no instances at any site",
      found: describeReplicas(),
      allowed: `at least ${instances} at a site`,
      fix: `set the replicas of a site to ${min} or more, or remove the workload`,
    });
    return findings;
  }

  if (tier.placement === "active-active") {
    if (!twoSites) return findings;
    for (const site of active) {
      if (count(site) < min)
        tooFew(site, `run at every active site with at least ${instances} each`);
    }
    return findings;
  }

  if (tier.placement === "active-standby") {
    const primary = workload.primarySite;
    // Which site is the standby is only clear with two active sites; an unknown primarySite is
    // reported by references.
    if (!twoSites || (primary !== undefined && !active.includes(primary))) return findings;
    if (primary === undefined) {
      const busiest = [...active].sort((a, b) => count(b) - count(a))[0];
      findings.push({
        file,
        path: at(),
        code: "missing-primary-site",
        message: `${tier.name} workloads are active-standby and need a primarySite: the site that runs them normally`,
        found: "no primarySite",
        allowed: listNames(active),
        fix: `add "primarySite: ${busiest}" to the workload`,
      });
      return findings;
    }
    if (count(primary) < min) tooFew(primary, `run at least ${instances} at their primary site`);
    const [standby] = active.filter((site) => site !== primary);
    if (!listed(standby)) {
      findings.push({
        file,
        path: at("replicas"),
        code: "missing-standby-site",
        message: `${tier.name} workloads fail over to ${standby}, so replicas must list ${standby} (0 for a cold standby)`,
        found: describeReplicas(),
        allowed: `an entry for ${primary} and for ${standby}`,
        fix:
          `add "${standby}: 0" (cold standby) or "${standby}: ${min}" (warm standby) under replicas` +
          (hasQuota(standby) ? "" : ` and a quota for ${standby}`),
      });
    }
    return findings;
  }

  // single-site
  if (running.length > 1) {
    const spread = platform.tiers
      .filter((other) => other.placement !== "single-site")
      .map((other) => other.name);
    findings.push({
      file,
      path: at("replicas"),
      code: "single-site-spread",
      message: `${tier.name} workloads run at one site, but this one has instances at ${running.join(" and ")}`,
      found: describeReplicas(),
      allowed: "instances at one site only",
      fix:
        "keep the instances at one site" +
        (spread.length > 0
          ? `, or choose a tier that runs at two sites (${spread.join(", ")})`
          : ""),
    });
    return findings;
  }
  const [site] = running;
  if (count(site) < min) tooFew(site, `run at least ${instances} at their site`);
  const primary = workload.primarySite;
  if (primary !== undefined && primary !== site && active.includes(primary)) {
    findings.push({
      file,
      path: at("primarySite"),
      code: "primary-site-mismatch",
      message: `primarySite is ${primary}, but the instances of this single-site workload run at ${site}`,
      found: show(primary),
      allowed: show(site),
      fix: `set "primarySite: ${site}", or move the instances to ${primary}`,
    });
  }
  return findings;
}

/** The network must have a subnet wherever the workload runs or fails over to. */
function checkNetwork(context: WorkloadContext): Finding[] {
  const { file, department, workload, tier, at, active, twoSites, running } = context;
  const n = department.networks.findIndex((network) => network.name === workload.network);
  if (n < 0) return []; // references reports the unknown network
  const network = department.networks[n];
  const subnets = Object.keys(network.cidrs);
  // A subnet at a mistyped site is reported by references, not again as a missing one.
  if (subnets.some((site) => !active.includes(site))) return [];

  const needs = new Map<string, string>();
  for (const site of running) {
    if (!active.includes(site)) continue;
    const count = workload.replicas[site];
    needs.set(site, `where this workload runs ${count} instance${count === 1 ? "" : "s"}`);
  }
  const primary = workload.primarySite;
  if (twoSites && tier.placement === "active-standby" && primary !== undefined) {
    if (active.includes(primary)) {
      for (const site of active) {
        if (site !== primary && !needs.has(site))
          needs.set(site, "which this workload fails over to");
      }
    }
  }
  const findings: Finding[] = [];
  for (const [site, why] of needs) {
    if (subnets.includes(site)) continue;
    findings.push({
      file,
      path: at("network"),
      code: "network-missing-site",
      message: `network "${network.name}" has no subnet at ${site}, ${why}`,
      found: `subnets at ${listNames(subnets)}`,
      allowed: `a network with a subnet at ${[...needs.keys()].join(" and ")}`,
      fix: `add a ${site} subnet under networks[${n}].cidrs`,
    });
  }
  return findings;
}

/** Data volumes replicate at least as strongly as the tier promises. */
function checkVolumes(context: WorkloadContext): Finding[] {
  const { file, workload, tier, platform, at } = context;
  const required = tier.volumeReplication;
  const strongEnough = platform.catalog.volumeTypes
    .filter((type) => STRENGTH[type.replication] >= STRENGTH[required])
    .map((type) => type.name);
  const findings: Finding[] = [];
  (workload.volumes ?? []).forEach((volume, v) => {
    const type = findVolumeType(platform, volume.type);
    if (type === undefined) return; // references reports the unknown type
    if (STRENGTH[type.replication] >= STRENGTH[required]) return;
    // The closest name (ssd-async -> ssd-sync), else the weakest type that is strong enough.
    const pick = closest(type.name, strongEnough) ?? weakestOf(strongEnough, platform);
    findings.push({
      file,
      path: at("volumes", v, "type"),
      code: "weak-volume-replication",
      message: `${tier.name} workloads ${REQUIRED_WORDS[required]}; volume type ${type.name} ${TYPE_WORDS[type.replication]}`,
      found: `${type.name} (replication: ${type.replication})`,
      allowed: listNames(strongEnough),
      fix:
        pick === undefined
          ? `ask the platform team for a volume type with ${required} replication`
          : `use volume type ${pick}`,
    });
  });
  return findings;
}

function weakestOf(names: string[], platform: Platform): string | undefined {
  let best: string | undefined;
  let bestStrength = Infinity;
  for (const name of names) {
    const strength = STRENGTH[findVolumeType(platform, name)?.replication ?? "sync"];
    if (strength < bestStrength) {
      best = name;
      bestStrength = strength;
    }
  }
  return best;
}
