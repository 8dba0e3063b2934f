/**
 * `govcloud check` end to end on crafted department files: a copy of the bundled estate with one
 * department changed, run through the built command. Mistakes the file rules catch stop the
 * department before planning (as `pulumi up` would refuse it); mistakes only the policy pack sees
 * come back as mandatory violations with the department file and line. Every case exits 1.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { copyBundledEstate } from "../support/bundled-estate";

const REPO = resolve(__dirname, "..", "..");
const CLI = join(REPO, "dist", "cli", "main.js");
const TODAY = "2026-11-26";

function estateWith(department: string, edit: (text: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), "govcloud-check-"));
  copyBundledEstate(root);
  const file = join(root, "departments", `${department}.yaml`);
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  assert.notEqual(after, before, "the edit changed nothing");
  writeFileSync(file, after);
  return root;
}

function replaceOnce(from: string, to: string): (text: string) => string {
  return (text) => {
    assert.equal(text.split(from).length, 2, `"${from}" is not in the file exactly once`);
    return text.replace(from, to);
  };
}

function check(root: string, department: string) {
  const run = spawnSync(
    process.execPath,
    [
      CLI,
      "check",
      department,
      "--root",
      root,
      "--today",
      TODAY,
      "--policy-pack",
      join(REPO, "policies"),
      "--policy-config",
      join(REPO, "policy-config.json"),
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  rmSync(root, { recursive: true, force: true });
  return run;
}

describe("govcloud check on crafted departments", function () {
  this.timeout(180_000);

  const refused: [string, string, (text: string) => string, RegExp][] = [
    [
      "over quota",
      "audit",
      replaceOnce("replicas: { qingdao: 2 }", "replicas: { qingdao: 3 }"),
      /departments\/audit\.yaml:\d+:\d+: error \[quota-exceeded\] quotas\.qingdao\.vcpus: workloads at qingdao need 28 vCPUs but the quota is 25/,
    ],
    [
      "critical workload without replication",
      "public-security",
      replaceOnce(
        "- { name: redo, sizeGiB: 200, type: ssd-sync }",
        "- { name: redo, sizeGiB: 200, type: ssd-local }",
      ),
      /error \[weak-volume-replication\] workloads\[\d+\]\.volumes\[1\]\.type:/,
    ],
    [
      "malformed ticket",
      "audit",
      replaceOnce("ticket: QD-CHG-2026-00330", "ticket: CHG-330"),
      /departments\/audit\.yaml:49:\d+: error \[ticket-format\] workloads\[0\]\.approval\.ticket: ticket "CHG-330" is not in the platform's ticket format/,
    ],
    [
      "missing ticket",
      "audit",
      replaceOnce("ticket: QD-CHG-2026-00330, ", ""),
      /departments\/audit\.yaml:49:\d+: error \[missing-field\] workloads\[0\]\.approval: required field "ticket" is missing/,
    ],
    [
      "unknown flavor",
      "audit",
      replaceOnce("flavor: m1.xlarge", "flavor: m1.xxlarge"),
      /error \[unknown-flavor\] workloads\[0\]\.flavor: flavor "m1\.xxlarge" is not in the platform catalog[\s\S]*did you mean "m1\.xlarge"\?/,
    ],
  ];

  for (const [name, department, edit, expected] of refused) {
    it(`refuses ${name} before planning, with the file and line`, () => {
      const run = check(estateWith(department, edit), department);
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stdout, expected);
      assert.match(run.stdout, new RegExp(`${department}: could not be checked`));
      assert.match(run.stdout, /govcloud check: FAILED/);
      assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at .+:\d+:\d+\)?\n/, "a stack trace");
    });
  }

  it("reports SSH open to the internet as a mandatory violation of the pack", () => {
    const run = check(
      estateWith(
        "audit",
        replaceOnce(
          "    approval: { ticket: QD-CHG-2026-00291, date: 2026-02-27 }",
          "    ingress:\n      - { protocol: tcp, port: 22, from: 0.0.0.0/0 }\n" +
            "    approval: { ticket: QD-CHG-2026-00291, date: 2026-02-27 }",
        ),
      ),
      "audit",
    );
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const violations = run.stdout
      .split("\n")
      .filter((line) => /: (mandatory|advisory) \[/.test(line));
    // The violation points at the workload the rule belongs to: `  - name: audit-office`.
    const line =
      readFileSync(join(REPO, "departments", "audit.yaml"), "utf8")
        .split("\n")
        .indexOf("  - name: audit-office") + 1;
    assert.deepEqual(violations, [
      `departments/audit.yaml:${line}:5 (workloads[1]): mandatory [security-baseline] audit-qingdao-audit-office-tcp-22-from-0.0.0.0-0`,
    ]);
    assert.match(
      run.stdout,
      /opens tcp port 22 to 0\.0\.0\.0\/0, reaching forbidden port 22 \(SSH\)/,
    );
    assert.match(
      run.stdout,
      /govcloud check: FAILED \(audit\): 1 stack, \d+ resources, 1 mandatory and 0 advisory violations/,
    );
  });

  it("passes the department unchanged", () => {
    const run = check(
      estateWith("audit", (text) => text + "\n"),
      "audit",
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /govcloud check: passed: 1 stack/);
  });
});
