/**
 * site-capacity (stack policy): a department cannot push a site past what its hosts and storage
 * hold under the platform's overcommit ratios (model/capacity.ts), given what the other
 * departments use there. The stack's own resources count for this department; the other
 * departments count with what their files ask for (model/usage.ts), since their stacks are not
 * part of this analysis.
 */
import type { SiteCapacity } from "../model/capacity";
import type { CityFacts, RuleFacts } from "./lib/facts";
import { lookup } from "./lib/facts";
import type { ConfigSchema, RuleContext, Verdict, Violation } from "./lib/policy";
import { stackPolicy } from "./lib/policy";
import type { ResourceView } from "./lib/resource-view";
import { largestContributors, quantity, stackUsage } from "./lib/stack-usage";

/** The sections of the city's facts the rule reads. */
export const SITE_CAPACITY_FACTS = ["departments", "flavors", "sites"] as const;
export type SiteCapacityFacts = RuleFacts<(typeof SITE_CAPACITY_FACTS)[number]>;

export interface SiteCapacityConfig {
  headroomPercent: number;
}

export const SITE_CAPACITY_CONFIG: ConfigSchema<SiteCapacityConfig> = {
  headroomPercent: {
    type: "number",
    minimum: 0,
    maximum: 90,
    default: 0,
    description:
      "Share of each site's capacity kept free (for failover from the other site, or growth).",
  },
};

type Dimension = "instances" | "vcpus" | "ramGiB" | "volumeGiB";
const DIMENSIONS: readonly Dimension[] = ["instances", "vcpus", "ramGiB", "volumeGiB"];

function basis(dimension: Dimension, hosts: number): string {
  const of = `${hosts} host${hosts === 1 ? "" : "s"}`;
  switch (dimension) {
    case "instances":
      return `${of} x capacity.vmsPerHost`;
    case "vcpus":
      return `hardware threads of ${of} x capacity.cpuOvercommit`;
    case "ramGiB":
      return `RAM of ${of} x capacity.ramOvercommit`;
    case "volumeGiB":
      return "capacity.storageGiBPerSite";
  }
}

function amount(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** What the other departments' files ask for at `site`, in total and by department. */
function othersAt(facts: SiteCapacityFacts, stack: string, site: string, dimension: Dimension) {
  let total = 0;
  const by: Array<[string, number]> = [];
  for (const department of Object.values(facts.departments)) {
    if (department.id === stack) continue;
    const value = lookup(department.usage, site)?.[dimension] ?? 0;
    if (value <= 0) continue;
    total += value;
    by.push([department.id, value]);
  }
  by.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { total, largest: by.slice(0, 3).map(([id, value]) => `${id} (${amount(value)})`) };
}

export function checkSiteCapacity(
  resources: ResourceView[],
  { config, facts, stack }: RuleContext<SiteCapacityConfig, SiteCapacityFacts>,
): Verdict {
  const violations: Violation[] = [];
  const usage = stackUsage(resources, facts);
  violations.push(
    ...usage.uncounted.map((v) => ({
      ...v,
      message: `site capacity cannot be checked: ${v.message}`,
    })),
  );
  const keep = config.headroomPercent / 100;
  for (const [site, account] of [...usage.sites.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const facts_ = lookup(facts.sites, site);
    if (facts_ === undefined || facts_.role !== "active") {
      violations.push({
        message: `the stack deploys at ${site}, which is not an active site and runs no tenant workloads`,
      });
      continue;
    }
    const capacity: SiteCapacity = facts_.capacity;
    for (const dimension of DIMENSIONS) {
      const mine = account.usage[dimension];
      if (mine <= 0) continue;
      const others = othersAt(facts, stack, site, dimension);
      const limit = capacity[dimension] * (1 - keep);
      if (mine + others.total <= limit + 1e-9) continue;
      const headroom = keep > 0 ? ` less the ${config.headroomPercent}% kept free` : "";
      violations.push({
        message:
          `${site} cannot hold this stack: it adds ${quantity(mine, dimension)} ` +
          `(${largestContributors(account, dimension)}) to the ${amount(others.total)} the ` +
          `other departments use` +
          (others.largest.length > 0 ? ` (largest: ${others.largest.join(", ")})` : "") +
          `, ${amount(mine + others.total)} in all, but the site holds ${amount(limit)} ` +
          `(${basis(dimension, capacity.hosts)}${headroom}). Reduce what the ` +
          `department runs at ${site}, move workloads to the other site, or ask the platform ` +
          `team for capacity.`,
      });
    }
  }
  return violations;
}

/** The policy; `facts` stand in for config that carries none (rule-facts.ts). */
export function siteCapacity(facts?: CityFacts) {
  return stackPolicy(
    {
      name: "site-capacity",
      description:
        "The department's instances, vCPUs, RAM and volume GiB at each site, added to what the " +
        "other departments use there, fit the site's hosts and storage under the platform's " +
        "overcommit ratios.",
      severity: "high",
      enforcementLevel: "mandatory",
      scope: "departments",
      remediationSteps:
        "Reduce what the department runs at the full site or move workloads to the other " +
        "active site; otherwise the platform team adds hosts or storage (platform.yaml sites[]." +
        "hosts, capacity) before the change can go in.",
      config: SITE_CAPACITY_CONFIG,
      facts: SITE_CAPACITY_FACTS,
    },
    facts,
    checkSiteCapacity,
  );
}
