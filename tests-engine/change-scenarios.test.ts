/**
 * Changes to a deployed department, where the offline review must agree with the real engine.
 *
 * The platform and the health department of the test estate are deployed with `govcloud up`; the
 * copied estate becomes a git repository whose first commit is what runs. Then, one change after
 * the other, the department file is edited and committed, and:
 * - `govcloud review --base HEAD~1 --head HEAD` gives the offline verdict per resource (create,
 *   update, replace, delete, and which top-level properties differ);
 * - `govcloud preview health --steps <file>` gives the engine's, from its own steps against the
 *   real state;
 * - the two must be equal, resource by resource;
 * - `govcloud up` deploys the change (its time is printed), and the OpenStack API is read to see
 *   that the change happened (ids kept where nothing is replaced, new ones where it is).
 *
 * Health runs one standard workload at laixi, with a volume and an approval. Its copy of the
 * catalog gets a second volume type without replication (`sas-archive`, on the backend of
 * sas-local), so that a volume can change type without a replica coming in.
 *
 * Everything deployed is destroyed at the end (the department by the documented decommission),
 * whatever happened, so that the other engine tests find the cloud as this one found it.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StepsReport } from "../deploy/engine-steps";
import type { ReviewReport, StackReview } from "../review/types";
import {
  describeVerdicts,
  disagreements,
  engineVerdicts,
  reviewVerdicts,
} from "./support/change-verdicts";
import { cloudDir, Deployment } from "./support/deployment";
import type { Run } from "./support/deployment";
import { OpenStackApi } from "./support/openstack-api";
import { findProject, leftovers, readRegion } from "./support/vdc-readback";
import type { RegionReadback, Server, Volume } from "./support/vdc-readback";

const DEPARTMENT = "health";
const SITE = "laixi";
const DECOMMISSION =
  "decommission: { ticket: QD-CHG-2026-01235, approver: liu.yang, date: 2026-11-20 }\n";
/** A second type without replication, on the same storage backend as sas-local. */
const ARCHIVE_TYPE =
  "    - { name: sas-archive, replication: none, backend: sas, maxSizeGiB: 8192 }\n";

const named = (...parts: string[]): string => [DEPARTMENT, SITE, ...parts].join("-");

/** The engine's summary line: `+ 105 created`, `~ 2 updated`, `+-1 replaced`. */
function counted(run: Run, change: string): number {
  const found = new RegExp(`^\\s*[-+~]+\\s*(\\d+) ${change}$`, "m").exec(run.stdout);
  return found === null ? 0 : Number(found[1]);
}

