/**
 * The city's policy config (policy-config.json at the repository root), read as the engine reads
 * `--policy-pack-config`: its levels and properties, and what changing a level does.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { StackPlan } from "../../plan/types";
import { FIXTURE_ROOT, REPO_ROOT, STACK } from "./support/estate";
import { analyze, everything, findings } from "./support/pack";
import { edit, find, T } from "./support/plans";
import { programPlan } from "./support/program-plan";
import { removeTempPacks, tempPack } from "./support/temp-pack";

const CITY_CONFIG = join(REPO_ROOT, "policy-config.json");
const SSH = "police-qingdao-bastion-tcp-22-from-10.8.0.0-16";
const WORLD_SSH =
  "police-qingdao-bastion-tcp-22-from-10.8.0.0-16: police-qingdao-bastion-tcp-22-from-10.8.0.0-16 (networking.SecGroupRule) opens tcp port 22 to 0.0.0.0/0, reaching forbidden port 22 (SSH). Narrow the source to the networks that need it (the city operations VPN for SSH and RDP, the application network for databases).";

/** The city's file with `change` applied, written where the harness can read it. */
function cityConfigWith(change: (config: Record<string, Record<string, unknown>>) => void): string {
  const config = JSON.parse(readFileSync(CITY_CONFIG, "utf8"));
  change(config);
  const dir = tempPack({ "policy-config.json": JSON.stringify(config, null, 2) });
  return join(dir, "policy-config.json");
}

describe("policy-config.json", function () {
  this.timeout(60_000);
  let plan: StackPlan;
  beforeEach(async () => {
    plan = await programPlan(FIXTURE_ROOT, STACK);
  });
  after(removeTempPacks);
  const openSsh = () =>
    edit(find(plan, SSH, T.secGroupRule), (p) => (p.remoteIpPrefix = "0.0.0.0/0"));

  it("validates against the pack and sets the city's levels", async () => {
    const report = await analyze(plan, { configFile: CITY_CONFIG });
    assert.deepEqual(
      report.policies.map((p) => `${p.name} ${p.enforcementLevel}`),
      [
        "approval-recertification advisory",
        "approval-tags mandatory",
        "change-approval mandatory",
        "department-quota mandatory",
        "disaster-recovery mandatory",
        "naming-tagging advisory",
        "security-baseline mandatory",
        "site-capacity mandatory",
        "site-failover mandatory",
      ],
    );
    assert.equal(report.config["approval-tags"].properties.largeChangeVcpus, 64);
    // Not in the file: the schema's default, 0, which stands for platform.yaml's (365).
    assert.equal(report.config["change-approval"].properties.validityDays, 0);
    assert.equal(report.config["approval-recertification"].properties.validityDays, 0);
    assert.deepEqual(everything(report), []);
  });

  it("fails the preview on a mandatory violation", async () => {
    openSsh();
    const report = await analyze(plan, { configFile: CITY_CONFIG });
    assert.deepEqual(findings(report, "security-baseline"), [`mandatory ${WORLD_SSH}`]);
    assert.equal(report.summary.passed, false);
  });

  it("turns the failure into a warning when the rule is lowered to advisory", async () => {
    openSsh();
    const configFile = cityConfigWith(
      (c) => (c["security-baseline"].enforcementLevel = "advisory"),
    );
    const report = await analyze(plan, { configFile });
    assert.deepEqual(findings(report, "security-baseline"), [`advisory ${WORLD_SSH}`]);
    assert.equal(report.summary.mandatory, 0);
    assert.equal(report.summary.passed, true);
  });

  it("silences a disabled rule", async () => {
    openSsh();
    const configFile = cityConfigWith(
      (c) => (c["security-baseline"].enforcementLevel = "disabled"),
    );
    const report = await analyze(plan, { configFile });
    assert.deepEqual(findings(report, "security-baseline"), []);
  });

  it("refuses a property the rule's schema does not allow, as the engine does", async () => {
    const configFile = cityConfigWith((c) => (c["approval-tags"].largeChangeVcpus = "many"));
    await assert.rejects(analyze(plan, { configFile }), /approval-tags: largeChangeVcpus/);
  });
});
