/**
 * `govcloud drift` against the loopback cloud: the platform and the health department deployed
 * with `govcloud up`, then changed behind Pulumi's back through the OpenStack API (the compute
 * quota of health's project raised at laixi, its one ingress rule deleted); the drift report must
 * name both with department, site and resource. A plain `govcloud up` leaves them (it compares
 * the code with the state, which still holds what was deployed); `govcloud up --refresh` puts
 * them back.
 *
 * Right after a first deployment there is no drift: the quota fields of 0 the OpenStack provider
 * leaves out on create are applied by the same `govcloud up` (docs/engine.md, "Zero quotas").
 *
 * Everything deployed is destroyed at the end, whatever happened, so that the engine tests do not
 * depend on their order.
 */
import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DriftReport } from "../deploy/drift-types";
import { cloudDir, Deployment, type Run } from "./support/deployment";
import { OpenStackApi } from "./support/openstack-api";
import { findProject, type SecurityGroup } from "./support/vdc-readback";

const DEPARTMENT = "health";
const SITE = "laixi";
/** The ingress rule the test estate's health gets here, so that there is a rule to delete. */
const INGRESS = "    ingress:\n      - { protocol: tcp, port: 443, from: 10.0.0.0/8 }\n";
const RULE = "health-laixi-portal-tcp-443-from-10.0.0.0-8";

function report(run: Run): DriftReport {
  try {
    return JSON.parse(run.stdout) as DriftReport;
  } catch {
    assert.fail(`not a JSON report:\n${run.stdout}\n${run.stderr}`);
  }
}

describe("govcloud drift against the loopback cloud", function () {
  this.timeout(3_600_000);
  let deployment: Deployment;
  let api: OpenStackApi;
  let projectId: string;
  const deployed = new Set<string>();
  const timings: string[] = [];

  const drift = (...args: string[]): Run => {
    const run = deployment.govcloud(["drift", ...args]);
    timings.push(`drift ${args.join(" ")}: ${run.seconds.toFixed(1)} s, exit ${run.status}`);
    return run;
  };

  const up = (stack: string, ...flags: string[]): void => {
    deployed.add(stack);
    const run = deployment.govcloud(["up", stack, "--yes", ...flags]);
    timings.push(`up ${[stack, ...flags].join(" ")}: ${run.seconds.toFixed(1)} s`);
    assert.equal(run.status, 0, run.stdout + run.stderr);
  };

  before(async () => {
    deployment = new Deployment();
    const file = join(deployment.root, "departments", `${DEPARTMENT}.yaml`);
    const text = readFileSync(file, "utf8");
    assert.equal(text.split("    network: web\n").length, 2, "health's workload has moved");
    writeFileSync(file, text.replace("    network: web\n", `    network: web\n${INGRESS}`));
    api = await OpenStackApi.login(join(cloudDir(), "clouds.yaml"), `govcloud-${SITE}`);
  });

  after(() => {
    deployment.destroyLeftovers(deployed);
    console.log(timings.join("\n"));
    deployment?.remove();
  });

  it("says plainly that a stack is not deployed yet (no drift, exit 0, no stack trace)", () => {
    const run = drift(DEPARTMENT);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /health: not deployed: the backend has no stack health/);
    assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at .+:\d+:\d+\)?\n/);
  });

  it("deploys the platform and health with govcloud up", async () => {
    up("platform");
    up(DEPARTMENT);
    const project = await findProject(api, DEPARTMENT);
    assert.ok(project !== undefined, "no project health in Keystone");
    projectId = project.id;
  });

  it("finds no drift in the untouched platform", () => {
    const run = drift("platform", "--format", "json");
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(
      report(run).stacks.map((s) => [s.stack, s.status]),
      [["platform", "clean"]],
    );
  });

  it("finds no drift right after health's first deployment: its quota fields of 0 are applied", () => {
    const run = drift(DEPARTMENT, "--format", "json");
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(
      report(run).stacks.map((s) => [s.stack, s.status]),
      [[DEPARTMENT, "clean"]],
    );
  });

  it("names a raised compute quota and a deleted security group rule with department, site and resource", async () => {
    const before = await api.get<{ quota_set: { cores: number } }>(
      "compute",
      `/os-quota-sets/${projectId}`,
    );
    const raised = before.quota_set.cores + 12;
    await api.send("PUT", "compute", `/os-quota-sets/${projectId}`, {
      quota_set: { cores: raised },
    });
    const { security_groups } = await api.get<{ security_groups: SecurityGroup[] }>(
      "network",
      "/security-groups",
      { project_id: projectId, name: "health-laixi-portal" },
    );
    assert.equal(security_groups.length, 1, "health-laixi-portal");
    const ingress = security_groups[0].security_group_rules.filter(
      (rule) => rule.direction === "ingress",
    ) as (SecurityGroup["security_group_rules"][number] & { id: string })[];
    assert.equal(ingress.length, 1, JSON.stringify(security_groups[0].security_group_rules));
    await api.send("DELETE", "network", `/security-group-rules/${ingress[0].id}`);

    const run = drift(DEPARTMENT, "--format", "json");
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const [stack] = report(run).stacks;
    assert.equal(stack.stack, DEPARTMENT);
    assert.equal(stack.status, "drifted");
    assert.deepEqual(
      stack.resources.map((r) => [r.site, r.name, r.kind, r.deleted, r.up.action]),
      [
        [SITE, "health-laixi-compute-quota", "compute quota", false, "update"],
        [SITE, RULE, "security group rule", true, "create"],
      ],
    );
    assert.deepEqual(
      stack.resources[0].properties.map((p) => [p.path, p.inCode, p.inCloud]),
      [["cores", before.quota_set.cores, raised]],
    );
    assert.equal(
      stack.resources[0].up.says,
      `up --refresh sets cores back to ${before.quota_set.cores}`,
    );
    assert.equal(stack.resources[1].up.says, "up --refresh re-creates the security group rule");

    const markdown = drift(DEPARTMENT, "--format", "markdown");
    assert.equal(markdown.status, 1);
    assert.match(
      markdown.stdout,
      new RegExp(
        `\\| laixi \\| health-laixi-compute-quota \\| compute quota \\| cores \\| ${before.quota_set.cores} \\| ${raised} \\|`,
      ),
    );
  });

  it("leaves the drift to a plain govcloud up, which compares the code with the state; up --refresh puts both back", () => {
    // The state still holds what was deployed, so a plain up sees nothing to change.
    up(DEPARTMENT);
    const still = drift(DEPARTMENT, "--format", "json");
    assert.equal(still.status, 1, still.stdout + still.stderr);
    assert.deepEqual(
      report(still).stacks[0].resources.map((r) => r.name),
      ["health-laixi-compute-quota", RULE],
    );
    up(DEPARTMENT, "--refresh");
    const run = drift(DEPARTMENT, "platform");
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /govcloud drift: no drift in 2 stacks/);
  });
});
