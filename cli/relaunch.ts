/**
 * The commands that plan stacks run in a Node started with the planning flags
 * (plan/node-flags.ts: a larger young generation). V8 takes those flags only at start-up, so the
 * command relaunches itself once: the first process starts the second with the same arguments,
 * passes its terminal through, forwards the signals it gets and exits as the second one did.
 * This costs about 0.1 s (a second Node start) against about 1.5 s saved on the whole estate,
 * so it is done only where many stacks are planned: `check --all`, `plan --all` and `review`
 * (which plans both sides of a change, every stack when the platform or the program changes).
 * Checking or planning the stacks named on the command line, usually one department, runs in
 * the first process: there the relaunch would cost about as much as it saves.
 *
 * There is no relaunch either when the flag is already given (on the node command line or in
 * NODE_OPTIONS: that value is used), or for the other commands (validate, codeowners, changed,
 * preview, up: they plan at most one stack, or none).
 */
import { spawn } from "node:child_process";
import { PLANNING_NODE_FLAGS, SEMI_SPACE_FLAG } from "../plan/node-flags";

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
}

/** Whether Node's options already set the semi-space size (V8 accepts `_` for `-`). */
function setsSemiSpace(options: readonly string[]): boolean {
  return options.some((option) => option.replace(/_/g, "-").startsWith(SEMI_SPACE_FLAG));
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
  if (setsSemiSpace(state.execArgv) || setsSemiSpace(nodeOptions)) return undefined;
  return [...state.execArgv, ...PLANNING_NODE_FLAGS, script, ...state.argv.slice(2)];
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
    process.stderr.write(`govcloud: cannot start ${process.execPath}: ${error.message}\n`);
    process.exitCode = 2;
  });
  child.on("exit", (code, signal) => {
    stopForwarding();
    // Ended by a signal: end the same way, so that the shell and CI see what happened.
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 2;
  });
}
