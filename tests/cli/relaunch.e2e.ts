/**
 * The commands that plan relaunch Node with the planning flags (cli/relaunch.ts): the decision
 * as a pure function, then the built command, whose relaunched process is found under /proc and
 * must carry the flag and the same arguments, and must stop with the first one.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PLANNING_COMMANDS, relaunchArguments, RELAUNCHED_VARIABLE } from "../../cli/relaunch";
import { availableParallelism } from "node:os";
import { planningNodeFlags } from "../../plan/node-flags";

const REPO = resolve(__dirname, "..", "..");
const CLI = join(REPO, "dist", "cli", "main.js");

/** The launch of a command on a machine with `cores` cores (two unless given). */
function state(args: string[], execArgv: string[] = [], env: NodeJS.ProcessEnv = {}, cores = 2) {
  const argv = ["/usr/bin/node", "/opt/govcloud/dist/cli/main.js", ...args];
  return { argv, execArgv, env, cores };
}

const HEAP = [
  "--max-semi-space-size=64",
  "--min-semi-space-size=64",
  "--initial-old-space-size=256",
];
const INLINING = "--max-inlined-bytecode-size-cumulative=230";
/** The flags on any machine: the heap's and the compiler's. */
const ANY_MACHINE = [...HEAP, INLINING];
const TWO_CORE_FLAGS = [...ANY_MACHINE, "--v8-pool-size=1"];

describe("the planning flags", () => {
  it("give 64 MiB semi-spaces from the start, a 256 MiB old generation, less inlining, and a V8 helper thread per core but the main one's", () => {
    assert.deepEqual(planningNodeFlags(2), TWO_CORE_FLAGS);
    assert.deepEqual(planningNodeFlags(1), TWO_CORE_FLAGS);
    assert.deepEqual(planningNodeFlags(4), [...ANY_MACHINE, "--v8-pool-size=3"]);
  });

  it("keep Node's four helper threads from five cores on", () => {
    for (const cores of [5, 8, 64]) {
      assert.deepEqual(planningNodeFlags(cores), ANY_MACHINE, `${cores}`);
    }
  });
});

describe("relaunching with the planning flags", () => {
  it("relaunches check --all, plan --all and review with the flags before the script", () => {
    assert.deepEqual([...PLANNING_COMMANDS].sort(), ["check", "plan", "review"]);
    for (const args of [
      ["check", "--today", "2026-11-26", "--all"],
      ["plan", "--all", "--out", "plans"],
      ["review", "--base", "main"],
    ]) {
      assert.deepEqual(relaunchArguments(state(args)), [
        ...TWO_CORE_FLAGS,
        "/opt/govcloud/dist/cli/main.js",
        ...args,
      ]);
    }
  });

  it("checks and plans the stacks named on the command line in the first process", () => {
    for (const args of [["check", "health"], ["plan", "health", "water"], ["check"]]) {
      assert.equal(relaunchArguments(state(args)), undefined, args.join(" "));
    }
  });

  it("keeps Node's own options (a ts-node loader) in front", () => {
    const args = relaunchArguments(state(["check", "--all"], ["-r", "ts-node/register"]));
    assert.deepEqual(args, [
      "-r",
      "ts-node/register",
      ...TWO_CORE_FLAGS,
      "/opt/govcloud/dist/cli/main.js",
      "check",
      "--all",
    ]);
  });

  it("runs the other commands, and no command, in the first process", () => {
    for (const args of [["validate"], ["codeowners"], ["up", "health"], ["changed"], []]) {
      assert.equal(relaunchArguments(state(args)), undefined, args.join(" "));
    }
  });

  it("never relaunches a relaunched process", () => {
    assert.equal(
      relaunchArguments(state(["check", "--all"], [], { [RELAUNCHED_VARIABLE]: "1" })),
      undefined,
    );
  });

  it("uses the flags the user gave, on the command line or in NODE_OPTIONS", () => {
    const all = ["check", "--all"];
    const script = "/opt/govcloud/dist/cli/main.js";
    const heap = ["--max-semi-space-size=32", "--initial-old-space-size=256"];
    const inlining = "--max_inlined_bytecode_size_cumulative=400";
    // All given: nothing to relaunch for.
    assert.equal(relaunchArguments(state(all, [...heap, inlining, "--v8-pool-size=2"])), undefined);
    assert.equal(
      relaunchArguments(
        state(all, [inlining], {
          NODE_OPTIONS:
            "--inspect --max_semi_space_size=64 --initial_old_space_size=256 --v8_pool_size=2",
        }),
      ),
      undefined,
    );
    // Some given: the others are added, the user's stay where they were; a young generation the
    // user sizes starts where V8 starts it.
    assert.deepEqual(relaunchArguments(state(all, ["--max-semi-space-size=32"])), [
      "--max-semi-space-size=32",
      "--initial-old-space-size=256",
      INLINING,
      "--v8-pool-size=1",
      script,
      ...all,
    ]);
    assert.deepEqual(relaunchArguments(state(all, [], { NODE_OPTIONS: "--v8-pool-size=3" })), [
      ...ANY_MACHINE,
      script,
      ...all,
    ]);
    // On a larger machine the pool is left alone, so the user's heap sizes and inlining budget
    // are enough; their heap sizes alone are not.
    assert.equal(relaunchArguments(state(all, [...heap, inlining], {}, 8)), undefined);
    assert.deepEqual(relaunchArguments(state(all, heap, {}, 8)), [
      ...heap,
      INLINING,
      script,
      ...all,
    ]);
    // Other options do not count.
    assert.deepEqual(
      relaunchArguments(state(all, [], { NODE_OPTIONS: "--max-old-space-size=2048" })),
      [...TWO_CORE_FLAGS, script, ...all],
    );
  });
});

