/**
 * disaster-recovery, called directly on the test department's stack (support/views.ts
 * policeStack): case-db (critical: 2 + 2 instances, ssd-sync volumes), portal (important:
 * primary qingdao, ssd-async volumes) and bastion (standard, a local volume). As in a preview,
 * scheduler hints and pairing commands hold ids that are not known yet: the rule follows the
 * dependencies the engine reports.
 */
import type { DisasterRecoveryConfig } from "../../policies/disaster-recovery";
import { checkDisasterRecovery } from "../../policies/disaster-recovery";
import type { ResourceView } from "../../policies/lib/resource-view";
import type { Case } from "./support/table";
import { table } from "./support/table";
import {
  copyAs,
  moveTo,
  named,
  policeStack,
  relabel,
  set,
  T,
  unknown,
  unset,
  without,
} from "./support/views";

const DEFAULTS: DisasterRecoveryConfig = {
  allowSoftAntiAffinity: false,
  requirePairingCommand: true,
};

/** The stack after `change`, which is given a finder of its resources. */
function changed(
  change: (find: (name: string, type?: string) => ResourceView, stack: ResourceView[]) => void,
): ResourceView[] {
  const stack = policeStack();
  change((name, type) => named(stack, name, type), stack);
  return stack;
}

const instance = (find: (name: string, type?: string) => ResourceView, name: string) =>
  find(name, T.instance);
const group = (find: (name: string, type?: string) => ResourceView, name: string) =>
  find(name, T.serverGroup);

/** A copy of the laixi portal instance as an instance of another workload. */
function stranger(stack: ResourceView[], name: string, labels: Record<string, string | undefined>) {
  const twin = relabel(copyAs(named(stack, "police-laixi-portal-0", T.instance), name), labels);
  stack.push(twin);
  return twin;
}

const SHORT_OF_REPLICAS = (have: string) =>
  `workload case-db is critical (active-active): it needs at least 2 instances at every active site, but has ${have}. Set replicas.laixi to 2 or more in departments/police.yaml.`;
const SOFT = (name: string, workload: string) =>
  `${name} (compute.ServerGroup) has policies [soft-anti-affinity]; workload ${workload} needs anti-affinity so that no two replicas share a host.`;
const TWO_GROUPS =
  "the instances of case-db at qingdao are in 2 server groups; anti-affinity only separates members of one group, so put them in one.";

