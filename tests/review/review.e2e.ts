/**
 * `govcloud review` end to end: a base and a head commit in a temporary repository of the small
 * test estate, reviewed by the built command with the real program and policy pack.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ResourceChange } from "../../diff/types";
import type { ReviewReport, StackReview } from "../../review/types";
import { EstateRepo } from "./estate-repo";

function stack(report: ReviewReport, name: string): StackReview {
  const found = report.stacks.find((entry) => entry.stack === name);
  assert.ok(
    found,
    `stack ${name} is not in the review: ${report.stacks.map((s) => s.stack).join(", ")}`,
  );
  return found;
}

function change(review: StackReview, name: string): ResourceChange {
  const found = review.changes.find((entry) => entry.name === name);
  assert.ok(
    found,
    `${name} is not among the changes: ${review.changes.map((c) => c.name).join(", ")}`,
  );
  return found;
}

function kinds(review: StackReview): Set<string> {
  return new Set(review.changes.map((entry) => entry.kind));
}

describe("govcloud review", function () {
  this.timeout(300_000);
  let repo: EstateRepo;

  beforeEach(() => {
    repo = new EstateRepo();
  });
  afterEach(() => repo.remove());

  it("adding a workload creates its instance, port and groups at its site, and uses more quota", () => {
    repo.edit(
      "departments/health.yaml",
      "    approval: { ticket: QD-CHG-2026-00042, date: 2026-02-11 }\n",
      "    approval: { ticket: QD-CHG-2026-00042, date: 2026-02-11 }\n" +
        "  - name: api\n    tier: standard\n    flavor: s1.small\n    image: kylin-v10\n" +
        "    network: web\n    replicas: { laixi: 1 }\n" +
        "    approval: { ticket: QD-CHG-2026-00043, date: 2026-02-12 }\n",
    );
    repo.commit("health: an api workload");
    const { run, report } = repo.review("--base", "HEAD~1", "--head", "HEAD");
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(report.changedFiles, ["departments/health.yaml"]);
    assert.deepEqual(
      report.stacks.map((entry) => entry.stack),
      ["health"],
    );
    const health = stack(report, "health");
    assert.equal(health.status, "changed");
    assert.deepEqual([...kinds(health)], ["create"]);
    const instance = change(health, "health-laixi-api-0");
    assert.equal(instance.type, "openstack:compute/instance:Instance");
    assert.equal(instance.site, "laixi");
    assert.equal(instance.source?.file, "departments/health.yaml");
    assert.ok(health.changes.some((entry) => entry.type === "openstack:networking/port:Port"));
    const laixi = health.quotas.find((quota) => quota.site === "laixi");
    assert.equal(laixi?.before?.instances, 1);
    assert.equal(laixi?.after?.instances, 2);
    assert.equal(laixi?.after?.vcpus, (laixi?.before?.vcpus ?? 0) + 1);
    assert.deepEqual(
      health.approvals.map((approval) => [approval.by, approval.people.map((p) => p.id)]),
      [["department", ["zhao.min"]]],
    );
    assert.equal(report.basePlannedWith, "head program");
    assert.equal(report.verdict.passed, true);
  });

  it("growing a volume updates its size in place at both sites and its replica", () => {
    repo.edit(
      "departments/water.yaml",
      "{ name: data, sizeGiB: 500, type: ssd-sync }",
      "{ name: data, sizeGiB: 800, type: ssd-sync }",
    );
    repo.commit("water: a larger meter database");
    const { report } = repo.review("--base", "HEAD~1");
    const water = stack(report, "water");
    assert.deepEqual([...kinds(water)], ["update"]);
    const volume = change(water, "water-qingdao-meter-db-0-data");
    assert.deepEqual(volume.properties, [
      { path: "size", before: 500, after: 800, forcesReplacement: false },
    ]);
    assert.ok(
      water.changes.some((entry) => entry.name === "water-laixi-meter-db-0-data-from-qingdao"),
    );
    const qingdao = water.quotas.find((quota) => quota.site === "qingdao");
    // Two instances' volumes at qingdao and the two replicas of laixi's, 300 GiB more each.
    assert.equal((qingdao?.after?.volumeGiB ?? 0) - (qingdao?.before?.volumeGiB ?? 0), 1200);
    assert.deepEqual(
      water.approvals.map((approval) => approval.by),
      ["department"],
    );
  });

  it("changing a volume type replaces the volume (losing its data) and what names it", () => {
    repo.edit(
      "departments/water.yaml",
      "{ name: uploads, sizeGiB: 100, type: ssd-async }",
      "{ name: uploads, sizeGiB: 100, type: ssd-sync }",
    );
    repo.commit("water: uploads on synchronous replication");
    const { report } = repo.review("--base", "HEAD~1");
    const water = stack(report, "water");
    const volume = change(water, "water-qingdao-billing-0-uploads");
    assert.equal(volume.kind, "replace");
    assert.equal(volume.losesData, true);
    assert.equal(volume.protect, true);
    assert.deepEqual(
      volume.properties.filter((property) => property.forcesReplacement).map((p) => p.path),
      ["volumeType"],
    );
    const attachment = change(water, "water-qingdao-billing-0-uploads-attach");
    assert.equal(attachment.kind, "replace", "the attachment names the replaced volume's id");
    assert.equal(report.verdict.replacements > 0, true);
    assert.deepEqual(
      water.approvals.map((approval) => approval.by),
      ["department", "platform"],
    );
    assert.match(water.approvals[1].reason, /replaces or deletes \d+ resources holding data/);
  });

  it("removing a network deletes its network, subnet and router interface at each site", () => {
    repo.edit(
      "departments/water.yaml",
      "  - name: data\n",
      "  - name: spare\n    cidrs: { qingdao: 10.16.10.0/24, laixi: 10.32.10.0/24 }\n  - name: data\n",
    );
    repo.commit("water: a spare network");
    repo.edit(
      "departments/water.yaml",
      "  - name: spare\n    cidrs: { qingdao: 10.16.10.0/24, laixi: 10.32.10.0/24 }\n",
      "",
    );
    repo.commit("water: no spare network");
    const { report } = repo.review("--base", "HEAD~1", "--head", "HEAD");
    const water = stack(report, "water");
    assert.deepEqual([...kinds(water)], ["delete"]);
    const types = water.changes
      .filter((entry) => entry.site === "qingdao")
      .map((entry) => entry.type)
      .sort();
    assert.deepEqual(types, [
      "openstack:networking/network:Network",
      "openstack:networking/routerInterface:RouterInterface",
      "openstack:networking/subnet:Subnet",
    ]);
    assert.equal(water.counts.delete, 6);
    assert.equal(water.quotas[0].before!.networks - water.quotas[0].after!.networks, 1);
  });

  it("changing the platform catalog reviews every department and the platform", () => {
    repo.edit(
      "platform.yaml",
      "{ name: s1.small, vcpus: 1, ramGiB: 2, diskGiB: 40, public: true }",
      "{ name: s1.small, vcpus: 1, ramGiB: 4, diskGiB: 40, public: true }",
    );
    repo.commit("platform: more memory for s1.small");
    const { report } = repo.review("--base", "HEAD~1");
    assert.deepEqual(
      report.stacks.map((entry) => entry.stack),
      ["platform", "health", "water"],
    );
    for (const entry of report.stacks) assert.deepEqual(entry.reasons, ["platform.yaml"]);
    const flavors = stack(report, "platform").changes.filter((entry) =>
      entry.name.endsWith("-s1.small"),
    );
    assert.ok(flavors.length > 0, "the s1.small flavor changes at the sites");
    for (const flavor of flavors) {
      assert.equal(flavor.kind, "replace");
      assert.deepEqual(
        flavor.properties.map((property) => [property.path, property.forcesReplacement]),
        [["ram", true]],
      );
      // Nova keeps flavor names unique: only a delete-first replacement is accepted.
      assert.equal(flavor.deleteBeforeReplace, true);
      assert.equal(flavor.refused, undefined);
    }
    assert.equal(report.verdict.refusedByCloud, 0);
    const health = stack(report, "health");
    assert.equal(health.status, "unchanged");
    assert.equal(health.quotas[0].before?.ramGiB, 2);
    assert.equal(health.quotas[0].after?.ramGiB, 4);
    for (const entry of report.stacks) {
      assert.ok(
        entry.approvals.some((approval) => approval.by === "platform"),
        `${entry.stack} needs the platform team`,
      );
    }
  });

  it("a change that breaks a policy fails the review with the file and line", () => {
    repo.edit(
      "departments/health.yaml",
      "    approval: { ticket: QD-CHG-2026-00042, date: 2026-02-11 }\n",
      "    ingress:\n      - { protocol: tcp, port: 22, from: 0.0.0.0/0 }\n" +
        "    approval: { ticket: QD-CHG-2026-00042, date: 2026-02-11 }\n",
    );
    const { run, report } = repo.review("--base", "HEAD");
    assert.equal(run.status, 1);
    assert.equal(report.head.ref, "working tree");
    assert.equal(report.verdict.passed, false);
    assert.ok(report.verdict.mandatory >= 1);
    const violation = stack(report, "health").check?.diagnostics.find(
      (diagnostic) => diagnostic.enforcementLevel === "mandatory",
    );
    assert.equal(violation?.policyName, "security-baseline");
    assert.equal(violation?.source?.file, "departments/health.yaml");
    assert.equal(typeof violation?.source?.line, "number");
  });

  it("an invalid platform.yaml on the head fails every stack there instead of deleting it", () => {
    repo.edit("platform.yaml", "{ name: s1.small, vcpus: 1,", "{ name: s1.small, vcpus: one,");
    const { run, report } = repo.review("--base", "HEAD");
    assert.equal(run.status, 1);
    assert.deepEqual(
      report.stacks.map((entry) => [entry.stack, entry.status]),
      [
        ["platform", "failed"],
        ["health", "failed"],
        ["water", "failed"],
      ],
    );
    for (const entry of report.stacks) {
      assert.equal(entry.counts.delete, 0, `${entry.stack} is not deleted`);
      assert.match(entry.headFailure ?? "", /platform\.yaml:\d+:\d+: error/);
    }
    assert.equal(report.verdict.failedStacks, 3);
  });

  it("names the project from Pulumi.yaml, never from what a link in its place points at", () => {
    const outside = mkdtempSync(join(tmpdir(), "govcloud-outside-"));
    try {
      writeFileSync(join(outside, "Pulumi.yaml"), "name: leaked-name\n");
      const growWater = (from: number, to: number) => {
        repo.edit(
          "departments/water.yaml",
          `{ name: data, sizeGiB: ${from}, type: ssd-sync }`,
          `{ name: data, sizeGiB: ${to}, type: ssd-sync }`,
        );
        repo.commit(`water: ${to} GiB`);
      };
      writeFileSync(join(repo.dir, "Pulumi.yaml"), "name: city-cloud\nruntime: nodejs\n");
      repo.commit("the project file");
      growWater(500, 800);
      assert.equal(repo.review("--base", "HEAD~1").report.project, "city-cloud");

      rmSync(join(repo.dir, "Pulumi.yaml"));
      symlinkSync(join(outside, "Pulumi.yaml"), join(repo.dir, "Pulumi.yaml"));
      repo.commit("the project file, as a link");
      growWater(800, 900);
      const { run, report } = repo.review("--base", "HEAD~1");
      assert.equal(report.project, "govcloud");
      assert.ok(!(run.stdout + run.stderr).includes("leaked-name"));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
