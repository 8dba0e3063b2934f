/**
 * The part of `govcloud preview` / `govcloud up` that runs on the Pulumi CLI: open the stack, run
 * the preview or the update with the engine's output streamed, ask before an interactive update,
 * then summarise the policy results the engine reported. Failures of the CLI become one message
 * and an exit code, never a stack trace.
 */
import { hostname } from "node:os";
import { cliFailure } from "./command-error";
import { EngineStepLog, type EngineStep } from "./engine-steps";
import { lineWriter, type LineWriter } from "./line-writer";
import type { EngineStack, RunOptions, StackSetup } from "./engine";
import { cliProblemFromError, missingCliMessage } from "./missing-cli";
import type { OfflineCheck } from "./offline-check";
import { withPackConfigFile } from "./pack-config-file";
import type { EnginePolicyEvent } from "./policy-events";
import { formatPolicyEvents, PolicyEventLog, policyCounts } from "./policy-events";
import { lockedMessage, type HolderAlive, type LockHolder } from "./stack-lock";
import {
  formatUpFailure,
  pendingOperationsText,
  stateOf,
  upFailure,
  UpProgress,
} from "./up-progress";

export interface EngineTarget {
  stack: string;
  /** The project folder (Pulumi.yaml, the estate). */
  root: string;
  /** The located Pulumi executable. */
  pulumi: string;
  /**
   * The pack, and its config: `config` (the settings with the estate's facts, written to a file
   * for the run) over `configFile` (the settings alone).
   */
  policy: { packDir: string; configFile?: string; config?: object };
  offline: OfflineCheck;
  /**
   * The ids of the sites that run OpenStack, to tell per region what a failed update left
   * (default: the sites of the offline check's rows, which a department stack has).
   */
  sites?: readonly string[];
}

export interface EngineRunOptions {
  diff?: boolean;
  refresh?: boolean;
  expectNoChanges?: boolean;
  message?: string;
  secretsProvider?: string;
  /** Preview, then ask before updating (an interactive `up` without --yes). */
  confirmFirst: boolean;
  /** Called once at the end, done or failed, with the policy results the engine reported. */
  onPolicyResults?: (events: readonly EnginePolicyEvent[]) => void;
  /** Called once at the end, done or failed, with the steps of the last preview or update. */
  onSteps?: (operation: "preview" | "up", steps: readonly EngineStep[]) => void;
}

export interface EngineRunDeps {
  openStack: (setup: StackSetup) => Promise<EngineStack>;
  confirm: (question: string) => Promise<boolean>;
  color: "always" | "never";
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether the process that holds the stack's lock still runs (default: asked on this machine). */
  holderAlive?: HolderAlive;
}

/** A holder on this machine runs when a signal 0 reaches its PID; elsewhere it cannot be told. */
function holderAliveHere(holder: LockHolder): boolean | undefined {
  if (holder.host !== hostname()) return undefined;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Where the engine's own output goes while it runs: whole lines to stdout and stderr. */
interface EngineOutput {
  stdout: LineWriter;
  stderr: LineWriter;
}

function engineOutput(deps: EngineRunDeps): EngineOutput {
  return { stdout: lineWriter(deps.stdout), stderr: lineWriter(deps.stderr) };
}

/** Runs the engine, then passes on its last lines, before anything else is written. */
async function streaming(output: EngineOutput, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } finally {
    output.stdout.flush();
    output.stderr.flush();
  }
}

function runOptions(
  target: EngineTarget,
  options: EngineRunOptions,
  deps: EngineRunDeps,
  output: EngineOutput,
  log: PolicyEventLog,
  progress?: UpProgress,
): RunOptions {
  return {
    policyPacks: [target.policy.packDir],
    policyPackConfigs: target.policy.configFile === undefined ? [] : [target.policy.configFile],
    diff: options.diff === true,
    refresh: options.refresh === true,
    expectNoChanges: options.expectNoChanges === true,
    ...(options.message === undefined ? {} : { message: options.message }),
    color: deps.color,
    onOutput: (text) => output.stdout.write(text),
    onError: (text) => output.stderr.write(text),
    onPolicyEvent: (event) => log.add(event),
    ...(progress === undefined ? {} : { onEngineEvent: (event) => progress.add(event) }),
  };
}

