/**
 * Renders problems for machines (JSON) and the summary line; one problem as text is
 * model/problem.ts formatProblemText, which every layer uses.
 */
import type { Problem } from "../model/problem";
import type { EstateSummary } from "../model/summary";

export function countLabel(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function formatSummaryLine(summary: EstateSummary | undefined, problems: Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const verdict =
    errors === 0
      ? `valid${warnings > 0 ? ` with ${countLabel(warnings, "warning")}` : ""}`
      : `${countLabel(errors, "error")}, ${countLabel(warnings, "warning")} in ${countLabel(
          new Set(problems.map((p) => p.file)).size,
          "file",
        )}`;
  if (summary === undefined) return `govcloud validate: ${verdict}`;
  const sites = Object.entries(summary.vmsPerSite)
    .map(([site, vms]) => `${site} ${vms}`)
    .join(", ");
  const total = Object.values(summary.vmsPerSite).reduce((a, b) => a + b, 0);
  return (
    `govcloud validate: ${verdict}: ${countLabel(summary.departments, "department")}, ` +
    `${countLabel(summary.workloads, "workload")}, ${total} VMs (${sites})`
  );
}

export function formatJson(
  summary: EstateSummary | undefined,
  problems: Problem[],
  files: string[],
): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  return JSON.stringify(
    {
      valid: errors === 0,
      errors,
      warnings: problems.length - errors,
      files,
      summary: summary ?? null,
      problems,
    },
    null,
    2,
  );
}
