/** Facts about a review that the Markdown summary and the per-stack details both show. */
import type { StackCheck } from "../check/stack-result";
import { advisoryCount, mandatoryCount } from "../check/stack-result";
import type { ChangeKind, ResourceChange } from "../diff/types";
import type { ReviewReport, StackReview } from "../review/types";
import { repoPosition } from "./review-paths";
import { shorten } from "../model/excerpt";
import { code, md, plural } from "./review-text";

/** Resource types whose deletion destroys data or a running workload. */
const DATA_TYPES = [/blockstorage\/volume/i, /compute\/instance/i];

/**
 * The change destroys what the resource holds: a replacement the report marks as losing data,
 * or the deletion of a volume or instance (the report marks replacements only).
 */
export function destroysData(change: ResourceChange): boolean {
  if (change.kind === "replace") return change.losesData === true;
  return change.kind === "delete" && DATA_TYPES.some((pattern) => pattern.test(change.type));
}

/** Replacements and deletions of cloud resources: what a reviewer must look at first. */
export function isDestructive(change: ResourceChange): boolean {
  return change.custom && (change.kind === "replace" || change.kind === "delete");
}

export type KindCounts = Record<ChangeKind, number>;

export function countKinds(changes: readonly ResourceChange[]): KindCounts {
  const counts: KindCounts = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const change of changes) counts[change.kind]++;
  return counts;
}

/** Label of the changes that belong to no site (the project, providers, components, the platform). */
export const NO_SITE = "—";

/**
 * The sites of a stack in a stable order: those with quotas first (the report's order), then
 * any other site a change names, then the changes without a site.
 */
export function stackSites(stack: StackReview): string[] {
  const sites = stack.quotas.map((quota) => quota.site);
  for (const change of stack.changes) {
    const site = change.site ?? NO_SITE;
    if (!sites.includes(site) && site !== NO_SITE) sites.push(site);
  }
  if (stack.changes.some((change) => change.site === undefined)) sites.push(NO_SITE);
  return sites;
}

export function changesAt(stack: StackReview, site: string): ResourceChange[] {
  return stack.changes.filter((change) => (change.site ?? NO_SITE) === site);
}

export type PolicyState = "removed" | "not planned" | "crashed" | "mandatory" | "advisory" | "ok";

export function policyState(stack: StackReview): PolicyState {
  const check = stack.check;
  if (stack.status === "removed") return "removed";
  if (check === undefined || check.failure !== undefined || stack.headFailure !== undefined) {
    return "not planned";
  }
  if (check.crashes.length > 0) return "crashed";
  if (mandatoryCount(check) > 0) return "mandatory";
  return advisoryCount(check) > 0 ? "advisory" : "ok";
}

/** A short policy verdict with a marker that reads without colour: ✅ ⚠️ ❌ 💥. */
export function policyVerdict(stack: StackReview): string {
  const check = stack.check as StackCheck;
  switch (policyState(stack)) {
    case "removed":
      return "— gone on the head";
    case "not planned":
      return "❌ not planned";
    case "crashed":
      return `💥 ${check.crashes.length} crashed`;
    case "mandatory":
      return `❌ ${mandatoryCount(check)} mandatory`;
    case "advisory":
      return `⚠️ ${advisoryCount(check)} advisory`;
    case "ok":
      return "✅ ok";
  }
}

/** Why the stack could not be planned on the head, if it could not. */
export function headFailure(stack: StackReview): string | undefined {
  return stack.headFailure ?? stack.check?.failure;
}

/**
 * Why a stack could not be planned on the head, as Markdown list lines: each validation error on
 * its own line with its `file:line:column`, or the failure's own lines. Empty when it was planned.
 */
export function failureLines(
  report: Pick<ReviewReport, "estatePath">,
  stack: StackReview,
  limit = Infinity,
): string[] {
  const failure = headFailure(stack);
  const problems = stack.problems ?? [];
  if (problems.length > 0) {
    return [
      `- ❌ **${md(stack.stack)}** could not be planned: ${plural(problems.length, "error")} in the files it is built from:`,
      ...problems.map((problem) => {
        const where = code(
          repoPosition(report, {
            file: problem.file,
            path: problem.path,
            line: problem.line,
            column: problem.column,
          }),
        );
        const field = problem.path === "" ? "" : `${code(problem.path)}: `;
        const fix = problem.fix === undefined ? "" : ` — fix: ${md(shorten(problem.fix, limit))}`;
        return `  - ${where} [${md(problem.code)}] ${field}${md(shorten(problem.message, limit))}${fix}`;
      }),
    ];
  }
  if (failure === undefined) return [];
  const [first = "", ...rest] = failure.split("\n").filter((line) => line.trim() !== "");
  return [
    `- ❌ **${md(stack.stack)}** could not be planned: ${md(shorten(first, limit))}`,
    ...rest.map((line) => `  - ${md(shorten(line.trim(), limit))}`),
  ];
}
