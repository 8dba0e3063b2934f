import { strict as assert } from "node:assert";
import { resolve } from "node:path";
import { selectStacks } from "../../cli/stack-selection";
import { allStacks } from "../../model/stacks";
import { UsageError } from "../../cli/usage-error";
import type { Estate } from "../../model/estate";
import { loadEstate } from "../../model/estate-loader";

const FIXTURE = resolve(__dirname, "..", "fixtures", "estate");

describe("stack selection", () => {
  const loaded = loadEstate(FIXTURE, { today: "2026-11-26" });
  const estate = loaded.estate as Estate;
  // As if departments/roads.yaml had been read but failed its schema.
  const files = [...loaded.files, "departments/roads.yaml"];

  it("lists every department, those whose file did not load too, then the platform", () => {
    assert.deepEqual(allStacks(estate), ["health", "water", "platform"]);
    assert.deepEqual(allStacks(estate, files), ["health", "roads", "water", "platform"]);
    assert.deepEqual(selectStacks([], true, estate, files), [
      "health",
      "roads",
      "water",
      "platform",
    ]);
  });

  it("accepts named stacks once each, including a department whose file did not load", () => {
    assert.deepEqual(selectStacks(["roads", "water", "water"], false, estate, files), [
      "roads",
      "water",
    ]);
  });

  it("refuses unknown names with a suggestion, and --all with names", () => {
    assert.throws(
      () => selectStacks(["watr"], false, estate, files),
      (error: Error) =>
        error instanceof UsageError &&
        error.message === 'no department "watr" in the estate: did you mean "water"?',
    );
    assert.throws(() => selectStacks(["water"], true, estate), UsageError);
    assert.throws(() => selectStacks([], false, estate), UsageError);
  });
});
