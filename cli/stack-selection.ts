/** Which stacks a command works on: named departments (or `platform`), or every one with --all. */
import type { Estate } from "../model/estate";
import { allStacks } from "../model/stacks";
import { didYouMean } from "../model/suggest";
import { UsageError } from "./usage-error";

export function selectStacks(
  names: string[],
  all: boolean,
  estate: Estate,
  files: readonly string[] = [],
  missing: readonly string[] = [],
): string[] {
  if (all && names.length > 0) {
    throw new UsageError("name departments or use --all, not both");
  }
  const known = allStacks(estate, files, missing);
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
