/**
 * Where a review finding points: the report's source pointers are relative to the estate root,
 * while pull-request annotations and the changed-files list are relative to the repository root.
 */
import { posix } from "node:path";
import type { SourcePointer } from "../plan/source-map";
import type { ReviewReport, StackReview } from "../review/types";

/** A path relative to the estate root, made relative to the repository root. */
export function repoPath(report: Pick<ReviewReport, "estatePath">, file: string): string {
  const estate = report.estatePath.replace(/\\/g, "/");
  return posix.normalize(posix.join(estate === "" ? "." : estate, file.replace(/\\/g, "/")));
}

/** `estate/departments/health.yaml:150:5`, or the file alone when the line is unknown. */
export function repoPosition(
  report: Pick<ReviewReport, "estatePath">,
  source: SourcePointer,
): string {
  const file = repoPath(report, source.file);
  if (source.line === undefined) return file;
  return source.column === undefined
    ? `${file}:${source.line}`
    : `${file}:${source.line}:${source.column}`;
}

/**
 * The file a stack-level finding belongs to: the department file, or `platform.yaml` for the
 * platform stack (its resources come from there).
 */
export function stackFile(stack: StackReview): string {
  return (
    stack.file ?? (stack.stack === "platform" ? "platform.yaml" : `departments/${stack.stack}.yaml`)
  );
}
