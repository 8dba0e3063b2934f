/**
 * ReviewReport values for the renderer tests, built by hand so each test reads what it checks:
 * a created workload, a grown volume, a volume type change that replaces (and loses) a volume, a
 * removed network, a platform catalog change touching every department, and a mandatory
 * violation with its place in the department file.
 */
import type { PolicyCrash } from "../../analyzer/types";
import type { StackCheck } from "../../check/stack-result";
import type { SiteQuota } from "../../model/types";
import { emptyUsage } from "../../model/usage";
import type { SiteUsage } from "../../model/usage";
import type { DepartmentTopology } from "../../review/topology";
import type { ChangeCounts, ResourceChange } from "../../diff/types";
import type { QuotaChange, ReviewReport, StackReview } from "../../review/types";

type Diagnostic = StackCheck["diagnostics"][number];

export const VOLUME = "openstack:blockstorage/volumeV3:VolumeV3";
export const INSTANCE = "openstack:compute/instanceV2:InstanceV2";
export const NETWORK = "openstack:networking/network:Network";
export const SUBNET = "openstack:networking/subnet:Subnet";
export const FLAVOR = "openstack:compute/flavorV2:FlavorV2";

export function usage(partial: Partial<SiteUsage> = {}): SiteUsage {
  return { ...emptyUsage(), ...partial };
}

export const QUOTA: SiteQuota = {
  vcpus: 120,
  ramGiB: 600,
  instances: 15,
  volumes: 40,
  volumeGiB: 30000,
  floatingIps: 4,
  networks: 4,
};

export function change(
  kind: ResourceChange["kind"],
  name: string,
  type: string,
  extra: Partial<ResourceChange> = {},
): ResourceChange {
  return {
    kind,
    urn: `urn:pulumi:${name.split("-")[0]}::govcloud::${type}::${name}`,
    type,
    name,
    custom: true,
    properties: [],
    protect: false,
    ...extra,
  };
}

export function counts(changes: readonly ResourceChange[], same = 10): ChangeCounts {
  const result: ChangeCounts = { create: 0, update: 0, replace: 0, delete: 0, same };
  for (const c of changes) result[c.kind]++;
  return result;
}

export function diagnostic(partial: Partial<Diagnostic> & { policyName: string }): Diagnostic {
  return {
    policyPackName: "govcloud-policies",
    policyPackVersion: "1.0.0",
    description: `The ${partial.policyName} rules of the city.`,
    message: `${partial.policyName} found a problem.`,
    enforcementLevel: "mandatory",
    urn: "urn:pulumi:health::govcloud::pulumi:pulumi:Stack::govcloud-health",
    phase: "analyze",
    ...partial,
  };
}

export function check(
  stack: string,
  diagnostics: Diagnostic[] = [],
  extra: Partial<StackCheck> = {},
): StackCheck {
  return { stack, resources: 100, sites: [], diagnostics, crashes: [], ...extra };
}

export function topology(department: string, workloads = 2): DepartmentTopology {
  const sites = ["qingdao", "laixi"].map((site, s) => ({
    site,
    networks: [
      {
        name: "app",
        cidr: `10.${16 * (s + 1)}.40.0/24`,
        workloads: Array.from({ length: workloads }, (_, w) => ({
          name: `service-${w}`,
          tier: "critical",
          flavor: "m1.large",
          instances: 2,
          volumes: [
            {
              name: "data",
              sizeGiB: 500,
              type: "ssd-sync",
              count: 2,
              role: s === 0 ? "primary" : "secondary",
            } as const,
          ],
        })),
      },
    ],
  }));
  const pairs = Array.from({ length: workloads }, (_, w) => ({
    workload: `service-${w}`,
    volume: "data",
    fromSite: "qingdao",
    toSite: "laixi",
    mode: "sync" as const,
  }));
  return { department, sites, pairs };
}

