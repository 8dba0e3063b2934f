/**
 * site-failover, called directly. It judges the failover of the whole estate, from the facts:
 * each test site has 2 hosts, 20 VM slots, 256 vCPUs and 1024 GiB. Losing laixi, qingdao runs 17
 * instances (water's 12; police's case-db 2, portal 2 and bastion 1) and police's critical
 * case-db grows by 2 there: 19 of 20 slots. Losing qingdao, laixi runs 3 and starts 3 (case-db
 * +2, portal's standby +1).
 */
import type { Estate } from "../../model/estate";
import type { ResourceView } from "../../policies/lib/resource-view";
import type { SiteFailoverConfig } from "../../policies/site-failover";
import { checkSiteFailover } from "../../policies/site-failover";
import { testFacts } from "./support/facts";
import type { Case } from "./support/table";
import { table } from "./support/table";
import { policeStack } from "./support/views";

const DEFAULTS: SiteFailoverConfig = { tiers: [], headroomPercent: 0 };

/** What losing laixi asks of qingdao, up to the fixes, when `holds` slots are left. */
const SHORT_AT_QINGDAO = (holds: string, basis: string) =>
  `if laixi is lost, qingdao cannot take what the tiers promise: it needs 19 VM slots (17 it ` +
  `runs and 2 that start there) but holds ${holds} (2 hosts: hosts x ` +
  `capacity.emergency.vmsPerHost${basis}), 1 short. `;

const emergency = (density: NonNullable<Estate["platform"]["capacity"]["emergency"]>) => () =>
  testFacts((estate) => (estate.platform.capacity.emergency = density));

const cases: Case<ResourceView[], SiteFailoverConfig>[] = [
  {
    name: "passes the stack when either site can take the other's load",
    input: policeStack,
    expect: [],
  },
  {
    // 5% of 20 slots kept free leaves 19, exactly what is needed.
    name: "passes the city's settings, which leave exactly the room needed",
    input: policeStack,
    config: { tiers: ["critical", "important"], headroomPercent: 5 },
    expect: [],
  },
  {
    name: "fails a department that adds to a surviving site short of room",
    input: policeStack,
    config: { headroomPercent: 10 },
    expect: [
      {
        says: [
          SHORT_AT_QINGDAO("18", ", less the 10% kept free"),
          "This department runs 5 there and starts 2 (case-db +2). Fix: ",
          "add about 1 host of the current mix to qingdao",
          "raise capacity.emergency.vmsPerHost",
          "govcloud failover --lose laixi shows the whole picture.",
        ],
      },
    ],
  },
  {
    name: "reports the shortfall on every department that adds to the surviving site",
    input: () => [],
    stack: "water",
    config: { headroomPercent: 10 },
    expect: [
      {
        says: [
          SHORT_AT_QINGDAO("18", ", less the 10% kept free"),
          "This department runs 12 there and starts 0. Fix: ",
        ],
      },
    ],
  },
  {
    name: "judges the estate's failover whatever the stack holds: an empty stack of police too",
    input: () => [],
    config: { headroomPercent: 10 },
    expect: [{ says: "This department runs 5 there and starts 2 (case-db +2)." }],
  },
  {
    name: "reports nothing on a stack that adds nothing to the surviving site",
    input: () => [],
    stack: "ghost",
    config: { headroomPercent: 10 },
    expect: [],
  },
  {
    // Without critical, nothing grows at qingdao: 17 of 18.
    name: "counts only the tiers that must survive",
    input: policeStack,
    config: { tiers: ["important"], headroomPercent: 10 },
    expect: [],
  },
  {
    name: "says so when configured with a tier platform.yaml does not define",
    input: policeStack,
    config: { tiers: ["critical", "gold"] },
    expect: [
      {
        says: "site-failover is configured with tier gold, which platform.yaml does not define (tiers: critical, important, standard); failover cannot be checked for it.",
      },
    ],
  },
  {
    name: "names every tier platform.yaml does not define",
    input: policeStack,
    config: { tiers: ["gold", "silver"] },
    expect: [
      {
        says: "configured with tiers gold, silver, which platform.yaml does not define (tiers: critical, important, standard); failover cannot be checked for them.",
      },
    ],
  },
  {
    name: "judges against capacity.emergency, not the everyday density",
    input: policeStack,
    facts: emergency({ vmsPerHost: 9, cpuOvercommit: 3 }),
    expect: [
      {
        says: [
          SHORT_AT_QINGDAO("18", ""),
          "This department runs 5 there and starts 2 (case-db +2).",
        ],
      },
    ],
  },
  {
    // 22 emergency slots, 10% kept free: 19.8 for the 19 needed.
    name: "passes with the room a denser emergency gives",
    input: policeStack,
    config: { headroomPercent: 10 },
    facts: emergency({ vmsPerHost: 11 }),
    expect: [],
  },
];

describe("site-failover", () => {
  table(checkSiteFailover, DEFAULTS, cases);
});
