/** The Pulumi stacks of an estate: one per department, and the platform. */
import type { Estate } from "./estate";
import { DEPARTMENTS_DIR, expectedIdFor } from "./estate-files";
import { PLATFORM_STACK } from "./naming";

/**
 * Every stack: the departments of the estate, the department files that did not load (their
 * schema problems are reported for them), the departments whose file is gone while their stack
 * settings remain (their stack refuses to run, so that it fails rather than being skipped), then
 * the platform. `files` are the files the loader read.
 */
export function allStacks(
  estate: Estate,
  files: readonly string[] = [],
  missing: readonly string[] = [],
): string[] {
  const departments = new Set([
    ...estate.departments.map((entry) => entry.department.id),
    ...missing,
    ...files
      .filter((file) => file.startsWith(`${DEPARTMENTS_DIR}/`) && file.endsWith(".yaml"))
      .map(expectedIdFor),
  ]);
  return [...[...departments].sort(), PLATFORM_STACK];
}
