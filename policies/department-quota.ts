/**
 * department-quota (stack policy): at each site, what the stack deploys stays within the quota
 * the stack itself sets. The quota is read from the quota resources of the stack (Nova
 * QuotaSetV2, Cinder QuoteSetV3, Neutron QuotaV2 of each site), not from the department file, so
 * the rule judges what would be deployed: instances with the vCPUs and RAM of their catalog
 * flavor, volumes and their GiB, floating IPs and networks.
 */
import type { CityFacts, RuleFacts } from "./lib/facts";
import { lookup } from "./lib/facts";
import type { ConfigSchema, RuleContext, Verdict, Violation } from "./lib/policy";
import { stackPolicy } from "./lib/policy";
import { T } from "./lib/resource-types";
import type { ResourceView } from "./lib/resource-view";
import { identify, isUnknown, readNumber, unknownReason } from "./lib/resource-view";
import { siteOf, siteProblem } from "./lib/site";
import type { UsageField } from "./lib/stack-usage";
import { largestContributors, quantity, stackUsage, USAGE_FIELDS } from "./lib/stack-usage";

/** The sections of the city's facts the rule reads. */
export const DEPARTMENT_QUOTA_FACTS = ["departments", "flavors", "sites"] as const;
export type DepartmentQuotaFacts = RuleFacts<(typeof DEPARTMENT_QUOTA_FACTS)[number]>;

export const QUOTA_DIMENSIONS = USAGE_FIELDS;
export type QuotaDimension = UsageField;

export interface DepartmentQuotaConfig {
  dimensions: QuotaDimension[];
}

export const DEPARTMENT_QUOTA_CONFIG: ConfigSchema<DepartmentQuotaConfig> = {
  dimensions: {
    type: "array",
    items: { type: "string", enum: [...QUOTA_DIMENSIONS] },
    uniqueItems: true,
    default: [...QUOTA_DIMENSIONS],
    description: "What is checked against the quota at each site.",
  },
};

type QuotaKind = "compute" | "volume" | "network";

/** Where each dimension's limit lives: the quota resource, its field, and the unit conversion. */
const LIMITS: Record<
  QuotaDimension,
  { kind: QuotaKind; field: string; perUnit: number; yaml: string }
> = {
  instances: { kind: "compute", field: "instances", perUnit: 1, yaml: "instances" },
  vcpus: { kind: "compute", field: "cores", perUnit: 1, yaml: "vcpus" },
  ramGiB: { kind: "compute", field: "ram", perUnit: 1024, yaml: "ramGiB" },
  volumes: { kind: "volume", field: "volumes", perUnit: 1, yaml: "volumes" },
  volumeGiB: { kind: "volume", field: "gigabytes", perUnit: 1, yaml: "volumeGiB" },
  floatingIps: { kind: "network", field: "floatingip", perUnit: 1, yaml: "floatingIps" },
  networks: { kind: "network", field: "network", perUnit: 1, yaml: "networks" },
};

const QUOTA_TYPES: Record<string, QuotaKind> = {
  [T.computeQuota]: "compute",
  [T.volumeQuota]: "volume",
  [T.networkQuota]: "network",
};

const KIND_WORDS: Record<QuotaKind, string> = {
  compute: "compute quota (compute.QuotaSetV2)",
  volume: "volume quota (blockstorage.QuoteSetV3)",
  network: "network quota (networking.QuotaV2)",
};

const FIXES: Record<QuotaDimension, string> = {
  instances: "reduce replicas",
  vcpus: "reduce replicas or choose smaller flavors",
  ramGiB: "reduce replicas or choose flavors with less RAM",
  volumes: "remove volumes",
  volumeGiB: "reduce volume sizes",
  floatingIps: "remove floatingIp from a workload",
  networks: "remove a network at this site",
};

