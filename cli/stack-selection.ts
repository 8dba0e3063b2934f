/** Which stacks a command works on: named departments (or `platform`), or every one with --all. */
import type { Estate } from "../model/estate";
import { DEPARTMENTS_DIR, expectedIdFor } from "../model/estate-files";
import { PLATFORM_STACK } from "../model/naming";
import { didYouMean } from "../model/suggest";
import { UsageError } from "./usage-error";

export function allStacks(estate: Estate): string[] {
  return [...estate.departments.map((entry) => entry.department.id).sort(), PLATFORM_STACK];
}

/**
 * `files` are the files the loader read: a department whose file did not load (its schema
 * problems are reported) is still a known stack, so that the command reports those problems
 * rather than "no such department".
 */
export function selectStacks(
  names: string[],
  all: boolean,
  estate: Estate,
  files: readonly string[] = [],
): string[] {
  if (all && names.length > 0) {
    throw new UsageError("name departments or use --all, not both");
  }
  if (all) return allStacks(estate);
  if (names.length === 0) {
    throw new UsageError("name at least one department (or platform), or use --all");
  }
  const known = [
    ...allStacks(estate),
    ...files
      .filter((file) => file.startsWith(`${DEPARTMENTS_DIR}/`) && file.endsWith(".yaml"))
      .map(expectedIdFor),
  ];
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      unknown
        .map(
          (name) =>
            `no department "${name}" in the estate: ${didYouMean(name, known, "see departments/ for the ids")}`,
        )
        .join("; "),
    );
  }
  return [...new Set(names)];
}
