/**
 * A quota is what the platform team approved a department to use at a site. If the workloads in
 * the same file need more, `pulumi up` fails part-way with an OpenStack quota error; this rule
 * says so at review time, with the number the quota would have to be.
 */
import type { Finding, FieldPath } from "../problem";
import type { SiteUsage } from "../usage";
import { departmentUsage, USAGE_FIELDS } from "../usage";
import type { Platform, QuotaDefaults } from "../types";
import type { Rule } from "./rule";

const NEEDS: Record<keyof SiteUsage, (site: string, amount: string) => string> = {
  vcpus: (site, n) => `workloads at ${site} need ${n} vCPUs`,
  ramGiB: (site, n) => `workloads at ${site} need ${n} GiB of RAM`,
  instances: (site, n) => `workloads at ${site} need ${n} instances`,
  volumes: (site, n) => `workloads at ${site} need ${n} volumes (replicas included)`,
  volumeGiB: (site, n) => `workloads at ${site} need ${n} GiB of volumes (replicas included)`,
  floatingIps: (site, n) => `workloads at ${site} need ${n} floating IPs`,
  networks: (site, n) => `the department has ${n} networks at ${site}`,
  serverGroups: (site, n) =>
    `workloads at ${site} need ${n} server groups (one per workload and site)`,
  securityGroups: (site, n) =>
    `workloads at ${site} need ${n} security groups (one per workload, and the project's default)`,
  securityGroupRules: (site, n) =>
    `workloads at ${site} need ${n} security group rules (ingress rules and Neutron's egress defaults)`,
};

const OR_REDUCE: Record<keyof SiteUsage, string> = {
  vcpus: "or reduce replicas or flavors",
  ramGiB: "or reduce replicas or flavors",
  instances: "or reduce replicas",
  volumes: "or reduce data volumes or replicas",
  volumeGiB: "or reduce volume sizes or replicas",
  floatingIps: "or turn off floatingIp on some workloads",
  networks: "or remove networks from the site",
  serverGroups: "or merge workloads",
  securityGroups: "or merge workloads",
  securityGroupRules: "or merge ingress rules into port ranges",
};

/** The platform's default for a quota field a department may leave out. */
function defaultLimit(platform: Platform, field: keyof SiteUsage): number | undefined {
  return Object.prototype.hasOwnProperty.call(platform.quotaDefaults, field)
    ? platform.quotaDefaults[field as keyof QuotaDefaults]
    : undefined;
}

/** Quantities can be fractional (flavors with 0.5 GiB of RAM): shown with at most two decimals. */
function amount(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export const quotaFit: Rule = {
  name: "quota-fit",
  description: "What a department's workloads use at each site fits its quota there.",
  check({ estate }) {
    const { platform } = estate;
    const findings: Finding[] = [];
    for (const { file, department } of estate.departments) {
      const usage = departmentUsage(department, platform);
      for (const [site, used] of usage) {
        // A site without a quota is reported by references.
        if (!Object.prototype.hasOwnProperty.call(department.quotas, site)) continue;
        const quota = department.quotas[site];
        for (const field of USAGE_FIELDS) {
          const explicit = quota[field];
          const limit = explicit !== undefined ? explicit : defaultLimit(platform, field);
          if (limit === undefined) continue;
          const need = used[field];
          if (need <= limit + 1e-9) continue;
          const path: FieldPath =
            explicit !== undefined ? ["quotas", site, field] : ["quotas", site];
          const target = Math.ceil(need - 1e-9);
          findings.push({
            file,
            path,
            code: "quota-exceeded",
            message:
              `${NEEDS[field](site, amount(need))} but the quota is ${amount(limit)}` +
              (explicit === undefined ? " (the platform default)" : ""),
            found: `${amount(need)} needed`,
            allowed:
              explicit === undefined
                ? `at most ${amount(limit)} (quotaDefaults.${field} in platform.yaml)`
                : `at most ${amount(limit)} (quotas.${site}.${field})`,
            fix:
              explicit === undefined
                ? `add "${field}: ${target}" (or more) to quotas.${site}, ${OR_REDUCE[field]}`
                : `raise quotas.${site}.${field} to at least ${target}, ${OR_REDUCE[field]}`,
          });
        }
      }
    }
    return findings;
  },
};
