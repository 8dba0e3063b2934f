/**
 * The two revisions a review or `govcloud changed` compares: the base checked out into a
 * temporary git worktree, the head (a commit, or the working tree), their estates loaded, the
 * changed files, and the stacks on each side and those the change touches. `close()` removes the
 * checkouts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Estate } from "../model/estate";
import { DEPARTMENTS_DIR, PLATFORM_FILE, stackSettingsFile } from "../model/estate-files";
import { loadEstate } from "../model/estate-loader";
import { PLATFORM_STACK } from "../model/naming";
import type { LoadResult } from "../model/estate-loader";
import { allStacks } from "../model/stacks";
import { affectedStacks } from "./affected-stacks";
import { changedFiles, checkoutCommit, openRepository, resolveCommit } from "./git";
import type { Repository, TemporaryCheckout } from "./git";

export interface RevisionOptions {
  /** The estate folder of the head (the working tree's, when no head ref is given). */
  estateRoot: string;
  base: string;
  head?: string;
  today?: string;
}

export interface Revisions {
  repo: Repository;
  baseCommit: string;
  /** Absent for the working tree. */
  headCommit?: string;
  baseCheckout: TemporaryCheckout;
  headRoot: string;
  /** Absent when the base has no estate (no platform.yaml). */
  baseLoaded?: LoadResult;
  headLoaded: LoadResult;
  /** Changed files, relative to the repository top. */
  files: string[];
  onBase: Set<string>;
  /** The head's stacks; when the head's platform.yaml is invalid, the base's (they fail there). */
  onHead: Set<string>;
  /** Stack -> the changed files that touch it, platform first, then departments by id. */
  touched: Map<string, string[]>;
  /** The changed files that touch every stack. */
  everyStack: string[];
  /**
   * Changed files that only the platform team approves though they touch single departments:
   * the ticket register (its departments whose grants changed are in `touched`).
   */
  platformFiles: string[];
  /**
   * Departments whose file is gone on the head without a decommission: on the base without a
   * decommission block and not on the head, or with a stack settings file but no department
   * file on the head. Never on the head's stacks: there is nothing to plan or deploy for them.
   */
  missingDepartments: MissingDepartment[];
  close(): void;
}

export interface MissingDepartment {
  stack: string;
  /** The department file that is gone, relative to the estate root. */
  file: string;
  /** The stack settings file still on the head, when it is. */
  settingsFile?: string;
}

function stacksOf(loaded: LoadResult | undefined): Set<string> {
  if (loaded?.estate === undefined) return new Set();
  return new Set(allStacks(loaded.estate, loaded.files, loaded.missingDepartments));
}

function missingOnHead(
  baseLoaded: LoadResult | undefined,
  headLoaded: LoadResult,
): MissingDepartment[] {
  const headFiles = new Set(headLoaded.files);
  const orphans = new Set(headLoaded.missingDepartments ?? []);
  const missing = new Map<string, MissingDepartment>();
  const add = (stack: string) => {
    const entry: MissingDepartment = { stack, file: `${DEPARTMENTS_DIR}/${stack}.yaml` };
    if (orphans.has(stack)) entry.settingsFile = stackSettingsFile(stack);
    missing.set(stack, entry);
  };
  for (const { file, department } of baseLoaded?.estate?.departments ?? []) {
    // The last step of a decommission removes the file of a department marked on the base.
    if (department.decommission === undefined && !headFiles.has(file)) add(department.id);
  }
  for (const stack of orphans) add(stack);
  return [...missing.values()].sort((a, b) => (a.stack < b.stack ? -1 : 1));
}

function departmentIds(...estates: (Estate | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const estate of estates) {
    for (const entry of estate?.departments ?? []) ids.add(entry.department.id);
  }
  return [...ids].sort();
}