function policySummary(operation: string, target: EngineTarget, log: PolicyEventLog): string {
  if (log.events.length === 0) return "";
  return (
    `\npolicy results the engine reported during ${operation} of ${target.stack}:\n` +
    `${formatPolicyEvents(log, target.offline.sources)}\n`
  );
}

/**
 * One message (and the CLI's own error text when it was not streamed) for a failed CLI run; for
 * a failed update, what it left per region (`upSummary`).
 */
async function engineFailure(
  command: string,
  operation: string,
  target: EngineTarget,
  error: unknown,
  streamed: boolean,
  deps: EngineRunDeps,
  upSummary?: (exitCode: number | undefined) => Promise<string>,
): Promise<number> {
  const problem = cliProblemFromError(error, target.pulumi);
  if (problem !== undefined) {
    deps.stderr(missingCliMessage(command, target.stack, problem));
    return 2;
  }
  const failure = cliFailure(error);
  if (failure === undefined) throw error;
  const stack = target.stack;
  if (failure.kind === "stack-not-found") {
    deps.stderr(
      `govcloud ${command}: stack ${stack} does not exist in the backend you are logged in to ` +
        `(pulumi whoami -v shows which); govcloud up ${stack} creates it on its first ` +
        `deployment, or create it with pulumi stack init ${stack}\n`,
    );
    return 1;
  }
  if (failure.kind === "concurrent-update") {
    deps.stderr(lockedMessage(command, stack, failure.output, deps.holderAlive ?? holderAliveHere));
    return 1;
  }
  if (!streamed && failure.output !== "") deps.stderr(`${failure.output}\n`);
  if (upSummary !== undefined && operation === "up") {
    deps.stderr(await upSummary(failure.exitCode));
    return 1;
  }
  const code =
    failure.exitCode === undefined ? "" : ` (pulumi exited with code ${failure.exitCode})`;
  deps.stderr(`govcloud ${command}: ${operation} of ${stack} failed${code}\n`);
  return 1;
}

export async function runOnEngine(
  command: "preview" | "up",
  target: EngineTarget,
  options: EngineRunOptions,
  deps: EngineRunDeps,
): Promise<number> {
  const { config, ...policy } = target.policy;
  if (config === undefined) return runReported(command, target, options, deps);
  return withPackConfigFile(config, (configFile) =>
    runReported(command, { ...target, policy: { ...policy, configFile } }, options, deps),
  );
}

async function runReported(
  command: "preview" | "up",
  target: EngineTarget,
  options: EngineRunOptions,
  deps: EngineRunDeps,
): Promise<number> {
  const logs: PolicyEventLog[] = [];
  const steps: StepLogs = [];
  try {
    return await runLogged(command, target, options, deps, logs, steps);
  } finally {
    options.onPolicyResults?.(logs.length === 0 ? [] : logs[logs.length - 1].events);
    const last = steps[steps.length - 1];
    if (last !== undefined) options.onSteps?.(last.operation, last.log.steps);
  }
}

/** The steps of each preview and update of one run, in order. */
type StepLogs = { operation: "preview" | "up"; log: EngineStepLog }[];

/** A new log of the steps of one preview or update, kept in `steps`. */
function stepLog(steps: StepLogs, operation: "preview" | "up"): EngineStepLog {
  const log = new EngineStepLog();
  steps.push({ operation, log });
  return log;
}

