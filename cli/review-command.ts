/**
 * `govcloud review --base <ref> [--head <ref>]`: what a change does, per department and site
 * (review/run-review.ts), as a pull-request comment (Markdown, the default), JSON, SARIF or JUnit.
 * `--out` may be given several times, the format taken from each file's extension, so that one
 * run (one planning of both sides) writes every report a pipeline needs. Exit 1 when the head
 * has mandatory violations, crashed policies or stacks that cannot be planned.
 */
import { mkdirSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { renderReviewJunit } from "../render/review-junit";
import { DEFAULT_MAX_CHARS, renderReviewMarkdown } from "../render/review-markdown";
import { renderReviewSarif } from "../render/review-sarif";
import { ReviewInputError } from "../review/git";
import { runReview } from "../review/run-review";
import type { ReviewReport } from "../review/types";
import { policySetup } from "./check-command";
import type { ReviewFormat } from "./review-formats";
import { UsageError } from "./usage-error";
import { writeReportFile } from "./output";
import { failoverSettings } from "./failover-settings";

export interface ReviewCommandOptions {
  base: string;
  head?: string;
  /** Format of standard output, or of the one --out file (default: from its extension). */
  format?: ReviewFormat;
  out: string[];
  maxChars?: number;
  today?: string;
  packDir?: string;
  policyConfig?: string;
  workers?: number;
  isolated?: boolean;
}

const EXTENSIONS: Record<string, ReviewFormat> = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".json": "json",
  ".sarif": "sarif",
  ".xml": "junit",
};

/** The format of an --out file: --format for a single file, else from the extension. */
export function outputFormat(
  file: string,
  options: Pick<ReviewCommandOptions, "format" | "out">,
): ReviewFormat {
  if (options.format !== undefined && options.out.length === 1) return options.format;
  const name = basename(file).toLowerCase();
  if (name.endsWith(".sarif.json")) return "sarif";
  const format = EXTENSIONS[extname(name)];
  if (format === undefined) {
    throw new UsageError(
      `cannot tell the format of --out ${file} from its extension: use .md (Markdown), .json, ` +
        ".sarif or .sarif.json (SARIF) or .xml (JUnit), or give one --out with --format",
    );
  }
  return format;
}

/** The full Markdown report beside a shortened comment: review.md -> review.full.md. */
export function fullReportFile(file: string): string {
  const extension = extname(file);
  return join(dirname(file), `${basename(file, extension)}.full${extension || ".md"}`);
}

function render(report: ReviewReport, format: Exclude<ReviewFormat, "markdown">): string {
  switch (format) {
    case "json":
      return JSON.stringify(report, null, 2) + "\n";
    case "sarif":
      return JSON.stringify(renderReviewSarif(report), null, 2) + "\n";
    case "junit":
      return renderReviewJunit(report);
  }
}

/** The comment, and the full text when the comment had to be shortened. */
function markdown(
  report: ReviewReport,
  maxChars: number,
  fullReportHint: string,
): { comment: string; full?: string } {
  const full = renderReviewMarkdown(report, { maxChars: Number.MAX_SAFE_INTEGER });
  if (full.length <= maxChars) return { comment: full };
  return { comment: renderReviewMarkdown(report, { maxChars, fullReportHint }), full };
}

function summaryLine(report: ReviewReport): string {
  const v = report.verdict;
  const changed = report.stacks.filter((stack) => stack.status !== "unchanged").length;
  return (
    `govcloud review: ${v.passed ? "passed" : "failed"}: ${report.stacks.length} stack` +
    `${report.stacks.length === 1 ? "" : "s"} reviewed (${changed} with changes), ` +
    `${v.creates} to create, ${v.updates} to update, ${v.replacements} to replace, ` +
    `${v.deletions} to delete; ${v.mandatory} mandatory and ${v.advisory} advisory violations` +
    (v.crashes > 0 ? `, ${v.crashes} crashed policies` : "") +
    (v.failedStacks > 0 ? `, ${v.failedStacks} stacks not planned` : "") +
    ((v.missingDepartments ?? 0) > 0
      ? `, ${v.missingDepartments} department files deleted without a decommission`
      : "") +
    ((v.undeclaredDestruction ?? 0) > 0
      ? `, ${v.undeclaredDestruction} losses of data not declared in allowDestroy`
      : "") +
    ((v.refusedByCloud ?? 0) > 0 ? `, ${v.refusedByCloud} replacements the cloud refuses` : "")
  );
}

export async function runReviewCommand(
  root: string,
  options: ReviewCommandOptions,
  cwd = process.cwd(),
): Promise<{ exitCode: number; stdout: string }> {
  if (options.format !== undefined && options.out.length > 1) {
    throw new UsageError(
      "--format applies to standard output or to a single --out; with several --out files the " +
        "format comes from each file's extension (.md, .json, .sarif, .xml)",
    );
  }
  const outputs = options.out.map((file) => ({
    file: resolve(cwd, file),
    format: outputFormat(file, options),
  }));
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  let report: ReviewReport;
  const policy = policySetup(root, cwd, options);
  try {
    report = await runReview({
      estateRoot: root,
      base: options.base,
      ...(options.head === undefined ? {} : { head: options.head }),
      ...(options.today === undefined ? {} : { today: options.today }),
      ...policy,
      failover: failoverSettings(policy.configFile),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.isolated === undefined ? {} : { isolated: options.isolated }),
    });
  } catch (error) {
    if (error instanceof ReviewInputError) throw new UsageError(error.message);
    throw error;
  }
  const exitCode = report.verdict.passed ? 0 : 1;
  const written: string[] = [];
  for (const output of outputs) {
    mkdirSync(dirname(output.file), { recursive: true });
    if (output.format === "markdown") {
      const fullFile = fullReportFile(output.file);
      const { comment, full } = markdown(
        report,
        maxChars,
        `in ${basename(fullFile)}, next to this comment's file`,
      );
      writeReportFile(output.file, comment);
      written.push(relative(cwd, output.file));
      if (full !== undefined) {
        writeReportFile(fullFile, full);
        written.push(`${relative(cwd, fullFile)} (full report)`);
      }
    } else {
      writeReportFile(output.file, render(report, output.format));
      written.push(relative(cwd, output.file));
    }
  }
  if (outputs.length > 0) {
    return { exitCode, stdout: `${summaryLine(report)}\nwrote ${written.join(", ")}\n` };
  }
  const format = options.format ?? "markdown";
  const stdout =
    format === "markdown"
      ? markdown(
          report,
          maxChars,
          "not kept: run govcloud review with --out review.md to keep it as a file",
        ).comment
      : render(report, format);
  return { exitCode, stdout };
}
