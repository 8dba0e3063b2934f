/**
 * What a failed Pulumi CLI run reported, read from the Automation API's error without importing
 * the SDK: its error classes are told apart by name. The SDK wraps every failed run the same
 * way: "code: -2\n stdout: \n stderr: <process error>\n err?: ...", where the process error is
 * "Command failed with exit code <n>: <command line>\n<the CLI's output>" or, when the CLI could
 * not be started, "Command failed with ENOENT: ...".
 */
export type CliFailureKind = "stack-not-found" | "concurrent-update" | "failed";

export interface CliFailure {
  kind: CliFailureKind;
  /** The CLI's exit code, when it ran and exited. */
  exitCode?: number;
  /** Why it could not be started (ENOENT, EACCES ...), when it could not. */
  startError?: string;
  /** What the CLI printed. */
  output: string;
}

const KINDS: Record<string, CliFailureKind> = {
  StackNotFoundError: "stack-not-found",
  ConcurrentUpdateError: "concurrent-update",
  CommandError: "failed",
};

function processError(message: string): string {
  const section = /\n stderr: ([\s\S]*?)\n err\?: /.exec(message);
  return section === null ? message : section[1];
}

export function cliFailure(error: unknown): CliFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const kind = KINDS[error.name];
  if (kind === undefined) return undefined;
  const text = processError(error.message);
  const newline = text.indexOf("\n");
  const output = newline < 0 ? "" : text.slice(newline + 1).trim();
  const exited = /^Command failed with exit code (\d+):/.exec(text);
  if (exited !== null) return { kind, exitCode: Number(exited[1]), output };
  const notStarted = /^Command failed with ([A-Z]+):/.exec(text);
  if (notStarted !== null) return { kind, startError: notStarted[1], output };
  return { kind, output: text.trim() };
}
