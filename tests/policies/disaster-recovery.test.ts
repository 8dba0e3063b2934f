/**
 * disaster-recovery: the test department runs case-db (critical: 2 + 2 instances, ssd-sync
 * volumes), portal (important: primary qingdao, ssd-async volumes) and bastion (standard, a
 * local volume). As in a preview, scheduler hints and pairing commands hold ids that are not
 * known yet: the rule follows the dependencies the engine reports.
 */
import { strict as assert } from "node:assert";
import type { StackPlan } from "../../plan/types";
import { FIXTURE_ROOT, STACK } from "./support/estate";
import { check as checkPolicy } from "./support/pack";
import { copy, edit, find, ofType, remove, setLabel, T } from "./support/plans";
import { programPlan } from "./support/program-plan";

const POLICY = "disaster-recovery";

describe(POLICY, function () {
  this.timeout(60_000);
  let plan: StackPlan;
  beforeEach(async () => {
    plan = await programPlan(FIXTURE_ROOT, STACK);
  });
  const check = (properties?: Record<string, unknown>) => checkPolicy(plan, POLICY, properties);
  const instance = (name: string) => find(plan, name, T.instance);
  const volume = (name: string) => find(plan, name, T.volume);
  const group = (name: string) => find(plan, name, T.serverGroup);

  it("passes the stack as the program builds it", async () => {
    assert.deepEqual(await check(), []);
  });

  it("fails a critical workload short of replicas at a site, whatever its tier label says", async () => {
    remove(plan, "police-laixi-case-db-1");
    for (const r of ofType(plan, T.instance)) {
      if (r.name.startsWith("police-laixi-case-db-")) setLabel(r, "tier", "standard");
    }
    assert.deepEqual(await check(), [
      "mandatory govcloud-police: workload case-db is critical (active-active): it needs at least 2 instances at every active site, but has qingdao: 2, laixi: 1. Set replicas.laixi to 2 or more in departments/police.yaml.",
    ]);
  });

  it("fails a critical workload missing from a site", async () => {
    remove(plan, "police-laixi-case-db-0", "police-laixi-case-db-1");
    assert.deepEqual(await check(), [
      "mandatory govcloud-police: workload case-db is critical (active-active): it needs at least 2 instances at every active site, but has qingdao: 2, laixi: 0. Set replicas.laixi to 2 or more in departments/police.yaml.",
    ]);
  });

  it("fails an instance without the server group's scheduler hint", async () => {
    const db = instance("police-qingdao-case-db-0");
    edit(db, (p) => delete p.schedulerHints);
    db.propertyDependencies = {};
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-case-db-0: police-qingdao-case-db-0 (compute.Instance) has no server group scheduler hint; workload case-db needs its replicas spread over hosts by an anti-affinity server group (schedulerHints: [{ group: <server group id> }]).",
    ]);
  });

  it("takes a hint the provider dropped in a preview from its dependency on the server group", async () => {
    // What the engine shows in a first preview: the provider's Check drops the scheduler hint
    // set while the group's id is unknown, and the input's dependency stays.
    const db = instance("police-qingdao-case-db-0");
    edit(db, (p) => delete p.schedulerHints);
    db.propertyDependencies = {
      schedulerHints: [group("police-qingdao-case-db").urn],
    };
    assert.deepEqual(await check(), []);
  });

  it("fails a hint that comes from no server group of the stack", async () => {
    const db = instance("police-qingdao-case-db-1");
    db.dependencies = db.dependencies.filter((urn) => !urn.includes("serverGroup"));
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-case-db-1: police-qingdao-case-db-1 (compute.Instance) does not take its scheduler hint from a server group of this stack, so its anti-affinity cannot be confirmed; give the workload one server group per site.",
    ]);
  });

  it("fails a soft anti-affinity group, unless the config allows it", async () => {
    edit(group("police-laixi-portal"), (p) => (p.policies = ["soft-anti-affinity"]));
    assert.deepEqual(await check(), [
      "mandatory police-laixi-portal: police-laixi-portal (compute.ServerGroup) has policies [soft-anti-affinity]; workload portal needs anti-affinity so that no two replicas share a host.",
    ]);
    assert.deepEqual(await check({ allowSoftAntiAffinity: true }), []);
  });

  it("follows the scheduler hint's own dependencies when the engine reports them", async () => {
    const soft = copy(plan, group("police-qingdao-case-db"), "police-qingdao-case-db-soft");
    edit(soft, (p) => (p.policies = ["soft-anti-affinity"]));
    instance("police-qingdao-case-db-1").propertyDependencies = { schedulerHints: [soft.urn] };
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-case-db-soft: police-qingdao-case-db-soft (compute.ServerGroup) has policies [soft-anti-affinity]; workload case-db needs anti-affinity so that no two replicas share a host.",
      "mandatory govcloud-police: the instances of case-db at qingdao are in 2 server groups; anti-affinity only separates members of one group, so put them in one.",
    ]);
  });

  it("fails replicas at one site spread over two server groups", async () => {
    const other = copy(plan, group("police-qingdao-case-db"), "police-qingdao-case-db-b");
    const db = instance("police-qingdao-case-db-1");
    db.dependencies = db.dependencies.map((urn) => (urn.includes("serverGroup") ? other.urn : urn));
    assert.deepEqual(await check(), [
      "mandatory govcloud-police: the instances of case-db at qingdao are in 2 server groups; anti-affinity only separates members of one group, so put them in one.",
    ]);
  });

  it("fails data volumes that replicate less than the tier requires", async () => {
    for (const name of [
      "police-qingdao-case-db-0-data",
      "police-laixi-case-db-0-data-from-qingdao",
    ]) {
      edit(volume(name), (p) => (p.volumeType = "ssd-async"));
    }
    for (const name of [
      "police-qingdao-portal-1-uploads",
      "police-laixi-portal-1-uploads-from-qingdao",
    ]) {
      edit(volume(name), (p) => (p.volumeType = "sas-local"));
    }
    assert.deepEqual(await check(), [
      "mandatory police-laixi-case-db-0-data-from-qingdao: police-laixi-case-db-0-data-from-qingdao (blockstorage.Volume) of critical workload case-db is on volume type ssd-async (async); critical data needs synchronous replication: ssd-sync.",
      "mandatory police-qingdao-case-db-0-data: police-qingdao-case-db-0-data (blockstorage.Volume) of critical workload case-db is on volume type ssd-async (async); critical data needs synchronous replication: ssd-sync.",
      "mandatory police-laixi-portal-1-uploads-from-qingdao: police-laixi-portal-1-uploads-from-qingdao (blockstorage.Volume) of important workload portal is on volume type sas-local (none); important data needs asynchronous replication or better: ssd-sync, ssd-async.",
      "mandatory police-qingdao-portal-1-uploads: police-qingdao-portal-1-uploads (blockstorage.Volume) of important workload portal is on volume type sas-local (none); important data needs asynchronous replication or better: ssd-sync, ssd-async.",
    ]);
  });

  it("fails a replicated primary without its replica, and a replica without its primary", async () => {
    remove(plan, "police-laixi-portal-0-uploads-from-qingdao", "police-qingdao-case-db-1-data");
    assert.deepEqual(await check(), [
      "mandatory police-laixi-case-db-1-data-from-qingdao: police-laixi-case-db-1-data-from-qingdao (blockstorage.Volume) is a replica of police-qingdao-case-db-1-data, which is not in this stack: an orphaned replica replicates nothing.",
      "mandatory police-qingdao-portal-0-uploads: police-qingdao-portal-0-uploads (blockstorage.Volume) is a replicated primary, but its replica police-laixi-portal-0-uploads-from-qingdao is not in this stack.",
    ]);
  });

  it("fails a pair without its pairing command, unless the config waives it", async () => {
    remove(plan, "police-qingdao-portal-1-uploads-pairing");
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-portal-1-uploads: police-qingdao-portal-1-uploads (blockstorage.Volume) and its replica police-laixi-portal-1-uploads-from-qingdao have no pairing command (a command:local:Command that uses both volumes): the storage never pairs them.",
    ]);
    assert.deepEqual(await check({ requirePairingCommand: false }), []);
  });

  it("fails a replica at the primary's site, or of another size", async () => {
    const replica = volume("police-laixi-case-db-0-data-from-qingdao");
    replica.provider = volume("police-qingdao-case-db-0-data").provider;
    edit(volume("police-qingdao-case-db-1-data-from-laixi"), (p) => (p.size = 600));
    assert.deepEqual(await check(), [
      "mandatory police-laixi-case-db-1-data: police-laixi-case-db-1-data (blockstorage.Volume) has 500 GiB but its replica police-qingdao-case-db-1-data-from-laixi has 600 GiB; the storage pairs volumes of one size.",
      "mandatory police-qingdao-case-db-0-data: police-qingdao-case-db-0-data (blockstorage.Volume) and its replica police-laixi-case-db-0-data-from-qingdao are both at qingdao; a replica belongs at the other site.",
    ]);
  });

  it("fails a volume on a replicated type that is not part of a pair", async () => {
    edit(volume("police-qingdao-bastion-0-logs"), (p) => (p.volumeType = "ssd-sync"));
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-bastion-0-logs: police-qingdao-bastion-0-logs (blockstorage.Volume) is on replicated volume type ssd-sync but is not part of a pair (no replication-role metadata): its replica and pairing are missing, so its data is not at the other site.",
    ]);
  });

  it("does not pass instances whose workload or tier it cannot tell", async () => {
    setLabel(instance("police-qingdao-bastion-0"), "workload", undefined);
    const ghost = copy(plan, instance("police-laixi-portal-0"), "police-laixi-ghost-0");
    setLabel(ghost, "workload", "ghost");
    setLabel(ghost, "tier", "gold");
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-bastion-0: police-qingdao-bastion-0 (compute.Instance) names no workload (label workload), so its tier's disaster recovery cannot be checked.",
      "mandatory govcloud-police: the tier of workload ghost cannot be told (gold is not a tier of platform.yaml), so its disaster recovery cannot be checked.",
    ]);
  });
});
