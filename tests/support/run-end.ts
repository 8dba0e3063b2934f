/**
 * Processes a support module shares between test files (a policy pack process, say) are stopped
 * when the test files of a process have run. A module registers its closer here instead of
 * calling mocha's `after` itself: a module is loaded once per process, and in parallel mode one
 * worker process runs many files, each under a root suite of its own, so a hook registered by the
 * first file would never see the later ones. Mocha runs a root hook plugin's `afterAll` once at the
 * end of a serial run, and after each file in a parallel worker.
 *
 * Loaded by .mocharc.json's "require".
 */
type Closer = () => Promise<void> | void;

const closers = new Set<Closer>();

/** Runs `close` once, when the current test file (parallel) or the whole run (serial) ends. */
export function closeAtRunEnd(close: Closer): void {
  closers.add(close);
}

export const mochaHooks = {
  async afterAll(): Promise<void> {
    const due = [...closers];
    closers.clear();
    for (const close of due) await close();
  },
};
