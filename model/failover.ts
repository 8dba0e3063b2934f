/**
 * What happens when one active site is lost, from the tiers in platform.yaml: pure functions of
 * the model, shared by `govcloud failover`, the summary line of `govcloud check` and the
 * site-failover policy (which gets the same input through the pack's facts).
 *
 * - A workload of an active-active tier keeps running on its replicas at the surviving site,
 *   which must grow to the tier's `failover.survivingReplicas`: the workload's full replica
 *   count (both sites together), or a stated share of it. The new instances attach the
 *   surviving copies of the lost site's synchronous volumes.
 * - A workload of an active-standby tier whose primary site is lost starts its standby at the
 *   other site: as many instances of the same flavor as ran at the primary (or the tier's share
 *   of them), attached to the replicated volumes; standby instances already running there count.
 *   When the standby site is lost instead, the workload keeps running without a standby.
 * - A workload of a single-site tier at the lost site is down until it is restored, within its
 *   tier's RTO.
 *
 * Only tiers that must survive (by default every tier placed on both sites) are grown or started;
 * the others keep what survives and are otherwise down. The surviving site must hold what it
 * already runs plus what starts there, against its hosts under `capacity.emergency`.
 */
import type { SiteCapacity } from "./capacity";
import { siteCapacity } from "./capacity";
import type { Estate } from "./estate";
import { placeWorkload } from "./placement";
import type { CapacityPolicy, Placement, Platform, ReplicationMode } from "./types";
import { departmentUsage } from "./usage";

/** The three dimensions a host gives: what a failover needs of the surviving site. */
export type FailoverDimension = "vcpus" | "ramGiB" | "instances";
export const FAILOVER_DIMENSIONS: readonly FailoverDimension[] = ["vcpus", "ramGiB", "instances"];

export type Demand = Record<FailoverDimension, number>;

/** `full`, or the share (0 to 1] of the workload's replicas the surviving site runs. */
export type SurvivingReplicas = "full" | number;

/** Emergency overcommit and VM density allowed while one site carries the other's load. */
export type EmergencyCapacity = Pick<
  CapacityPolicy,
  "vmsPerHost" | "cpuOvercommit" | "ramOvercommit"
>;

// ---------------------------------------------------------------------------------------------
// The input: plain data, built once from the estate (failoverInput) or carried in the pack's facts
// ---------------------------------------------------------------------------------------------

export interface FailoverSite {
  id: string;
  role: "active" | "witness";
  hosts: number;
  /** Everyday capacity (capacity.*). */
  everyday: Demand;
  /** Capacity under capacity.emergency (each field defaults to the everyday one). */
  emergency: Demand;
}

export interface FailoverTier {
  name: string;
  placement: Placement;
  rtoMinutes: number;
  rpoSeconds: number;
  survivingReplicas: SurvivingReplicas;
}

export interface FailoverWorkloadInput {
  name: string;
  tier: string;
  flavor: string;
  /** vCPUs and RAM of the flavor (0 for a flavor the catalog lacks; validation reports it). */
  vcpus: number;
  ramGiB: number;
  replicas: Record<string, number>;
  primarySite?: string;
  /**
   * Lost site id -> the replicated volumes at the other site whose primary is at the lost site,
   * in instance order: what the instances started there attach.
   */
  takeOver: Record<string, TakenVolume[]>;
}

export interface TakenVolume {
  /** Index of the lost instance whose volume this is a copy of. */
  index: number;
  name: string;
  replication: ReplicationMode;
}

export interface FailoverDepartmentInput {
  id: string;
  file: string;
  /** What the department's file asks for at each site (model/usage.ts), in host dimensions. */
  usage: Record<string, Demand>;
  workloads: FailoverWorkloadInput[];
}

export interface WitnessInput {
  /** The witness site, when the platform has one. */
  site?: string;
  /** `<kvm host>/<domain>` of the quorum witness VM at that site, when one is defined. */
  domain?: string;
}

export interface FailoverInput {
  sites: FailoverSite[];
  tiers: FailoverTier[];
  /** The site whose copies keep accepting writes when the pair cannot reach its peer. */
  preferredSite?: string;
  witness: WitnessInput;
  emergency: EmergencyCapacity;
  departments: FailoverDepartmentInput[];
}