/** Child processes of `pid` (Linux). */
function childrenOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split(" ")
    .filter((entry) => entry !== "")
    .map(Number);
}

function commandLine(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").slice(0, -1);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

describe("the built command relaunching itself", function () {
  // Two Node start-ups and the start of a check, on a machine that may be running other work.
  this.timeout(300_000);

  it("runs check in a second Node with the flags, which a SIGTERM to the first stops", async () => {
    const env = { ...process.env };
    delete env[RELAUNCHED_VARIABLE];
    delete env.NODE_OPTIONS;
    const first = spawn(process.execPath, [CLI, "check", "--all", "--root", REPO], {
      env,
      stdio: "ignore",
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      first.on("exit", (code, signal) => done({ code, signal })),
    );
    let second: number | undefined;
    const firstLine = commandLine(first.pid!).join(" ");
    // No deadline of its own: the test's timeout bounds the wait, however busy the machine is.
    // Between fork and exec the child still shows the first's command line (and environment):
    // wait until it runs the relaunched command.
    while (second === undefined && first.exitCode === null && first.signalCode === null) {
      second = childrenOf(first.pid!).find((pid) => {
        const line = commandLine(pid);
        return line.includes(CLI) && line.join(" ") !== firstLine;
      });
      if (second === undefined) await sleep(50);
    }
    assert.ok(second !== undefined, "no relaunched process appeared");
    assert.deepEqual(commandLine(second), [
      process.execPath,
      ...planningNodeFlags(availableParallelism()),
      CLI,
      "check",
      "--all",
      "--root",
      REPO,
    ]);
    assert.match(readFileSync(`/proc/${second}/environ`, "utf8"), /GOVCLOUD_RELAUNCHED=1/);

    first.kill("SIGTERM");
    const { code, signal } = await exited;
    assert.deepEqual({ code, signal }, { code: null, signal: "SIGTERM" });
    // The first exits only after the second has, so this is a moment at most.
    for (let waited = 0; alive(second) && waited < 60_000; waited += 50) await sleep(50);
    assert.equal(alive(second), false, "the relaunched process outlived the first");
  });
});
