/**
 * site-capacity: each test site holds 20 instances, 256 vCPUs, 1024 GiB of RAM and 20000 GiB of
 * volumes. At qingdao the water department's file asks for 12 instances, 96 vCPUs, 384 GiB and
 * 12000 GiB; the police stack adds 5 instances, 26 vCPUs, 148 GiB and 2250 GiB.
 */
import { strict as assert } from "node:assert";
import type { StackPlan } from "../../plan/types";
import { FIXTURE_ROOT, STACK } from "./support/estate";
import { check as checkPolicy } from "./support/pack";
import { copy, edit, find, T } from "./support/plans";
import { programPlan } from "./support/program-plan";

const POLICY = "site-capacity";

describe(POLICY, function () {
  this.timeout(60_000);
  let plan: StackPlan;
  beforeEach(async () => {
    plan = await programPlan(FIXTURE_ROOT, STACK);
  });
  const check = (properties?: Record<string, unknown>) => checkPolicy(plan, POLICY, properties);
  const bastions = (count: number) => {
    const bastion = find(plan, "police-qingdao-bastion-0", T.instance);
    for (let n = 1; n <= count; n++) copy(plan, bastion, `police-qingdao-bastion-${n}`);
  };

  it("passes the stack as the program builds it", async () => {
    assert.deepEqual(await check(), []);
  });

  it("counts the stack, not the department's own file, on top of the others", async () => {
    bastions(3); // 8 + 12 = 20: full, not over (the file's 5 would make it 25)
    assert.deepEqual(await check(), []);
  });

  it("fails a stack that pushes a site past its instances", async () => {
    bastions(4);
    assert.deepEqual(await check(), [
      "mandatory govcloud-police: qingdao cannot hold this stack: it adds 9 instances (bastion (5), case-db (2) and portal (2)) to the 12 the other departments use (largest: water (12)), 21 in all, but the site holds 20 (2 hosts x capacity.vmsPerHost). Reduce what the department runs at qingdao, move workloads to the other site, or ask the platform team for capacity.",
    ]);
  });

  it("fails a stack that pushes a site past its storage", async () => {
    edit(find(plan, "police-qingdao-bastion-0-logs", T.volume), (p) => (p.size = 6000));
    assert.deepEqual(await check(), [
      "mandatory govcloud-police: qingdao cannot hold this stack: it adds 8200 GiB of volumes (bastion (6000), case-db (2000) and portal (200)) to the 12000 the other departments use (largest: water (12000)), 20200 in all, but the site holds 20000 (capacity.storageGiBPerSite). Reduce what the department runs at qingdao, move workloads to the other site, or ask the platform team for capacity.",
    ]);
  });

  it("keeps the configured headroom free", async () => {
    assert.deepEqual(await check({ headroomPercent: 50 }), [
      "mandatory govcloud-police: qingdao cannot hold this stack: it adds 5 instances (case-db (2), portal (2) and bastion (1)) to the 12 the other departments use (largest: water (12)), 17 in all, but the site holds 10 (2 hosts x capacity.vmsPerHost less the 50% kept free). Reduce what the department runs at qingdao, move workloads to the other site, or ask the platform team for capacity.",
      "mandatory govcloud-police: qingdao cannot hold this stack: it adds 148 GiB of RAM (case-db (128), portal (16) and bastion (4)) to the 384 the other departments use (largest: water (384)), 532 in all, but the site holds 512 (RAM of 2 hosts x capacity.ramOvercommit less the 50% kept free). Reduce what the department runs at qingdao, move workloads to the other site, or ask the platform team for capacity.",
      "mandatory govcloud-police: qingdao cannot hold this stack: it adds 2250 GiB of volumes (case-db (2000), portal (200) and bastion (50)) to the 12000 the other departments use (largest: water (12000)), 14250 in all, but the site holds 10000 (capacity.storageGiBPerSite less the 50% kept free). Reduce what the department runs at qingdao, move workloads to the other site, or ask the platform team for capacity.",
    ]);
  });

  it("does not pass resources it cannot place at a site", async () => {
    const provider = find(plan, "police-laixi-project", T.provider);
    const foreign = copy(plan, provider, "police-jimo-project");
    edit(foreign, (p) => (p.region = "jimo"));
    const instance = find(plan, "police-laixi-portal-0", T.instance);
    instance.provider = `${foreign.urn}::provider-id`;
    assert.deepEqual(await check(), [
      "mandatory police-laixi-portal-0: site capacity cannot be checked: police-laixi-portal-0 (compute.Instance) cannot be counted: its provider's region jimo is not the region of any site in platform.yaml",
    ]);
  });
});
