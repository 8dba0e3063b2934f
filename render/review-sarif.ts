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
import type { AlertKind, ReviewReport, StackReview } from "../review/types";
import { repoPath, stackFile } from "./review-paths";

export const SARIF_SCHEMA_URI =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** Rule ids of the findings that are not a policy's: they sort apart from policy names. */
export const PLAN_FAILED_RULE = "govcloud/plan-failed";
export const BASE_PLAN_FAILED_RULE = "govcloud/base-plan-failed";
export const POLICY_CRASHED_RULE = "govcloud/policy-crashed";
export const INVALID_FILE_RULE = "govcloud/invalid-file";
export const DEPARTMENT_FILE_MISSING_RULE = "govcloud/department-file-missing";
export const UNDECLARED_DESTRUCTION_RULE = "govcloud/undeclared-destruction";
export const DECLARED_DESTRUCTION_RULE = "govcloud/declared-destruction";
export const DECOMMISSION_RULE = "govcloud/decommission";
export const REFUSED_BY_CLOUD_RULE = "govcloud/refused-by-cloud";
export const REFUSED_BY_ENGINE_RULE = "govcloud/refused-by-engine";

const ALERT_RULES: Record<AlertKind, string> = {
  "department-file-missing": DEPARTMENT_FILE_MISSING_RULE,
  decommission: DECOMMISSION_RULE,
  "undeclared-destruction": UNDECLARED_DESTRUCTION_RULE,
  "declared-destruction": DECLARED_DESTRUCTION_RULE,
};

const OWN_RULES: Record<string, { text: string; level: Result.level }> = {
  [PLAN_FAILED_RULE]: { text: "The stack could not be planned on the head.", level: "error" },
  [BASE_PLAN_FAILED_RULE]: {
    text: "The stack could not be planned on the base; its changes are incomplete.",
    level: "warning",
  },
  [POLICY_CRASHED_RULE]: { text: "A policy crashed: this is not a pass.", level: "error" },
  [INVALID_FILE_RULE]: {
    text: "A file the stack is built from has a validation error; the stack cannot be planned.",
    level: "error",
  },
  [DEPARTMENT_FILE_MISSING_RULE]: {
    text: "A department file is gone without a decommission: its VDC would run on with nothing managing it.",
    level: "error",
  },
  [UNDECLARED_DESTRUCTION_RULE]: {
    text: "The change deletes or replaces what holds data or identity without declaring it in allowDestroy.",
    level: "error",
  },
  [DECLARED_DESTRUCTION_RULE]: {
    text: "The change destroys data, declared in allowDestroy; the platform team approves it.",
    level: "warning",
  },
  [REFUSED_BY_CLOUD_RULE]: {
    text: "OpenStack refuses this replacement (a unique name taken twice): pulumi up would stop there.",
    level: "error",
  },
  [REFUSED_BY_ENGINE_RULE]: {
    text: "Pulumi refuses to delete or replace a protected resource until its protection is lifted.",
    level: "warning",
  },
  [DECOMMISSION_RULE]: {
    text: "The department is decommissioned: the next pulumi destroy deletes its VDC and data.",
    level: "warning",
  },
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
  for (const alert of stack.alerts ?? []) {
    const ruleId = ALERT_RULES[alert.kind];
    const text = [
      alert.headline,
      ...alert.details,
      ...(alert.ticket === undefined ? [] : [`ticket: ${alert.ticket}`]),
      ...(alert.fix === undefined ? [] : [`fix: ${alert.fix}`]),
    ].join("\n");
    results.push({
      ruleId,
      level: OWN_RULES[ruleId]!.level,
      message: { text },
      locations: location(
        report,
        alert.file ?? file,
        alert.line === undefined
          ? undefined
          : { file: alert.file ?? file, path: "", line: alert.line },
      ),
      properties: { stack: stack.stack, resources: alert.resources },
    });
  }
  // Changes that will not happen as planned: at the line the resource comes from.
  for (const change of stack.changes) {
    if (change.refused === undefined) continue;
    const ruleId = change.refused.by === "cloud" ? REFUSED_BY_CLOUD_RULE : REFUSED_BY_ENGINE_RULE;
    results.push({
      ruleId,
      level: OWN_RULES[ruleId]!.level,
      message: {
        text: `${change.kind} of ${change.name}: ${change.refused.reason}\nfix: ${change.refused.fix}`,
      },
      locations: location(report, file, change.source),
      properties: { stack: stack.stack, resources: [change.urn] },
    });
  }
  // Validation errors go on their own lines; the stack-level failure would only repeat them.
  for (const problem of stack.problems ?? []) {
    results.push({
      ruleId: INVALID_FILE_RULE,
      level: "error",
      message: {
        text: `${problem.path === "" ? "" : `${problem.path}: `}${problem.message}${problem.fix === undefined ? "" : `\nfix: ${problem.fix}`}`,
      },
      locations: location(report, problem.file, {
        file: problem.file,
        path: problem.path,
        line: problem.line,
        column: problem.column,
      }),
      properties: { stack: stack.stack, code: problem.code },
    });
  }
  const failure = stack.headFailure ?? stack.check?.failure;
  if (failure !== undefined && (stack.problems ?? []).length === 0) {
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
