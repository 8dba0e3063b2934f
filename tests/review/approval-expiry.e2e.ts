/**
 * `govcloud review` and approval expiry: an approval authorises a change, so what the change
 * creates or alters needs an approval valid on the day of the change (--today); what it leaves as
 * it is is only due for recertification (advisory). On 2027-06-01 every approval of the test
 * estate's water department (dated January to April 2026, valid 365 days) has expired.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import type { ReviewReport } from "../../review/types";
import { EstateRepo, REPO } from "./estate-repo";

const DAY_OF_CHANGE = "2027-06-01";
const REPORTS =
  "    replicas: { qingdao: 1 }\n    approval: { ticket: QD-CHG-2026-00033, date: 2026-04-01 }\n";

function review(repo: EstateRepo): { status: number | null; report: ReviewReport } {
  const run = repo.run([
    "review",
    "--base",
    "HEAD~1",
    "--head",
    "HEAD",
    "--format",
    "json",
    "--today",
    DAY_OF_CHANGE,
    "--policy-pack",
    join(REPO, "policies"),
    "--policy-config",
    join(REPO, "policy-config.json"),
  ]);
  assert.ok(run.stdout.startsWith("{"), `no JSON report:\n${run.stdout}\n${run.stderr}`);
  return { status: run.status, report: JSON.parse(run.stdout) as ReviewReport };
}

/** `<level> [<policy>] <ticket>` of the approval findings of a stack. */
function approvalFindings(report: ReviewReport, stack: string): string[] {
  const review = report.stacks.find((entry) => entry.stack === stack);
  return (review?.check?.diagnostics ?? [])
    .filter(
      (d) => d.policyName === "change-approval" || d.policyName === "approval-recertification",
    )
    .map(
      (d) =>
        `${d.enforcementLevel} [${d.policyName}] ${/QD-[A-Z]+-\d{4}-\d{5}/.exec(d.message)?.[0]}`,
    );
}

describe("govcloud review: approvals on the day of the change", function () {
  this.timeout(300_000);
  let repo: EstateRepo;

  beforeEach(() => {
    repo = new EstateRepo();
  });
  afterEach(() => repo.remove());

  it("passes a change under a renewed approval; what it leaves alone is only due for recertification", () => {
    repo.edit(
      "departments/water.yaml",
      REPORTS,
      "    replicas: { qingdao: 2 }\n    approval: { ticket: QD-CHG-2027-00101, date: 2027-05-20 }\n",
    );
    repo.commit("water: a second reports server, approved");
    const { status, report } = review(repo);
    assert.equal(status, 0, JSON.stringify(report.verdict));
    assert.equal(report.verdict.passed, true);
    assert.equal(report.verdict.mandatory, 0);
    assert.deepEqual(approvalFindings(report, "water"), [
      "advisory [approval-recertification] QD-CHG-2026-00021",
      "advisory [approval-recertification] QD-REQ-2026-00032",
      "advisory [approval-recertification] QD-CHG-2026-00031",
    ]);
  });

  it("blocks a change to what an expired approval covers, with one finding for the approval", () => {
    repo.edit(
      "departments/water.yaml",
      REPORTS,
      "    replicas: { qingdao: 2 }\n    approval: { ticket: QD-CHG-2026-00033, date: 2026-04-01 }\n",
    );
    repo.commit("water: a second reports server");
    const { status, report } = review(repo);
    assert.equal(status, 1);
    assert.equal(report.verdict.passed, false);
    assert.equal(report.verdict.mandatory, 1);
    assert.deepEqual(approvalFindings(report, "water"), [
      "mandatory [change-approval] QD-CHG-2026-00033",
      "advisory [approval-recertification] QD-CHG-2026-00021",
      "advisory [approval-recertification] QD-REQ-2026-00032",
      "advisory [approval-recertification] QD-CHG-2026-00031",
    ]);
    const blocking = report.stacks[0].check!.diagnostics.find(
      (d) => d.policyName === "change-approval",
    )!;
    assert.match(
      blocking.message,
      /this change creates or alters 2 resources of workload reports under it \(water-qingdao-reports-1, water-qingdao-reports-1-port\); it also covers 3 resources left as they are/,
    );
    assert.equal(blocking.source?.file, "departments/water.yaml");
  });
});