/** capacity.emergency with its defaults: the everyday values. */
export function emergencyCapacity(platform: Platform): EmergencyCapacity {
  const { vmsPerHost, cpuOvercommit, ramOvercommit, emergency } = platform.capacity;
  return {
    vmsPerHost: emergency?.vmsPerHost ?? vmsPerHost,
    cpuOvercommit: emergency?.cpuOvercommit ?? cpuOvercommit,
    ramOvercommit: emergency?.ramOvercommit ?? ramOvercommit,
  };
}

/** storagePairing.preferredSite, or the first active site when it is not set. */
export function preferredSite(platform: Platform): string | undefined {
  return (
    platform.storagePairing.preferredSite ??
    platform.sites.find((site) => site.role === "active")?.id
  );
}

/** The share a tier's failover setting asks of the surviving site (default `full`). */
export function survivingReplicas(tier: { failover?: { survivingReplicas?: SurvivingReplicas } }) {
  return tier.failover?.survivingReplicas ?? "full";
}

function demandOf(capacity: SiteCapacity): Demand {
  return { vcpus: capacity.vcpus, ramGiB: capacity.ramGiB, instances: capacity.instances };
}

/** The plain input of every failover computation, from the loaded estate. */
export function failoverInput(estate: Estate): FailoverInput {
  const { platform } = estate;
  const emergency = emergencyCapacity(platform);
  const emergencyPlatform: Platform = {
    ...platform,
    capacity: { ...platform.capacity, ...emergency },
  };
  const sites: FailoverSite[] = platform.sites.map((site) => {
    const everyday = siteCapacity(platform, site.id);
    return {
      id: site.id,
      role: site.role,
      hosts: everyday.hosts,
      everyday: demandOf(everyday),
      emergency: demandOf(siteCapacity(emergencyPlatform, site.id)),
    };
  });
  const tiers: FailoverTier[] = platform.tiers.map((tier) => ({
    name: tier.name,
    placement: tier.placement,
    rtoMinutes: tier.rtoMinutes,
    rpoSeconds: tier.rpoSeconds,
    survivingReplicas: survivingReplicas(tier),
  }));
  const flavors = new Map(platform.catalog.flavors.map((flavor) => [flavor.name, flavor]));
  const departments = estate.departments.map(({ file, department }) => {
    const usage: Record<string, Demand> = {};
    for (const [site, used] of departmentUsage(department, platform)) {
      usage[site] = { vcpus: used.vcpus, ramGiB: used.ramGiB, instances: used.instances };
    }
    const workloads = department.workloads.map((workload): FailoverWorkloadInput => {
      const takeOver: Record<string, TakenVolume[]> = {};
      for (const volume of placeWorkload(department, workload, platform).volumes) {
        if (volume.role !== "secondary" || volume.peerSite === undefined) continue;
        (takeOver[volume.peerSite] ??= []).push({
          index: volume.instance.index,
          name: volume.name,
          replication: volume.replication,
        });
      }
      const flavor = flavors.get(workload.flavor);
      return {
        name: workload.name,
        tier: workload.tier,
        flavor: workload.flavor,
        vcpus: flavor?.vcpus ?? 0,
        ramGiB: flavor?.ramGiB ?? 0,
        replicas: { ...workload.replicas },
        ...(workload.primarySite === undefined ? {} : { primarySite: workload.primarySite }),
        takeOver,
      };
    });
    return { id: department.id, file, usage, workloads };
  });
  const witnessSite = platform.sites.find((site) => site.role === "witness")?.id;
  const witnessHost = platform.kvmHosts.find(
    (host) =>
      host.site === witnessSite && host.domains.some((domain) => domain.role === "quorum-witness"),
  );
  const witnessDomain = witnessHost?.domains.find((domain) => domain.role === "quorum-witness");
  const preferred = preferredSite(platform);
  return {
    sites,
    tiers,
    ...(preferred === undefined ? {} : { preferredSite: preferred }),
    witness: {
      ...(witnessSite === undefined ? {} : { site: witnessSite }),
      ...(witnessHost === undefined || witnessDomain === undefined
        ? {}
        : { domain: `${witnessHost.name}/${witnessDomain.name}` }),
    },
    emergency,
    departments,
  };
}

// ---------------------------------------------------------------------------------------------
// The result of losing one site
// ---------------------------------------------------------------------------------------------

