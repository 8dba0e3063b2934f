import { strict as assert } from "node:assert";
import type { Result } from "sarif";
import {
  BASE_PLAN_FAILED_RULE,
  PLAN_FAILED_RULE,
  POLICY_CRASHED_RULE,
  REFUSED_BY_CLOUD_RULE,
  REFUSED_BY_ENGINE_RULE,
  renderReviewSarif,
} from "../../render/review-sarif";
import {
  change,
  check,
  diagnostic,
  FLAVOR,
  VOLUME,
  everything,
  failingReport,
  report,
  stackReview,
} from "./review-fixtures";

function results(log = renderReviewSarif(everything())): Result[] {
  return log.runs[0].results ?? [];
}

describe("review SARIF", () => {
  it("is a SARIF 2.1.0 log from the govcloud driver", () => {
    const log = renderReviewSarif(everything());
    assert.equal(log.version, "2.1.0");
    assert.equal(
      log.$schema,
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
    );
    assert.equal(log.runs.length, 1);
    assert.equal(log.runs[0].tool.driver.name, "govcloud");
  });

  it("has one rule per policy seen, its level from the enforcement level", () => {
    const rules = renderReviewSarif(everything()).runs[0].tool.driver.rules ?? [];
    assert.deepEqual(
      rules.map((r) => [r.id, r.defaultConfiguration?.level]),
      [
        ["naming-tagging", "warning"],
        ["security-baseline", "error"],
      ],
    );
    assert.equal(rules[1].shortDescription?.text, "The security-baseline rules of the city.");
  });

  it("points each diagnostic at its line in the department file, relative to the repository root", () => {
    const [ssh, naming] = results();
    assert.equal(ssh.ruleId, "security-baseline");
    assert.equal(ssh.ruleIndex, 1);
    assert.equal(ssh.level, "error");
    assert.match(
      ssh.message.text ?? "",
      /^health-qingdao-portal-tcp-22-from-0\.0\.0\.0-0: opens tcp port 22/,
    );
    assert.deepEqual(ssh.locations?.[0].physicalLocation, {
      artifactLocation: { uri: "estate/departments/health.yaml" },
      region: { startLine: 150, startColumn: 5 },
    });
    assert.equal(naming.level, "warning");
    assert.equal(naming.locations?.[0].physicalLocation?.region?.startLine, 171);
  });

  it("reports a stack that could not be planned and a crashed policy as errors", () => {
    const log = renderReviewSarif(failingReport());
    const byRule = new Map(results(log).map((r) => [r.ruleId, r]));
    assert.equal(byRule.get(POLICY_CRASHED_RULE)?.level, "error");
    assert.match(
      byRule.get(POLICY_CRASHED_RULE)?.message.text ?? "",
      /crashed: Error: boom \(this is not a pass\)/,
    );
    assert.equal(byRule.get(PLAN_FAILED_RULE)?.level, "error");
    assert.equal(
      byRule.get(PLAN_FAILED_RULE)?.locations?.[0].physicalLocation?.artifactLocation?.uri,
      "estate/departments/audit%20dept.yaml",
    );
    assert.equal(byRule.get(BASE_PLAN_FAILED_RULE)?.level, "warning");
    const ids = (log.runs[0].tool.driver.rules ?? []).map((r) => r.id);
    for (const r of results(log)) assert.equal(ids[r.ruleIndex ?? -1], r.ruleId);
  });

  it("takes the most severe level for a policy configured differently per stack", () => {
    const advisory = diagnostic({ policyName: "naming-tagging", enforcementLevel: "advisory" });
    const mandatory = diagnostic({ policyName: "naming-tagging", enforcementLevel: "mandatory" });
    const log = renderReviewSarif(
      report([
        stackReview("a", [], { check: check("a", [advisory]) }),
        stackReview("b", [], { check: check("b", [mandatory]) }),
      ]),
    );
    assert.equal(log.runs[0].tool.driver.rules?.[0].defaultConfiguration?.level, "error");
    assert.deepEqual(
      results(log).map((r) => r.level),
      ["warning", "error"],
    );
  });

  it("puts a diagnostic without a source on the stack's file, line 1", () => {
    const log = renderReviewSarif(
      report([
        stackReview("water", [], {
          check: check("water", [diagnostic({ policyName: "site-capacity" })]),
        }),
      ]),
    );
    assert.deepEqual(results(log)[0].locations?.[0].physicalLocation, {
      artifactLocation: { uri: "estate/departments/water.yaml" },
      region: { startLine: 1, startColumn: 1 },
    });
  });

  it("is deterministic and carries no timestamps", () => {
    const a = JSON.stringify(renderReviewSarif(everything()));
    assert.equal(a, JSON.stringify(renderReviewSarif(everything())));
    assert.doesNotMatch(a, /\d{4}-\d{2}-\d{2}T\d{2}:/);
  });

  it("keeps to the SARIF 2.1.0 shapes code scanning reads", () => {
    for (const log of [renderReviewSarif(everything()), renderReviewSarif(failingReport())]) {
      // The schema's required properties and closed enums, checked on every result.
      for (const r of results(log)) {
        assert.ok(typeof r.message.text === "string" && r.message.text.length > 0);
        assert.ok(["none", "note", "warning", "error"].includes(r.level ?? ""));
        const location = r.locations?.[0].physicalLocation;
        assert.ok(
          location?.artifactLocation?.uri && !location.artifactLocation.uri.startsWith("/"),
        );
        assert.ok(
          Number.isInteger(location?.region?.startLine) && (location?.region?.startLine ?? 0) >= 1,
        );
        assert.ok(
          Number.isInteger(location?.region?.startColumn) &&
            (location?.region?.startColumn ?? 0) >= 1,
        );
      }
      for (const rule of log.runs[0].tool.driver.rules ?? []) assert.ok(rule.id.length > 0);
    }
  });

  it("puts each change the cloud or the engine refuses at the line it comes from", () => {
    const refused = stackReview("water", [
      change("replace", "water-qingdao-flavor-db", FLAVOR, {
        source: { file: "platform.yaml", path: "catalog.flavors[2]", line: 56, column: 7 },
        refused: { by: "cloud", reason: "Nova flavor names are unique", fix: "use a new name" },
      }),
      change("delete", "water-qingdao-data", VOLUME, {
        protect: true,
        source: { file: "departments/water.yaml", path: "workloads[0]", line: 43, column: 5 },
        refused: { by: "engine", reason: "it is protected", fix: "lift the protection" },
      }),
    ]);
    const found = results(renderReviewSarif(report([refused])))
      .filter((r) => r.ruleId === REFUSED_BY_CLOUD_RULE || r.ruleId === REFUSED_BY_ENGINE_RULE)
      .map((r) => [
        r.ruleId,
        r.level,
        r.locations?.[0].physicalLocation?.artifactLocation?.uri,
        r.locations?.[0].physicalLocation?.region?.startLine,
        (r.message.text ?? "").split("\n")[0],
      ]);
    assert.deepEqual(found, [
      [
        REFUSED_BY_CLOUD_RULE,
        "error",
        "estate/platform.yaml",
        56,
        "replace of water-qingdao-flavor-db: Nova flavor names are unique",
      ],
      [
        REFUSED_BY_ENGINE_RULE,
        "warning",
        "estate/departments/water.yaml",
        43,
        "delete of water-qingdao-data: it is protected",
      ],
    ]);
  });
});
