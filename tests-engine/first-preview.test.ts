/**
 * A new department's first `govcloud preview` under the real engine, against the loopback
 * OpenStack: it passes, shows every resource with its inputs, and the engine's policy results
 * equal the offline check's. The platform's OpenStack part is previewed and deployed first, as
 * the city does (departments look up its flavors and volume types).
 */
import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PolicyResult } from "../deploy/policy-report";
import { Deployment } from "./support/deployment";

const DEPARTMENTS = ["water", "transport", "health"];

function keyed(results: PolicyResult[]): string[] {
  return results.map((r) => `${r.level} [${r.policy}] ${r.urn}\n${r.message}`).sort();
}

describe("a department's first preview under the real engine", function () {
  this.timeout(3_600_000);
  let deployment: Deployment;
  const timings: string[] = [];

  before(() => {
    deployment = new Deployment();
  });

  after(() => {
    console.log(timings.join("\n"));
    // Leave the cloud as this test found it: other tests deploy the platform themselves.
    const run = deployment?.pulumi(["destroy", "--yes", "--stack", "platform"]);
    if (run !== undefined && run.status !== 0)
      console.log(`destroying the platform failed:\n${run.stdout}${run.stderr}`);
    deployment?.remove();
  });

  it("previews the platform's OpenStack part, with the same policy results as the offline check", () => {
    const { run, report } = deployment.preview("platform");
    timings.push(`preview platform: ${run.seconds.toFixed(1)} s`);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(keyed(report.engine), keyed(report.offline));
  });

  it("deploys the platform's OpenStack part", () => {
    const run = deployment.govcloud(["up", "platform", "--yes"]);
    timings.push(`up platform: ${run.seconds.toFixed(1)} s`);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /govcloud up: platform: deployed, 0 mandatory/);
  });

  for (const department of DEPARTMENTS) {
    it(`previews ${department} for the first time: passes, every resource with its inputs, policy results as offline`, () => {
      const { run, report } = deployment.preview(department);
      timings.push(`preview ${department}: ${run.seconds.toFixed(1)} s`);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(
        run.stdout,
        new RegExp(`govcloud preview: ${department}: previewed, 0 mandatory`),
      );
      assert.deepEqual(keyed(report.engine), keyed(report.offline));
      const creates = /\+ (\d+) to create/.exec(run.stdout);
      const planned = /govcloud check: passed: 1 stack, (\d+) resources/.exec(run.stdout);
      assert.ok(creates !== null && planned !== null, run.stdout);
      timings.push(
        `  ${department}: engine ${creates[1]} to create, offline ${planned[1]} resources`,
      );
    });
  }

  /** Runs `check` with one department file changed, and puts it back. */
  function withEdit(file: string, from: string, to: string, check: () => void): void {
    const path = join(deployment.root, "departments", file);
    const text = readFileSync(path, "utf8");
    assert.equal(text.split(from).length, 2, `"${from}" is not in ${file} once`);
    writeFileSync(path, text.replace(from, to));
    try {
      check();
    } finally {
      writeFileSync(path, text);
    }
  }

  it("catches SSH open to the internet in the engine as in the offline check", () => {
    const approval = "    approval: { ticket: QD-CHG-2026-00042, date: 2026-02-11 }\n";
    const ssh = "    ingress:\n      - { protocol: tcp, port: 22, from: 0.0.0.0/0 }\n";
    withEdit("health.yaml", approval, ssh + approval, () => {
      const { run, report } = deployment.preview("health");
      assert.equal(run.status, 1, run.stdout + run.stderr);
      const mandatory = report.engine.filter((r) => r.level === "mandatory");
      assert.deepEqual(
        mandatory.map((r) => r.policy),
        ["security-baseline"],
      );
      assert.deepEqual(keyed(report.engine), keyed(report.offline));
    });
  });

  // Over quota and a critical volume that is not replicated are errors of the department file:
  // the offline check lists them with file and line, and the program refuses to run under the
  // engine, so nothing reaches the cloud either way.
  for (const [what, file, from, to, code] of [
    [
      "over quota",
      "health.yaml",
      "replicas: { laixi: 1 }",
      "replicas: { laixi: 6 }",
      "quota-exceeded",
    ],
    [
      "a critical volume that is not replicated",
      "water.yaml",
      "{ name: data, sizeGiB: 500, type: ssd-sync }",
      "{ name: data, sizeGiB: 500, type: sas-local }",
      "weak-volume-replication",
    ],
  ]) {
    it(`refuses ${what} offline and under the engine alike`, () => {
      withEdit(file, from, to, () => {
        const stack = file.replace(".yaml", "");
        const { run, report } = deployment.preview(stack);
        assert.equal(run.status, 1, run.stdout + run.stderr);
        assert.match(
          report.offlineFailure ?? "",
          new RegExp(`departments/${file}:\\d+:\\d+: error \\[${code}\\]`),
        );
        assert.match(
          run.stdout,
          new RegExp(`Stack ${stack} cannot be deployed: the estate has \\d+ errors?`),
        );
        assert.deepEqual(report.engine, []);
      });
    });
  }
});
