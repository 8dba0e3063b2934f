/**
 * site-failover (stack policy): when either active site is lost, the other must run what the
 * tiers promise (model/failover.ts): critical workloads grow to their full replica count there,
 * important ones start their standby, both on top of what the site already runs, against its
 * hosts under capacity.emergency. site-capacity checks the everyday load; this rule checks the
 * day a datacenter goes dark.
 *
 * The failover is a property of the whole estate, so the rule computes it from the facts (every
 * department's file, as the program builds its stack from it) once per stack, and reports it on
 * each department that adds to the surviving site's load in a dimension that does not fit: a
 * change that breaks failover is blocked where it is made.
 */
import type { Demand, FailoverDimension, FailoverInput, SiteLoss } from "../model/failover";
import { siteLoss } from "../model/failover";
import type { CityFacts, RuleFacts } from "./lib/facts";
import type { RuleContext, Verdict, Violation } from "./lib/policy";
import { stackPolicy } from "./lib/policy";
import type { ResourceView } from "./lib/resource-view";
import type { SiteFailoverConfig } from "./site-failover-config";
import { SITE_FAILOVER_CONFIG } from "./site-failover-config";

/** The sections of the city's facts the rule reads. */
export const SITE_FAILOVER_FACTS = ["failover"] as const;
export type SiteFailoverFacts = RuleFacts<(typeof SITE_FAILOVER_FACTS)[number]>;

export type { SiteFailoverConfig } from "./site-failover-config";
export { SITE_FAILOVER_CONFIG } from "./site-failover-config";

const UNIT: Record<FailoverDimension, string> = {
  vcpus: "vCPUs",
  ramGiB: "GiB of RAM",
  instances: "VM slots",
};

const BASIS: Record<FailoverDimension, string> = {
  vcpus: "hardware threads x capacity.emergency.cpuOvercommit",
  ramGiB: "RAM x capacity.emergency.ramOvercommit",
  instances: "hosts x capacity.emergency.vmsPerHost",
};

function amount(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function survivingTiers(config: SiteFailoverConfig): string[] | undefined {
  return config.tiers.length === 0 ? undefined : [...config.tiers];
}

// The losses depend only on the failover facts and the config, which every stack of a check
// shares: work them out once per facts object and config instead of once per stack.
const computed = new WeakMap<FailoverInput, Map<string, SiteLoss[]>>();

/** Each active site lost in turn, from the facts. */
export function siteLosses(
  facts: Pick<CityFacts, "failover">,
  config: SiteFailoverConfig,
): SiteLoss[] {
  let byConfig = computed.get(facts.failover);
  if (byConfig === undefined) {
    byConfig = new Map();
    computed.set(facts.failover, byConfig);
  }
  const key = JSON.stringify([config.tiers, config.headroomPercent]);
  let losses = byConfig.get(key);
  if (losses === undefined) {
    losses = computeSiteLosses(facts, config);
    byConfig.set(key, losses);
  }
  return losses;
}

function computeSiteLosses(
  facts: Pick<CityFacts, "failover">,
  config: SiteFailoverConfig,
): SiteLoss[] {
  const input = facts.failover;
  const tiers = survivingTiers(config);
  return input.sites
    .filter((site) => site.role === "active")
    .map((site) =>
      siteLoss(input, site.id, {
        ...(tiers === undefined ? {} : { survivingTiers: tiers }),
        headroomPercent: config.headroomPercent,
      }),
    )
    .filter((loss): loss is SiteLoss => loss !== undefined);
}

function mine(loss: SiteLoss, stack: string): { before: Demand; adds: Demand; starts: string[] } {
  const department = loss.departments.find((entry) => entry.id === stack);
  if (department === undefined) {
    return {
      before: { vcpus: 0, ramGiB: 0, instances: 0 },
      adds: { vcpus: 0, ramGiB: 0, instances: 0 },
      starts: [],
    };
  }
  return {
    before: department.before,
    adds: department.adds,
    starts: department.workloads
      .filter((workload) => workload.starts > 0)
      .map((workload) => `${workload.workload} +${workload.starts}`),
  };
}

export function checkSiteFailover(
  _resources: ResourceView[],
  { config, facts, stack }: RuleContext<SiteFailoverConfig, SiteFailoverFacts>,
): Verdict {
  const violations: Violation[] = [];
  const known = new Set(facts.failover.tiers.map((tier) => tier.name));
  const unknown = config.tiers.filter((tier) => !known.has(tier));
  if (unknown.length > 0) {
    violations.push({
      message:
        `site-failover is configured with tier${unknown.length === 1 ? "" : "s"} ` +
        `${unknown.join(", ")}, which platform.yaml does not define (tiers: ` +
        `${[...known].join(", ")}); failover cannot be checked for ${unknown.length === 1 ? "it" : "them"}.`,
    });
  }
  for (const loss of siteLosses(facts, config)) {
    const own = mine(loss, stack);
    for (const shortfall of loss.shortfalls) {
      const dimension = shortfall.dimension;
      const contributes = own.before[dimension] + own.adds[dimension];
      if (contributes <= 0) continue;
      const headroom =
        loss.headroomPercent > 0 ? `, less the ${loss.headroomPercent}% kept free` : "";
      violations.push({
        message:
          `if ${loss.lost} is lost, ${loss.survivor} cannot take what the tiers promise: it ` +
          `needs ${amount(shortfall.needed)} ${UNIT[dimension]} (${amount(loss.before[dimension])} ` +
          `it runs and ${amount(loss.adds[dimension])} that start there) but holds ` +
          `${amount(shortfall.available)} (${loss.hosts} hosts: ${BASIS[dimension]}${headroom}), ` +
          `${amount(shortfall.short)} short. This department runs ` +
          `${amount(own.before[dimension])} there and starts ${amount(own.adds[dimension])}` +
          (own.starts.length > 0 ? ` (${own.starts.join(", ")})` : "") +
          `. Fix: ${loss.fixes.join("; or ")}. govcloud failover --lose ${loss.lost} shows the ` +
          `whole picture.`,
      });
    }
  }
  return violations;
}

/** The policy; `facts` stand in for config that carries none (rule-facts.ts). */
export function siteFailover(facts?: CityFacts) {
  return stackPolicy(
    {
      name: "site-failover",
      description:
        "When either active site is lost, the other holds what it runs plus what the tiers " +
        "promise to start there (critical workloads at their full replica count, important " +
        "standbys), under the platform's emergency overcommit.",
      severity: "high",
      enforcementLevel: "mandatory",
      scope: "departments",
      remediationSteps:
        "Run govcloud failover --all to see what each site needs. The platform team adds hosts " +
        "to the surviving site or raises capacity.emergency in platform.yaml; or the tiers start " +
        "a share (tiers[].failover.survivingReplicas); or departments run fewer replicas or " +
        "smaller flavors.",
      config: SITE_FAILOVER_CONFIG,
      facts: SITE_FAILOVER_FACTS,
    },
    facts,
    checkSiteFailover,
  );
}
