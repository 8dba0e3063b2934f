/**
 * department-quota: the test department's stack as the program builds it, then one change per
 * failing case. Quotas come from the stack's quota resources: police has 40 vCPUs, 200 GiB of
 * RAM, 8 instances, 10 volumes, 3000 GiB, 2 floating IPs and 3 networks at each site, and uses
 * 26 vCPUs, 148 GiB, 5 instances, 7 volumes (2250 GiB), 2 floating IPs and 3 networks at qingdao.
 */
import { strict as assert } from "node:assert";
import type { StackPlan } from "../../plan/types";
import { FIXTURE_ROOT, STACK } from "./support/estate";
import { check as checkPolicy } from "./support/pack";
import { copy, edit, find, remove, T } from "./support/plans";
import { programPlan } from "./support/program-plan";

const POLICY = "department-quota";

describe(POLICY, function () {
  this.timeout(60_000);
  let plan: StackPlan;
  beforeEach(async () => {
    plan = await programPlan(FIXTURE_ROOT, STACK);
  });
  const check = (properties?: Record<string, unknown>) => checkPolicy(plan, POLICY, properties);
  const quota = (site: string, kind: "compute" | "volume" | "network") =>
    find(plan, `police-${site}-${kind}-quota`);

  it("passes the stack as the program builds it", async () => {
    assert.deepEqual(await check(), []);
  });

  it("fails vCPUs above the compute quota's cores", async () => {
    edit(quota("qingdao", "compute"), (p) => (p.cores = 20));
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-compute-quota: at qingdao the stack needs 26 vCPUs but police-qingdao-compute-quota allows 20 (cores=20), used by case-db (16), portal (8) and bastion (2). Raise quotas.qingdao.vcpus in departments/police.yaml (with a platform approval), or reduce replicas or choose smaller flavors.",
    ]);
  });

  it("fails RAM above the compute quota (MiB)", async () => {
    edit(quota("laixi", "compute"), (p) => (p.ram = 100 * 1024));
    assert.deepEqual(await check(), [
      "mandatory police-laixi-compute-quota: at laixi the stack needs 136 GiB of RAM but police-laixi-compute-quota allows 100 (ram=102400), used by case-db (128) and portal (8). Raise quotas.laixi.ramGiB in departments/police.yaml (with a platform approval), or reduce replicas or choose flavors with less RAM.",
    ]);
  });

  it("fails more instances than the quota allows", async () => {
    edit(quota("qingdao", "compute"), (p) => (p.instances = 4));
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-compute-quota: at qingdao the stack needs 5 instances but police-qingdao-compute-quota allows 4 (instances=4), used by case-db (2), portal (2) and bastion (1). Raise quotas.qingdao.instances in departments/police.yaml (with a platform approval), or reduce replicas.",
    ]);
  });

  it("fails more volumes, or more GiB, than the volume quota", async () => {
    edit(quota("qingdao", "volume"), (p) => {
      p.volumes = 6;
      p.gigabytes = 2000;
    });
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-volume-quota: at qingdao the stack needs 7 volumes but police-qingdao-volume-quota allows 6 (volumes=6), used by case-db (4), portal (2) and bastion (1). Raise quotas.qingdao.volumes in departments/police.yaml (with a platform approval), or remove volumes.",
      "mandatory police-qingdao-volume-quota: at qingdao the stack needs 2250 GiB of volumes but police-qingdao-volume-quota allows 2000 (gigabytes=2000), used by case-db (2000), portal (200) and bastion (50). Raise quotas.qingdao.volumeGiB in departments/police.yaml (with a platform approval), or reduce volume sizes.",
    ]);
  });

  it("counts replicas against the quota of the site they live at", async () => {
    edit(quota("laixi", "volume"), (p) => (p.volumes = 5));
    assert.deepEqual(await check(), [
      "mandatory police-laixi-volume-quota: at laixi the stack needs 6 volumes but police-laixi-volume-quota allows 5 (volumes=5), used by case-db (4) and portal (2). Raise quotas.laixi.volumes in departments/police.yaml (with a platform approval), or remove volumes.",
    ]);
  });

  it("fails more floating IPs or networks than the network quota", async () => {
    edit(quota("qingdao", "network"), (p) => {
      p.floatingip = 1;
      p.network = 2;
    });
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-network-quota: at qingdao the stack needs 2 floating IPs but police-qingdao-network-quota allows 1 (floatingip=1), used by portal (2). Raise quotas.qingdao.floatingIps in departments/police.yaml (with a platform approval), or remove floatingIp from a workload.",
      "mandatory police-qingdao-network-quota: at qingdao the stack needs 3 networks but police-qingdao-network-quota allows 2 (network=2), used by police-qingdao-app (1), police-qingdao-data (1) and police-qingdao-mgmt (1). Raise quotas.qingdao.networks in departments/police.yaml (with a platform approval), or remove a network at this site.",
    ]);
  });

  it("fails a site without a quota resource", async () => {
    remove(plan, "police-laixi-network-quota");
    assert.deepEqual(await check(), [
      "mandatory govcloud-police: at laixi the stack uses 1 floating IP but sets no network quota (networking.QuotaV2) there, so OpenStack's default quota would apply. Give the department a quota at laixi in departments/police.yaml (quotas.laixi).",
      "mandatory govcloud-police: at laixi the stack uses 3 networks but sets no network quota (networking.QuotaV2) there, so OpenStack's default quota would apply. Give the department a quota at laixi in departments/police.yaml (quotas.laixi).",
    ]);
  });

  it("fails a quota that leaves a field out, or is unlimited", async () => {
    edit(quota("qingdao", "volume"), (p) => delete p.gigabytes);
    edit(quota("laixi", "compute"), (p) => (p.cores = -1));
    assert.deepEqual(await check(), [
      "mandatory police-laixi-compute-quota: police-laixi-compute-quota (compute.QuotaSetV2) sets cores=-1, an unlimited quota; every department quota has a limit. Set quotas.laixi.vcpus in departments/police.yaml.",
      "mandatory police-qingdao-volume-quota: police-qingdao-volume-quota (blockstorage.QuoteSetV3) does not set gigabytes, and OpenStack sets every field a quota leaves out to zero; the stack uses 2250 GiB of volumes at qingdao.",
    ]);
  });

  it("fails two quota resources of one kind at a site", async () => {
    copy(plan, quota("qingdao", "compute"), "police-qingdao-compute-quota-2");
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-compute-quota-2: police-qingdao-compute-quota-2 (compute.QuotaSetV2) and police-qingdao-compute-quota both set the compute quota (compute.QuotaSetV2) at qingdao; OpenStack keeps whichever runs last. Keep one.",
    ]);
  });

  it("does not pass instances it cannot count", async () => {
    edit(find(plan, "police-qingdao-bastion-0", T.instance), (p) => (p.flavorName = "x9.huge"));
    edit(
      find(plan, "police-laixi-portal-0", T.instance),
      (p) => (p.flavorName = { "[unknown]": true }),
    );
    assert.deepEqual(await check(), [
      "mandatory police-laixi-portal-0: the quota cannot be checked: police-laixi-portal-0 (compute.Instance) cannot be counted: .flavorName is not known during the preview (it is computed from another resource)",
      "mandatory police-qingdao-bastion-0: the quota cannot be checked: police-qingdao-bastion-0 (compute.Instance) cannot be counted: flavor x9.huge is not in the catalog of platform.yaml",
    ]);
  });

  it("does not pass a quota it cannot read during the preview", async () => {
    edit(quota("qingdao", "compute"), (p) => (p.cores = { "[unknown]": "number" }));
    assert.deepEqual(await check(), [
      "mandatory police-qingdao-compute-quota: 26 vCPUs at qingdao cannot be checked: .cores is not known during the preview (it is computed from another resource)",
    ]);
  });

  it("checks only the configured dimensions", async () => {
    edit(quota("qingdao", "compute"), (p) => (p.cores = 20));
    assert.deepEqual(await check({ dimensions: ["instances", "ramGiB"] }), []);
  });
});