const cases: Case<ResourceView[], DisasterRecoveryConfig>[] = [
  { name: "passes the stack as the program builds it", input: policeStack, expect: [] },
  { name: "passes an empty stack", input: () => [], expect: [] },
  {
    name: "fails a critical workload short of replicas at a site, whatever its tier label says",
    input: () => {
      const stack = without(policeStack(), "police-laixi-case-db-1");
      relabel(named(stack, "police-laixi-case-db-0", T.instance), { tier: "standard" });
      return stack;
    },
    expect: [{ says: SHORT_OF_REPLICAS("qingdao: 2, laixi: 1") }],
  },
  {
    name: "fails a critical workload missing from a site",
    input: () => without(policeStack(), "police-laixi-case-db-0", "police-laixi-case-db-1"),
    expect: [{ says: SHORT_OF_REPLICAS("qingdao: 2, laixi: 0") }],
  },
  {
    name: "takes the tier from the labels for a workload the file does not know",
    input: () =>
      changed((_find, stack) =>
        stranger(stack, "police-laixi-ghost-0", { workload: "ghost", tier: "critical" }),
      ),
    expect: [
      {
        says: "workload ghost is critical (active-active): it needs at least 2 instances at every active site, but has qingdao: 0, laixi: 1. Set replicas.qingdao and replicas.laixi to 2 or more in departments/police.yaml.",
      },
    ],
  },
  {
    name: "fails an instance without the server group's scheduler hint",
    input: () =>
      changed((find) => unset(instance(find, "police-qingdao-case-db-0"), "schedulerHints")),
    expect: [
      {
        at: "police-qingdao-case-db-0",
        says: "police-qingdao-case-db-0 (compute.Instance) has no server group scheduler hint; workload case-db needs its replicas spread over hosts by an anti-affinity server group (schedulerHints: [{ group: <server group id> }]).",
      },
    ],
  },
  {
    // What the engine shows in a first preview: the provider's Check drops the scheduler hint
    // set while the group's id is unknown, and the input's dependency stays.
    name: "takes a hint the provider dropped in a preview from its dependency on the server group",
    input: () =>
      changed((find) => {
        const db = unset(instance(find, "police-qingdao-case-db-0"), "schedulerHints");
        db.propertyDependencies = { schedulerHints: [group(find, "police-qingdao-case-db").urn] };
      }),
    expect: [],
  },
  {
    name: "fails a hint that comes from no server group of the stack",
    input: () =>
      changed((find) => {
        const db = instance(find, "police-qingdao-case-db-1");
        db.dependencies = db.dependencies.filter((urn) => !urn.includes("serverGroup"));
      }),
    expect: [
      {
        at: "police-qingdao-case-db-1",
        says: "police-qingdao-case-db-1 (compute.Instance) does not take its scheduler hint from a server group of this stack, so its anti-affinity cannot be confirmed; give the workload one server group per site.",
      },
    ],
  },
  {
    name: "fails an instance that depends on two server groups",
    input: () =>
      changed((find, stack) => {
        const other = copyAs(group(find, "police-qingdao-case-db"), "police-qingdao-case-db-b");
        stack.push(other);
        instance(find, "police-qingdao-case-db-1").dependencies.push(other.urn);
      }),
    expect: [
      {
        at: "police-qingdao-case-db-1",
        says: "police-qingdao-case-db-1 (compute.Instance) depends on 2 server groups (police-qingdao-case-db, police-qingdao-case-db-b), so its anti-affinity cannot be confirmed",
      },
    ],
  },
  {
    name: "fails a soft anti-affinity group",
    input: () =>
      changed((find) =>
        set(group(find, "police-laixi-portal"), { policies: ["soft-anti-affinity"] }),
      ),
    expect: [{ at: "police-laixi-portal", says: SOFT("police-laixi-portal", "portal") }],
  },
  {
    name: "reports a soft anti-affinity group once, however many replicas it holds",
    input: () =>
      changed((find) =>
        set(group(find, "police-qingdao-case-db"), { policies: ["soft-anti-affinity"] }),
      ),
    expect: [{ at: "police-qingdao-case-db", says: SOFT("police-qingdao-case-db", "case-db") }],
  },
  {
    name: "accepts a soft anti-affinity group when the config allows it",
    input: () =>
      changed((find) =>
        set(group(find, "police-laixi-portal"), { policies: ["soft-anti-affinity"] }),
      ),
    config: { allowSoftAntiAffinity: true },
    expect: [],
  },
  {
    name: "fails a server group without policies",
    input: () => changed((find) => unset(group(find, "police-laixi-portal"), "policies")),
    expect: [
      {
        at: "police-laixi-portal",
        says: "police-laixi-portal (compute.ServerGroup) has policies []; workload portal needs anti-affinity so that no two replicas share a host.",
      },
    ],
  },
  {
    name: "does not pass a server group whose policies are not known during the preview",
    input: () =>
      changed((find) => set(group(find, "police-laixi-portal"), { policies: unknown("policies") })),
    expect: [
      {
        at: "police-laixi-portal",
        says: "the policy of police-laixi-portal (compute.ServerGroup) cannot be checked: .policies is not known during the preview",
      },
    ],
  },
  {
    name: "follows the scheduler hint's own dependencies when the engine reports them",
    input: () =>
      changed((find, stack) => {
        const soft = set(
          copyAs(group(find, "police-qingdao-case-db"), "police-qingdao-case-db-soft"),
          {
            policies: ["soft-anti-affinity"],
          },
        );
        stack.push(soft);
        instance(find, "police-qingdao-case-db-1").propertyDependencies = {
          schedulerHints: [soft.urn],
        };
      }),
    expect: [
      { at: "police-qingdao-case-db-soft", says: SOFT("police-qingdao-case-db-soft", "case-db") },
      { says: TWO_GROUPS },
    ],
  },
  {
    name: "fails replicas at one site spread over two server groups",
    input: () =>
      changed((find, stack) => {
        const other = copyAs(group(find, "police-qingdao-case-db"), "police-qingdao-case-db-b");
        stack.push(other);
        const db = instance(find, "police-qingdao-case-db-1");
        db.dependencies = db.dependencies.map((urn) =>
          urn.includes("serverGroup") ? other.urn : urn,
        );
      }),
    expect: [{ says: TWO_GROUPS }],
  },
  {
    name: "asks no server group of a tier without anti-affinity",
    input: () =>
      changed((find) => {
        const bastion = unset(instance(find, "police-qingdao-bastion-0"), "schedulerHints");
        bastion.dependencies = [];
      }),
    expect: [],
  },
  {
    name: "fails data volumes that replicate less than the tier requires",
    input: () =>
      changed((find) => {
        set(find("police-qingdao-case-db-0-data"), { volumeType: "ssd-async" });
        set(find("police-laixi-case-db-0-data-from-qingdao"), { volumeType: "ssd-async" });
        set(find("police-qingdao-portal-1-uploads"), { volumeType: "sas-local" });
        set(find("police-laixi-portal-1-uploads-from-qingdao"), { volumeType: "sas-local" });
      }),
    expect: [
      {
        at: "police-qingdao-case-db-0-data",
        says: "police-qingdao-case-db-0-data (blockstorage.Volume) of critical workload case-db is on volume type ssd-async (async); critical data needs synchronous replication: ssd-sync.",
      },
      {
        at: "police-laixi-case-db-0-data-from-qingdao",
        says: "police-laixi-case-db-0-data-from-qingdao (blockstorage.Volume) of critical workload case-db is on volume type ssd-async (async); critical data needs synchronous replication: ssd-sync.",
      },
      {
        at: "police-qingdao-portal-1-uploads",
        says: "police-qingdao-portal-1-uploads (blockstorage.Volume) of important workload portal is on volume type sas-local (none); important data needs asynchronous replication or better: ssd-sync, ssd-async.",
      },
      {
        at: "police-laixi-portal-1-uploads-from-qingdao",
        says: "police-laixi-portal-1-uploads-from-qingdao (blockstorage.Volume) of important workload portal is on volume type sas-local (none); important data needs asynchronous replication or better: ssd-sync, ssd-async.",
      },
    ],
  },
  {
    name: "fails a data volume of no type, of a type not in the catalog, or of a type not known during the preview",
    input: () =>
      changed((find) => {
        unset(find("police-qingdao-case-db-0-data"), "volumeType");
        set(find("police-laixi-case-db-0-data-from-qingdao"), { volumeType: "gold-ssd" });
        set(find("police-qingdao-case-db-1-data"), { volumeType: unknown("volumeType") });
      }),
    expect: [
      {
        at: "police-qingdao-case-db-0-data",
        says: "police-qingdao-case-db-0-data (blockstorage.Volume) of critical workload case-db names no volumeType (the cloud's default type does not replicate); critical data needs synchronous replication: ssd-sync.",
      },
      {
        at: "police-laixi-case-db-0-data-from-qingdao",
        says: "is on volume type gold-ssd, which is not in the catalog; critical data needs synchronous replication: ssd-sync.",
      },
      {
        at: "police-qingdao-case-db-1-data",
        says: "the volume type of police-qingdao-case-db-1-data (blockstorage.Volume) cannot be checked: .volumeType is not known during the preview",
      },
    ],
  },
  {
    name: "fails a replicated primary without its replica, and a replica without its primary",
    input: () =>
      without(
        policeStack(),
        "police-laixi-portal-0-uploads-from-qingdao",
        "police-qingdao-case-db-1-data",
      ),
    expect: [
      {
        at: "police-laixi-case-db-1-data-from-qingdao",
        says: "police-laixi-case-db-1-data-from-qingdao (blockstorage.Volume) is a replica of police-qingdao-case-db-1-data, which is not in this stack: an orphaned replica replicates nothing.",
      },
      {
        at: "police-qingdao-portal-0-uploads",
        says: "police-qingdao-portal-0-uploads (blockstorage.Volume) is a replicated primary, but its replica police-laixi-portal-0-uploads-from-qingdao is not in this stack.",
      },
    ],
  },
  {
    name: "fails a pair without its pairing command",
    input: () => without(policeStack(), "police-qingdao-portal-1-uploads-pairing"),
    expect: [
      {
        at: "police-qingdao-portal-1-uploads",
        says: "police-qingdao-portal-1-uploads (blockstorage.Volume) and its replica police-laixi-portal-1-uploads-from-qingdao have no pairing command (a command:local:Command that uses both volumes): the storage never pairs them.",
      },
    ],
  },
  {
    name: "accepts a pair without its pairing command when the config waives it",
    input: () => without(policeStack(), "police-qingdao-portal-1-uploads-pairing"),
    config: { requirePairingCommand: false },
    expect: [],
  },
  {
    name: "takes a pairing command's property dependencies for its use of the volumes",
    input: () =>
      changed((find) => {
        const pairing = find("police-qingdao-portal-1-uploads-pairing");
        pairing.propertyDependencies = { create: pairing.dependencies };
        pairing.dependencies = [];
      }),
    expect: [],
  },
  {
    name: "fails a replica at the primary's site, or of another size",
    input: () =>
      changed((find) => {
        moveTo(find("police-laixi-case-db-0-data-from-qingdao"), "qingdao");
        set(find("police-qingdao-case-db-1-data-from-laixi"), { size: 600 });
      }),
    expect: [
      {
        at: "police-qingdao-case-db-0-data",
        says: "police-qingdao-case-db-0-data (blockstorage.Volume) and its replica police-laixi-case-db-0-data-from-qingdao are both at qingdao; a replica belongs at the other site.",
      },
      {
        at: "police-laixi-case-db-1-data",
        says: "police-laixi-case-db-1-data (blockstorage.Volume) has 500 GiB but its replica police-qingdao-case-db-1-data-from-laixi has 600 GiB; the storage pairs volumes of one size.",
      },
    ],
  },
  {
    name: "fails the halves of a pair on two volume types",
    input: () =>
      changed((find) =>
        set(find("police-laixi-portal-0-uploads-from-qingdao"), { volumeType: "ssd-sync" }),
      ),
    expect: [
      {
        at: "police-qingdao-portal-0-uploads",
        says: "police-qingdao-portal-0-uploads (blockstorage.Volume) is on ssd-async but its replica police-laixi-portal-0-uploads-from-qingdao is on ssd-sync; both halves of a pair use one replicated type.",
      },
    ],
  },
  {
    name: "fails a volume on a replicated type that is not part of a pair",
    input: () =>
      changed((find) => set(find("police-qingdao-bastion-0-logs"), { volumeType: "ssd-sync" })),
    expect: [
      {
        at: "police-qingdao-bastion-0-logs",
        says: "police-qingdao-bastion-0-logs (blockstorage.Volume) is on replicated volume type ssd-sync but is not part of a pair (no replication-role metadata): its replica and pairing are missing, so its data is not at the other site.",
      },
    ],
  },
  {
    name: "does not pass instances whose workload or tier it cannot tell",
    input: () =>
      changed((find, stack) => {
        relabel(instance(find, "police-qingdao-bastion-0"), { workload: undefined });
        stranger(stack, "police-laixi-ghost-0", { workload: "ghost", tier: "gold" });
      }),
    expect: [
      {
        at: "police-qingdao-bastion-0",
        says: "police-qingdao-bastion-0 (compute.Instance) names no workload (label workload), so its tier's disaster recovery cannot be checked.",
      },
      {
        says: "the tier of workload ghost cannot be told (gold is not a tier of platform.yaml), so its disaster recovery cannot be checked.",
      },
    ],
  },
  {
    name: "does not pass a workload the file does not know whose resources disagree on its tier, or name none",
    input: () =>
      changed((_find, stack) => {
        stranger(stack, "police-laixi-ghost-0", { workload: "ghost", tier: "gold" });
        stranger(stack, "police-laixi-ghost-1", { workload: "ghost", tier: "critical" });
        stranger(stack, "police-laixi-shade-0", {
          workload: "shade",
          tier: undefined,
        });
      }),
    expect: [
      { says: "the tier of workload ghost cannot be told (its resources say critical and gold)" },
      { says: "the tier of workload shade cannot be told (no tier label)" },
    ],
  },
  {
    name: "does not pass an instance whose site it cannot tell, or whose labels it cannot read",
    input: () =>
      changed((find) => {
        moveTo(instance(find, "police-laixi-portal-0"), "jimo");
        set(instance(find, "police-qingdao-bastion-0"), {
          tags: unknown("tags"),
          metadata: unknown("metadata"),
        });
      }),
    expect: [
      {
        at: "police-laixi-portal-0",
        says: "the site of police-laixi-portal-0 (compute.Instance) cannot be told: its provider's region jimo is not the region of any site in platform.yaml.",
      },
      {
        at: "police-qingdao-bastion-0",
        says: "disaster recovery of police-qingdao-bastion-0 (compute.Instance) cannot be checked: .tags is not known during the preview",
      },
    ],
  },
];

describe("disaster-recovery", () => {
  table(checkDisasterRecovery, DEFAULTS, cases);
});
