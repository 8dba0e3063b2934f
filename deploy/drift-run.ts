/**
 * `govcloud drift` on the engine: a preview-only refresh of each stack in turn, each outcome
 * turned into its part of the report. A stack not deployed yet, a locked one or a refresh that
 * fails becomes a line of the report, never a stack trace, and the other stacks are still
 * refreshed; only a Pulumi CLI that cannot run at all stops everything (exit 2, as `up` does).
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { cliFailure } from "./command-error";
import type { RefreshSetup } from "./drift-engine";
import { refreshedStack, unrefreshedStack } from "./drift-report";
import type { StackDrift } from "./drift-types";
import { cliProblemFromError, type CliProblem } from "./missing-cli";

export interface DriftTarget {
  stacks: readonly string[];
  /** The project folder (Pulumi.yaml, the estate). */
  root: string;
  /** The located Pulumi executable. */
  pulumi: string;
  /** The platform's site ids, to place each resource at its site. */
  sites: readonly string[];
}

export interface DriftRunDeps {
  refresh: (setup: RefreshSetup) => Promise<EngineEvent[]>;
  /** One line per stack as it starts and ends: a refresh takes a while. */
  progress: (text: string) => void;
}

export type DriftRun = { stacks: StackDrift[] } | { cliProblem: CliProblem };

/** The last lines of the CLI's output: enough to say why, short enough for a report. */
function tail(output: string, lines = 12): string {
  const all = output.trim().split("\n");
  return all.slice(Math.max(0, all.length - lines)).join("\n");
}

function failedStack(stack: string, error: unknown): StackDrift {
  const failure = cliFailure(error);
  if (failure?.kind === "stack-not-found") {
    return unrefreshedStack(
      stack,
      "missing",
      `not deployed: the backend has no stack ${stack} (pulumi whoami -v shows which backend); ` +
        `govcloud up ${stack} creates it on its first deployment`,
    );
  }
  if (failure?.kind === "concurrent-update") {
    return unrefreshedStack(
      stack,
      "failed",
      `another update of ${stack} is running: its state is locked; run govcloud drift ${stack} ` +
        `again when it has finished`,
    );
  }
  if (failure !== undefined) {
    const code =
      failure.exitCode === undefined ? "" : ` (pulumi exited with code ${failure.exitCode})`;
    const output = tail(failure.output);
    return unrefreshedStack(
      stack,
      "failed",
      `the refresh failed${code}${output === "" ? "" : `:\n${output}`}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return unrefreshedStack(stack, "failed", `the refresh failed: ${message}`);
}

export async function runDrift(target: DriftTarget, deps: DriftRunDeps): Promise<DriftRun> {
  const stacks: StackDrift[] = [];
  for (const stack of target.stacks) {
    const started = performance.now();
    deps.progress(`govcloud drift: refreshing ${stack} (preview only: nothing is changed)\n`);
    let result: StackDrift;
    try {
      const events = await deps.refresh({ stack, workDir: target.root, pulumi: target.pulumi });
      result = refreshedStack(stack, events, target.sites);
    } catch (error) {
      const problem = cliProblemFromError(error, target.pulumi);
      if (problem !== undefined) return { cliProblem: problem };
      result = failedStack(stack, error);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    deps.progress(`govcloud drift: ${stack}: ${result.status} in ${seconds} s\n`);
    stacks.push(result);
  }
  return { stacks };
}
