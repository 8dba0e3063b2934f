/**
 * site-capacity, called directly. Each test site holds 20 instances, 256 vCPUs, 1024 GiB of RAM
 * and 20000 GiB of volumes. At qingdao the water department's file asks for 12 instances, 96
 * vCPUs, 384 GiB and 12000 GiB; the police stack (support/views.ts policeStack) adds 5
 * instances, 26 vCPUs, 148 GiB and 2250 GiB.
 */
import type { ResourceView } from "../../policies/lib/resource-view";
import type { SiteCapacityConfig } from "../../policies/site-capacity";
import { checkSiteCapacity } from "../../policies/site-capacity";
import { testFacts } from "./support/facts";
import type { Case } from "./support/table";
import { table } from "./support/table";
import { copyAs, moveTo, named, policeStack, relabel, set, T, unknown } from "./support/views";

const DEFAULTS: SiteCapacityConfig = { headroomPercent: 0 };

/** The stack with `count` more bastions at qingdao. */
function moreBastions(count: number): ResourceView[] {
  const stack = policeStack();
  const bastion = named(stack, "police-qingdao-bastion-0", T.instance);
  for (let n = 1; n <= count; n++) stack.push(copyAs(bastion, `police-qingdao-bastion-${n}`));
  return stack;
}

const FIX =
  "Reduce what the department runs at qingdao, move workloads to the other site, or ask the platform team for capacity.";

const cases: Case<ResourceView[], SiteCapacityConfig>[] = [
  { name: "passes the stack as the program builds it", input: policeStack, expect: [] },
  { name: "passes an empty stack", input: () => [], expect: [] },
  {
    // 8 + 12 = 20: full, not over (the department file's 5 would make it 25)
    name: "counts the stack, not the department's own file, on top of the others: a full site passes",
    input: () => moreBastions(3),
    expect: [],
  },
  {
    name: "fails a stack that pushes a site past its instances",
    input: () => moreBastions(4),
    expect: [
      {
        says: [
          "qingdao cannot hold this stack: it adds 9 instances (bastion (5), case-db (2) and portal (2)) ",
          "to the 12 the other departments use (largest: water (12)), 21 in all, ",
          "but the site holds 20 (2 hosts x capacity.vmsPerHost). ",
          FIX,
        ],
      },
    ],
  },
  {
    name: "fails a stack that pushes a site past its storage",
    input: () => {
      const stack = policeStack();
      set(named(stack, "police-qingdao-bastion-0-logs"), { size: 6000 });
      return stack;
    },
    expect: [
      {
        says: [
          "qingdao cannot hold this stack: it adds 8200 GiB of volumes (bastion (6000), case-db (2000) and portal (200)) ",
          "to the 12000 the other departments use (largest: water (12000)), 20200 in all, ",
          "but the site holds 20000 (capacity.storageGiBPerSite). ",
          FIX,
        ],
      },
    ],
  },
  {
    name: "passes vCPUs exactly at what the hosts hold",
    input: policeStack,
    // 2 hosts x 64 threads x 61/64 = 122 vCPUs: water's 96 and police's 26
    facts: () => testFacts((estate) => (estate.platform.capacity.cpuOvercommit = 61 / 64)),
    expect: [],
  },
  {
    name: "fails vCPUs past what the hosts hold",
    input: policeStack,
    facts: () => testFacts((estate) => (estate.platform.capacity.cpuOvercommit = 0.95)),
    expect: [
      {
        says: [
          "qingdao cannot hold this stack: it adds 26 vCPUs (case-db (16), portal (8) and bastion (2)) ",
          "to the 96 the other departments use (largest: water (96)), 122 in all, ",
          "but the site holds 121.6 (hardware threads of 2 hosts x capacity.cpuOvercommit). ",
        ],
      },
    ],
  },
  {
    name: "keeps the configured headroom free",
    input: policeStack,
    config: { headroomPercent: 50 },
    expect: [
      {
        says: [
          "qingdao cannot hold this stack: it adds 5 instances (case-db (2), portal (2) and bastion (1)) ",
          "to the 12 the other departments use (largest: water (12)), 17 in all, ",
          "but the site holds 10 (2 hosts x capacity.vmsPerHost less the 50% kept free). ",
          FIX,
        ],
      },
      {
        says: [
          "qingdao cannot hold this stack: it adds 148 GiB of RAM (case-db (128), portal (16) and bastion (4)) ",
          "to the 384 the other departments use (largest: water (384)), 532 in all, ",
          "but the site holds 512 (RAM of 2 hosts x capacity.ramOvercommit less the 50% kept free). ",
        ],
      },
      {
        says: [
          "qingdao cannot hold this stack: it adds 2250 GiB of volumes (case-db (2000), portal (200) and bastion (50)) ",
          "to the 12000 the other departments use (largest: water (12000)), 14250 in all, ",
          "but the site holds 10000 (capacity.storageGiBPerSite less the 50% kept free). ",
        ],
      },
    ],
  },
  {
    // 17 of 20 instances: 15% kept free leaves exactly 17, 16% leaves 16.8.
    name: "passes a site exactly full up to the headroom",
    input: policeStack,
    config: { headroomPercent: 15 },
    expect: [],
  },
  {
    name: "fails a site just past the headroom",
    input: policeStack,
    config: { headroomPercent: 16 },
    expect: [
      {
        says: "17 in all, but the site holds 16.8 (2 hosts x capacity.vmsPerHost less the 16% kept free)",
      },
    ],
  },
  {
    name: "does not pass resources it cannot place at a site",
    input: () => {
      const stack = policeStack();
      moveTo(named(stack, "police-laixi-portal-0", T.instance), "jimo");
      return stack;
    },
    expect: [
      {
        at: "police-laixi-portal-0",
        says: "site capacity cannot be checked: police-laixi-portal-0 (compute.Instance) cannot be counted: its provider's region jimo is not the region of any site in platform.yaml",
      },
    ],
  },
  {
    name: "does not pass an instance whose flavor is not known during the preview",
    input: () => {
      const stack = policeStack();
      set(named(stack, "police-qingdao-portal-1", T.instance), {
        flavorName: unknown("flavorName"),
      });
      return stack;
    },
    expect: [
      {
        at: "police-qingdao-portal-1",
        says: "site capacity cannot be checked: police-qingdao-portal-1 (compute.Instance) cannot be counted: .flavorName is not known during the preview",
      },
    ],
  },
  {
    name: "fails a stack that deploys at a site that is not active",
    input: () => {
      const stack = policeStack();
      const bastion = relabel(named(stack, "police-qingdao-bastion-0", T.instance), {
        site: "quorum",
      });
      delete bastion.provider;
      return stack;
    },
    expect: [
      {
        says: "the stack deploys at quorum, which is not an active site and runs no tenant workloads",
      },
    ],
  },
];

describe("site-capacity", () => {
  table(checkSiteCapacity, DEFAULTS, cases);
});
