/**
 * The ticket register: with platform.yaml naming it, every ticket a department file cites must be
 * granted there, to that department, for that use, by the approver and on the date cited; and
 * the register itself is checked (schema, approvers, dates, duplicates, a regular file).
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadEstate } from "../../model/estate-loader";
import type { Problem } from "../../model/problem";
import {
  copyFixture,
  fixtureText,
  HEALTH,
  loadWith,
  PLATFORM,
  removeDir,
  replaceOnce,
  TODAY,
  WATER,
} from "./support";

const WITH_REGISTER = replaceOnce(
  fixtureText(PLATFORM),
  "  validityDays: 365\n",
  "  validityDays: 365\n  register: tickets.yaml\n",
);

/** Grants every ticket the fixture estate cites, as it cites it. */
const GRANTS = [
  "  - { ticket: QD-CHG-2026-00021, department: water, scope: [vdc], approver: liu.yang, date: 2026-01-15 }",
  "  - { ticket: QD-CHG-2026-00031, department: water, scope: [workload], workloads: [meter-db], approver: wang.fang, date: 2026-02-01 }",
  "  - { ticket: QD-REQ-2026-00032, department: water, scope: [workload], workloads: [billing], approver: wang.fang, date: 2026-03-10 }",
  "  - { ticket: QD-CHG-2026-00033, department: water, scope: [workload], approver: wang.fang, date: 2026-04-01 }",
  "  - { ticket: QD-CHG-2026-00041, department: health, scope: [vdc], approver: chen.jing, date: 2026-01-20 }",
  "  - { ticket: QD-CHG-2026-00042, department: health, scope: [workload], approver: zhao.min, date: 2026-02-11 }",
];
const REGISTER = ["tickets:", ...GRANTS, ""].join("\n");

function withRegister(register: string, files: Record<string, string> = {}): Problem[] {
  return loadWith({ [PLATFORM]: WITH_REGISTER, "tickets.yaml": register, ...files }).problems;
}

/** The register with one grant's text replaced. */
function editGrant(from: string, to: string): string {
  return replaceOnce(REGISTER, from, to);
}

function only(problems: Problem[]): Problem {
  assert.equal(problems.length, 1, problems.map((p) => `${p.code}: ${p.message}`).join("\n"));
  return problems[0];
}

