/**
 * The commands that plan stacks run in a Node started with the planning flags
 * (plan/node-flags.ts: a larger young generation, no more V8 helper threads than spare cores).
 * V8 takes those flags only at start-up, so the command relaunches itself once: the first
 * process starts the second with the same arguments, passes its terminal through, forwards the
 * signals it gets and exits as the second one did. This costs about 0.1 s (a second Node start)
 * against about 2 s saved on the whole estate, so it is done only where many stacks are planned:
 * `check --all`, `plan --all` and `review` (which plans both sides of a change, every stack when
 * the platform or the program changes). Checking or planning the stacks named on the command
 * line, usually one department, runs in the first process: there the relaunch would cost about
 * as much as it saves.
 *
 * A planning flag the user already gives (on the node command line or in NODE_OPTIONS) is used
 * as given; there is no relaunch when the user gives them all, nor for the other commands
 * (validate, codeowners, changed, preview, up: they plan at most one stack, or none).
 */
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { givenAs, planningNodeFlags } from "../plan/node-flags";
import { writeStderr } from "./output";

/** Set in the relaunched process's environment, so that it never relaunches again. */
export const RELAUNCHED_VARIABLE = "GOVCLOUD_RELAUNCHED";

/** Commands that plan stacks in this process. */
export const PLANNING_COMMANDS: ReadonlySet<string> = new Set(["check", "plan", "review"]);

/** Whether the command plans enough stacks for the relaunch to pay for itself. */
function plansMany(command: string, args: readonly string[]): boolean {
  return command === "review" || args.includes("--all");
}

export interface LaunchState {
  /** process.argv: node, the script, then the command's arguments. */
  argv: readonly string[];
  /** process.execArgv: Node's own options (e.g. -r ts-node/register). */
  execArgv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The cores the command may use (default: os.availableParallelism()). */
  cores?: number;
}

/** Whether Node's options already set the option `name` (Node and V8 accept `_` for `-`). */
function setsOption(options: readonly string[], name: string): boolean {
  return options.some((option) => {
    const normalized = option.replace(/_/g, "-");
    return normalized === name || normalized.startsWith(`${name}=`);
  });
}

/**
 * The arguments to start Node with (after the Node executable) for the relaunch, or undefined
 * when this process should run the command itself.
 */
export function relaunchArguments(state: LaunchState): string[] | undefined {
  if (state.env[RELAUNCHED_VARIABLE] !== undefined) return undefined;
  const [, script, command] = state.argv;
  if (script === undefined || command === undefined || !PLANNING_COMMANDS.has(command)) {
    return undefined;
  }
  if (!plansMany(command, state.argv.slice(3))) return undefined;
  const nodeOptions = (state.env.NODE_OPTIONS ?? "").split(/\s+/).filter((o) => o !== "");
  const given = [...state.execArgv, ...nodeOptions];
  const flags = planningNodeFlags(state.cores ?? availableParallelism()).filter(
    (flag) => !givenAs(flag).some((name) => setsOption(given, name)),
  );
  if (flags.length === 0) return undefined;
  return [...state.execArgv, ...flags, script, ...state.argv.slice(2)];
}

/** Signals a user or a CI runner sends to stop the command; the relaunched one gets them too. */
const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Runs the command in a new Node process started with `args`, and exits as it does. */
export function relaunch(args: readonly string[]): void {
  const child = spawn(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, [RELAUNCHED_VARIABLE]: "1" },
  });
  const forward = (signal: NodeJS.Signals) => {
    child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  const stopForwarding = () => {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
  };
  child.on("error", (error) => {
    stopForwarding();
    writeStderr(`govcloud: cannot start ${process.execPath}: ${error.message}\n`);
    process.exitCode = 2;
  });
  child.on("exit", (code, signal) => {
    stopForwarding();
    // Ended by a signal: end the same way, so that the shell and CI see what happened.
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 2;
  });
}
