/**
 * Which stacks a change touches, from the names of the changed files alone (no planning): a
 * department file or stack config changes that department; platform.yaml, the program and the
 * policies change every stack. Used by reviews (what to plan) and by the merge pipeline (what to
 * `pulumi up`, platform first).
 */
import { posix } from "node:path";
import { DEPARTMENTS_DIR, PLATFORM_FILE, expectedIdFor } from "../model/estate-files";
import { PLATFORM_STACK } from "../model/naming";

/** Files of the estate folder that every stack is built from. */
const ESTATE_WIDE = [PLATFORM_FILE];

/**
 * Paths of the repository (relative to its top) that make up the Pulumi program and the policy
 * pack: a change to any of them can change every stack's plan or policy results. Folders end
 * with a slash.
 */
export const PROGRAM_PATHS = [
  "index.ts",
  "Pulumi.yaml",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "components/",
  "model/",
  "plan/",
  "schema/",
  "sdks/",
  "policies/",
  "policy-config.json",
];

/** Program paths whose change can change a plan (the policies only change the results). */
export const PLANNING_PATHS = PROGRAM_PATHS.filter(
  (path) => path !== "policies/" && path !== "policy-config.json",
);

export function matchesPath(file: string, paths: readonly string[]): boolean {
  return paths.some((path) => (path.endsWith("/") ? file.startsWith(path) : file === path));
}

export interface AffectedStacks {
  /** Stack name -> the changed files that touch it, platform first, then departments by id. */
  stacks: Map<string, string[]>;
  /** The changed files that touch every stack (platform.yaml, program, policies). */
  everyStack: string[];
}

/**
 * @param files changed files relative to the repository top
 * @param estatePath the estate folder relative to the top ("" for the top itself)
 * @param departments ids of the departments on either side (a platform-wide change touches all)
 */
export function affectedStacks(
  files: readonly string[],
  estatePath: string,
  departments: readonly string[],
): AffectedStacks {
  const inEstate = (file: string) =>
    estatePath === ""
      ? file
      : file.startsWith(`${estatePath}/`)
        ? file.slice(estatePath.length + 1)
        : undefined;
  const touched = new Map<string, Set<string>>();
  const touch = (stack: string, file: string) => {
    const set = touched.get(stack) ?? new Set<string>();
    set.add(file);
    touched.set(stack, set);
  };
  const everyStack: string[] = [];
  for (const file of files) {
    const local = inEstate(file);
    if (local !== undefined && ESTATE_WIDE.includes(local)) {
      everyStack.push(file);
      continue;
    }
    if (
      local !== undefined &&
      posix.dirname(local) === DEPARTMENTS_DIR &&
      local.endsWith(".yaml")
    ) {
      touch(expectedIdFor(local), file);
      continue;
    }
    const config = local === undefined ? null : /^stacks\/Pulumi\.([^/]+)\.yaml$/.exec(local);
    if (config) {
      touch(config[1], file);
      continue;
    }
    // The program lives at the repository top (it is planned from there), the estate anywhere.
    if (matchesPath(file, PROGRAM_PATHS)) everyStack.push(file);
  }
  if (everyStack.length > 0) {
    for (const stack of [PLATFORM_STACK, ...departments]) {
      for (const file of everyStack) touch(stack, file);
    }
  }
  const order = (stack: string) => (stack === PLATFORM_STACK ? "" : stack);
  const stacks = new Map(
    [...touched.entries()]
      .sort(([a], [b]) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
      .map(([stack, set]) => [stack, [...set].sort()]),
  );
  return { stacks, everyStack };
}
