/**
 * What a failed Pulumi CLI run reported, read from the Automation API's error without importing
 * the SDK: its error classes are told apart by name, and the message is the SDK's
 * "code: <n>\n stdout: ...\n stderr: ...\n err?: ..." text.
 */
export type CliFailureKind = "stack-not-found" | "concurrent-update" | "failed";

export interface CliFailure {
  kind: CliFailureKind;
  exitCode?: number;
  stderr: string;
}

const KINDS: Record<string, CliFailureKind> = {
  StackNotFoundError: "stack-not-found",
  ConcurrentUpdateError: "concurrent-update",
  CommandError: "failed",
};

export function cliFailure(error: unknown): CliFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const kind = KINDS[error.name];
  if (kind === undefined) return undefined;
  const code = /^code: (-?\d+)/.exec(error.message);
  const stderr = /\n stderr: ([\s\S]*?)\n err\?: /.exec(error.message);
  return {
    kind,
    ...(code === null ? {} : { exitCode: Number(code[1]) }),
    stderr: stderr === null ? "" : stderr[1].trim(),
  };
}
