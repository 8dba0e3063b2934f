/**
 * A stand-in for the `pulumi` executable, for tests on machines without the Pulumi CLI: a small
 * shell script that answers what the Automation API asks (`version`, `stack select`, `stack
 * output`, `stack history`, `stack export`), records every call (working folder and arguments) to a file, and
 * ends `preview` and `up` with a chosen exit code. With events, it writes them to the event log
 * the SDK passes in `--event-log`, as the engine does, so policy events reach `onEvent`.
 *
 * It is placed as `<dir>/bin/pulumi`, the layout of a real install.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface StandIn {
  /** The folder to put on PATH. */
  binDir: string;
  executable: string;
  /** Each call: [working folder, arguments]. */
  calls(): { cwd: string; args: string[] }[];
}

export interface StandInOptions {
  /** What `pulumi version` answers. Up to 3.205.0 the SDK reads events from a file. */
  version?: string;
  /** Exit code of `preview` and `up`. */
  exitCode?: number;
  /** Engine events (one JSON object each) `preview` and `up` write to the event log. */
  events?: object[];
  /** `stack select` answers as the CLI does for a stack the backend does not have. */
  noStack?: boolean;
  /** Put it at `<dir>/<name>` instead of `<dir>/bin/pulumi`. */
  path?: string;
  /** What `stack export` answers (default: an empty state). */
  state?: object;
  /** What `preview` and `up` print on stderr before they exit. */
  stderr?: string;
  /**
   * What `preview` and `up` print on stdout first, piece by piece with a pause between, so that
   * each piece reaches the Automation API as a read of its own, as the CLI's output does.
   */
  stdoutPieces?: string[];
}

const SUMMARY_EVENT = {
  sequence: 0,
  timestamp: 0,
  summaryEvent: { maybeCorrupt: false, durationSeconds: 0, resourceChanges: {}, policyPacks: {} },
};

export function standInPulumi(dir: string, options: StandInOptions = {}): StandIn {
  const executable = options.path ?? join(dir, "bin", "pulumi");
  const binDir = dirname(executable);
  mkdirSync(binDir, { recursive: true });
  const log = join(dir, "pulumi-calls.jsonl");
  const config = {
    log,
    version: options.version ?? "3.200.0",
    exitCode: options.exitCode ?? 0,
    // The engine ends its event stream with a summary; the SDK warns when there is none.
    events: [...(options.events ?? []), SUMMARY_EVENT]
      .map((event) => JSON.stringify(event) + "\n")
      .join(""),
    noStack: options.noStack === true,
    state: JSON.stringify(options.state ?? { version: 3, deployment: {} }),
    stderr: options.stderr ?? "",
    stdoutPieces: options.stdoutPieces ?? [],
  };
  // A Node script run by this very Node, so it needs nothing on PATH.
  const script = `#!${process.execPath}
// Stand-in for the pulumi executable (tests only).
const fs = require("fs");
const config = ${JSON.stringify(config)};
const args = process.argv.slice(2);
fs.appendFileSync(config.log, JSON.stringify({ cwd: process.cwd(), args }) + "\\n");
const [command, sub] = args;
if (command === "version") {
  console.log("v" + config.version);
} else if (command === "stack" && (sub === "output")) {
  console.log("{}");
} else if (command === "stack" && sub === "history") {
  console.log("[]");
} else if (command === "stack" && sub === "export") {
  console.log(config.state);
} else if (command === "stack" && sub === "select" && config.noStack) {
  console.error("error: no stack named '" + args[args.indexOf("--stack") + 1] + "' found");
  process.exit(255);
} else if (command === "preview" || command === "up") {
  const eventLog = args[args.indexOf("--event-log") + 1];
  if (args.includes("--event-log")) fs.appendFileSync(eventLog, config.events);
  const finish = () => {
    console.log("stand-in pulumi " + command + " ran");
    if (config.stderr !== "") process.stderr.write(config.stderr);
    process.exit(config.exitCode);
  };
  const piece = (i) => {
    if (i === config.stdoutPieces.length) return finish();
    process.stdout.write(config.stdoutPieces[i]);
    setTimeout(() => piece(i + 1), 200);
  };
  piece(0);
}
`;
  writeFileSync(executable, script);
  chmodSync(executable, 0o755);
  return {
    binDir,
    executable,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .split("\n")
            .filter((line) => line !== "")
            .map((line) => JSON.parse(line) as { cwd: string; args: string[] })
        : [],
  };
}