/** Quota use at both sites; `after` applies to Qingdao only, where the fixtures change things. */
export function quotas(before: Partial<SiteUsage>, after: Partial<SiteUsage>): QuotaChange[] {
  return ["qingdao", "laixi"].map((site) => ({
    site,
    before: usage(before),
    after: usage(site === "qingdao" ? after : before),
    quotaBefore: QUOTA,
    quotaAfter: QUOTA,
  }));
}

export function stackReview(
  stack: string,
  changes: ResourceChange[],
  extra: Partial<StackReview> = {},
): StackReview {
  return {
    stack,
    reasons: [`estate/departments/${stack}.yaml`],
    file: `departments/${stack}.yaml`,
    status: "changed",
    counts: counts(changes),
    changes,
    quotas: quotas(
      { vcpus: 98, ramGiB: 468, instances: 12, volumeGiB: 24000 },
      { vcpus: 98, ramGiB: 468, instances: 12, volumeGiB: 24000 },
    ),
    check: check(stack),
    approvals: [
      {
        by: "department",
        people: [{ id: "wang.min", name: "王敏 (Wang Min)", handle: `${stack}-lead` }],
        reason: `A change to the ${stack} virtual datacenter.`,
      },
    ],
    topology: topology(stack),
    ...extra,
  };
}

export function report(stacks: StackReview[]): ReviewReport {
  const all = stacks.flatMap((s) => s.changes);
  const diagnostics = stacks.flatMap((s) => s.check?.diagnostics ?? []);
  const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
  const crashes = stacks.reduce((sum, s) => sum + (s.check?.crashes.length ?? 0), 0);
  const failedStacks = stacks.filter(
    (s) => s.headFailure !== undefined || s.baseFailure !== undefined,
  ).length;
  return {
    project: "govcloud",
    estatePath: "estate",
    failover: [],
    base: { ref: "main", commit: "0123456789abcdef0123456789abcdef01234567" },
    head: { ref: "feature/health", commit: "fedcba9876543210fedcba9876543210fedcba98" },
    changedFiles: [...new Set(stacks.flatMap((s) => s.reasons))],
    basePlannedWith: "head program",
    stacks,
    verdict: {
      passed: mandatory === 0 && crashes === 0 && stacks.every((s) => s.headFailure === undefined),
      mandatory,
      advisory: diagnostics.length - mandatory,
      crashes,
      failedStacks,
      missingDepartments: 0,
      undeclaredDestruction: 0,
      creates: all.filter((c) => c.kind === "create").length,
      updates: all.filter((c) => c.kind === "update").length,
      replacements: all.filter((c) => c.kind === "replace").length,
      deletions: all.filter((c) => c.kind === "delete").length,
    },
  };
}

/** A grown volume and a volume type change that replaces another volume, losing its data. */
export function growAndReplace(): ReviewReport {
  const changes = [
    change("update", "health-qingdao-records-data-0", VOLUME, {
      site: "qingdao",
      properties: [{ path: "size", before: 500, after: 800, forcesReplacement: false }],
    }),
    change("replace", "health-qingdao-archive-data-0", VOLUME, {
      site: "qingdao",
      losesData: true,
      properties: [
        {
          path: "description",
          before: "archive",
          after: "archive (sync)",
          forcesReplacement: false,
        },
        { path: "volumeType", before: "ssd", after: "ssd-sync", forcesReplacement: true },
      ],
      source: { file: "departments/health.yaml", path: "workloads[2]", line: 88, column: 5 },
    }),
  ];
  return report([
    stackReview("health", changes, {
      quotas: quotas(
        { vcpus: 98, ramGiB: 468, instances: 12, volumeGiB: 24000 },
        { vcpus: 98, ramGiB: 468, instances: 12, volumeGiB: 24300 },
      ),
    }),
  ]);
}

/** The mandatory violation of the fixtures: SSH open to the internet, at a known line. */
export const SSH_VIOLATION = diagnostic({
  policyName: "security-baseline",
  resourceName: "health-qingdao-portal-tcp-22-from-0.0.0.0-0",
  message: "opens tcp port 22 to 0.0.0.0/0, reaching forbidden port 22 (SSH).\nNarrow the source.",
  source: { file: "departments/health.yaml", path: "workloads[6]", line: 150, column: 5 },
});

