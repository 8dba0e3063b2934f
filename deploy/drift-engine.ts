/**
 * The part of `govcloud drift` that runs on the Pulumi CLI: `pulumi refresh --preview-only` of one
 * stack through the Automation API, on the same inline program and workspace as `govcloud up`
 * (deploy/engine.ts), collecting the engine's events. The preview changes nothing: neither the
 * cloud nor the state.
 *
 * The stack is selected, never created: a department that was never deployed has nothing to
 * drift, and creating its stack here would make it look deployed.
 *
 * Loaded lazily by the command, like deploy/engine.ts, so that other commands never load the
 * Automation API.
 */
import { LocalWorkspace, type EngineEvent } from "@pulumi/pulumi/automation";
import { PROJECT_NAME, pulumiCommandFor } from "./engine";
import { CliTooOldError, PROJECT_MINIMUM_CLI } from "./missing-cli";

export interface RefreshSetup {
  stack: string;
  /** The project folder: where Pulumi.yaml is. */
  workDir: string;
  /** The Pulumi executable, as located (deploy/locate-pulumi.ts). */
  pulumi: string;
}

/** The engine events of a preview-only refresh of the stack, in the order they came. */
export async function previewRefresh(setup: RefreshSetup): Promise<EngineEvent[]> {
  const pulumiCommand = await pulumiCommandFor(setup.pulumi);
  const version = pulumiCommand.version;
  if (version !== null && version.compare(PROJECT_MINIMUM_CLI) < 0) {
    throw new CliTooOldError(setup.pulumi, version.toString());
  }
  const { main } = await import("../components/entry");
  const stack = await LocalWorkspace.selectStack(
    {
      stackName: setup.stack,
      projectName: PROJECT_NAME,
      program: async () => main(setup.workDir),
    },
    {
      pulumiCommand,
      workDir: setup.workDir,
      envVars: { PULUMI_SKIP_UPDATE_CHECK: "true" },
    },
  );
  const events: EngineEvent[] = [];
  // The refresh reads each resource from its provider, configured as the state recorded it; the
  // program is not run, so what is compared is the last deployment, not the working tree.
  await stack.previewRefresh({ color: "never", onEvent: (event) => events.push(event) });
  return events;
}
