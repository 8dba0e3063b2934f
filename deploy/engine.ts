/**
 * The only place that drives the Pulumi CLI, through the Automation API: the project's program run
 * inline in this process (the project folder's Pulumi.yaml and stack settings, the same
 * components/entry.ts `pulumi up` runs), one stack, the policy pack passed as `--policy-pack` /
 * `--policy-pack-config`, the engine's output streamed as it comes. Inline, the engine talks to
 * this process for the program, so no Node.js language host plugin is needed.
 *
 * Loaded lazily by the commands, so that commands that never deploy do not load the SDK's
 * Automation API.
 */
import { basename, delimiter, dirname } from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { CliTooOldError, PROJECT_MINIMUM_CLI } from "./missing-cli";
import type { StepMetadata } from "./engine-steps";
import type { EnginePolicyEvent } from "./policy-events";
import type { UpEvent } from "./up-progress";

/** The project name in Pulumi.yaml; the inline program runs under it. */
export const PROJECT_NAME = "govcloud";

export interface StackSetup {
  stack: string;
  /** The project folder: where Pulumi.yaml is. */
  workDir: string;
  /** The Pulumi executable, as located (deploy/locate-pulumi.ts). */
  pulumi: string;
  /** Create the stack when the backend does not have it yet (a department's first deployment). */
  create: boolean;
  /** For a stack that gets created: its secrets provider (`--secrets-provider` of stack init). */
  secretsProvider?: string;
}

export interface RunOptions {
  policyPacks: string[];
  policyPackConfigs: string[];
  diff: boolean;
  refresh: boolean;
  expectNoChanges: boolean;
  message?: string;
  color: "always" | "never";
  onOutput: (text: string) => void;
  onError: (text: string) => void;
  onPolicyEvent: (event: EnginePolicyEvent) => void;
  /** Every engine event (steps, diagnostics), for the summary of a failed update. */
  onEngineEvent?: (event: UpEvent) => void;
  /** Each step the engine reports before it carries it out (or plans it, in a preview). */
  onStep?: (step: StepMetadata) => void;
  /** Only these resources (URNs) and what they depend on: `pulumi up --target`. */
  target?: string[];
}

export interface EngineStack {
  preview(options: RunOptions): Promise<void>;
  up(options: RunOptions): Promise<void>;
  /** `pulumi stack export`: the stack's state as the backend holds it. */
  exportState(): Promise<unknown>;
}

/**
 * The SDK runs `pulumi` from PATH, or `<root>/bin/pulumi` when given an install root (the layout
 * of the install script and of the packages). A CLI found anywhere else (--pulumi) is put first
 * on PATH instead, which also lets the engine find the plugins bundled next to it.
 */
export async function pulumiCommandFor(executable: string): Promise<PulumiCommand> {
  const dir = dirname(executable);
  if (basename(executable) === "pulumi" && basename(dir) === "bin") {
    return PulumiCommand.get({ root: dirname(dir) });
  }
  const path = process.env.PATH ?? "";
  if (path.split(delimiter)[0] !== dir) process.env.PATH = `${dir}${delimiter}${path}`;
  return PulumiCommand.get();
}

function runArgs(options: RunOptions) {
  return {
    policyPacks: options.policyPacks,
    policyPackConfigs: options.policyPackConfigs,
    diff: options.diff,
    refresh: options.refresh,
    expectNoChanges: options.expectNoChanges,
    ...(options.message === undefined ? {} : { message: options.message }),
    ...(options.target === undefined ? {} : { target: options.target }),
    color: options.color,
    onOutput: options.onOutput,
    onError: options.onError,
    onEvent: (event: { policyEvent?: EnginePolicyEvent } & UpEvent) => {
      if (event.policyEvent !== undefined) options.onPolicyEvent(event.policyEvent);
      const step = event.resourcePreEvent?.metadata as StepMetadata | undefined;
      if (step !== undefined) options.onStep?.(step);
      options.onEngineEvent?.(event);
    },
  };
}

export async function openStack(setup: StackSetup): Promise<EngineStack> {
  // The SDK checks the version against its own minimum; this project needs a later one.
  const pulumiCommand = await pulumiCommandFor(setup.pulumi);
  const version = pulumiCommand.version;
  if (version !== null && version.compare(PROJECT_MINIMUM_CLI) < 0) {
    throw new CliTooOldError(setup.pulumi, version.toString());
  }
  const workspaceOptions = {
    pulumiCommand,
    // The project's Pulumi.yaml and stacks/ are read from here; nothing is written to it.
    workDir: setup.workDir,
    envVars: { PULUMI_SKIP_UPDATE_CHECK: "true" },
    ...(setup.secretsProvider === undefined ? {} : { secretsProvider: setup.secretsProvider }),
  };
  const { main } = await import("../components/entry");
  const args = {
    stackName: setup.stack,
    projectName: PROJECT_NAME,
    program: async () => main(setup.workDir),
  };
  const stack: Stack = setup.create
    ? await LocalWorkspace.createOrSelectStack(args, workspaceOptions)
    : await LocalWorkspace.selectStack(args, workspaceOptions);
  return {
    async preview(options) {
      await stack.preview(runArgs(options));
    },
    async up(options) {
      await stack.up(runArgs(options));
    },
    async exportState() {
      return stack.exportStack();
    },
  };
}