describe("ticket register", () => {
  it("a register granting every cited ticket as cited: no problem", () => {
    assert.deepEqual(withRegister(REGISTER), []);
  });

  it("is not read unless platform.yaml names it", () => {
    assert.deepEqual(loadWith({ "tickets.yaml": "tickets: [oops" }).problems, []);
  });

  it("named but missing: one problem on the register, with the fix", () => {
    const problem = only(loadWith({ [PLATFORM]: WITH_REGISTER }).problems);
    assert.equal(problem.file, "tickets.yaml");
    assert.equal(problem.code, "unreadable-file");
    assert.match(problem.fix ?? "", /commit it beside platform\.yaml/);
  });

  it("a ticket a department wrote itself is refused at its line", () => {
    const problem = only(
      withRegister(REGISTER, {
        [WATER]: replaceOnce(fixtureText(WATER), "QD-CHG-2026-00033", "QD-CHG-2026-00099"),
      }),
    );
    assert.deepEqual(
      { file: problem.file, line: problem.line, path: problem.path, code: problem.code },
      {
        file: WATER,
        line: 74,
        path: "workloads[2].approval.ticket",
        code: "unregistered-ticket",
      },
    );
    assert.equal(
      problem.message,
      "ticket QD-CHG-2026-00099 is not in the platform team's ticket register",
    );
    assert.match(problem.fix ?? "", /grant it in tickets\.yaml/);
  });

  it("another department's ticket is refused", () => {
    const problem = only(
      withRegister(REGISTER, {
        [HEALTH]: replaceOnce(fixtureText(HEALTH), "QD-CHG-2026-00042", "QD-CHG-2026-00033"),
      }),
    );
    assert.equal(problem.code, "ticket-of-another-department");
    assert.equal(problem.message, "ticket QD-CHG-2026-00033 was granted to water, not to health");
  });

  it("a ticket outside its scope or its workloads is refused; a rename keeps the grant", () => {
    const scope = only(
      withRegister(
        editGrant(
          "QD-CHG-2026-00033, department: water, scope: [workload], approver: wang.fang",
          "QD-CHG-2026-00033, department: water, scope: [destroy], approver: liu.yang",
        ),
      ),
    );
    assert.equal(scope.code, "ticket-out-of-scope");
    assert.equal(
      scope.message,
      "ticket QD-CHG-2026-00033 was not granted for a workload's approval",
    );

    const renamed = replaceOnce(fixtureText(WATER), "  - name: billing\n", "  - name: invoicing\n");
    const workload = only(withRegister(REGISTER, { [WATER]: renamed }));
    assert.equal(workload.code, "ticket-out-of-scope");
    assert.equal(workload.found, '"invoicing"');
    const withPrevious = replaceOnce(
      fixtureText(WATER),
      "  - name: billing\n",
      "  - name: invoicing\n    previousNames: [billing]\n",
    );
    assert.deepEqual(withRegister(REGISTER, { [WATER]: withPrevious }), []);
  });

  it("a cited approver or date other than the register's is refused", () => {
    const approver = only(
      withRegister(
        editGrant(
          "QD-CHG-2026-00021, department: water, scope: [vdc], approver: liu.yang",
          "QD-CHG-2026-00021, department: water, scope: [vdc], approver: chen.jing",
        ),
      ),
    );
    assert.deepEqual(
      [approver.code, approver.path, approver.fix],
      [
        "ticket-approver-mismatch",
        "approval.approver",
        "write approver: chen.jing, as the register records it",
      ],
    );
    const date = only(
      withRegister(
        editGrant("approver: liu.yang, date: 2026-01-15", "approver: liu.yang, date: 2026-01-14"),
      ),
    );
    assert.deepEqual([date.code, date.path], ["ticket-date-mismatch", "approval.date"]);
  });

  it("checks the register itself: all its problems at once, at their lines", () => {
    const register = [
      "tickets:",
      ...GRANTS,
      // a department approver granting the VDC, no such date, workloads without the scope
      "  - { ticket: QD-CHG-2026-00050, department: water, scope: [vdc], approver: wang.fang, date: 2026-01-15 }",
      "  - { ticket: QD-CHG-2026-00051, department: water, scope: [destroy], approver: liu.yang, date: 2026-02-30 }",
      "  - { ticket: QD-CHG-2026-00052, department: water, scope: [destroy], workloads: [billing], approver: liu.yang, date: 2026-01-15 }",
      "  - { ticket: QD-CHG-2026-00021, department: water, scope: [vdc], approver: liu.yang, date: 2026-01-15 }",
      "  - { ticket: qd-chg-1, department: water, scope: [vdc], approver: liu.yang, date: 2026-01-15 }",
      "",
    ].join("\n");
    const problems = withRegister(register).map((p) => [p.file, p.line, p.path, p.code]);
    assert.deepEqual(problems, [
      ["tickets.yaml", 8, "tickets[6].approver", "not-an-approver"],
      ["tickets.yaml", 9, "tickets[7].date", "invalid-date"],
      ["tickets.yaml", 10, "tickets[8].workloads", "workloads-without-scope"],
      ["tickets.yaml", 11, "tickets[9].ticket", "duplicate-ticket"],
      ["tickets.yaml", 12, "tickets[10].ticket", "ticket-format"],
    ]);
  });

  it("schema errors in the register point at its lines", () => {
    const problem = only(
      withRegister(
        editGrant("scope: [vdc], approver: liu.yang", "scope: [quota], approver: liu.yang"),
      ),
    );
    assert.deepEqual(
      [problem.file, problem.line, problem.code],
      ["tickets.yaml", 2, "invalid-value"],
    );
  });

  it("a register that is a symbolic link is refused, never read", () => {
    const dir = copyFixture();
    try {
      writeFileSync(join(dir, PLATFORM), WITH_REGISTER);
      writeFileSync(join(dir, "real-tickets.yaml"), REGISTER);
      symlinkSync(join(dir, "real-tickets.yaml"), join(dir, "tickets.yaml"));
      const problem = only(loadEstate(dir, { today: TODAY }).problems);
      assert.deepEqual([problem.file, problem.code], ["tickets.yaml", "symbolic-link"]);
    } finally {
      removeDir(dir);
    }
  });

  it("scripts/seed-ticket-register.ts writes a register the estate passes with", function () {
    this.timeout(120_000);
    const dir = copyFixture();
    try {
      const seeded = spawnSync(
        process.execPath,
        [
          "-r",
          "ts-node/register/transpile-only",
          join(__dirname, "..", "..", "scripts", "seed-ticket-register.ts"),
          "--root",
          dir,
        ],
        { encoding: "utf8" },
      );
      assert.equal(seeded.status, 0, seeded.stderr);
      assert.equal(seeded.stdout.match(/^ {2}- \{ ticket: /gm)?.length, 6);
      writeFileSync(join(dir, "tickets.yaml"), seeded.stdout);
      writeFileSync(join(dir, PLATFORM), WITH_REGISTER);
      assert.deepEqual(loadEstate(dir, { today: TODAY }).problems, []);
    } finally {
      removeDir(dir);
    }
  });
});
