/**
 * The few git operations a review needs, run with the git on PATH. Every failure becomes a
 * ReviewInputError that says what was asked, what git said and what to do, never a stack trace.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanUpOnSignal } from "./interrupt";

/** A review cannot start: not a repository, an unknown ref, no git. */
export class ReviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReviewInputError";
  }
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as { code?: string; stderr?: string };
    if (failure.code === "ENOENT") {
      throw new ReviewInputError(
        "git is not installed or not on PATH; a review compares two git revisions",
      );
    }
    const said = (failure.stderr ?? "").trim().split("\n")[0] ?? "";
    throw new ReviewInputError(`git ${args.join(" ")} failed in ${cwd}: ${said}`);
  }
}

export interface Repository {
  /** Absolute path of the repository's top folder. */
  top: string;
  /** The estate folder relative to `top` ("" when the estate is the top folder). */
  estatePath: string;
}

export function openRepository(estateRoot: string): Repository {
  let top: string;
  try {
    top = git(estateRoot, ["rev-parse", "--show-toplevel"]).trim();
  } catch (error) {
    if (error instanceof ReviewInputError && /not a git repository/i.test(error.message)) {
      throw new ReviewInputError(
        `${estateRoot} is not in a git repository: a review compares two revisions of the estate ` +
          "(clone the repository, or run git init and commit the estate first)",
      );
    }
    throw error;
  }
  const prefix = git(estateRoot, ["rev-parse", "--show-prefix"]).trim().replace(/\/$/, "");
  return { top, estatePath: prefix };
}

/** The full commit id of `ref`, or a clear error naming the ref and how to fetch it. */
export function resolveCommit(repo: Repository, ref: string): string {
  try {
    return git(repo.top, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).trim();
  } catch {
    throw new ReviewInputError(
      `"${ref}" is not a commit of ${repo.top}: give a branch, tag or commit that exists here ` +
        "(in CI, fetch the base branch first, for example git fetch origin main, or check out " +
        "with fetch-depth: 0)",
    );
  }
}

/**
 * Files that differ between `base` and `head` (a commit), or between `base` and the working
 * tree (head undefined: staged, unstaged and untracked files), relative to the repository top.
 */
export function changedFiles(repo: Repository, base: string, head?: string): string[] {
  const names = new Set<string>();
  const diff =
    head === undefined
      ? git(repo.top, ["diff", "--name-only", "--no-renames", "-z", base])
      : git(repo.top, ["diff", "--name-only", "--no-renames", "-z", base, head]);
  for (const name of diff.split("\0")) if (name !== "") names.add(name);
  if (head === undefined) {
    const untracked = git(repo.top, ["ls-files", "--others", "--exclude-standard", "-z"]);
    for (const name of untracked.split("\0")) if (name !== "") names.add(name);
  }
  return [...names].sort();
}

/** Whether `path` (relative to the top) exists in `commit`. */
export function existsAt(repo: Repository, commit: string, path: string): boolean {
  try {
    git(repo.top, ["cat-file", "-e", `${commit}:${path}`]);
    return true;
  } catch {
    return false;
  }
}

/** A checkout of one commit in a temporary folder, removed with `remove()`. */
export interface TemporaryCheckout {
  dir: string;
  remove(): void;
}

/**
 * Checks out `commit` into a temporary git worktree (detached), leaving the main tree alone. The
 * checkout is removed also when the process is stopped by a signal (review/interrupt.ts); it is
 * registered for that before git makes it, so that a signal while git works still removes it.
 */
export function checkoutCommit(repo: Repository, commit: string, label: string): TemporaryCheckout {
  const parent = mkdtempSync(join(tmpdir(), `govcloud-review-${label}-`));
  const dir = join(parent, "tree");
  const remove = () => {
    try {
      git(repo.top, ["worktree", "remove", "--force", dir]);
    } catch {
      // already gone, or never made: prune below forgets it
    }
    rmSync(parent, { recursive: true, force: true });
    try {
      git(repo.top, ["worktree", "prune"]);
    } catch {
      // nothing to prune
    }
  };
  const forget = cleanUpOnSignal(remove);
  try {
    git(repo.top, ["worktree", "add", "--detach", "--quiet", dir, commit]);
  } catch (error) {
    forget();
    remove();
    throw error;
  }
  return {
    dir,
    remove() {
      remove();
      forget();
    },
  };
}
