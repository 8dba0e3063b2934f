/**
 * department-quota, called directly on the test department's stack (support/views.ts
 * policeStack): at each site 40 vCPUs, 200 GiB of RAM, 8 instances, 10 volumes, 3000 GiB, 2
 * floating IPs and 3 networks; at qingdao it uses 26 vCPUs, 148 GiB, 5 instances, 7 volumes
 * (2250 GiB), 2 floating IPs and 3 networks, at laixi 20 vCPUs, 136 GiB, 3 instances, 6 volumes
 * (2200 GiB), 1 floating IP and 3 networks. Each case changes one thing.
 */
import type { DepartmentQuotaConfig } from "../../policies/department-quota";
import { checkDepartmentQuota } from "../../policies/department-quota";
import type { ResourceView } from "../../policies/lib/resource-view";
import type { Case } from "./support/table";
import { table } from "./support/table";
import {
  copyAs,
  moveTo,
  named,
  network,
  policeStack,
  quota,
  relabel,
  set,
  T,
  unknown,
  unset,
  without,
} from "./support/views";

const DEFAULTS: DepartmentQuotaConfig = {
  dimensions: ["instances", "vcpus", "ramGiB", "volumes", "volumeGiB", "floatingIps", "networks"],
};

/** The stack with `change` made to the resource called `name`. */
function changed(name: string, change: (resource: ResourceView) => void): ResourceView[] {
  const stack = policeStack();
  change(named(stack, name));
  return stack;
}

const RAISE = (site: string, field: string) =>
  `Raise quotas.${site}.${field} in departments/police.yaml (with a platform approval), or `;