function amount(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function checkDepartmentQuota(
  resources: ResourceView[],
  { config, facts, stack }: RuleContext<DepartmentQuotaConfig, DepartmentQuotaFacts>,
): Verdict {
  const violations: Violation[] = [];
  const usage = stackUsage(resources, facts);
  violations.push(
    ...usage.uncounted.map((v) => ({ ...v, message: `the quota cannot be checked: ${v.message}` })),
  );

  const quotas = new Map<string, ResourceView>(); // `${site}/${kind}` -> quota resource
  for (const resource of resources) {
    const kind = lookup(QUOTA_TYPES, resource.type);
    if (kind === undefined) continue;
    const where = siteOf(resource, facts);
    if (where.kind !== "site") {
      violations.push({
        message: `${identify(resource)} belongs to no site: ${siteProblem(where)}`,
        urn: resource.urn,
      });
      continue;
    }
    const key = `${where.site}/${kind}`;
    const other = quotas.get(key);
    if (other !== undefined) {
      violations.push({
        message:
          `${identify(resource)} and ${other.name} both set the ${KIND_WORDS[kind]} at ` +
          `${where.site}; OpenStack keeps whichever runs last. Keep one.`,
        urn: resource.urn,
      });
      continue;
    }
    quotas.set(key, resource);
  }

  const file = lookup(facts.departments, stack)?.file ?? `departments/${stack}.yaml`;
  for (const [site, account] of [...usage.sites.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const dimension of config.dimensions) {
      const field = dimension;
      const used = account.usage[field];
      if (used <= 0) continue;
      const limit = LIMITS[dimension];
      const quota = quotas.get(`${site}/${limit.kind}`);
      const need = quantity(used, field);
      if (quota === undefined) {
        violations.push({
          message:
            `at ${site} the stack uses ${need} but sets no ${KIND_WORDS[limit.kind]} there, so ` +
            `OpenStack's default quota would apply. Give the department a quota at ${site} in ` +
            `${file} (quotas.${site}).`,
        });
        continue;
      }
      const value = readNumber(quota.props, limit.field);
      if (isUnknown(value)) {
        violations.push({
          message: `${need} at ${site} cannot be checked: ${unknownReason(value)}`,
          urn: quota.urn,
        });
        continue;
      }
      if (value === undefined) {
        violations.push({
          message:
            `${identify(quota)} does not set ${limit.field}, and OpenStack sets every field a ` +
            `quota leaves out to zero; the stack uses ${need} at ${site}.`,
          urn: quota.urn,
        });
        continue;
      }
      if (value < 0) {
        violations.push({
          message:
            `${identify(quota)} sets ${limit.field}=${value}, an unlimited quota; every ` +
            `department quota has a limit. Set quotas.${site}.${limit.yaml} in ${file}.`,
          urn: quota.urn,
        });
        continue;
      }
      const allowed = value / limit.perUnit;
      if (used > allowed + 1e-9) {
        violations.push({
          message:
            `at ${site} the stack needs ${need} but ${quota.name} allows ${amount(allowed)} ` +
            `(${limit.field}=${value}), used by ${largestContributors(account, field)}. ` +
            `Raise quotas.${site}.${limit.yaml} in ` +
            `${file} (with a platform approval), or ${FIXES[dimension]}.`,
          urn: quota.urn,
        });
      }
    }
  }
  return violations;
}

/** The policy; `facts` stand in for config that carries none (rule-facts.ts). */
export function departmentQuota(facts?: CityFacts) {
  return stackPolicy(
    {
      name: "department-quota",
      description:
        "At each site, the department's instances (vCPUs and RAM of their catalog flavor), " +
        "volumes (count and GiB), floating IPs and networks fit the quota its stack sets.",
      severity: "high",
      enforcementLevel: "mandatory",
      scope: "departments",
      remediationSteps:
        "Reduce replicas, flavors, volume sizes or floating IPs at the site named in the message, " +
        "or raise the department's quota at that site (quotas.<site> in its file); a quota " +
        "change needs a platform approver on the department's approval.",
      config: DEPARTMENT_QUOTA_CONFIG,
      facts: DEPARTMENT_QUOTA_FACTS,
    },
    facts,
    checkDepartmentQuota,
  );
}
