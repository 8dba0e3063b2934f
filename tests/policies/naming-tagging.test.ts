/**
 * naming-tagging (advisory): names `<dept>-<site>-<thing>` in Pulumi and in OpenStack, labels
 * that agree with the stack, the provider's site and the department file.
 */
import { strict as assert } from "node:assert";
import type { StackPlan } from "../../plan/types";
import { FIXTURE_ROOT, STACK } from "./support/estate";
import { analyze, check as checkPolicy, isolate, notApplicableReasons } from "./support/pack";
import { copy, edit, find, only, setLabel, T } from "./support/plans";
import { programPlan } from "./support/program-plan";

const POLICY = "naming-tagging";

describe(POLICY, function () {
  this.timeout(60_000);
  let plan: StackPlan;
  beforeEach(async () => {
    plan = await programPlan(FIXTURE_ROOT, STACK);
  });
  const check = (names: string[], properties?: Record<string, unknown>) =>
    checkPolicy(only(plan, ...names), POLICY, properties);
  const instance = (name: string) => find(plan, name, T.instance);

  it("passes every resource the program builds: components, providers and all", async () => {
    assert.deepEqual(await checkPolicy(plan, POLICY), []);
  });

  it("warns about a name without the department, or without the site it is deployed at", async () => {
    copy(plan, instance("police-qingdao-bastion-0"), "bastion-0");
    instance("police-qingdao-portal-1").provider = instance("police-laixi-portal-0").provider;
    assert.deepEqual(await check(["bastion-0", "police-qingdao-portal-1"]), [
      'advisory police-qingdao-portal-1: police-qingdao-portal-1 (compute.Instance) is deployed at laixi (its provider\'s region) but its name does not start with "police-laixi-"; per-site names carry the site so that the two sites never collide.',
      "advisory police-qingdao-portal-1: police-qingdao-portal-1 (compute.Instance) is labelled site=qingdao but its provider deploys it at laixi.",
      'advisory bastion-0: bastion-0 (compute.Instance) is not named after its department: names start with "police-", at qingdao with "police-qingdao-", so that two departments (and two sites) never collide.',
    ]);
  });

  it("warns about an OpenStack name that is not the Pulumi name, or missing", async () => {
    edit(instance("police-qingdao-bastion-0"), (p) => (p.name = "bastion"));
    edit(find(plan, "police-qingdao-data", T.network), (p) => delete p.name);
    edit(find(plan, "police-project", T.project), (p) => (p.name = "police-project"));
    const names = ["police-qingdao-bastion-0", "police-qingdao-data", "police-project"];
    assert.deepEqual(await check(names), [
      'advisory police-qingdao-data: police-qingdao-data (networking.Network) has no OpenStack name; give it name: "police-qingdao-data".',
      "advisory police-qingdao-bastion-0: police-qingdao-bastion-0 (compute.Instance) is called bastion in OpenStack; the OpenStack name is the Pulumi name (police-qingdao-bastion-0), so that either finds the other.",
      "advisory police-project: police-project (identity.Project) is called police-project in OpenStack; the OpenStack name is the department id (police), so that either finds the other.",
    ]);
  });

  it("accepts an OpenStack name kept by ignoreChanges", async () => {
    const group = find(plan, "police-qingdao-portal", T.serverGroup);
    edit(group, (p) => (p.name = "police-qingdao-web"));
    assert.deepEqual(group.options.ignoreChanges, ["name"]);
    assert.deepEqual(await check(["police-qingdao-portal"]), []);
  });

  it("warns about labels that disagree with the stack, the provider or the file", async () => {
    const bastion = instance("police-qingdao-bastion-0");
    setLabel(bastion, "department", "water");
    setLabel(bastion, "site", "laixi");
    setLabel(bastion, "tier", "critical");
    setLabel(find(plan, "police-qingdao-data", T.network), "tier", "gold");
    assert.deepEqual(await check(["police-qingdao-bastion-0", "police-qingdao-data"]), [
      "advisory police-qingdao-data: police-qingdao-data (networking.Network) is labelled tier=gold, which is not a tier of platform.yaml: critical, important, standard.",
      "advisory police-qingdao-bastion-0: police-qingdao-bastion-0 (compute.Instance) is labelled department=water in stack police; the department is the stack name.",
      "advisory police-qingdao-bastion-0: police-qingdao-bastion-0 (compute.Instance) is labelled site=laixi but its provider deploys it at qingdao.",
      "advisory police-qingdao-bastion-0: police-qingdao-bastion-0 (compute.Instance) is labelled tier=critical, but workload bastion is standard in departments/police.yaml.",
    ]);
  });

  it("warns about a missing or wrong workload label", async () => {
    setLabel(instance("police-qingdao-bastion-0"), "workload", undefined);
    setLabel(instance("police-qingdao-portal-0"), "workload", "case-db");
    setLabel(instance("police-laixi-portal-0"), "workload", "ghost");
    const names = ["police-qingdao-bastion-0", "police-qingdao-portal-0", "police-laixi-portal-0"];
    assert.deepEqual(await check(names), [
      "advisory police-laixi-portal-0: police-laixi-portal-0 (compute.Instance) is labelled workload=ghost, which is not a workload of departments/police.yaml.",
      'advisory police-laixi-portal-0: police-laixi-portal-0 (compute.Instance) is labelled workload=ghost but is not named "police-laixi-ghost-..." like the workload\'s resources.',
      "advisory police-qingdao-bastion-0: police-qingdao-bastion-0 (compute.Instance) lacks the label workload.",
      "advisory police-qingdao-portal-0: police-qingdao-portal-0 (compute.Instance) is labelled tier=important, but workload case-db is critical in departments/police.yaml.",
      'advisory police-qingdao-portal-0: police-qingdao-portal-0 (compute.Instance) is labelled workload=case-db but is not named "police-qingdao-case-db-..." like the workload\'s resources.',
    ]);
  });

  it("warns about tags and metadata that disagree", async () => {
    edit(instance("police-qingdao-bastion-0"), (p) => {
      (p.metadata as Record<string, string>).owner = "sun.li";
    });
    assert.deepEqual(await check(["police-qingdao-bastion-0"]), [
      "advisory police-qingdao-bastion-0: police-qingdao-bastion-0 (compute.Instance) gives owner two different values (in its tags twice, or in its tags and its metadata).",
    ]);
  });

  it("skips the names the config exempts", async () => {
    copy(plan, instance("police-qingdao-bastion-0"), "legacy-web-1");
    const report = await analyze(only(plan, "legacy-web-1"), {
      policyConfig: isolate(POLICY, { exemptNames: ["^legacy-"] }),
    });
    assert.deepEqual(
      report.diagnostics.filter((d) => d.policyName === POLICY),
      [],
    );
    assert.deepEqual(notApplicableReasons(report, POLICY, "legacy-web-1"), [
      "legacy-web-1 matches exemptNames ^legacy-",
    ]);
  });
});