export function openRevisions(options: RevisionOptions): Revisions {
  const repo = openRepository(options.estateRoot);
  const baseCommit = resolveCommit(repo, options.base);
  const headCommit = options.head === undefined ? undefined : resolveCommit(repo, options.head);
  const files = changedFiles(repo, baseCommit, headCommit);
  const checkouts: TemporaryCheckout[] = [];
  const close = () => {
    for (const checkout of checkouts) checkout.remove();
  };
  try {
    const baseCheckout = checkoutCommit(repo, baseCommit, "base");
    checkouts.push(baseCheckout);
    let headRoot = options.estateRoot;
    if (headCommit !== undefined) {
      const headCheckout = checkoutCommit(repo, headCommit, "head");
      checkouts.push(headCheckout);
      headRoot = join(headCheckout.dir, repo.estatePath);
    }
    const baseRoot = join(baseCheckout.dir, repo.estatePath);
    const load = options.today === undefined ? {} : { today: options.today };
    const baseLoaded = existsSync(join(baseRoot, PLATFORM_FILE))
      ? loadEstate(baseRoot, load)
      : undefined;
    const headLoaded = loadEstate(headRoot, load);
    const onBase = stacksOf(baseLoaded);
    const onHead = headLoaded.estate === undefined ? new Set(onBase) : stacksOf(headLoaded);
    const missingDepartments = missingOnHead(baseLoaded, headLoaded);
    for (const { stack } of missingDepartments) onHead.delete(stack);
    const affected = affectedStacks(
      files,
      repo.estatePath,
      departmentIds(baseLoaded?.estate, headLoaded.estate),
    );
    const { everyStack } = affected;
    // A department left without its file is reviewed even when this change did not remove it.
    const touched = new Map(affected.stacks);
    const prefix = repo.estatePath === "" ? "" : `${repo.estatePath}/`;
    const platformFiles: string[] = [];
    const register = changedRegister(baseLoaded?.estate, headLoaded.estate, files, prefix);
    if (register !== undefined) {
      platformFiles.push(register.file);
      for (const stack of register.departments) {
        touched.set(stack, [...(touched.get(stack) ?? []), register.file].sort());
      }
    }
    for (const missing of missingDepartments) {
      if (!touched.has(missing.stack)) {
        touched.set(missing.stack, [`${prefix}${missing.settingsFile ?? missing.file}`]);
      }
    }
    return {
      repo,
      baseCommit,
      ...(headCommit === undefined ? {} : { headCommit }),
      baseCheckout,
      headRoot,
      ...(baseLoaded === undefined ? {} : { baseLoaded }),
      headLoaded,
      files,
      onBase,
      onHead,
      touched: sortedStacks(touched),
      everyStack,
      platformFiles,
      missingDepartments,
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * The ticket register, when the change touched it: its path from the repository top and the
 * departments (on either side) whose grants differ between base and head.
 */
function changedRegister(
  base: Estate | undefined,
  head: Estate | undefined,
  files: readonly string[],
  prefix: string,
): { file: string; departments: string[] } | undefined {
  const name = head?.platform.approvals.register ?? base?.platform.approvals.register;
  if (name === undefined || !files.includes(`${prefix}${name}`)) return undefined;
  const grantsOf = (estate: Estate | undefined) => {
    const byDepartment = new Map<string, string[]>();
    for (const grant of estate?.register?.register.tickets ?? []) {
      const list = byDepartment.get(grant.department) ?? [];
      list.push(JSON.stringify(grant));
      byDepartment.set(grant.department, list);
    }
    return byDepartment;
  };
  const before = grantsOf(base);
  const after = grantsOf(head);
  const known = new Set(departmentIds(base, head));
  const departments = [...new Set([...before.keys(), ...after.keys()])].filter(
    (id) =>
      known.has(id) &&
      JSON.stringify((before.get(id) ?? []).sort()) !==
        JSON.stringify((after.get(id) ?? []).sort()),
  );
  return { file: `${prefix}${name}`, departments: departments.sort() };
}

/** Platform first, then departments by id. */
function sortedStacks(touched: Map<string, string[]>): Map<string, string[]> {
  const order = (stack: string) => (stack === PLATFORM_STACK ? "" : stack);
  return new Map(
    [...touched.entries()].sort(([a], [b]) =>
      order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0,
    ),
  );
}
