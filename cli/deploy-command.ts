/**
 * `govcloud preview <stack>` and `govcloud up <stack>`: the offline check, then the Pulumi CLI
 * through the Automation API on the project's own program with the city's policy pack.
 *
 * Order, so that nothing is half done: usage (stack name, --yes without a terminal), then whether
 * the CLI is there at all, then the offline check (`up` stops here on a mandatory violation, a
 * crashed policy or a stack that cannot be planned), and only then the CLI. Exit codes: 0 done,
 * 1 refused or failed, 2 usage or no usable Pulumi CLI.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { confirmOnTerminal } from "../deploy/confirm";
import type { EngineStack, StackSetup } from "../deploy/engine";
import { runOnEngine } from "../deploy/engine-run";
import { locatePulumiHere, type PulumiLocation } from "../deploy/locate-pulumi";
import { missingCliMessage } from "../deploy/missing-cli";

import { offlineCheck, type OfflineCheck } from "../deploy/offline-check";
import { missingStackSettings } from "../deploy/stack-settings";
import { activeSites } from "../model/catalog";
import type { LoadResult } from "../model/estate-loader";
import { mandatoryCount } from "../check/stack-result";
import { formatStackReport } from "../render/check-report";
import { invalidPlatformOutput, policySetup } from "./check-command";
import { loopbackRefusal } from "./loopback-check";
import { selectStacks } from "./stack-selection";
import { UsageError } from "./usage-error";
import { writeReportFile, writeStderr, writeStdout } from "./output";
import { policyReport } from "../deploy/policy-report";
import { stepsReport } from "../deploy/engine-steps";

export interface DeployOptions {
  /** The Pulumi executable or the folder that holds it (default: PATH, then $PULUMI_HOME/bin). */
  pulumi?: string;
  packDir?: string;
  policyConfig?: string;
  /** YYYY-MM-DD the offline check's policies check approval expiry against (default: today). */
  today?: string;
  diff?: boolean;
  refresh?: boolean;
  expectNoChanges?: boolean;
  /** Write the offline check's and the engine's policy results to this JSON file. */
  policyReport?: string;
  /** Write the engine's steps, resource by resource, to this JSON file. */
  steps?: string;
}

export interface UpOptions extends DeployOptions {
  /** Deploy without asking: required when there is no terminal to ask on (CI). */
  yes?: boolean;
  message?: string;
  /** Secrets provider for a stack that does not exist yet and gets created. */
  secretsProvider?: string;
}