/**
 * - `keeps-running`: nothing of it was at the lost site (or only its standby).
 * - `grows`: active-active; its surviving replicas run on and more start beside them.
 * - `continues`: active-active; its surviving replicas run on, as many as the tier asks.
 * - `starts`: active-standby; the standby starts at the surviving site.
 * - `reduced`: part of it survives, but its tier need not survive, so nothing starts.
 * - `down`: nothing of it runs until it is restored (within its tier's RTO).
 */
export type Fate = "keeps-running" | "grows" | "continues" | "starts" | "reduced" | "down";

export interface WorkloadFate {
  department: string;
  workload: string;
  tier: string;
  placement?: Placement;
  flavor: string;
  fate: Fate;
  /** Instances it ran at the lost site. */
  lost: number;
  /** Instances it ran at the surviving site before. */
  before: number;
  /** Instances it runs at the surviving site after the failover. */
  after: number;
  /** Instances that start at the surviving site (after - before). */
  starts: number;
  /** What the started instances add at the surviving site. */
  adds: Demand;
  /** Replicated volumes at the surviving site the started or taking-over instances attach. */
  attaches: TakenVolume[];
  /** Time the tier allows until it runs again, for what is down or started. */
  rtoMinutes?: number;
  /** Data the tier may lose, for what is started from asynchronous copies. */
  rpoSeconds?: number;
}

export interface DepartmentFailover {
  id: string;
  file: string;
  /** What the department runs at the surviving site before the failover. */
  before: Demand;
  /** What it adds there. */
  adds: Demand;
  workloads: WorkloadFate[];
}

export interface Shortfall {
  dimension: FailoverDimension;
  needed: number;
  /** Emergency capacity less the headroom kept free. */
  available: number;
  short: number;
}

export interface SiteLoss {
  lost: string;
  survivor: string;
  /** Tiers that must survive with their full load. */
  survivingTiers: string[];
  headroomPercent: number;
  /** What the surviving site runs before the failover (every department's file). */
  before: Demand;
  /** What starts there. */
  adds: Demand;
  /** before + adds. */
  needed: Demand;
  everyday: Demand;
  emergency: Demand;
  /** Emergency capacity less the headroom kept free. */
  available: Demand;
  hosts: number;
  /** Share of the emergency capacity left free after the failover, per dimension (percent). */
  headroom: Demand;
  shortfalls: Shortfall[];
  /** What would make the shortfall fit, most direct first. */
  fixes: string[];
  /** What restoring the down workloads at the surviving site would add (not counted in needed). */
  restoreAdds: Demand;
  departments: DepartmentFailover[];
}

export interface SiteLossOptions {
  /** Tiers that must survive; default: every tier placed on both sites. */
  survivingTiers?: readonly string[];
  /** Share of the surviving site's emergency capacity kept free, percent (default 0). */
  headroomPercent?: number;
}

export function zeroDemand(): Demand {
  return { vcpus: 0, ramGiB: 0, instances: 0 };
}

function add(into: Demand, more: Demand): void {
  for (const dimension of FAILOVER_DIMENSIONS) into[dimension] += more[dimension];
}

/** Tiers that must survive by default: those placed on both sites. */
export function defaultSurvivingTiers(input: Pick<FailoverInput, "tiers">): string[] {
  return input.tiers.filter((tier) => tier.placement !== "single-site").map((tier) => tier.name);
}

/** The other active site, or undefined when `site` is not one of the two. */
export function survivorOf(input: Pick<FailoverInput, "sites">, site: string): string | undefined {
  const active = input.sites.filter((candidate) => candidate.role === "active");
  if (!active.some((candidate) => candidate.id === site)) return undefined;
  return active.find((candidate) => candidate.id !== site)?.id;
}

/** How many instances the surviving site runs of a group of `total`, under `share`. */
export function survivingTarget(total: number, share: SurvivingReplicas): number {
  if (share === "full") return total;
  // A small tolerance keeps 0.3 x 10 at 3 despite floating point.
  return Math.ceil(total * share - 1e-9);
}

