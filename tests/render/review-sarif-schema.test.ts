/** The review's SARIF is valid against the official SARIF 2.1.0 schema. */
import { strict as assert } from "node:assert";
import { renderReviewSarif } from "../../render/review-sarif";
import { sarifSchemaErrors } from "../support/sarif-schema";
import { everything, failingReport, growAndReplace } from "./review-fixtures";

describe("review SARIF against the SARIF 2.1.0 schema", () => {
  it("the schema rejects a log that breaks it (the check can fail)", () => {
    const log = renderReviewSarif(growAndReplace()) as unknown as { version: string };
    assert.notDeepEqual(sarifSchemaErrors({ ...log, version: "2.0" }), []);
    assert.notDeepEqual(sarifSchemaErrors({ ...log, runs: [{ results: [] }] }), []);
  });

  it("accepts every fixture: changes, violations at file lines, platform-wide changes", () => {
    for (const fixture of [growAndReplace(), everything()]) {
      assert.deepEqual(sarifSchemaErrors(renderReviewSarif(fixture)), []);
    }
  });

  it("accepts a stack that could not be planned and a policy that crashed", () => {
    assert.deepEqual(sarifSchemaErrors(renderReviewSarif(failingReport())), []);
  });
});
