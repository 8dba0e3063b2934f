/** `govcloud validate [files...]`: every problem in the estate (or in the named files) at once. */
import { resolve } from "node:path";
import { loadEstate } from "../model/estate-loader";
import { PLATFORM_FILE } from "../model/estate-files";
import { summarizeEstate } from "../model/summary";
import { resolveEstateRoot } from "./estate-root";
import { formatProblemText } from "../model/problem";
import { formatJson, formatSummaryLine } from "../render/problems";

export interface ValidateOptions {
  format: "text" | "json";
  root?: string;
  today?: string;
}

export interface CommandOutput {
  exitCode: number;
  stdout: string;
}

export function runValidate(
  files: string[],
  options: ValidateOptions,
  cwd = process.cwd(),
): CommandOutput {
  const root = resolveEstateRoot(options.root, cwd);
  const named = files.map((file) => resolve(cwd, file));
  const departmentFiles = named.filter((file) => file !== resolve(root, PLATFORM_FILE));
  const result = loadEstate(root, { departmentFiles, today: options.today });

  // With files named, report their problems only (and the platform's, which every file depends on).
  const shown =
    named.length === 0
      ? result.problems
      : result.problems.filter(
          (problem) =>
            problem.file === PLATFORM_FILE || named.includes(resolve(root, problem.file)),
        );
  const hasErrors = shown.some((problem) => problem.severity === "error");
  const summary = result.estate === undefined ? undefined : summarizeEstate(result.estate);
  if (options.format === "json") {
    return { exitCode: hasErrors ? 1 : 0, stdout: formatJson(summary, shown, result.files) + "\n" };
  }
  const blocks = shown.map(formatProblemText);
  blocks.push(formatSummaryLine(summary, shown));
  return { exitCode: hasErrors ? 1 : 0, stdout: blocks.join("\n") + "\n" };
}
