/**
 * The review of changes around the ticket register: a department that writes itself a ticket is
 * blocked at the line that cites it; the same change with the ticket granted in the register
 * passes and asks the platform team, who own the register; a change to the repository's other
 * files asks the platform team too.
 */
import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EstateRepo } from "./estate-repo";

const GRANTS = [
  "tickets:",
  "  - { ticket: QD-CHG-2026-00021, department: water, scope: [vdc], approver: liu.yang, date: 2026-01-15 }",
  "  - { ticket: QD-CHG-2026-00031, department: water, scope: [workload], approver: wang.fang, date: 2026-02-01 }",
  "  - { ticket: QD-REQ-2026-00032, department: water, scope: [workload], approver: wang.fang, date: 2026-03-10 }",
  "  - { ticket: QD-CHG-2026-00033, department: water, scope: [workload], approver: wang.fang, date: 2026-04-01 }",
  "  - { ticket: QD-CHG-2026-00041, department: health, scope: [vdc], approver: chen.jing, date: 2026-01-20 }",
  "  - { ticket: QD-CHG-2026-00042, department: health, scope: [workload], approver: zhao.min, date: 2026-02-11 }",
  "",
].join("\n");

/** A new workload for water, citing `ticket`. */
const NEW_WORKLOAD = (ticket: string) =>
  [
    "  - name: gauges",
    "    tier: standard",
    "    flavor: s1.small",
    "    image: kylin-v10",
    "    network: app",
    "    replicas: { qingdao: 1 }",
    `    approval: { ticket: ${ticket}, approver: wang.fang, date: 2026-11-20 }`,
    "",
  ].join("\n");

describe("govcloud review with a ticket register", function () {
  this.timeout(300_000);
  let repo: EstateRepo;

  beforeEach(() => {
    repo = new EstateRepo();
    repo.edit(
      "platform.yaml",
      "  validityDays: 365\n",
      "  validityDays: 365\n  register: tickets.yaml\n",
    );
    writeFileSync(join(repo.dir, "tickets.yaml"), GRANTS);
    repo.commit("keep a ticket register");
  });
  afterEach(() => repo.remove());

  function addWorkload(ticket: string): void {
    const file = join(repo.dir, "departments", "water.yaml");
    writeFileSync(file, readFileSync(file, "utf8") + NEW_WORKLOAD(ticket));
  }

  it("blocks a ticket the department wrote itself, at its line", () => {
    addWorkload("QD-CHG-2026-00777");
    repo.commit("water: a workload with a ticket of its own");
    const { run, report } = repo.review("--base", "HEAD~1", "--head", "HEAD");
    assert.equal(run.status, 1, run.stderr);
    assert.equal(report.verdict.passed, false);
    const water = report.stacks.find((stack) => stack.stack === "water");
    const problem = water?.problems?.find((p) => p.code === "unregistered-ticket");
    assert.ok(problem, JSON.stringify(water?.problems));
    assert.equal(problem.file, "departments/water.yaml");
    assert.equal(problem.path, "workloads[3].approval.ticket");
  });

  it("passes once the register grants it, and asks the platform team for the grant", () => {
    addWorkload("QD-CHG-2026-00777");
    writeFileSync(
      join(repo.dir, "tickets.yaml"),
      GRANTS +
        "  - { ticket: QD-CHG-2026-00777, department: water, scope: [workload], approver: wang.fang, date: 2026-11-20 }\n",
    );
    repo.commit("water: a workload with a granted ticket");
    const { run, report } = repo.review("--base", "HEAD~1", "--head", "HEAD");
    assert.equal(run.status, 0, run.stdout.slice(0, 2000));
    const water = report.stacks.find((stack) => stack.stack === "water");
    assert.deepEqual(water?.reasons, ["departments/water.yaml", "tickets.yaml"]);
    const platform = water?.approvals.find((approval) => approval.by === "platform");
    assert.ok(
      platform?.reasons?.includes("changes the tickets granted in the register (tickets.yaml)"),
      JSON.stringify(water?.approvals),
    );
    const department = water?.approvals.find((approval) => approval.by === "department");
    assert.equal(department?.reason, "changes departments/water.yaml");
  });

  it("a change to the register alone reviews the departments whose grants changed", () => {
    repo.edit(
      "tickets.yaml",
      "QD-CHG-2026-00042, department: health, scope: [workload], approver: zhao.min",
      "QD-CHG-2026-00042, department: health, scope: [workload, destroy], approver: chen.jing",
    );
    repo.edit(
      "departments/health.yaml",
      "QD-CHG-2026-00042, date",
      "QD-CHG-2026-00042, approver: chen.jing, date",
    );
    repo.commit("widen a grant");
    const { report } = repo.review("--base", "HEAD~1", "--head", "HEAD");
    assert.deepEqual(
      report.stacks.map((stack) => [stack.stack, stack.reasons]),
      [["health", ["departments/health.yaml", "tickets.yaml"]]],
    );
  });

  it("asks the platform team for files no stack is built from", () => {
    writeFileSync(join(repo.dir, "NOTES.md"), "how we work\n");
    repo.commit("notes");
    const { run, report } = repo.review("--base", "HEAD~1", "--head", "HEAD");
    assert.equal(run.status, 0);
    assert.deepEqual(report.stacks, []);
    assert.deepEqual(
      report.approvals?.map((approval) => [approval.by, approval.reason]),
      [["platform", "changes files the platform team owns: NOTES.md"]],
    );
  });
});
