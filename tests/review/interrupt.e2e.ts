/**
 * A review stopped by Ctrl-C (SIGINT) or by CI cancelling it (SIGTERM) removes the temporary
 * worktree it checked the base out into, and exits with the shell's code for the signal: run on
 * a copy of the bundled estate with platform.yaml changed (every stack planned on both sides, so
 * the review is still at work when the signal comes), stopped once the worktree exists.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CLI, EstateRepo, TODAY } from "./estate-repo";
import { copyBundledEstate } from "../support/bundled-estate";

/** The worktrees git knows of, besides the repository's own. */
function extraWorktrees(repo: EstateRepo): string[] {
  return repo
    .git("worktree", "list", "--porcelain")
    .split("\n")
    .filter((line) => line.startsWith("worktree "))
    .map((line) => line.slice("worktree ".length))
    .slice(1);
}

/**
 * The review's worktree once git lists it. While `git worktree add` runs, the worktree's folder
 * under .git/worktrees exists before the files git reads it by, and `git worktree list` fails
 * ("failed to read .../commondir"): not there yet.
 */
function worktreeBeingAdded(repo: EstateRepo): string | undefined {
  try {
    return extraWorktrees(repo)[0];
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** The worktree that existed when the signal was sent. */
  worktree: string;
}

/** Starts a review and sends `signal` to it as soon as its base worktree exists. */
async function stopReview(
  repo: EstateRepo,
  signal: NodeJS.Signals,
  env: NodeJS.ProcessEnv,
): Promise<Stopped> {
  const child = spawn(
    process.execPath,
    [CLI, "review", "--base", "HEAD", "--format", "json", "--today", TODAY],
    { cwd: repo.dir, env, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  try {
    let worktree: string | undefined;
    // No deadline of its own: the test's timeout bounds it, however busy the machine is.
    while (worktree === undefined) {
      assert.ok(!ended, `the review ended before its worktree was seen:\n${stderr}`);
      worktree = worktreeBeingAdded(repo);
      if (worktree === undefined) await sleep(25);
    }
    child.kill(signal);
    return { ...(await exited), stderr, worktree };
  } finally {
    if (!ended) child.kill("SIGKILL");
  }
}

describe("govcloud review stopped by a signal", function () {
  // Starting the command and planning until the signal takes seconds; a busy machine, more.
  this.timeout(300_000);
  let source: string;
  let repo: EstateRepo;

  before(() => {
    source = mkdtempSync(join(tmpdir(), "govcloud-interrupt-estate-"));
    copyBundledEstate(source);
  });
  after(() => rmSync(source, { recursive: true, force: true }));

  beforeEach(() => {
    repo = new EstateRepo(source);
    // Any change to platform.yaml touches every stack.
    repo.edit("platform.yaml", "\nsites:", "\n# changed\nsites:");
  });
  afterEach(() => repo.remove());

  function assertCleanedUp(stopped: Stopped): void {
    assert.deepEqual(extraWorktrees(repo), [], stopped.stderr);
    assert.equal(repo.git("worktree", "prune", "--dry-run", "--verbose"), "");
    assert.ok(!existsSync(stopped.worktree), `${stopped.worktree} is still there`);
    assert.ok(
      !existsSync(dirname(stopped.worktree)),
      `${dirname(stopped.worktree)} is still there`,
    );
  }

  it("removes the worktree on Ctrl-C and exits 130, through the relaunched process", async () => {
    const env = { ...process.env };
    delete env.GOVCLOUD_RELAUNCHED;
    delete env.NODE_OPTIONS;
    const stopped = await stopReview(repo, "SIGINT", env);
    assertCleanedUp(stopped);
    assert.deepEqual({ code: stopped.code, signal: stopped.signal }, { code: 130, signal: null });
  });

  it("removes the worktree on SIGTERM and exits 143, in a process that does not relaunch", async () => {
    const env = { ...process.env, GOVCLOUD_RELAUNCHED: "1" };
    const stopped = await stopReview(repo, "SIGTERM", env);
    assertCleanedUp(stopped);
    assert.deepEqual({ code: stopped.code, signal: stopped.signal }, { code: 143, signal: null });
  });
});
