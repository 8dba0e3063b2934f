/**
 * site-failover through the real pack. Each test site has 2 hosts: 20 VM slots, 256 vCPUs,
 * 1024 GiB. Losing laixi, qingdao runs 17 instances (water's 12, police's case-db 2, portal 2
 * and bastion 1) and police's critical case-db grows by 2 there: 19 of 20 slots. Losing qingdao,
 * laixi runs 3 and starts 3 (case-db +2, portal's standby +1).
 */
import { strict as assert } from "node:assert";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PolicyPackSession } from "../../analyzer";
import { openPolicyPack } from "../../analyzer";
import type { StackPlan } from "../../plan/types";
import { FIXTURE_ROOT, PACK_DIR, STACK, TODAY } from "./support/estate";
import { check as checkPolicy, ensureCompiledPack, findings, isolate } from "./support/pack";
import { programPlan } from "./support/program-plan";

const POLICY = "site-failover";

const SHORT_AT_QINGDAO = (holds: string, basis: string, short: string) =>
  `mandatory govcloud-police: if laixi is lost, qingdao cannot take what the tiers promise: it ` +
  `needs 19 VM slots (17 it runs and 2 that start there) but holds ${holds} (2 hosts: hosts x ` +
  `capacity.emergency.vmsPerHost${basis}), ${short} short. This department runs 5 there and ` +
  `starts 2 (case-db +2). Fix: `;

describe(POLICY, function () {
  this.timeout(120_000);
  let plan: StackPlan;
  before(async () => {
    plan = await programPlan(FIXTURE_ROOT, STACK);
  });
  const check = (properties?: Record<string, unknown>) => checkPolicy(plan, POLICY, properties);

  it("passes the stack when either site can take the other's load", async () => {
    assert.deepEqual(await check(), []);
    // The city's settings: 5% of 20 slots kept free leaves 19, exactly what is needed.
    assert.deepEqual(await check({ tiers: ["critical", "important"], headroomPercent: 5 }), []);
  });

  it("fails a department that adds to a surviving site short of room", async () => {
    const found = await check({ headroomPercent: 10 });
    assert.equal(found.length, 1);
    assert.ok(
      found[0].startsWith(SHORT_AT_QINGDAO("18", ", less the 10% kept free", "1")),
      found[0],
    );
    assert.match(found[0], /add about 1 host of the current mix to qingdao/);
    assert.match(found[0], /raise capacity\.emergency\.vmsPerHost/);
    assert.match(found[0], /govcloud failover --lose laixi shows the whole picture\.$/);
  });

  it("counts only the tiers that must survive", async () => {
    // Without critical, nothing grows at qingdao: 17 of 18.
    assert.deepEqual(await check({ tiers: ["important"], headroomPercent: 10 }), []);
  });

  it("says so when configured with a tier platform.yaml does not define", async () => {
    assert.deepEqual(await check({ tiers: ["critical", "gold"] }), [
      "mandatory govcloud-police: site-failover is configured with tier gold, which platform.yaml does not define (tiers: critical, important, standard); failover cannot be checked for it.",
    ]);
  });

  describe("on a platform with less emergency room", () => {
    let root: string;
    let pack: PolicyPackSession;

    before(async () => {
      ensureCompiledPack();
      root = mkdtempSync(join(tmpdir(), "govcloud-failover-"));
      cpSync(FIXTURE_ROOT, root, { recursive: true });
      const file = join(root, "platform.yaml");
      const text = readFileSync(file, "utf8");
      const edited = text.replace(
        /^ {2}vmsPerHost: 10\n/m,
        "  vmsPerHost: 10\n  emergency: { vmsPerHost: 9, cpuOvercommit: 3 }\n",
      );
      assert.notEqual(edited, text);
      writeFileSync(file, edited);
      const saved = { root: process.env.GOVCLOUD_ESTATE_ROOT, today: process.env.GOVCLOUD_TODAY };
      process.env.GOVCLOUD_ESTATE_ROOT = root;
      process.env.GOVCLOUD_TODAY = TODAY;
      try {
        pack = await openPolicyPack({
          packDir: PACK_DIR,
          launch: { organization: "organization", project: "govcloud", stack: STACK, dryRun: true },
        });
      } finally {
        if (saved.root === undefined) delete process.env.GOVCLOUD_ESTATE_ROOT;
        else process.env.GOVCLOUD_ESTATE_ROOT = saved.root;
        if (saved.today === undefined) delete process.env.GOVCLOUD_TODAY;
        else process.env.GOVCLOUD_TODAY = saved.today;
      }
    });
    after(async () => {
      await pack?.close();
      rmSync(root, { recursive: true, force: true });
    });

    it("judges against capacity.emergency, not the everyday density", async () => {
      const report = await pack.analyze(plan, { policyConfig: isolate(POLICY) });
      const found = findings(report, POLICY);
      assert.equal(found.length, 1);
      assert.ok(found[0].startsWith(SHORT_AT_QINGDAO("18", "", "1")), found[0]);
      assert.equal(report.summary.passed, false);
    });
  });
});
