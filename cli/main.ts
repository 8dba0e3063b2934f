#!/usr/bin/env node
/**
 * Entry point of the govcloud command. The commands that plan stacks first relaunch Node with
 * the planning flags (cli/relaunch.ts); every command then runs in cli/program.ts, which is
 * loaded only in the process that runs it, so that the relaunching one stays small, and with
 * V8's code cache of the modules it loads (cli/compile-cache.ts).
 */
import { relaunch, relaunchArguments, RELAUNCHED_VARIABLE } from "./relaunch";

const args = relaunchArguments({
  argv: process.argv,
  execArgv: process.execArgv,
  env: process.env,
});
if (args !== undefined) {
  relaunch(args);
} else {
  // Not passed on: a process this command starts (e.g. the base revision's program in a
  // review) decides for itself.
  delete process.env[RELAUNCHED_VARIABLE];
  void import("./compile-cache")
    .then(({ enableCompileCache }) => enableCompileCache())
    .then(() => import("./program"))
    .then(({ main }) => main(process.argv));
}
