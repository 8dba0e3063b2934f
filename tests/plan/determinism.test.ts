/**
 * A plan is reviewed as a diff: the same estate must give the same bytes, whatever was planned
 * before it in the process, and each plan must hold its own stack's resources only.
 */
import { strict as assert } from "node:assert";
import type { StackPlan } from "../../plan/types";
import { police } from "../components/fixtures";
import { bundledEstate, bundledPlan, estateOf, plan, T } from "./support";

/** Equal JSON, with the first difference shown rather than two huge strings. */
function assertSameJson(actual: StackPlan, expected: StackPlan): void {
  const a = JSON.stringify(actual, null, 1);
  const b = JSON.stringify(expected, null, 1);
  if (a === b) return;
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  assert.fail(
    `the plans differ at character ${at}:\n` +
      `  got:      …${a.slice(Math.max(0, at - 200), at + 100)}\n` +
      `  expected: …${b.slice(Math.max(0, at - 200), at + 100)}`,
  );
}

describe("planning", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  it("gives byte-identical JSON for a department written in TS, planned twice", async () => {
    const first = await plan(estateOf(police()), "police");
    const second = await plan(estateOf(police()), "police");
    assert.ok(first.resources.length > 100);
    assertSameJson(second, first);
  });

  it("gives byte-identical JSON for a large bundled department, planned again later", async () => {
    // big-data has many ports per subnet: addresses that clash must be settled the same way.
    const first = await bundledPlan("big-data");
    await plan(bundledEstate(), "audit");
    const again = await plan(bundledEstate(), "big-data");
    assert.ok(first.resources.length > 500);
    assertSameJson(again, first);
  });

  // The SDK exactly as shipped: no plan/runtime-tuning.ts, its own mock monitor. Its promises
  // settle in another order; in health two ports want the same address.
  for (const stack of ["big-data", "health"]) {
    it(`gives the same JSON as with the SDK's debugging aids and protobuf Structs kept (${stack})`, async () => {
      const lean = await bundledPlan(stack);
      const asShipped = await plan(bundledEstate(), stack, { asShipped: true });
      assertSameJson(lean, asShipped);
    });
  }

  describe("several stacks, one after another in one process", () => {
    const sequence = ["audit", "police", "platform", "statistics", "audit"];
    const plans: StackPlan[] = [];

    before(async () => {
      for (const stack of sequence) {
        plans.push(await plan(stack === "police" ? estateOf(police()) : bundledEstate(), stack));
      }
    });

    it("plans each of them", () => {
      assert.deepEqual(
        plans.map((p) => p.stack),
        sequence,
      );
      for (const p of plans)
        assert.ok(p.resources.length > 20, `${p.stack}: ${p.resources.length}`);
    });

    it("keeps each department's resources in its own plan only", () => {
      for (const p of plans.filter((p) => p.stack !== "platform")) {
        const strays = p.resources.filter(
          (r) => r.name !== p.stack && !r.name.startsWith(`${p.stack}-`),
        );
        assert.deepEqual(
          strays.map((r) => r.urn),
          [],
          p.stack,
        );
        assert.deepEqual(
          p.resources.filter((r) => r.type === T.vdc).map((r) => r.name),
          [p.stack],
        );
      }
    });

    it("keeps department resources out of the platform's plan", () => {
      const platform = plans[sequence.indexOf("platform")];
      const departments = sequence.filter((s) => s !== "platform");
      const strays = platform.resources.filter((r) =>
        departments.some((d) => r.name === d || r.name.startsWith(`${d}-`)),
      );
      assert.deepEqual(
        strays.map((r) => r.urn),
        [],
      );
      assert.ok(platform.resources.every((r) => r.urn.startsWith("urn:pulumi:platform::")));
    });

    it("plans a stack the same before and after the others", () => {
      assertSameJson(plans[plans.length - 1], plans[0]);
    });
  });
});
