/**
 * The check plans without source positions (a plan dropped once analyzed has no use for them)
 * and finds them for the resources a policy reports on: each must point where the plan with
 * positions points, and a resource no policy reports on costs no position.
 */
import { strict as assert } from "node:assert";
import { join, resolve } from "node:path";
import type { AnalysisReport, Diagnostic } from "../../analyzer/types";
import { stackCheck } from "../../check/stack-check";
import { loadEstate, type LoadResult } from "../../model/estate-loader";
import { planStack } from "../../plan/run-plan";

const ESTATE = join(resolve(__dirname, "..", ".."), "tests", "fixtures", "estate");

function diagnostic(urn: string): Diagnostic {
  return {
    policyName: "naming-tagging",
    policyPackName: "govcloud-policies",
    policyPackVersion: "0.1.0",
    description: "names and labels",
    message: "a finding",
    enforcementLevel: "advisory",
    urn,
    phase: "analyze",
  };
}

/** A report with a diagnostic on each of `urns`. */
function reportOn(urns: string[]): AnalysisReport {
  return { diagnostics: urns.map(diagnostic), crashes: [] } as unknown as AnalysisReport;
}

describe("a stack's check", function () {
  this.timeout(120_000);

  it("points each reported resource where the plan with positions points it", async () => {
    const loaded = loadEstate(ESTATE, { today: "2026-11-26" });
    const withSources = await planStack(loaded, "health");
    const without = await planStack(loaded, "health", { sources: false });
    assert.ok(without.resources.every((resource) => resource.source === undefined));
    assert.deepEqual(
      without.resources.map((r) => r.urn),
      withSources.resources.map((r) => r.urn),
    );

    // One resource of each kind the source map tells apart: a workload's, a network's, a quota.
    const pick = (pattern: RegExp) => withSources.resources.find((r) => pattern.test(r.type))!;
    const reported = [
      pick(/compute\/instance:Instance/),
      pick(/networking\/subnet:Subnet/),
      pick(/quotaSetV2/),
    ];
    const check = stackCheck(loaded, without, reportOn(reported.map((r) => r.urn)));
    assert.deepEqual(
      check.diagnostics.map((d) => d.source),
      reported.map((r) => r.source),
    );
    for (const d of check.diagnostics) {
      assert.equal(d.source?.file, "departments/health.yaml");
      assert.ok((d.source?.line ?? 0) > 1, JSON.stringify(d.source));
    }
  });

  it("finds no position when no policy reports on the stack", async () => {
    const loaded = loadEstate(ESTATE, { today: "2026-11-26" });
    let asked = 0;
    const counting: LoadResult = {
      ...loaded,
      locate: (file, path) => {
        asked++;
        return loaded.locate(file, path);
      },
    };
    const plan = await planStack(counting, "water", { sources: false });
    const check = stackCheck(counting, plan, reportOn([]));
    assert.deepEqual(check.diagnostics, []);
    assert.equal(asked, 0);
    await planStack(counting, "water");
    assert.equal(asked, plan.resources.length, "a plan with positions asks for every resource");
  });
});
