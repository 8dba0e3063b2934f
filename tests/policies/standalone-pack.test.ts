/**
 * The pack away from any estate, as a published pack runs: a pack folder in a temporary folder
 * (no platform.yaml beside it, GOVCLOUD_ESTATE_ROOT unset), started out of process by the
 * harness as the engine starts it. Given the config govcloud writes (the settings and each
 * policy's facts), it judges by those facts; given none, every rule stops with how to pass them.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PolicyPackSession } from "../../analyzer";
import { openPolicyPack } from "../../analyzer";
import { packConfig } from "../../check/pack-config";
import { cityFacts } from "../../policies/lib/facts";
import { estateAt, FIXTURE_ROOT, PACK_DIR, REPO_ROOT, STACK, TODAY } from "./support/estate";
import { ensureCompiledPack, everything, messageOf } from "./support/pack";
import { only } from "./support/plans";
import { programPlan } from "./support/program-plan";
import { removeTempPacks, tempPack } from "./support/temp-pack";

const BASTION = "police-qingdao-bastion-0";

describe("the pack with no estate beside it", function () {
  this.timeout(180_000);
  let pack: PolicyPackSession;

  before(async () => {
    ensureCompiledPack();
    const manifest = JSON.parse(readFileSync(join(PACK_DIR, "package.json"), "utf8"));
    const dir = tempPack({
      "PulumiPolicy.yaml": readFileSync(join(PACK_DIR, "PulumiPolicy.yaml"), "utf8"),
      "package.json": JSON.stringify({
        ...manifest,
        main: join(REPO_ROOT, "dist", "policies", "index.js"),
      }),
    });
    const saved = process.env.GOVCLOUD_ESTATE_ROOT;
    delete process.env.GOVCLOUD_ESTATE_ROOT;
    try {
      pack = await openPolicyPack({
        packDir: dir,
        launch: { organization: "organization", project: "govcloud", stack: STACK, dryRun: true },
      });
    } finally {
      if (saved !== undefined) process.env.GOVCLOUD_ESTATE_ROOT = saved;
    }
  });
  after(async () => {
    await pack?.close();
    removeTempPacks();
  });

  it("judges the program's own stack by the facts in its config, and passes it", async () => {
    const config = packConfig(undefined, cityFacts(estateAt(FIXTURE_ROOT), TODAY), {
      today: TODAY,
    });
    const report = await pack.analyze(await programPlan(FIXTURE_ROOT, STACK), {
      policyConfig: config,
    });
    assert.deepEqual(everything(report), []);
    assert.equal(report.summary.passed, true);
  });

  it("knows only the catalog its config gives it", async () => {
    const facts = cityFacts(estateAt(FIXTURE_ROOT), TODAY);
    const flavors = { ...facts.flavors };
    delete flavors["s1.medium"];
    const config = packConfig(undefined, { ...facts, flavors }, { today: TODAY });
    const plan = only(await programPlan(FIXTURE_ROOT, STACK), BASTION);
    const report = await pack.analyze(plan, { policyConfig: config });
    const baseline = report.diagnostics.filter((d) => d.policyName === "security-baseline");
    assert.equal(baseline.length, 1, everything(report).join("\n"));
    assert.match(messageOf(baseline[0]), /uses flavor s1\.medium, which is not in the catalog/);
  });

  it("stops every rule it runs, saying how to pass the facts, when its config has none", async () => {
    const plan = only(await programPlan(FIXTURE_ROOT, STACK), BASTION);
    const report = await pack.analyze(plan);
    assert.equal(report.summary.passed, false);
    assert.ok(report.crashes.length > 0);
    for (const crash of report.crashes) {
      assert.match(crash.message, /the govcloud policy pack has no facts/);
      assert.match(crash.message, /govcloud policy-config --out pack-config\.json/);
      assert.match(crash.message, /--policy-pack-config pack-config\.json/);
    }
  });
});
