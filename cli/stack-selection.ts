/** Which stacks a command works on: named departments (or `platform`), or every one with --all. */
import type { Estate } from "../model/estate";
import { DEPARTMENTS_DIR, expectedIdFor } from "../model/estate-files";
import { PLATFORM_STACK } from "../model/naming";
import { didYouMean } from "../model/suggest";
import { UsageError } from "./usage-error";

/**
 * Every stack: the departments of the estate, the department files that did not load (their
 * schema problems are reported for them), then the platform. `files` are the files the loader
 * read.
 */
export function allStacks(estate: Estate, files: readonly string[] = []): string[] {
  const departments = new Set([
    ...estate.departments.map((entry) => entry.department.id),
    ...files
      .filter((file) => file.startsWith(`${DEPARTMENTS_DIR}/`) && file.endsWith(".yaml"))
      .map(expectedIdFor),
  ]);
  return [...[...departments].sort(), PLATFORM_STACK];
}

export function selectStacks(
  names: string[],
  all: boolean,
  estate: Estate,
  files: readonly string[] = [],
): string[] {
  if (all && names.length > 0) {
    throw new UsageError("name departments or use --all, not both");
  }
  const known = allStacks(estate, files);
  if (all) return known;
  if (names.length === 0) {
    throw new UsageError("name at least one department (or platform), or use --all");
  }
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