/** What the commands reach outside themselves through; tests replace parts of it. */
export interface DeployDeps {
  cwd: string;
  locate: (explicit: string | undefined) => PulumiLocation;
  openStack: (setup: StackSetup) => Promise<EngineStack>;
  /** Whether there is a terminal to ask for confirmation on (stdin and stdout). */
  interactive: boolean;
  confirm: (question: string) => Promise<boolean>;
  color: "always" | "never";
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function defaultDeployDeps(): DeployDeps {
  return {
    cwd: process.cwd(),
    locate: locatePulumiHere,
    // Loaded only when a stack is deployed: the Automation API is not needed before.
    openStack: async (setup) => (await import("../deploy/engine")).openStack(setup),
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    confirm: confirmOnTerminal,
    color: process.stdout.isTTY === true ? "always" : "never",
    stdout: (text) => writeStdout(text),
    stderr: (text) => writeStderr(text),
  };
}

function requireProjectFolder(root: string): void {
  if (!existsSync(join(root, "Pulumi.yaml"))) {
    throw new UsageError(
      `no Pulumi.yaml in ${root}: preview and up run the project's Pulumi program, which reads ` +
        `the estate from its own folder; run in the project folder or pass --root <project folder>`,
    );
  }
}

function refusal(stack: string, offline: OfflineCheck): string {
  const reasons: string[] = [];
  if (offline.check.failure !== undefined) reasons.push("the stack could not be planned");
  if (offline.check.crashes.length > 0) reasons.push("a policy crashed");
  const mandatory = mandatoryCount(offline.check);
  if (mandatory > 0) {
    reasons.push(`${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}`);
  }
  return (
    `govcloud up: refusing to deploy ${stack}: ${reasons.join(", ")} (listed above with the ` +
    `file and line). Fix them and run govcloud up ${stack} again; nothing was sent to Pulumi.\n`
  );
}

async function deploy(
  command: "preview" | "up",
  root: string,
  loaded: LoadResult,
  name: string,
  options: UpOptions,
  deps: DeployDeps,
): Promise<number> {
  if (loaded.estate === undefined) {
    deps.stdout(invalidPlatformOutput(command, loaded).stdout);
    return 1;
  }
  // A department whose file is gone without a decommission is still a stack: the offline check
  // refuses it with department-file-missing and the decommission steps, not as an unknown name.
  const [stack] = selectStacks(
    [name],
    false,
    loaded.estate,
    loaded.files,
    loaded.missingDepartments,
  );
  const policy = policySetup(root, deps.cwd, options);
  requireProjectFolder(root);
  const missingSettings = missingStackSettings(root, stack);
  if (missingSettings !== undefined) throw new UsageError(missingSettings);
  if (command === "up" && options.yes !== true && !deps.interactive) {
    throw new UsageError(
      `up ${stack} needs --yes when there is no terminal to confirm on (CI): ` +
        `run govcloud up ${stack} --yes, or run it in a terminal to review the preview first`,
    );
  }
  const location = deps.locate(options.pulumi);
  if (!location.found) {
    deps.stderr(missingCliMessage(command, stack, { kind: "not-found", ...location }));
    return 2;
  }
  const foreign = await loopbackRefusal(command, stack, root, loaded.estate.platform);
  if (foreign !== undefined) {
    deps.stderr(foreign);
    return 1;
  }
  const offline = await offlineCheck(root, loaded, stack, {
    ...policy,
    ...(options.today === undefined ? {} : { today: options.today }),
  });
  deps.stdout(formatStackReport(offline.check, offline.elapsedMs));
  if (!offline.passed) {
    if (command === "up") {
      deps.stdout(refusal(stack, offline));
      return 1;
    }
    deps.stdout(
      `govcloud preview: continuing: the engine runs the same policy pack and reports these too\n`,
    );
  }
  // Loaded only now: the policies it reads the schemas of load the policy SDK.
  const { estatePackConfig } = await import("../check/pack-config");
  const reportFile = options.policyReport;
  const stepsFile = options.steps;
  return runOnEngine(
    command,
    {
      stack,
      root,
      pulumi: location.command,
      // The engine's pack is given this estate's facts, as the offline check's was.
      policy: {
        packDir: policy.packDir,
        config: estatePackConfig(loaded.estate, policy.configFile, options.today),
      },
      offline,
      sites: activeSites(loaded.estate.platform).map((site) => site.id),
    },
    {
      ...options,
      confirmFirst: command === "up" && options.yes !== true,
      ...(reportFile === undefined
        ? {}
        : {
            onPolicyResults: (events) =>
              writeReportFile(
                reportFile,
                JSON.stringify(policyReport(stack, offline, events), null, 2) + "\n",
              ),
          }),
      ...(stepsFile === undefined
        ? {}
        : {
            onSteps: (operation, steps) =>
              writeReportFile(
                stepsFile,
                JSON.stringify(stepsReport(stack, operation, steps), null, 2) + "\n",
              ),
          }),
    },
    deps,
  );
}

export async function runPreview(
  root: string,
  loaded: LoadResult,
  stack: string,
  options: DeployOptions,
  deps: DeployDeps = defaultDeployDeps(),
): Promise<number> {
  return deploy("preview", root, loaded, stack, options, deps);
}

export async function runUp(
  root: string,
  loaded: LoadResult,
  stack: string,
  options: UpOptions,
  deps: DeployDeps = defaultDeployDeps(),
): Promise<number> {
  return deploy("up", root, loaded, stack, options, deps);
}
