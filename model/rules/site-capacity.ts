/**
 * Quotas are promises to departments; hosts and storage are what a site really has. The sum of
 * every department's workloads at a site must fit that site's hosts and storage, or the last
 * department to deploy fails with "no valid host" even though it is within its quota. In an
 * active-active design each site must also be able to run what fails over to it, which a
 * capacity *policy* may add later; this rule checks the planned load.
 */
import { estateUsage, siteCapacity, usageByDepartment } from "../capacity";
import type { SiteCapacity } from "../capacity";
import type { Finding, FieldPath } from "../problem";
import type { SiteUsage } from "../usage";
import type { Rule } from "./rule";

type Dimension = "instances" | "vcpus" | "ramGiB" | "volumeGiB";

const DIMENSIONS: readonly Dimension[] = ["instances", "vcpus", "ramGiB", "volumeGiB"];

const UNIT: Record<Dimension, string> = {
  instances: "instances",
  vcpus: "vCPUs",
  ramGiB: "GiB of RAM",
  volumeGiB: "GiB of volumes",
};

function amount(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export const siteCapacityRule: Rule = {
  name: "site-capacity",
  description: "All departments together fit the hosts and storage of each active site.",
  check({ estate }) {
    const { platform } = estate;
    const findings: Finding[] = [];
    const perDepartment = usageByDepartment(estate);
    const total = estateUsage(estate, perDepartment);
    const seen = new Set<string>();
    platform.sites.forEach((site, s) => {
      if (site.role !== "active" || seen.has(site.id)) return;
      seen.add(site.id);
      const used = total.get(site.id);
      if (used === undefined) return;
      const capacity = siteCapacity(platform, site.id);
      // Hosts of an unknown class count as nothing; platform-consistency reports the class.
      const hostsKnown = site.hosts.every((group) =>
        platform.hostClasses.some((hostClass) => hostClass.name === group.class),
      );
      for (const dimension of DIMENSIONS) {
        if (!hostsKnown && dimension !== "volumeGiB") continue;
        const need = used[dimension];
        const have = capacity[dimension];
        if (need <= have + 1e-9) continue;
        const consumers = perDepartment
          .map((entry) => ({
            id: entry.departmentId,
            value: valueAt(entry.usage, site.id, dimension),
          }))
          .filter((entry) => entry.value > 0)
          .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .slice(0, 3)
          .map((entry) => `${entry.id} (${amount(entry.value)})`);
        const path: FieldPath = dimension === "volumeGiB" ? ["sites", s] : ["sites", s, "hosts"];
        findings.push({
          file: estate.platformFile,
          path,
          code: "site-over-capacity",
          message:
            `workloads at ${site.id} need ${amount(need)} ${UNIT[dimension]} but the site has ` +
            `${amount(have)} (${basis(dimension, capacity, platform.capacity)}); ` +
            (consumers.length === 1
              ? `the only consumer is ${consumers[0]}`
              : `the largest consumers are ${joinAnd(consumers)}`),
          found: `${amount(need)} ${UNIT[dimension]}`,
          allowed: `at most ${amount(have)} ${UNIT[dimension]}`,
          fix: FIXES[dimension](site.id),
        });
      }
    });
    return findings;
  },
};

function valueAt(usage: Map<string, SiteUsage>, site: string, dimension: Dimension): number {
  return usage.get(site)?.[dimension] ?? 0;
}

function basis(
  dimension: Dimension,
  capacity: SiteCapacity,
  policy: { vmsPerHost: number; cpuOvercommit: number; ramOvercommit: number },
): string {
  const hosts = `${capacity.hosts} host${capacity.hosts === 1 ? "" : "s"}`;
  switch (dimension) {
    case "instances":
      return `${hosts} x ${policy.vmsPerHost} VMs per host`;
    case "vcpus":
      return `threads of ${hosts} x cpuOvercommit ${policy.cpuOvercommit}`;
    case "ramGiB":
      return `RAM of ${hosts} x ramOvercommit ${policy.ramOvercommit}`;
    case "volumeGiB":
      return "capacity.storageGiBPerSite";
  }
}

const FIXES: Record<Dimension, (site: string) => string> = {
  instances: (site) =>
    `add hosts to ${site}, raise capacity.vmsPerHost, or reduce replicas at ${site}`,
  vcpus: (site) =>
    `add hosts to ${site}, raise capacity.cpuOvercommit, or reduce replicas or flavors`,
  ramGiB: (site) =>
    `add hosts to ${site}, raise capacity.ramOvercommit, or reduce replicas or flavors`,
  volumeGiB: (site) =>
    `add storage at ${site} and raise capacity.storageGiBPerSite, or reduce volume sizes`,
};

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
