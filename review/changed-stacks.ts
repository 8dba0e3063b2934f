/**
 * The stacks a change touches, from git alone (nothing is planned): for the merge pipeline,
 * which runs `pulumi up` for exactly these, the platform first.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PLATFORM_FILE } from "../model/estate-files";
import { loadEstate } from "../model/estate-loader";
import type { LoadResult } from "../model/estate-loader";
import { PLATFORM_STACK } from "../model/naming";
import { allStacks } from "../model/stacks";
import { affectedStacks } from "./affected-stacks";
import { changedFiles, checkoutCommit, openRepository, resolveCommit } from "./git";

export interface ChangedStacks {
  /** Stacks on the head that the change touches: the platform first, then departments by id. */
  stacks: string[];
  /** Stacks the change touches that are gone on the head (nothing to deploy for them). */
  removed: string[];
  /** The changed files, relative to the repository top. */
  files: string[];
}

function stacksOf(loaded: LoadResult | undefined): string[] {
  return loaded?.estate === undefined ? [] : allStacks(loaded.estate, loaded.files);
}

export function changedStacks(options: {
  estateRoot: string;
  base: string;
  head?: string;
}): ChangedStacks {
  const repo = openRepository(options.estateRoot);
  const base = resolveCommit(repo, options.base);
  const head = options.head === undefined ? undefined : resolveCommit(repo, options.head);
  const files = changedFiles(repo, base, head);
  const checkouts = [checkoutCommit(repo, base, "base")];
  try {
    let headRoot = options.estateRoot;
    if (head !== undefined) {
      checkouts.push(checkoutCommit(repo, head, "head"));
      headRoot = join(checkouts[1].dir, repo.estatePath);
    }
    const baseRoot = join(checkouts[0].dir, repo.estatePath);
    const onBase = stacksOf(
      existsSync(join(baseRoot, PLATFORM_FILE)) ? loadEstate(baseRoot) : undefined,
    );
    const onHead = stacksOf(loadEstate(headRoot));
    const departments = [...new Set([...onBase, ...onHead])].filter((id) => id !== PLATFORM_STACK);
    const touched = [...affectedStacks(files, repo.estatePath, departments).stacks.keys()];
    return {
      stacks: touched.filter((stack) => onHead.includes(stack)),
      removed: touched.filter((stack) => !onHead.includes(stack)),
      files,
    };
  } finally {
    for (const checkout of checkouts) checkout.remove();
  }
}
