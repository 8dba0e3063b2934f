/**
 * The review's policy results as SARIF 2.1.0, for GitHub code scanning (and other SARIF
 * readers) to annotate the department file lines in the pull request. One rule per policy seen,
 * one result per diagnostic, and an error for each stack that could not be planned and each
 * policy that crashed, so a failure never reads as a clean run. Deterministic: the same report
 * gives the same bytes.
 */
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { EnforcementLevel } from "../analyzer/types";
import type { SourcePointer } from "../plan/source-map";
import type { ReviewReport, StackReview } from "../review/types";
import { repoPath, stackFile } from "./review-paths";

export const SARIF_SCHEMA_URI =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** Rule ids of the findings that are not a policy's: they sort apart from policy names. */
export const PLAN_FAILED_RULE = "govcloud/plan-failed";
export const BASE_PLAN_FAILED_RULE = "govcloud/base-plan-failed";
export const POLICY_CRASHED_RULE = "govcloud/policy-crashed";

const OWN_RULES: Record<string, { text: string; level: Result.level }> = {
  [PLAN_FAILED_RULE]: { text: "The stack could not be planned on the head.", level: "error" },
  [BASE_PLAN_FAILED_RULE]: {
    text: "The stack could not be planned on the base; its changes are incomplete.",
    level: "warning",
  },
  [POLICY_CRASHED_RULE]: { text: "A policy crashed: this is not a pass.", level: "error" },
};

export function sarifLevel(level: EnforcementLevel): Result.level {
  switch (level) {
    case "mandatory":
    case "remediate":
      return "error";
    case "advisory":
      return "warning";
    case "disabled":
      return "note";
  }
}

const SEVERITY: Record<Result.level, number> = { none: 0, note: 1, warning: 2, error: 3 };

function location(report: ReviewReport, file: string, source?: SourcePointer): Result["locations"] {
  return [
    {
      physicalLocation: {
        // Percent-encoded, as the uri-reference format wants (department names may hold spaces).
        artifactLocation: { uri: encodeURI(repoPath(report, source?.file ?? file)) },
        // Without a line the annotation goes on the file's first line rather than nowhere.
        region: { startLine: source?.line ?? 1, startColumn: source?.column ?? 1 },
      },
    },
  ];
}

function stackResults(report: ReviewReport, stack: StackReview): Result[] {
  const file = stackFile(stack);
  const results: Result[] = [];
  const failure = stack.headFailure ?? stack.check?.failure;
  if (failure !== undefined) {
    results.push({
      ruleId: PLAN_FAILED_RULE,
      level: "error",
      message: { text: `${stack.stack} could not be planned: ${failure}` },
      locations: location(report, file),
      properties: { stack: stack.stack },
    });
  }
  if (stack.baseFailure !== undefined) {
    results.push({
      ruleId: BASE_PLAN_FAILED_RULE,
      level: "warning",
      message: { text: `${stack.stack} could not be planned on the base: ${stack.baseFailure}` },
      locations: location(report, file),
      properties: { stack: stack.stack },
    });
  }
  for (const crash of stack.check?.crashes ?? []) {
    results.push({
      ruleId: POLICY_CRASHED_RULE,
      level: "error",
      message: { text: `${crash.message} (this is not a pass)` },
      locations: location(report, file),
      properties: {
        stack: stack.stack,
        policy: crash.policyName,
        ...(crash.urn ? { urn: crash.urn } : {}),
      },
    });
  }
  for (const d of stack.check?.diagnostics ?? []) {
    const subject = d.resourceName ?? stack.stack;
    results.push({
      ruleId: d.policyName,
      level: sarifLevel(d.enforcementLevel),
      message: { text: `${subject}: ${d.message}` },
      locations: location(report, file, d.source),
      properties: {
        stack: stack.stack,
        enforcementLevel: d.enforcementLevel,
        urn: d.urn,
        ...(d.source?.path ? { field: d.source.path } : {}),
      },
    });
  }
  return results;
}

function rules(report: ReviewReport, results: Result[]): ReportingDescriptor[] {
  const byId = new Map<string, ReportingDescriptor & { level: Result.level }>();
  const descriptions = new Map<string, string>();
  for (const stack of report.stacks) {
    for (const d of stack.check?.diagnostics ?? []) descriptions.set(d.policyName, d.description);
  }
  for (const result of results) {
    const ruleId = result.ruleId as string;
    const level = result.level ?? "warning";
    const known = byId.get(ruleId);
    // A policy configured differently per stack: its rule takes the most severe level seen.
    if (known !== undefined && SEVERITY[known.level] >= SEVERITY[level]) continue;
    const text = OWN_RULES[ruleId]?.text ?? descriptions.get(ruleId) ?? ruleId;
    byId.set(ruleId, {
      id: ruleId,
      shortDescription: { text: text.split("\n")[0] || ruleId },
      fullDescription: { text: text || ruleId },
      defaultConfiguration: { level },
      level,
    });
  }
  return [...byId.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ level: _level, ...rule }) => rule);
}

export function renderReviewSarif(report: ReviewReport): Log {
  const results = report.stacks.flatMap((stack) => stackResults(report, stack));
  const ruleList = rules(report, results);
  const index = new Map(ruleList.map((rule, i) => [rule.id, i]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "govcloud", rules: ruleList } },
        results: results.map((result) => ({
          ...result,
          ruleIndex: index.get(result.ruleId as string),
        })),
      },
    ],
  };
}
