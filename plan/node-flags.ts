/**
 * Node flags for the processes that plan stacks.
 *
 * - A larger young generation, of 64 MiB semi-spaces from the start. A plan allocates an output
 *   and a few promises per property of every resource, and nearly all of them are garbage once
 *   the stack is planned. With Node's default young generation (16 MiB semi-spaces) most of them
 *   survive two scavenges and are copied into the old generation, which then needs full
 *   collections; with larger semi-spaces they die young. On the bundled estate this took the
 *   check from about 7 s to about 5 s on two cores. V8 would start the young generation at 1 MiB
 *   and grow it step by step, about twenty scavenges that copy what survives (modules' code and
 *   data, the estate) before the plans begin, hence the same size from the start. 128 MiB
 *   semi-spaces, used before, scavenge less often but copy as much each time (what survives is
 *   the stack being planned, whatever the size), and the memory they take costs page faults
 *   while the check runs and again when the process exits: 64 MiB took 2.04 s instead of 2.11 s
 *   (median of ten alternated runs; CPU 3.19 s instead of 3.40 s) and about 110 MB less peak
 *   memory; 48 MiB was slower again. A user's own young generation size
 *   (`--max-semi-space-size`) is left alone, this one included. The heap limit stays at Node's
 *   default.
 * - An old generation that starts at 256 MiB. V8 starts it small and, as the young generation
 *   promotes the estate, the modules' data and what outlives a scavenge, ran two full
 *   mark-compact collections on the main thread (about 70 ms, plus incremental marking) before
 *   the check of the bundled estate ended; with room from the start it runs none. Only where the
 *   first full collection happens changes: afterwards V8 sizes the old generation from what is
 *   alive, as before. A user's own `--initial-old-space-size` is left alone.
 * - No more of V8's helper threads than there are cores besides the one running the program.
 *   Node starts four, for garbage collection and optimizing compilation, whatever the machine;
 *   a planning process keeps its main thread busy all the time, so on two cores four helpers
 *   only take turns with it and with each other (every scavenge waits for the slowest). With one
 *   helper the bundled estate's check took 3.27 s instead of 3.75 s (median of twelve pairs,
 *   faster in each; docs/benchmarks.md). From five cores on, Node's default stays.
 * - Less inlining by V8's optimizing compiler: at most 230 bytes of bytecode inlined into one
 *   optimized function instead of 920. A check lasts seconds and runs much of the SDK's code a few
 *   thousand times, so the functions worth optimizing are found early and their optimized code
 *   pays off only if it comes soon; large inlined compilations keep the helper thread (the one
 *   the scavenges share) busy for longer and the main thread runs unoptimized code meanwhile.
 *   With a quarter of the default the bundled estate's check took 2.10 s instead of 2.21 s
 *   (median of twelve alternated runs; CPU 3.04 s instead of 3.44 s), 2.60 s instead of 2.86 s
 *   with another process keeping one core busy, and the 100-department estate 7.13 s instead of
 *   7.89 s; no inlining at all was slower. A user's own value is left alone.
 *
 * V8 reads these flags only when it starts, so the command relaunches itself with them
 * (cli/relaunch.ts) and forks its workers with them (check/parallel.ts).
 */
export const SEMI_SPACE_FLAG = "--max-semi-space-size";
export const MIN_SEMI_SPACE_FLAG = "--min-semi-space-size";
export const POOL_SIZE_FLAG = "--v8-pool-size";
export const INITIAL_OLD_SPACE_FLAG = "--initial-old-space-size";
export const INLINING_BUDGET_FLAG = "--max-inlined-bytecode-size-cumulative";

/** The young generation's semi-space size for planning, in MiB. */
const PLANNING_SEMI_SPACE_MIB = 64;

/** Where the young generation starts, in MiB. */
const PLANNING_MIN_SEMI_SPACE_MIB = 64;

/** Where the old generation starts, in MiB. */
const PLANNING_INITIAL_OLD_SPACE_MIB = 256;

/** The bytecode V8 may inline into one optimized function (its default: 920 bytes). */
const PLANNING_INLINING_BUDGET_BYTES = 230;

/** The number of V8 helper threads Node starts when not told otherwise. */
const NODE_DEFAULT_POOL_SIZE = 4;

/** The flags for a process that plans, given the cores it may use. */
export function planningNodeFlags(cores: number): string[] {
  const flags = [
    `${SEMI_SPACE_FLAG}=${PLANNING_SEMI_SPACE_MIB}`,
    `${MIN_SEMI_SPACE_FLAG}=${PLANNING_MIN_SEMI_SPACE_MIB}`,
    `${INITIAL_OLD_SPACE_FLAG}=${PLANNING_INITIAL_OLD_SPACE_MIB}`,
    `${INLINING_BUDGET_FLAG}=${PLANNING_INLINING_BUDGET_BYTES}`,
  ];
  const helpers = Math.max(1, Math.floor(cores) - 1);
  if (helpers < NODE_DEFAULT_POOL_SIZE) flags.push(`${POOL_SIZE_FLAG}=${helpers}`);
  return flags;
}

/** The name of a flag (`--name=value` → `--name`). */
export function flagName(flag: string): string {
  const at = flag.indexOf("=");
  return at < 0 ? flag : flag.slice(0, at);
}

/** The options that, given by the user, make `flag` unwanted: its own, and for where the young generation starts, its size. */
export function givenAs(flag: string): string[] {
  const name = flagName(flag);
  return name === MIN_SEMI_SPACE_FLAG ? [name, SEMI_SPACE_FLAG] : [name];
}