/** Every case at once: the report the Markdown, SARIF and JUnit tests share. */
export function everything(departments = ["education", "health", "water"]): ReviewReport {
  const platform = stackReview(
    "platform",
    [
      change("update", "platform-flavor-m1-large", FLAVOR, {
        properties: [{ path: "ram", before: 8192, after: 16384, forcesReplacement: false }],
      }),
    ],
    {
      reasons: ["estate/platform.yaml"],
      file: undefined,
      quotas: [],
      topology: undefined,
      approvals: [
        {
          by: "platform",
          people: [
            { id: "liu.yang", name: "刘洋 (Liu Yang)", handle: "@liu-yang" },
            { id: "zhao.lei", name: "赵磊 (Zhao Lei)" },
          ],
          reason: "The catalog changes: every department's instances of m1.large are resized.",
        },
      ],
    },
  );
  const others = departments.map((id) => {
    const catalog = change("update", `${id}-qingdao-portal-0`, INSTANCE, {
      site: "qingdao",
      properties: [
        { path: "flavorName", before: "m1.large", after: "m1.large", forcesReplacement: false },
      ],
    });
    if (id !== "health") {
      return stackReview(id, [catalog], {
        reasons: ["estate/platform.yaml"],
        approvals: [
          {
            by: "platform",
            people: platform.approvals[0].people,
            reason: platform.approvals[0].reason,
          },
        ],
      });
    }
    const health = growAndReplace().stacks[0].changes;
    const changes = [
      change("create", "health-qingdao-telemedicine-0", INSTANCE, { site: "qingdao" }),
      change("create", "health-qingdao-telemedicine-data-0", VOLUME, { site: "qingdao" }),
      change("create", "health-telemedicine", "govcloud:index:Workload", { custom: false }),
      ...health,
      catalog,
      change("delete", "health-laixi-lab", NETWORK, { site: "laixi", protect: true }),
      change("delete", "health-laixi-lab-subnet", SUBNET, { site: "laixi" }),
    ];
    return stackReview(id, changes, {
      quotas: quotas(
        { vcpus: 98, ramGiB: 468, instances: 12, volumeGiB: 24000 },
        { vcpus: 102, ramGiB: 484, instances: 13, volumeGiB: 24900 },
      ),
      check: check("health", [
        SSH_VIOLATION,
        diagnostic({
          policyName: "naming-tagging",
          enforcementLevel: "advisory",
          resourceName: "health-qingdao-Telemedicine",
          message: "name <Telemedicine> | uses `capitals` & more",
          source: {
            file: "departments/health.yaml",
            path: "workloads[7].name",
            line: 171,
            column: 11,
          },
        }),
      ]),
    });
  });
  return report([platform, ...others]);
}

/** A stack whose disaster-recovery policy crashed (`crash` overrides the crash's fields). */
export function crashedStack(crash: Partial<PolicyCrash> = {}): StackReview {
  return stackReview("water", [], {
    check: check("water", [], {
      crashes: [
        {
          policyName: "disaster-recovery",
          policyPackName: "govcloud-policies",
          policyPackVersion: "1.0.0",
          phase: "analyzeStack",
          message:
            "policy 'disaster-recovery' from policy pack 'govcloud-policies@1.0.0' crashed: Error: boom",
          detail: "Error: boom\n    at check (disaster-recovery.ts:10:5)",
          ...crash,
        },
      ],
    }),
  });
}

/** A crashed policy, and a stack planned on neither side (a name with a space in its path). */
export function failingReport(): ReviewReport {
  const unplanned = stackReview("audit dept", [], {
    file: "departments/audit dept.yaml",
    status: "failed",
    check: undefined,
    headFailure: "departments/audit dept.yaml fails its schema",
    baseFailure: "no such file on the base",
  });
  return report([crashedStack(), unplanned]);
}
