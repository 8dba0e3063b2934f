/**
 * The parallel `govcloud check`: the stacks are spread over worker processes (check/worker.ts,
 * one per core), biggest first, each worker taking the next stack when it is done with one. A
 * worker plans its stacks with the real program and analyzes them with the real pack loaded into
 * its own process, and sends back only each stack's StackCheck
 * (and its plan, when the caller keeps plans).
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { extname, join, resolve } from "node:path";
import type { LoadResult } from "../model/estate-loader";
import { planningNodeFlags } from "../plan/node-flags";
import type { Baseline } from "./changed-resources";
import type { CheckedStack } from "./in-process-check";
import type { FromWorker, InitMessage, ToWorker } from "./protocol";
import { stackSizeEstimate } from "./stack-check";

export interface ParallelCheckOptions {
  root: string;
  today?: string;
  packDir: string;
  configFile?: string;
  /** Worker processes (default: os.availableParallelism(), at most one per stack). */
  workers?: number;
  /** Keep each stack's plan (sent back by the worker with its check). */
  keepPlans?: boolean;
  /** Per stack, its base in a review (see check/changed-resources.ts). */
  baselines?: ReadonlyMap<string, Baseline>;
}

/** A worker failed for a reason that is not a verdict (as the sequential path would throw). */
export class WorkerError extends Error {
  constructor(message: string, name = "WorkerError") {
    super(message);
    this.name = name;
  }
}

/**
 * The worker module and its Node flags: the planning flags (plan/node-flags.ts) for the share of
 * the cores each of `workers` processes has; the heap limit stays the default.
 */
function workerModule(workers: number): { file: string; execArgv: string[] } {
  const flags = planningNodeFlags(Math.max(1, Math.floor(availableParallelism() / workers)));
  // Compiled: dist/check/worker.js next to this file. Run from TypeScript (tests, ts-node): the
  // .ts worker through ts-node's transpiler.
  if (extname(__filename) === ".ts") {
    return {
      file: join(__dirname, "worker.ts"),
      execArgv: [...flags, "-r", "ts-node/register/transpile-only"],
    };
  }
  return { file: join(__dirname, "worker.js"), execArgv: flags };
}

/**
 * One worker per two cores: a process that plans and analyzes keeps about one and a half cores
 * busy by itself (V8 collects garbage and compiles on helper threads), and each worker pays the
 * start-up (SDK, estate, pack) again. On two cores one process is as fast as two and uses a
 * third less CPU time (docs/benchmarks.md), so the check then runs in the command's process.
 */
export function defaultWorkers(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

/** Checks the stacks in workers; the checks come back in the order of `stacks`. */
export async function checkInWorkers(
  loaded: LoadResult,
  stacks: readonly string[],
  options: ParallelCheckOptions,
): Promise<CheckedStack[]> {
  const queue = [...stacks]
    .map((stack, index) => ({ stack, index, size: stackSizeEstimate(loaded, stack) }))
    .sort((a, b) => b.size - a.size || a.index - b.index);
  const count = Math.max(1, Math.min(options.workers ?? defaultWorkers(), stacks.length));
  const { file, execArgv } = workerModule(count);
  if (!existsSync(file)) throw new WorkerError(`${file} is missing: run npm run build`);
  const results = new Map<string, CheckedStack>();
  const children: ChildProcess[] = [];
  const init: InitMessage = {
    type: "init",
    root: resolve(options.root),
    packDir: options.packDir,
    ...(options.today === undefined ? {} : { today: options.today }),
    ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
    ...(options.keepPlans === true ? { keepPlans: true } : {}),
  };

  const runWorker = (child: ChildProcess) =>
    new Promise<void>((resolveWorker, reject) => {
      let failed: WorkerError | undefined;
      let finished = false;
      const post = (message: ToWorker) => child.send(message);
      const next = () => {
        const item = queue.shift();
        if (item === undefined) {
          finished = true;
          post({ type: "end" });
        } else {
          const baseline = options.baselines?.get(item.stack);
          post({
            type: "stack",
            stack: item.stack,
            ...(baseline === undefined ? {} : { baseline }),
          });
        }
      };
      child.on("message", (raw) => {
        const message = raw as FromWorker;
        if (message.type === "result") {
          results.set(
            message.check.stack,
            message.plan === undefined
              ? { check: message.check }
              : { check: message.check, plan: message.plan },
          );
          next();
        } else {
          failed = new WorkerError(message.message, message.name);
        }
      });
      child.on("error", (error) => {
        failed ??= new WorkerError(`a check worker failed: ${error.message}`);
      });
      child.on("exit", (code, signal) => {
        if (failed) reject(failed);
        else if (!finished || code !== 0)
          reject(
            new WorkerError(
              `a check worker stopped unexpectedly (${signal ?? `exit code ${code}`})`,
            ),
          );
        else resolveWorker();
      });
      post(init);
      next();
    });

  try {
    const runs: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const child = fork(file, [], {
        execArgv,
        env: process.env,
        // What the pack or the program prints goes to stderr: stdout holds only the report.
        stdio: ["ignore", "pipe", "inherit", "ipc"],
        serialization: "advanced",
      });
      child.stdout?.pipe(process.stderr, { end: false });
      children.push(child);
      runs.push(runWorker(child));
    }
    await Promise.all(runs); // the first failure stops the others (finally)
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
  return stacks.map((stack) => {
    const result = results.get(stack);
    if (result === undefined) throw new WorkerError(`no result for stack ${stack}`);
    return result;
  });
}