async function runLogged(
  command: "preview" | "up",
  target: EngineTarget,
  options: EngineRunOptions,
  deps: EngineRunDeps,
  logs: PolicyEventLog[],
  steps: StepLogs,
): Promise<number> {
  let streamed = false;
  let log = new PolicyEventLog();
  logs.push(log);
  let operation = command === "preview" || options.confirmFirst ? "preview" : "up";
  const progress = new UpProgress();
  const output = engineOutput(deps);
  let engineStack: EngineStack | undefined;
  try {
    const engine = await deps.openStack({
      stack: target.stack,
      workDir: target.root,
      pulumi: target.pulumi,
      // A new department's first preview (its pull request) and first deployment create its
      // stack: an empty stack, so that the preview shows everything it would create.
      create: true,
      ...(options.secretsProvider === undefined
        ? {}
        : { secretsProvider: options.secretsProvider }),
    });
    engineStack = engine;
    streamed = true;
    if (command === "up") {
      // A create the engine began and never saw end may have made the resource: updating now
      // could make a second one. The operator settles them first, as the message says.
      const { pending } = stateOf(await engine.exportState());
      if (pending.some((op) => op.operation === "creating")) {
        deps.stderr(
          `govcloud up: refusing to update ${target.stack}: ` +
            `${pendingOperationsText(target.stack, pending)}\n`,
        );
        return 1;
      }
    }
    if (operation === "preview") {
      const previewed = stepLog(steps, "preview");
      await streaming(output, () =>
        engine.preview({
          ...runOptions(target, options, deps, output, log),
          onStep: (step) => previewed.add(step),
        }),
      );
      deps.stdout(policySummary("the preview", target, log));
      if (command === "preview") {
        deps.stdout(`govcloud preview: ${target.stack}: previewed, ${policyCounts(log)}\n`);
        return 0;
      }
      if (!(await deps.confirm(`Deploy these changes to ${target.stack}?`))) {
        deps.stdout(`govcloud up: ${target.stack} not deployed: the changes were not confirmed\n`);
        return 1;
      }
      log = new PolicyEventLog();
      logs.push(log);
      operation = "up";
    }
    const updated = stepLog(steps, "up");
    await streaming(output, () =>
      engine.up({
        ...runOptions(target, options, deps, output, log, progress),
        onStep: (step) => updated.add(step),
      }),
    );
    deps.stdout(policySummary("the update", target, log));
    const quotas = createdNetworkQuotas(updated);
    if (quotas.length > 0) {
      // The provider leaves a network quota's fields of 0 out when it creates the quota, so
      // Neutron's defaults stand until an update sends them (docs/engine.md, "Zero quotas"):
      // one update of just those quotas, right away, so that a 0 in the file is a 0 in the cloud.
      deps.stdout(`govcloud up: ${target.stack}: applying the new network quotas' fields of 0\n`);
      await streaming(output, () =>
        engine.up({
          ...runOptions(target, options, deps, output, new PolicyEventLog(), progress),
          target: quotas,
        }),
      );
    }
    deps.stdout(`govcloud up: ${target.stack}: deployed, ${policyCounts(log)}\n`);
    return 0;
  } catch (error) {
    deps.stdout(policySummary(operation === "up" ? "the update" : "the preview", target, log));
    const summary = async (exitCode: number | undefined): Promise<string> => {
      let state: ReturnType<typeof stateOf> | undefined;
      try {
        state = engineStack === undefined ? undefined : stateOf(await engineStack.exportState());
      } catch {
        state = undefined; // the summary then says what the events say, without the state
      }
      const planned = new Map(target.offline.check.sites.map((row) => [row.site, row.resources]));
      // A department's sites are the offline check's rows; the platform's come from the caller.
      const sites = target.sites ?? [...planned.keys()];
      const failure = upFailure(target.stack, sites, progress, planned, state);
      return formatUpFailure(failure, exitCode);
    };
    return engineFailure(command, operation, target, error, streamed, deps, summary);
  }
}

/** The network quota resource, whose create leaves fields of 0 out (see runLogged). */
export const NETWORK_QUOTA_TYPE = "openstack:networking/quotaV2:QuotaV2";

/** The network quotas an update created: they need a second update for their fields of 0. */
export function createdNetworkQuotas(log: EngineStepLog): string[] {
  return log.steps
    .filter((step) => step.op === "create" && step.type === NETWORK_QUOTA_TYPE)
    .map((step) => step.urn);
}