const cases: Case<ResourceView[], DepartmentQuotaConfig>[] = [
  { name: "passes the stack as the program builds it", input: policeStack, expect: [] },
  { name: "passes an empty stack", input: () => [], expect: [] },
  {
    name: "fails vCPUs above the compute quota's cores",
    input: () => changed("police-qingdao-compute-quota", (q) => set(q, { cores: 20 })),
    expect: [
      {
        at: "police-qingdao-compute-quota",
        says: [
          "at qingdao the stack needs 26 vCPUs but police-qingdao-compute-quota allows 20 (cores=20), ",
          "used by case-db (16), portal (8) and bastion (2). ",
          RAISE("qingdao", "vcpus"),
          "reduce replicas or choose smaller flavors.",
        ],
      },
    ],
  },
  {
    name: "passes vCPUs exactly at the quota",
    input: () => changed("police-qingdao-compute-quota", (q) => set(q, { cores: 26 })),
    expect: [],
  },
  {
    name: "fails one vCPU above the quota",
    input: () => changed("police-qingdao-compute-quota", (q) => set(q, { cores: 25 })),
    expect: [
      {
        at: "police-qingdao-compute-quota",
        says: "needs 26 vCPUs but police-qingdao-compute-quota allows 25 (cores=25)",
      },
    ],
  },
  {
    name: "fails RAM above the compute quota, given in MiB",
    input: () => changed("police-laixi-compute-quota", (q) => set(q, { ram: 100 * 1024 })),
    expect: [
      {
        at: "police-laixi-compute-quota",
        says: [
          "at laixi the stack needs 136 GiB of RAM but police-laixi-compute-quota allows 100 (ram=102400), ",
          "used by case-db (128) and portal (8). ",
          RAISE("laixi", "ramGiB"),
          "reduce replicas or choose flavors with less RAM.",
        ],
      },
    ],
  },
  {
    name: "passes RAM exactly at the quota",
    input: () => changed("police-laixi-compute-quota", (q) => set(q, { ram: 136 * 1024 })),
    expect: [],
  },
  {
    name: "fails more instances than the quota allows",
    input: () => changed("police-qingdao-compute-quota", (q) => set(q, { instances: 4 })),
    expect: [
      {
        at: "police-qingdao-compute-quota",
        says: [
          "at qingdao the stack needs 5 instances but police-qingdao-compute-quota allows 4 (instances=4), ",
          "used by case-db (2), portal (2) and bastion (1). ",
          RAISE("qingdao", "instances"),
          "reduce replicas.",
        ],
      },
    ],
  },
  {
    name: "passes instances exactly at the quota",
    input: () => changed("police-qingdao-compute-quota", (q) => set(q, { instances: 5 })),
    expect: [],
  },
  {
    name: "fails more volumes, or more GiB, than the volume quota",
    input: () =>
      changed("police-qingdao-volume-quota", (q) => set(q, { volumes: 6, gigabytes: 2000 })),
    expect: [
      {
        at: "police-qingdao-volume-quota",
        says: [
          "at qingdao the stack needs 7 volumes but police-qingdao-volume-quota allows 6 (volumes=6), ",
          "used by case-db (4), portal (2) and bastion (1). ",
          RAISE("qingdao", "volumes"),
          "remove volumes.",
        ],
      },
      {
        at: "police-qingdao-volume-quota",
        says: [
          "at qingdao the stack needs 2250 GiB of volumes but police-qingdao-volume-quota allows 2000 (gigabytes=2000), ",
          "used by case-db (2000), portal (200) and bastion (50). ",
          RAISE("qingdao", "volumeGiB"),
          "reduce volume sizes.",
        ],
      },
    ],
  },
  {
    name: "passes volume GiB exactly at the quota",
    input: () => changed("police-qingdao-volume-quota", (q) => set(q, { gigabytes: 2250 })),
    expect: [],
  },
  {
    name: "counts replicas against the quota of the site they live at",
    input: () => changed("police-laixi-volume-quota", (q) => set(q, { volumes: 5 })),
    expect: [
      {
        at: "police-laixi-volume-quota",
        says: [
          "at laixi the stack needs 6 volumes but police-laixi-volume-quota allows 5 (volumes=5), ",
          "used by case-db (4) and portal (2). ",
          RAISE("laixi", "volumes"),
        ],
      },
    ],
  },
  {
    name: "fails more floating IPs or networks than the network quota",
    input: () =>
      changed("police-qingdao-network-quota", (q) => set(q, { floatingip: 1, network: 2 })),
    expect: [
      {
        at: "police-qingdao-network-quota",
        says: [
          "at qingdao the stack needs 2 floating IPs but police-qingdao-network-quota allows 1 (floatingip=1), ",
          "used by portal (2). ",
          RAISE("qingdao", "floatingIps"),
          "remove floatingIp from a workload.",
        ],
      },
      {
        at: "police-qingdao-network-quota",
        says: [
          "at qingdao the stack needs 3 networks but police-qingdao-network-quota allows 2 (network=2), ",
          "used by police-qingdao-app (1), police-qingdao-data (1) and police-qingdao-mgmt (1). ",
          RAISE("qingdao", "networks"),
          "remove a network at this site.",
        ],
      },
    ],
  },
  {
    name: "fails a site without a quota resource, at the stack",
    input: () => without(policeStack(), "police-laixi-network-quota"),
    expect: [
      {
        says: "at laixi the stack uses 1 floating IP but sets no network quota (networking.QuotaV2) there, so OpenStack's default quota would apply. Give the department a quota at laixi in departments/police.yaml (quotas.laixi).",
      },
      {
        says: "at laixi the stack uses 3 networks but sets no network quota (networking.QuotaV2) there, so OpenStack's default quota would apply. Give the department a quota at laixi in departments/police.yaml (quotas.laixi).",
      },
    ],
  },
  {
    name: "needs no quota of a kind a site does not use",
    input: () => [network("app", "laixi"), quota("network", "laixi")],
    expect: [],
  },
  {
    name: "fails a quota that leaves a field out, or is unlimited",
    input: () => {
      const stack = policeStack();
      unset(named(stack, "police-qingdao-volume-quota"), "gigabytes");
      set(named(stack, "police-laixi-compute-quota"), { cores: -1 });
      return stack;
    },
    expect: [
      {
        at: "police-laixi-compute-quota",
        says: "police-laixi-compute-quota (compute.QuotaSetV2) sets cores=-1, an unlimited quota; every department quota has a limit. Set quotas.laixi.vcpus in departments/police.yaml.",
      },
      {
        at: "police-qingdao-volume-quota",
        says: "police-qingdao-volume-quota (blockstorage.QuoteSetV3) does not set gigabytes, and OpenStack sets every field a quota leaves out to zero; the stack uses 2250 GiB of volumes at qingdao.",
      },
    ],
  },
  {
    name: "reads a quota the engine sends as a numeric string",
    input: () => changed("police-qingdao-compute-quota", (q) => set(q, { cores: "20" })),
    expect: [{ at: "police-qingdao-compute-quota", says: "allows 20 (cores=20)" }],
  },
  {
    name: "fails two quota resources of one kind at a site",
    input: () => {
      const stack = policeStack();
      return [
        ...stack,
        copyAs(named(stack, "police-qingdao-compute-quota"), "police-qingdao-compute-quota-2"),
      ];
    },
    expect: [
      {
        at: "police-qingdao-compute-quota-2",
        says: "police-qingdao-compute-quota-2 (compute.QuotaSetV2) and police-qingdao-compute-quota both set the compute quota (compute.QuotaSetV2) at qingdao; OpenStack keeps whichever runs last. Keep one.",
      },
    ],
  },
  {
    name: "fails a quota at a region that is no site",
    input: () => changed("police-laixi-volume-quota", (q) => moveTo(q, "jimo")),
    expect: [
      {
        at: "police-laixi-volume-quota",
        says: "police-laixi-volume-quota (blockstorage.QuoteSetV3) belongs to no site: its provider's region jimo is not the region of any site in platform.yaml",
      },
      {
        says: "at laixi the stack uses 6 volumes but sets no volume quota (blockstorage.QuoteSetV3) there",
      },
      {
        says: "at laixi the stack uses 2200 GiB of volumes but sets no volume quota (blockstorage.QuoteSetV3) there",
      },
    ],
  },
  {
    name: "does not pass instances it cannot count: unknown flavor, flavor not in the catalog",
    input: () => {
      const stack = policeStack();
      set(named(stack, "police-qingdao-bastion-0", T.instance), { flavorName: "x9.huge" });
      set(named(stack, "police-laixi-portal-0", T.instance), { flavorName: unknown("flavorName") });
      return stack;
    },
    expect: [
      {
        at: "police-laixi-portal-0",
        says: "the quota cannot be checked: police-laixi-portal-0 (compute.Instance) cannot be counted: .flavorName is not known during the preview (it is computed from another resource)",
      },
      {
        at: "police-qingdao-bastion-0",
        says: "the quota cannot be checked: police-qingdao-bastion-0 (compute.Instance) cannot be counted: flavor x9.huge is not in the catalog of platform.yaml",
      },
    ],
  },
  {
    name: "does not pass an instance given a flavorId, or a volume without a size",
    input: () => {
      const stack = policeStack();
      unset(named(stack, "police-qingdao-bastion-0", T.instance), "flavorName");
      set(named(stack, "police-qingdao-bastion-0", T.instance), { flavorId: "3" });
      unset(named(stack, "police-qingdao-bastion-0-logs"), "size");
      return stack;
    },
    expect: [
      {
        at: "police-qingdao-bastion-0",
        says: "police-qingdao-bastion-0 (compute.Instance) cannot be counted: it names no flavorName (a flavorId cannot be matched with the catalog)",
      },
      {
        at: "police-qingdao-bastion-0-logs",
        says: "police-qingdao-bastion-0-logs (blockstorage.Volume) cannot be counted: it has no size",
      },
    ],
  },
  {
    name: "does not pass an instance at a region that is no site",
    input: () => changed("police-laixi-portal-0", (i) => moveTo(i, "jimo")),
    expect: [
      {
        at: "police-laixi-portal-0",
        says: "cannot be counted: its provider's region jimo is not the region of any site in platform.yaml",
      },
    ],
  },
  {
    name: "places a resource whose provider names no region by its site label",
    input: () => {
      const stack = policeStack();
      const bastion = named(stack, "police-qingdao-bastion-0", T.instance);
      delete bastion.provider;
      set(named(stack, "police-qingdao-compute-quota"), { instances: 4 });
      return stack;
    },
    expect: [{ at: "police-qingdao-compute-quota", says: "needs 5 instances" }],
  },
  {
    name: "does not pass a resource with neither a provider's region nor a site label",
    input: () => {
      const stack = policeStack();
      const bastion = relabel(named(stack, "police-qingdao-bastion-0", T.instance), {
        site: undefined,
      });
      delete bastion.provider;
      return stack;
    },
    expect: [
      {
        at: "police-qingdao-bastion-0",
        says: "cannot be counted: its provider names no region and it has no site label",
      },
    ],
  },
  {
    name: "does not pass a quota it cannot read during the preview",
    input: () =>
      changed("police-qingdao-compute-quota", (q) => set(q, { cores: unknown("cores") })),
    expect: [
      {
        at: "police-qingdao-compute-quota",
        says: "26 vCPUs at qingdao cannot be checked: .cores is not known during the preview (it is computed from another resource)",
      },
    ],
  },
  {
    name: "checks only the configured dimensions",
    input: () => changed("police-qingdao-compute-quota", (q) => set(q, { cores: 20 })),
    config: { dimensions: ["instances", "ramGiB"] },
    expect: [],
  },
  {
    name: "names the department file after the stack, for a stack without one",
    input: () => without(policeStack(), "police-laixi-network-quota"),
    stack: "ghost",
    expect: [
      { says: "Give the department a quota at laixi in departments/ghost.yaml (quotas.laixi)." },
      { says: "Give the department a quota at laixi in departments/ghost.yaml (quotas.laixi)." },
    ],
  },
];

describe("department-quota", () => {
  table(checkDepartmentQuota, DEFAULTS, cases);
});
