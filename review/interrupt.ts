/**
 * Undoing what a review leaves outside itself when it is stopped. A review checks revisions out
 * into temporary git worktrees; stopped by Ctrl-C or by CI cancelling the job, Node would end the
 * process at once and leave each one registered in the repository (`git worktree list`) and on
 * disk. While any cleanup is registered, SIGINT, SIGTERM and SIGHUP run them (the newest first),
 * then end the process with the shell's code for the signal (130 for SIGINT, 143 for SIGTERM).
 *
 * The cleanups run in the process that made the worktrees: when the command relaunched itself
 * (cli/relaunch.ts), the first process forwards the signal here and waits for this one to exit.
 * A second signal while the cleanups run (a terminal's Ctrl-C reaches both processes, and the
 * first one forwards it too) is ignored, so that they are not cut short.
 */
import { constants } from "node:os";

export type Cleanup = () => void;

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

const cleanups = new Set<Cleanup>();
let stopping = false;

function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch (error) {
      process.stderr.write(
        `govcloud: cleaning up after ${signal}: ${(error as Error).message ?? String(error)}\n`,
      );
    }
  }
  cleanups.clear();
  process.exit(128 + (constants.signals[signal] ?? 0));
}

/**
 * Runs `cleanup` if the process is stopped by a signal before the returned function is called
 * (which forgets it: call it once the thing is cleaned up the ordinary way).
 */
export function cleanUpOnSignal(cleanup: Cleanup): () => void {
  if (cleanups.size === 0) for (const signal of SIGNALS) process.on(signal, stop);
  cleanups.add(cleanup);
  return () => {
    if (!cleanups.delete(cleanup) || cleanups.size > 0 || stopping) return;
    for (const signal of SIGNALS) process.off(signal, stop);
  };
}
