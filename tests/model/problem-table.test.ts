/**
 * Every kind of bad input, one change at a time, with the exact problems it must produce: the
 * YAML reader, the schema mapping and every rule. See table-cases.ts for the cases.
 */
import { strict as assert } from "node:assert";
import type { Problem } from "../../model/problem";
import { applyEdit, fixtureText, loadWith, PLATFORM, replaceOnce, WATER, HEALTH } from "./support";
import type { Expected } from "./table-cases";
import { TABLE } from "./table-cases";

function comparable(problem: Problem, caseFile: string): Expected {
  const { severity, file, found, allowed, fix, ...rest } = problem;
  assert.equal(severity, "error");
  return {
    code: rest.code,
    message: rest.message,
    line: rest.line,
    column: rest.column,
    path: rest.path,
    ...(file === caseFile ? {} : { file }),
    ...(found === undefined ? {} : { found }),
    ...(allowed === undefined ? {} : { allowed }),
    ...(fix === undefined ? {} : { fix }),
  };
}

describe("problem table", () => {
  it("the unchanged fixture estate is valid", () => {
    const result = loadWith({});
    assert.deepEqual(result.problems, []);
    assert.equal(result.estate?.departments.length, 2);
  });

  it("has at least 40 distinct cases", () => {
    const names = new Set(TABLE.map((c) => c.name));
    assert.equal(names.size, TABLE.length);
    assert.ok(TABLE.length >= 40, `only ${TABLE.length} cases`);
  });

  it("covers every problem code the rules and readers produce in the table", () => {
    const codes = new Set(TABLE.flatMap((c) => c.expect.map((e) => e.code)));
    for (const code of [
      // YAML
      "duplicate-key",
      "tab-indent",
      "alias-bomb",
      "file-too-large",
      "not-utf8",
      "multiple-documents",
      "empty-file",
      "yaml-syntax",
      "yaml-alias",
      // schema
      "missing-field",
      "unknown-field",
      "wrong-type",
      "invalid-value",
      "invalid-format",
      "out-of-range",
      "wrong-size",
      "invalid-key",
      // rules
      "id-mismatch",
      "duplicate-department",
      "unknown-flavor",
      "unknown-site",
      "unknown-network",
      "site-without-quota",
      "duplicate-name",
      "active-site-count",
      "active-site-incomplete",
      "unknown-host-class",
      "invalid-ticket-pattern",
      "ticket-example-mismatch",
      "cidr-overlap",
      "invalid-cidr",
      "cidr-host-bits",
      "cidr-prefix-range",
      "cidr-outside-pool",
      "no-approver",
      "too-few-replicas",
      "missing-primary-site",
      "missing-standby-site",
      "single-site-spread",
      "primary-site-mismatch",
      "no-instances",
      "network-missing-site",
      "weak-volume-replication",
      "flavor-too-small",
      "volume-too-large",
      "missing-port",
      "icmp-with-port",
      "invalid-port-range",
      "ticket-format",
      "invalid-date",
      "future-date",
      "missing-approver",
      "not-platform-approver",
      "not-an-approver",
      "quota-exceeded",
      "site-over-capacity",
    ]) {
      assert.ok(codes.has(code), `no table case produces ${code}`);
    }
  });

  for (const c of TABLE) {
    it(`${c.name} (${c.file})`, () => {
      const result = loadWith({ [c.file]: applyEdit(c.file, c.edit) });
      assert.deepEqual(
        result.problems.map((problem) => comparable(problem, c.file)),
        c.expect,
      );
    });
  }
});

describe("several mistakes in one file", () => {
  it("reports all of them at once, in file order", () => {
    let text = fixtureText(WATER);
    text = replaceOnce(text, "flavor: s1.large", "flavor: s1.larg");
    text = replaceOnce(text, "qingdao: 10.16.8.0/24", "qingdao: 10.16.8.5/24");
    text = replaceOnce(text, "date: 2026-01-15", "date: 2026-02-30");
    text = replaceOnce(
      text,
      "{ name: data, sizeGiB: 500, type: ssd-sync }",
      "{ name: data, sizeGiB: 500, type: ssd-async }",
    );
    text = replaceOnce(
      text,
      "ticket: QD-REQ-2026-00032, approver: wang.fang",
      "ticket: QD-REQ-2026-00032, approver: li.na",
    );
    const result = loadWith({ [WATER]: text });
    assert.deepEqual(
      result.problems.map((p) => [p.file, p.line, p.column, p.code, p.path]),
      [
        [WATER, 19, 9, "invalid-date", "approval.date"],
        [WATER, 39, 23, "cidr-host-bits", "networks[0].cidrs.qingdao"],
        [WATER, 50, 43, "weak-volume-replication", "workloads[0].volumes[0].type"],
        [WATER, 56, 13, "unknown-flavor", "workloads[1].flavor"],
        [WATER, 67, 54, "not-an-approver", "workloads[1].approval.approver"],
      ],
    );
  });

  it("reports schema errors of one file and rule problems of the others together", () => {
    const water = replaceOnce(fixtureText(WATER), "costCentre: QD-2201", "costCentre: QD2201");
    const health = replaceOnce(fixtureText(HEALTH), "flavor: s1.small", "flavor: s1.smal");
    const platform = replaceOnce(
      fixtureText(PLATFORM),
      "ticketExample: QD-CHG-2026-00142",
      "ticketExample: CHG-1",
    );
    const result = loadWith({ [WATER]: water, [HEALTH]: health, [PLATFORM]: platform });
    assert.deepEqual(
      result.problems.map((p) => [p.file, p.code, p.path]),
      [
        [HEALTH, "unknown-flavor", "workloads[0].flavor"],
        [WATER, "invalid-format", "costCentre"],
        [PLATFORM, "ticket-example-mismatch", "approvals.ticketExample"],
      ],
    );
  });
});
