/**
 * Node flags for the processes that plan stacks. A plan allocates an output and a few promises
 * per property of every resource, and nearly all of them are garbage once the stack is planned.
 * With Node's default young generation (16 MiB semi-spaces) most of them survive two scavenges
 * and are copied into the old generation, which then needs full collections; with 128 MiB
 * semi-spaces they die young. On the bundled estate this takes the check from about 7 s to about
 * 5 s on two cores, for about 200 MB more peak memory (256 MiB was slower again: the scavenger
 * then walks more live objects each time; docs/benchmarks.md). The heap limit stays at Node's
 * default.
 *
 * V8 reads the flag only when it starts, so the command relaunches itself with it
 * (cli/relaunch.ts) and forks its workers with it (check/parallel.ts).
 */
export const SEMI_SPACE_FLAG = "--max-semi-space-size";
export const PLANNING_NODE_FLAGS: readonly string[] = [`${SEMI_SPACE_FLAG}=128`];