describe("change scenarios: the offline review agrees with the real engine", function () {
  this.timeout(3_600_000);
  let deployment: Deployment;
  let file: string;
  let api: OpenStackApi;
  let projectId: string;
  /** Stacks that may hold resources: taken down in `after` when a test stopped halfway. */
  const deployed = new Set<string>();
  const timings: string[] = [];
  /** Per change: the review's verdict beside the engine's. */
  const verdicts: string[] = [];

  before(async () => {
    deployment = new Deployment();
    file = join(deployment.root, "departments", `${DEPARTMENT}.yaml`);
    const platform = join(deployment.root, "platform.yaml");
    const text = readFileSync(platform, "utf8");
    const anchor = "    - { name: sas-local,";
    assert.equal(text.split(anchor).length, 2, `no sas-local volume type in ${platform}`);
    writeFileSync(platform, text.replace(anchor, `${ARCHIVE_TYPE}${anchor}`));
    git("init", "--quiet", "--initial-branch=main");
    api = await OpenStackApi.login(join(cloudDir(), "clouds.yaml"), `govcloud-${SITE}`);
  });

  after(() => {
    deployment.destroyLeftovers(deployed);
    console.log(["", ...verdicts, "", ...timings].join("\n"));
    deployment?.remove();
  });

  function git(...args: string[]): string {
    return execFileSync(
      "git",
      ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", ...args],
      { cwd: deployment.root, encoding: "utf8" },
    );
  }

  function commit(message: string, amend = false): void {
    git("add", "--all");
    git("commit", "--quiet", ...(amend ? ["--amend"] : []), "-m", message);
  }

  /** Replaces `from` (exactly once in the department file) by `to`. */
  function edit(from: string, to: string): void {
    const text = readFileSync(file, "utf8");
    assert.equal(text.split(from).length, 2, `"${from}" is not in ${file} exactly once`);
    writeFileSync(file, text.replace(from, to));
  }

  /** `govcloud review` of the last commit: its exit code and the department's part. */
  function review(): { run: Run; report: ReviewReport; stack: StackReview } {
    const run = deployment.govcloud([
      "review",
      "--base",
      "HEAD~1",
      "--head",
      "HEAD",
      "--format",
      "json",
    ]);
    assert.ok(run.stdout.startsWith("{"), `no JSON review:\n${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(run.stdout) as ReviewReport;
    assert.deepEqual(
      report.stacks.map((s) => s.stack),
      [DEPARTMENT],
    );
    return { run, report, stack: report.stacks[0] };
  }

  /** `govcloud preview --steps`: the engine's steps against the deployed state. */
  function enginePreview(): StepsReport {
    const steps = join(deployment.dir, "steps.json");
    rmSync(steps, { force: true });
    const run = deployment.govcloud(["preview", DEPARTMENT, "--steps", steps]);
    timings.push(`  preview: ${run.seconds.toFixed(1)} s`);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    return JSON.parse(readFileSync(steps, "utf8")) as StepsReport;
  }

  /**
   * The change committed last, reviewed offline and previewed by the engine: the two verdicts
   * must be equal. Returns the review.
   */
  function reviewAgreesWithEngine(change: string): StackReview {
    const reviewed = review();
    timings.push(`${change}: review ${reviewed.run.seconds.toFixed(1)} s`);
    assert.equal(reviewed.run.status, 0, JSON.stringify(reviewed.report.verdict, null, 2));
    const offline = reviewVerdicts(reviewed.stack.changes);
    const engine = engineVerdicts(enginePreview());
    verdicts.push(`${change}:`, ...describeVerdicts(engine).map((line) => `  ${line}`));
    assert.deepEqual(
      disagreements(offline, engine),
      [],
      `the review and the engine disagree on ${change}; the review says:\n` +
        describeVerdicts(offline).join("\n"),
    );
    assert.ok(engine.size > 0, `${change}: the engine sees no change`);
    return reviewed.stack;
  }

  function up(change: string): Run {
    const run = deployment.govcloud(["up", DEPARTMENT, "--yes"]);
    const counts = ["created", "updated", "replaced", "deleted"]
      .map((what) => `${counted(run, what)} ${what}`)
      .join(", ");
    timings.push(`${change}: up ${run.seconds.toFixed(1)} s (${counts})`);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    return run;
  }

  async function laixi(): Promise<RegionReadback> {
    return readRegion(api, projectId);
  }

  function server(region: RegionReadback, name: string): Server {
    const found = region.servers.find((s) => s.name === name);
    assert.ok(found !== undefined, `no server ${name}: ${region.servers.map((s) => s.name)}`);
    return found;
  }

  function volume(region: RegionReadback, name: string): Volume {
    const found = region.volumes.find((v) => v.name === name);
    assert.ok(found !== undefined, `no volume ${name}: ${region.volumes.map((v) => v.name)}`);
    return found;
  }

  it("deploys the platform and health, the network quota's fields of 0 applied: nothing left to do", async () => {
    deployed.add("platform");
    const platform = deployment.govcloud(["up", "platform", "--yes"]);
    timings.push(`up platform: ${platform.seconds.toFixed(1)} s`);
    assert.equal(platform.status, 0, platform.stdout + platform.stderr);
    deployed.add(DEPARTMENT);
    up("up health (first deployment)");
    // The base of every change: what runs (with the stack settings the first `up` completed).
    commit("the estate as deployed");
    const project = await findProject(api, DEPARTMENT);
    assert.ok(project !== undefined);
    projectId = project.id;
    assert.equal(server(await laixi(), named("portal-0")).status, "ACTIVE");
    // docs/engine.md, "Zero quotas": the provider leaves the network quota's fields of 0 out
    // (floatingIps: 0 in the file; RBAC policies and subnet pools 0 for every department) when
    // it creates the quota; govcloud up updates the new quota once more, so the engine has
    // nothing left to do with the file unchanged, as the review says.
    const pending = describeVerdicts(engineVerdicts(enginePreview()));
    assert.deepEqual(pending, []);
    const { quotas } = await laixi();
    assert.deepEqual(
      [quotas.network.floatingip, quotas.network.rbac_policy, quotas.network.subnetpool],
      [0, 0, 0],
    );
  });

  it("grows a volume: updated in place, the same volume", async () => {
    const before = volume(await laixi(), named("portal-0-data"));
    edit(
      "{ name: data, sizeGiB: 50, type: sas-local }",
      "{ name: data, sizeGiB: 80, type: sas-local }",
    );
    commit("portal's data volume grows to 80 GiB");
    const stack = reviewAgreesWithEngine("grow a volume");
    assert.deepEqual(
      stack.changes.map((c) => `${c.kind} ${c.name}`),
      [`update ${named("portal-0-data")}`],
    );
    up("grow a volume");
    const after = volume(await laixi(), named("portal-0-data"));
    assert.equal(after.id, before.id);
    assert.equal(after.size, 80);
    assert.equal(after.status, "in-use");
  });

  it("adds a workload on a network of its own", async () => {
    edit("    networks: 1\n", "    networks: 2\n");
    edit(
      "    cidrs: { laixi: 10.32.16.0/24 }\n",
      "    cidrs: { laixi: 10.32.16.0/24 }\n  - name: records\n    cidrs: { laixi: 10.32.17.0/24 }\n",
    );
    appendFileSync(
      file,
      [
        "  - name: intake",
        "    tier: standard",
        "    flavor: s1.small",
        "    image: kylin-v10",
        "    network: records",
        "    replicas: { laixi: 1 }",
        "    volumes:",
        "      - { name: docs, sizeGiB: 20, type: sas-local }",
        "    approval: { ticket: QD-CHG-2026-00061, date: 2026-11-20 }",
        "",
      ].join("\n"),
    );
    commit("intake: a second workload, on the records network");
    const stack = reviewAgreesWithEngine("add a workload");
    assert.ok(stack.changes.some((c) => c.kind === "create" && c.name === named("intake-0")));
    up("add a workload");
    const region = await laixi();
    const intake = server(region, named("intake-0"));
    assert.equal(intake.status, "ACTIVE");
    const docs = volume(region, named("intake-0-docs"));
    assert.deepEqual(
      docs.attachments.map((a) => a.server_id),
      [intake.id],
    );
    assert.ok(region.networks.some((n) => n.name === named("records")));
    assert.equal(region.quotas.network.network, 2);
  });

  it("renames a workload with previousNames: nothing replaced, the same server, port and volume", async () => {
    const before = await laixi();
    const port = (region: RegionReadback, name: string) =>
      region.ports.find((p) => p.name === `${name}-port`)?.id;
    edit("  - name: portal\n", "  - name: web-portal\n    previousNames: [portal]\n");
    commit("portal is renamed web-portal");
    const stack = reviewAgreesWithEngine("rename a workload");
    assert.deepEqual(
      stack.changes.filter((c) => c.kind !== "update").map((c) => `${c.kind} ${c.name}`),
      [],
    );
    up("rename a workload");
    const after = await laixi();
    assert.equal(server(after, named("web-portal-0")).id, server(before, named("portal-0")).id);
    assert.equal(
      volume(after, named("web-portal-0-data")).id,
      volume(before, named("portal-0-data")).id,
    );
    assert.equal(port(after, named("web-portal-0")), port(before, named("portal-0")));
    assert.equal(after.servers.length, before.servers.length);
    assert.equal(after.volumes.length, before.volumes.length);
  });

  it("changes a volume's type: a replacement, blocked until allowDestroy declares it", async () => {
    const before = await laixi();
    edit(
      "{ name: docs, sizeGiB: 20, type: sas-local }",
      "{ name: docs, sizeGiB: 20, type: sas-archive }",
    );
    commit("intake's documents move to archive storage");
    const blocked = review();
    assert.equal(blocked.run.status, 1, "a replaced volume must be declared");
    assert.deepEqual(
      (blocked.stack.alerts ?? []).map((a) => a.kind),
      ["undeclared-destruction"],
    );
    appendFileSync(
      file,
      "allowDestroy:\n" +
        "  - { resource: intake/docs, ticket: QD-CHG-2026-00062, reason: the documents move to archive storage }\n",
    );
    commit("intake's documents move to archive storage", true);
    const stack = reviewAgreesWithEngine("change a volume type");
    assert.deepEqual(
      (stack.alerts ?? []).map((a) => a.kind),
      ["declared-destruction"],
    );
    assert.ok(
      stack.changes.some(
        (c) => c.kind === "replace" && c.name === named("intake-0-docs") && c.losesData === true,
      ),
    );
    up("change a volume type");
    const after = await laixi();
    const docs = volume(after, named("intake-0-docs"));
    assert.notEqual(docs.id, volume(before, named("intake-0-docs")).id);
    assert.equal(docs.volume_type, "sas-archive");
    assert.equal(server(after, named("intake-0")).id, server(before, named("intake-0")).id);
    assert.deepEqual(
      docs.attachments.map((a) => a.server_id),
      [server(after, named("intake-0")).id],
    );
    assert.equal(after.volumes.length, before.volumes.length);
  });

  it("removes a network and the workload on it, declared in allowDestroy", async () => {
    const before = await laixi();
    edit("  - name: records\n    cidrs: { laixi: 10.32.17.0/24 }\n", "");
    const text = readFileSync(file, "utf8");
    const start = text.indexOf("  - name: intake\n");
    writeFileSync(file, text.slice(0, start));
    commit("intake and its records network are gone");
    const blocked = review();
    assert.equal(
      blocked.run.status,
      1,
      "deleting an instance, a volume and a network must be declared",
    );
    appendFileSync(
      file,
      "allowDestroy:\n" +
        "  - { resource: intake, ticket: QD-CHG-2026-00063, reason: intake moved to the city portal }\n" +
        "  - { resource: records, ticket: QD-CHG-2026-00063, reason: intake moved to the city portal }\n",
    );
    commit("intake and its records network are gone", true);
    const stack = reviewAgreesWithEngine("remove a network");
    assert.ok(stack.changes.some((c) => c.kind === "delete" && c.name === named("records")));
    up("remove a network");
    const after = await laixi();
    assert.deepEqual(
      after.networks.map((n) => n.name),
      [named("web")],
    );
    assert.deepEqual(
      after.servers.map((s) => s.id),
      [server(before, named("web-portal-0")).id],
    );
    assert.deepEqual(
      after.volumes.map((v) => v.name),
      [named("web-portal-0-data")],
    );
  });

  it("lowers a quota", async () => {
    edit("    instances: 4\n", "    instances: 3\n");
    edit("    volumeGiB: 200\n", "    volumeGiB: 150\n");
    edit("    networks: 2\n", "    networks: 1\n");
    // The entries of the deployed change authorise nothing any more.
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.slice(0, text.indexOf("allowDestroy:\n")));
    commit("health's quota at laixi is lowered");
    reviewAgreesWithEngine("lower a quota");
    up("lower a quota");
    const { quotas } = await laixi();
    assert.equal(quotas.compute.instances, 3);
    assert.equal(quotas.volume.gigabytes, 150);
    assert.equal(quotas.network.network, 1);
  });

  it("adds a floating IP with its approval", async () => {
    const before = await laixi();
    edit("    floatingIps: 0\n", "    floatingIps: 1\n");
    edit(
      "    volumes:\n      - { name: data, sizeGiB: 80, type: sas-local }\n" +
        "    approval: { ticket: QD-CHG-2026-00042, date: 2026-02-11 }\n",
      "    floatingIp: true\n" +
        "    volumes:\n      - { name: data, sizeGiB: 80, type: sas-local }\n" +
        "    approval: { ticket: QD-REQ-2026-00071, approver: zhao.min, date: 2026-11-20 }\n",
    );
    commit("web-portal gets a floating IP");
    const stack = reviewAgreesWithEngine("add a floating IP");
    assert.ok(
      stack.changes.some((c) => c.kind === "create" && c.name === named("web-portal-0-fip")),
    );
    up("add a floating IP");
    const after = await laixi();
    const portal = server(after, named("web-portal-0"));
    assert.equal(portal.id, server(before, named("web-portal-0")).id);
    const port = after.ports.find((p) => p.device_id === portal.id);
    assert.ok(port !== undefined);
    assert.deepEqual(
      after.floatingIps.map((f) => f.port_id),
      [port.id],
    );
    assert.equal(after.quotas.network.floatingip, 1);
    assert.ok(
      portal.tags.some((tag) => tag.includes("QD-REQ-2026-00071")),
      `${portal.tags}`,
    );
  });

  it("is left with nothing to change: the last update converged", () => {
    const steps = enginePreview();
    assert.deepEqual(describeVerdicts(engineVerdicts(steps)), []);
  });

  it("decommissions health and destroys the platform: nothing of health left", async () => {
    appendFileSync(file, DECOMMISSION);
    const lift = deployment.govcloud(["up", DEPARTMENT, "--yes"]);
    assert.equal(lift.status, 0, lift.stdout + lift.stderr);
    const destroy = deployment.pulumi(["destroy", "--yes", "--stack", DEPARTMENT]);
    timings.push(
      `destroy health: marker up ${lift.seconds.toFixed(1)} s, ` +
        `destroy ${destroy.seconds.toFixed(1)} s, ${counted(destroy, "deleted")} deleted`,
    );
    assert.equal(destroy.status, 0, destroy.stdout + destroy.stderr);
    deployed.delete(DEPARTMENT);
    assert.deepEqual(await leftovers(api, DEPARTMENT, projectId), []);
    const platform = deployment.pulumi(["destroy", "--yes", "--stack", "platform"]);
    timings.push(`destroy platform: ${platform.seconds.toFixed(1)} s`);
    assert.equal(platform.status, 0, platform.stdout + platform.stderr);
    deployed.delete("platform");
  });
});