function fateOf(
  input: FailoverInput,
  department: string,
  workload: FailoverWorkloadInput,
  lost: string,
  survivor: string,
  surviving: ReadonlySet<string>,
): WorkloadFate {
  const tier = input.tiers.find((candidate) => candidate.name === workload.tier);
  const lostCount = workload.replicas[lost] ?? 0;
  const before = workload.replicas[survivor] ?? 0;
  const base = {
    department,
    workload: workload.name,
    tier: workload.tier,
    ...(tier === undefined ? {} : { placement: tier.placement }),
    flavor: workload.flavor,
    lost: lostCount,
    before,
  };
  const result = (fate: Fate, after: number, attaches: TakenVolume[] = []): WorkloadFate => {
    const starts = after - before;
    return {
      ...base,
      fate,
      after,
      starts,
      adds: {
        vcpus: starts * workload.vcpus,
        ramGiB: starts * workload.ramGiB,
        instances: starts,
      },
      attaches,
      ...(tier !== undefined && (fate === "down" || fate === "starts" || fate === "grows")
        ? { rtoMinutes: tier.rtoMinutes }
        : {}),
      ...(tier !== undefined && fate === "starts" ? { rpoSeconds: tier.rpoSeconds } : {}),
    };
  };
  if (lostCount === 0) return result("keeps-running", before);
  const mustSurvive = tier !== undefined && surviving.has(tier.name);
  const taken = workload.takeOver[lost] ?? [];
  if (tier !== undefined && mustSurvive && tier.placement === "active-active") {
    const target = Math.max(before, survivingTarget(lostCount + before, tier.survivingReplicas));
    if (target === before) return result("continues", before);
    // The instances that start take over the lost instances' volume copies, one lost instance each.
    const takenBy = new Set(Array.from({ length: target - before }, (_, i) => i));
    return result(
      "grows",
      target,
      taken.filter((volume) => takenBy.has(volume.index)),
    );
  }
  if (tier !== undefined && mustSurvive && tier.placement === "active-standby") {
    const primary = workload.primarySite ?? lost;
    if (primary !== lost) return result("keeps-running", before);
    const target = Math.max(before, survivingTarget(lostCount, tier.survivingReplicas));
    const takers = Math.min(target, lostCount);
    return result(
      "starts",
      target,
      taken.filter((volume) => volume.index < takers),
    );
  }
  if (tier?.placement === "active-standby" && workload.primarySite === survivor) {
    return result("keeps-running", before);
  }
  return result(before > 0 ? "reduced" : "down", before);
}

function headroomOf(needed: Demand, emergency: Demand): Demand {
  const free = (dimension: FailoverDimension) =>
    emergency[dimension] <= 0
      ? 0
      : Math.round(((emergency[dimension] - needed[dimension]) / emergency[dimension]) * 1000) / 10;
  return { vcpus: free("vcpus"), ramGiB: free("ramGiB"), instances: free("instances") };
}

