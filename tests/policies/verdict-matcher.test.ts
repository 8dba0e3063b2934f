/**
 * The matcher every rule table relies on (support/verdicts.ts): a table only proves something if
 * a wrong verdict fails it, so each way a verdict can differ from the expected one is tried here.
 */
import { strict as assert } from "node:assert";
import { NotApplicable } from "../../policies/lib/policy";
import { assertVerdict } from "./support/verdicts";
import { T, urnOf } from "./support/views";

const AT_QUOTA = urnOf(T.computeQuota, "police-qingdao-compute-quota");
const verdict = [
  { message: "at qingdao the stack needs 26 vCPUs but the quota allows 20", urn: AT_QUOTA },
  { message: "at laixi the stack sets no quota" },
];

describe("the verdict matcher of the rule tables", () => {
  it("accepts the violations in order, at their resources, with the pieces of text in order", () => {
    assertVerdict(verdict, [
      { at: "police-qingdao-compute-quota", says: ["needs 26 vCPUs", "allows 20"] },
      { says: "sets no quota" },
    ]);
    assertVerdict([], []);
    assertVerdict(new NotApplicable("the stack has no resources"), {
      notApplicable: "no resources",
    });
  });

  it("refuses a verdict that differs in any way", () => {
    const wrong = [
      {
        name: "a piece missing",
        expected: [
          { at: "police-qingdao-compute-quota", says: "27 vCPUs" },
          { says: "sets no quota" },
        ],
      },
      {
        name: "pieces out of order",
        expected: [
          { at: "police-qingdao-compute-quota", says: ["allows 20", "needs 26"] },
          { says: "sets no quota" },
        ],
      },
      {
        name: "another resource",
        expected: [
          { at: "police-laixi-compute-quota", says: "26 vCPUs" },
          { says: "sets no quota" },
        ],
      },
      {
        name: "the stack instead of a resource",
        expected: [{ says: "26 vCPUs" }, { says: "sets no quota" }],
      },
      {
        name: "a resource instead of the stack",
        expected: [
          { at: "police-qingdao-compute-quota", says: "26 vCPUs" },
          { at: "police-laixi-compute-quota", says: "sets no quota" },
        ],
      },
      {
        name: "another order",
        expected: [
          { says: "sets no quota" },
          { at: "police-qingdao-compute-quota", says: "26 vCPUs" },
        ],
      },
      {
        name: "one violation fewer",
        expected: [{ at: "police-qingdao-compute-quota", says: "26 vCPUs" }],
      },
      { name: "no violations", expected: [] },
      { name: "not applicable", expected: { notApplicable: "" } },
    ];
    for (const { name, expected } of wrong) {
      assert.throws(() => assertVerdict(verdict, expected), assert.AssertionError, name);
    }
    assert.throws(
      () => assertVerdict(new NotApplicable("the stack has no resources"), []),
      assert.AssertionError,
    );
    assert.throws(
      () =>
        assertVerdict(new NotApplicable("the stack has no resources"), {
          notApplicable: "platform",
        }),
      assert.AssertionError,
    );
  });

  it("shows every violation the rule gave when it fails", () => {
    assert.throws(
      () => assertVerdict(verdict, []),
      (error: Error) =>
        error.message.includes(
          "- at police-qingdao-compute-quota: at qingdao the stack needs 26 vCPUs",
        ) && error.message.includes("- at laixi the stack sets no quota"),
    );
  });
});
