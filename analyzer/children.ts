/**
 * Every pack process the harness starts is registered here until it has exited. If the harness
 * process exits first (normally, through process.exit, or after an uncaught exception), the
 * remaining ones are killed, so that no pack outlives it.
 */
import type { ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();
let hooked = false;

function killAll(): void {
  for (const child of live) {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
}

export function track(child: ChildProcess): void {
  if (!hooked) {
    process.once("exit", killAll);
    hooked = true;
  }
  live.add(child);
  child.once("exit", () => live.delete(child));
  child.once("error", () => {
    if (child.pid === undefined) live.delete(child); // never started
  });
}

/** Pids of pack processes started by this harness that have not exited yet. */
export function livePackPids(): number[] {
  return [...live].map((c) => c.pid).filter((p): p is number => p !== undefined);
}