function fixesFor(loss: Omit<SiteLoss, "fixes">, site: FailoverSite): string[] {
  if (loss.shortfalls.length === 0) return [];
  const fixes: string[] = [];
  // Hosts of the survivor's own mix: what one more average host gives under emergency settings.
  const perHost = (dimension: FailoverDimension) =>
    site.hosts > 0 ? site.emergency[dimension] / site.hosts : 0;
  const keep = 1 - loss.headroomPercent / 100;
  const hosts = Math.max(
    ...loss.shortfalls.map((shortfall) =>
      perHost(shortfall.dimension) > 0
        ? Math.ceil(shortfall.short / (perHost(shortfall.dimension) * keep) - 1e-9)
        : Infinity,
    ),
  );
  if (Number.isFinite(hosts)) {
    fixes.push(
      `add about ${hosts} host${hosts === 1 ? "" : "s"} of the current mix to ${loss.survivor} ` +
        `(platform.yaml sites[${loss.survivor}].hosts)`,
    );
  }
  const dims = new Set(loss.shortfalls.map((shortfall) => shortfall.dimension));
  const knobs: string[] = [];
  if (dims.has("instances")) knobs.push("vmsPerHost");
  if (dims.has("vcpus")) knobs.push("cpuOvercommit");
  if (dims.has("ramGiB")) knobs.push("ramOvercommit");
  fixes.push(
    `raise capacity.emergency.${knobs.join(", capacity.emergency.")} as far as the hosts ` +
      `safely allow for the hours of a failover`,
  );
  // Which tiers' starts weigh most: lowering their share or taking them off the promise helps.
  const byTier = new Map<string, number>();
  for (const department of loss.departments) {
    for (const workload of department.workloads) {
      if (workload.starts > 0)
        byTier.set(workload.tier, (byTier.get(workload.tier) ?? 0) + workload.starts);
    }
  }
  const tiers = [...byTier.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (tiers.length > 0) {
    fixes.push(
      `start fewer instances at ${loss.survivor}: set a share in tiers[].failover.` +
        `survivingReplicas (starts by tier: ${tiers.map(([tier, n]) => `${tier} ${n}`).join(", ")})` +
        `, or fewer replicas or smaller flavors in the largest departments ` +
        `(${largestAdders(loss.departments)})`,
    );
  }
  return fixes;
}

function largestAdders(departments: readonly DepartmentFailover[]): string {
  return [...departments]
    .filter((department) => department.adds.instances > 0)
    .sort((a, b) => b.adds.vcpus - a.adds.vcpus || (a.id < b.id ? -1 : 1))
    .slice(0, 3)
    .map((department) => `${department.id} +${department.adds.vcpus} vCPU`)
    .join(", ");
}

/**
 * Losing `lost`: what runs, starts and is down, and whether the other active site holds it.
 * Undefined when `lost` is not one of the two active sites.
 */
export function siteLoss(
  input: FailoverInput,
  lost: string,
  options: SiteLossOptions = {},
): SiteLoss | undefined {
  const survivor = survivorOf(input, lost);
  const site = input.sites.find((candidate) => candidate.id === survivor);
  if (survivor === undefined || site === undefined) return undefined;
  const survivingTiers = [...(options.survivingTiers ?? defaultSurvivingTiers(input))];
  const surviving = new Set(survivingTiers);
  const headroomPercent = options.headroomPercent ?? 0;
  const before = zeroDemand();
  const adds = zeroDemand();
  const restoreAdds = zeroDemand();
  const departments: DepartmentFailover[] = input.departments.map((department) => {
    const mine = department.usage[survivor] ?? zeroDemand();
    const workloads = department.workloads.map((workload) =>
      fateOf(input, department.id, workload, lost, survivor, surviving),
    );
    const added = zeroDemand();
    for (const fate of workloads) {
      add(added, fate.adds);
      if (fate.fate === "down" || fate.fate === "reduced") {
        const workload = department.workloads.find((w) => w.name === fate.workload)!;
        add(restoreAdds, {
          vcpus: fate.lost * workload.vcpus,
          ramGiB: fate.lost * workload.ramGiB,
          instances: fate.lost,
        });
      }
    }
    add(before, mine);
    add(adds, added);
    return {
      id: department.id,
      file: department.file,
      before: { ...mine },
      adds: added,
      workloads,
    };
  });
  const needed = { ...before };
  add(needed, adds);
  const keep = 1 - headroomPercent / 100;
  const available: Demand = {
    vcpus: site.emergency.vcpus * keep,
    ramGiB: site.emergency.ramGiB * keep,
    instances: site.emergency.instances * keep,
  };
  const shortfalls: Shortfall[] = FAILOVER_DIMENSIONS.filter(
    (dimension) => needed[dimension] > available[dimension] + 1e-9,
  ).map((dimension) => ({
    dimension,
    needed: needed[dimension],
    available: available[dimension],
    short: needed[dimension] - available[dimension],
  }));
  const loss: Omit<SiteLoss, "fixes"> = {
    lost,
    survivor,
    survivingTiers,
    headroomPercent,
    before,
    adds,
    needed,
    everyday: { ...site.everyday },
    emergency: { ...site.emergency },
    available,
    hosts: site.hosts,
    headroom: headroomOf(needed, site.emergency),
    shortfalls,
    restoreAdds,
    departments,
  };
  return { ...loss, fixes: fixesFor(loss, site) };
}

// ---------------------------------------------------------------------------------------------
// The storage quorum: the witness site and the link between the two datacenters
// ---------------------------------------------------------------------------------------------

export interface QuorumScenario {
  /** What fails, as a clause: `qingdao and the witness at quorum are lost`. */
  when: string;
  /** The site whose synchronous copies keep accepting writes (none: writes stop everywhere). */
  writer?: string;
  /** What happens, in one or two sentences. */
  outcome: string;
  /** Whether writes go on without an operator. */
  automatic: boolean;
}

export interface QuorumReport {
  witnessSite?: string;
  witnessDomain?: string;
  preferredSite?: string;
  scenarios: QuorumScenario[];
}

/**
 * How the synchronous pairs of critical volumes decide which site writes when the two sites
 * cannot reach each other. With the witness reachable it arbitrates; the preferred site wins the
 * arbitration when both sites are up, so a cut link never leaves two writers (no split brain).
 * Without the witness the pairs fall back to static priority: the preferred site writes, the
 * other stops. `lost` adds what happens when that site is lost as well as the witness.
 */
export function quorumReport(input: FailoverInput, lost?: string): QuorumReport {
  const active = input.sites.filter((site) => site.role === "active").map((site) => site.id);
  const preferred = input.preferredSite;
  const other = active.find((site) => site !== preferred);
  const witness = input.witness.domain === undefined ? undefined : input.witness.site;
  const scenarios: QuorumScenario[] = [];
  if (witness === undefined) {
    scenarios.push({
      when: "the sites cannot reach each other",
      ...(preferred === undefined ? {} : { writer: preferred }),
      outcome:
        `no quorum witness is defined (a kvmHosts domain with role quorum-witness at a witness ` +
        `site), so the synchronous pairs run on static priority: ${other ?? "the other site"} ` +
        `stops writing whenever it cannot reach ${preferred ?? "the preferred site"}, and ` +
        `losing ${preferred ?? "the preferred site"} stops every critical volume until an ` +
        `operator forces the other copies to write.`,
      automatic: false,
    });
  } else {
    scenarios.push({
      when: `the witness at ${witness} is lost`,
      outcome:
        `nothing stops: both sites keep writing and mirroring. Until the witness is back, the ` +
        `pairs run on static priority, so a cut link or a lost site leaves ${preferred ?? "the preferred site"} ` +
        `as the only writer.`,
      automatic: true,
    });
  }
  if (lost !== undefined && witness !== undefined) {
    const survivor = active.find((site) => site !== lost);
    scenarios.push(
      lost === preferred
        ? {
            when: `${lost} and the witness at ${witness} are lost`,
            outcome:
              `${survivor} cannot tell a lost ${lost} from a cut link without the witness, so ` +
              `under static priority its synchronous copies stop writing (no split brain): ` +
              `critical workloads stop until an operator confirms that ${lost} is down and ` +
              `forces ${survivor}'s copies to write. Asynchronous copies are promoted as usual.`,
            automatic: false,
          }
        : {
            when: `${lost} and the witness at ${witness} are lost`,
            ...(survivor === undefined ? {} : { writer: survivor }),
            outcome:
              `${survivor} is the preferred site, so its synchronous copies keep writing under ` +
              `static priority: the failover goes on as above.`,
            automatic: true,
          },
    );
  }
  if (preferred !== undefined && other !== undefined) {
    scenarios.push({
      when: `the link between ${preferred} and ${other} is cut`,
      writer: preferred,
      outcome:
        `both sites are up but cannot mirror: ${witness === undefined ? "static priority" : `the witness at ${witness}`} ` +
        `lets ${preferred} (the preferred site) keep writing and ${other}'s synchronous copies ` +
        `stop, so critical workloads run at ${preferred} only, as when ${other} is lost; ` +
        `asynchronous replication pauses and its RPO grows until the link is back; ` +
        `single-site workloads run on.`,
      automatic: true,
    });
    if (witness !== undefined) {
      scenarios.push({
        when: `the link is cut and the witness at ${witness} is lost`,
        writer: preferred,
        outcome:
          `static priority: ${preferred} keeps writing, ${other}'s synchronous copies stop; ` +
          `never two writers.`,
        automatic: true,
      });
    }
  }
  return {
    ...(input.witness.site === undefined ? {} : { witnessSite: input.witness.site }),
    ...(input.witness.domain === undefined ? {} : { witnessDomain: input.witness.domain }),
    ...(preferred === undefined ? {} : { preferredSite: preferred }),
    scenarios,
  };
}

/** What a cut link asks of the preferred site: critical (active-active) workloads only. */
export function linkLoss(
  input: FailoverInput,
  options: SiteLossOptions = {},
): SiteLoss | undefined {
  const preferred = input.preferredSite;
  if (preferred === undefined) return undefined;
  const other = survivorOf(input, preferred);
  if (other === undefined) return undefined;
  const survivingTiers = (options.survivingTiers ?? defaultSurvivingTiers(input)).filter(
    (name) => input.tiers.find((tier) => tier.name === name)?.placement === "active-active",
  );
  return siteLoss(input, other, { ...options, survivingTiers });
}
