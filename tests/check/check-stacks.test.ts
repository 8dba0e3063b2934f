/** checkStacks picks where a stack is checked: here, or in a worker when this process cannot. */
import { strict as assert } from "node:assert";
import { join, resolve } from "node:path";
import { canLoadInProcess, openInProcessPack } from "../../analyzer/in-process";
import { checkStacks } from "../../check/check-stacks";
import { loadEstate } from "../../model/estate-loader";

const REPO = resolve(__dirname, "..", "..");
const ESTATE = join(REPO, "tests", "fixtures", "estate");
const TEST_PACK = join(REPO, "tests", "fixtures", "policy-packs", "govcloud-test");
const POLICIES = join(REPO, "policies");

describe("checkStacks", function () {
  this.timeout(120_000);

  it("checks in a worker when this process already holds another policy pack", async () => {
    // The policy SDK holds one pack per process: make sure this one holds a pack, then check
    // with the other.
    const held = canLoadInProcess(TEST_PACK) ? TEST_PACK : POLICIES;
    if (held === TEST_PACK) await (await openInProcessPack({ packDir: TEST_PACK })).close();
    const other = held === TEST_PACK ? POLICIES : TEST_PACK;
    assert.equal(canLoadInProcess(other), false);

    const loaded = loadEstate(ESTATE, { today: "2026-11-26" });
    const [result] = await checkStacks(ESTATE, loaded, ["health"], {
      packDir: other,
      workers: 1,
      today: "2026-11-26",
      keepPlans: true,
    });
    assert.equal(result.check.stack, "health");
    assert.equal(result.check.failure, undefined);
    assert.equal(result.plan?.stack, "health");
    assert.ok(result.check.resources > 0);
  });
});
