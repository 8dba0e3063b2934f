/** Which stacks a command works on: named departments (or `platform`), or every one with --all. */
import type { Estate } from "../model/estate";
import { PLATFORM_STACK } from "../model/naming";
import { didYouMean } from "../model/suggest";
import { UsageError } from "./usage-error";

export function allStacks(estate: Estate): string[] {
  return [...estate.departments.map((entry) => entry.department.id).sort(), PLATFORM_STACK];
}

export function selectStacks(names: string[], all: boolean, estate: Estate): string[] {
  if (all && names.length > 0) {
    throw new UsageError("name departments or use --all, not both");
  }
  if (all) return allStacks(estate);
  if (names.length === 0) {
    throw new UsageError("name at least one department (or platform), or use --all");
  }
  const known = allStacks(estate);
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
