/**
 * The one message `govcloud preview` and `govcloud up` print when the Pulumi CLI is missing, too
 * old, or cannot be started: what is missing, how to install it, the version needed, the login
 * step, and what works without it. Exit code 2, like a usage error: nothing was attempted.
 */
import { version as SDK_VERSION } from "@pulumi/pulumi/version";
import { cliFailure } from "./command-error";

/** What the Automation API of the pinned @pulumi/pulumi accepts (its minimumVersion). */
export const SDK_MINIMUM_CLI = "3.2.0";
/** What this project needs: Pulumi.yaml's `packages:` entry (the local libvirt package). */
export const PROJECT_MINIMUM_CLI = "3.147.0";

export const INSTALL_DOCS = "https://www.pulumi.com/docs/iac/download-install/";

export type CliProblem =
  | { kind: "not-found"; lookedIn: string[]; explicit?: string }
  | { kind: "unusable"; command: string; detail: string };

function headline(problem: CliProblem): string {
  if (problem.kind === "unusable") {
    return `the Pulumi CLI at ${problem.command} cannot be used: ${problem.detail}`;
  }
  if (problem.explicit !== undefined) {
    return `the Pulumi CLI is not at ${problem.explicit} (--pulumi names the pulumi executable or the folder that holds it)`;
  }
  const [path, ...folders] = problem.lookedIn;
  const where = [path === "PATH" ? "on PATH" : `in ${path}`, ...folders.map((f) => `in ${f}`)];
  return `the Pulumi CLI is not installed (not found ${where.join(" nor ")})`;
}

export function missingCliMessage(command: string, stack: string, problem: CliProblem): string {
  return (
    [
      `govcloud ${command}: ${headline(problem)}`,
      `    needs:   Pulumi CLI ${PROJECT_MINIMUM_CLI} or later (the Automation API of @pulumi/pulumi ` +
        `${SDK_VERSION} accepts ${SDK_MINIMUM_CLI} and later; the libvirt package in Pulumi.yaml ` +
        `needs ${PROJECT_MINIMUM_CLI})`,
      `    install: curl -fsSL https://get.pulumi.com | sh`,
      `             Windows: winget install pulumi (or choco install pulumi); macOS: brew install pulumi/tap/pulumi`,
      `             every way to install it: ${INSTALL_DOCS}`,
      `    then:    pulumi login <state backend> (see docs/deploying.md), and run govcloud ${command} ${stack} again`,
      `    meanwhile: govcloud check ${stack} plans the stack and runs the policy pack without the CLI`,
    ].join("\n") + "\n"
  );
}

export class CliTooOldError extends Error {
  constructor(
    readonly command: string,
    readonly version: string,
  ) {
    super(`it is version ${version}; this project needs ${PROJECT_MINIMUM_CLI} or later`);
  }
}

/**
 * Whether an Automation API error means the CLI could not run at all: it could not be started (no
 * executable, no permission), or its version check failed (ours, or the SDK's own wording).
 */
export function cliProblemFromError(error: unknown, command: string): CliProblem | undefined {
  if (error instanceof CliTooOldError) {
    return { kind: "unusable", command: error.command, detail: error.message };
  }
  const failure = cliFailure(error);
  if (failure?.startError !== undefined) {
    return { kind: "unusable", command, detail: `it could not be started (${failure.startError})` };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (
    /Minimum version requirement failed|Major version mismatch|Failed to parse Pulumi CLI version/.test(
      message,
    )
  ) {
    return { kind: "unusable", command, detail: message.trim() };
  }
  return undefined;
}
