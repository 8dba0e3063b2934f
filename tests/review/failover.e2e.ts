/**
 * A change after which a site could no longer take over from a lost one is blocked in review:
 * the site-failover policy runs on the head like every other policy.
 */
import { strict as assert } from "node:assert";
import { EstateRepo, TODAY } from "./estate-repo";

describe("govcloud review of a change that breaks failover", function () {
  this.timeout(300_000);
  let repo: EstateRepo;

  beforeEach(() => {
    repo = new EstateRepo();
  });
  afterEach(() => repo.remove());

  it("blocks a platform change that leaves too few emergency slots for a lost site's load", () => {
    // Everyday capacity is unchanged (10 VMs per host); in an emergency the hosts would take only
    // 3 each, 6 per site, while losing either site asks the other for 7.
    repo.edit(
      "platform.yaml",
      "  vmsPerHost: 10\n",
      "  vmsPerHost: 10\n  emergency: { vmsPerHost: 3 }\n",
    );
    repo.commit("platform: fewer emergency slots");
    const { run, report } = repo.review("--base", "HEAD~1");
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const failover = report.stacks.flatMap((stack) =>
      (stack.check?.diagnostics ?? []).filter((d) => d.policyName === "site-failover"),
    );
    assert.ok(failover.length > 0, "site-failover reported nothing");
    assert.ok(failover.every((d) => d.enforcementLevel === "mandatory"));
    assert.match(failover[0].message, /VM slots/);
    // The reviewer sees the headroom of each site before and after.
    assert.deepEqual(
      report.failover.map((c) => [c.lost, c.survivor, c.before?.fits, c.after?.fits]),
      [
        ["qingdao", "laixi", true, false],
        ["laixi", "qingdao", true, false],
      ],
    );
    const markdown = repo.run([
      "review",
      "--base",
      "HEAD~1",
      "--format",
      "markdown",
      "--today",
      TODAY,
    ]);
    assert.match(markdown.stdout, /### Failover headroom/);
    assert.match(
      markdown.stdout,
      /\| qingdao lost \| laixi \| vCPU [\d.]+% · RAM [\d.]+% · slots 65% \| ❌ vCPU/,
    );
  });
});
