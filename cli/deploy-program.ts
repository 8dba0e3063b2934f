/** The `preview` and `up` commands of the govcloud command line (cli/deploy-command.ts runs them). */
import { resolve } from "node:path";
import type { Command } from "commander";
import { loadEstate } from "../model/estate-loader";
import { runPreview, runUp, type UpOptions } from "./deploy-command";
import { withPolicyOptions } from "./policy-options";

/** The helpers of cli/program.ts every estate command shares. */
export interface EstateCommandHelpers {
  withEstateOptions: (command: Command) => Command;
  estateRoot: (options: { root?: string }) => string;
  checkedToday: (today: string | undefined) => string | undefined;
}

interface CommonFlags {
  root?: string;
  today?: string;
  pulumi?: string;
  policyPack?: string;
  policyConfig?: string;
  diff: boolean;
  refresh: boolean;
  expectNoChanges: boolean;
  policyReport?: string;
  steps?: string;
}

function withDeployOptions(command: Command): Command {
  return withPolicyOptions(
    command
      .argument("<stack>", "a department id, or platform")
      .option(
        "--pulumi <path>",
        "the pulumi executable, or the folder that holds it (default: PATH, then $PULUMI_HOME/bin)",
      ),
  )
    .option("--diff", "show a detailed diff of the changes", false)
    .option("--refresh", "refresh the stack's state from the cloud first", false)
    .option("--expect-no-changes", "fail if the stack would change", false)
    .option(
      "--policy-report <file>",
      "write the offline check's and the engine's policy results to this JSON file, to compare them",
    )
    .option(
      "--steps <file>",
      "write the engine's steps (per resource: create, update, replace, delete or same, and the " +
        "properties that differ) to this JSON file",
    );
}

function deployOptions(flags: CommonFlags, helpers: EstateCommandHelpers): UpOptions {
  const today = helpers.checkedToday(flags.today);
  return {
    ...(flags.pulumi === undefined ? {} : { pulumi: flags.pulumi }),
    ...(flags.policyPack === undefined ? {} : { packDir: flags.policyPack }),
    ...(flags.policyConfig === undefined ? {} : { policyConfig: flags.policyConfig }),
    ...(today === undefined ? {} : { today }),
    diff: flags.diff,
    refresh: flags.refresh,
    expectNoChanges: flags.expectNoChanges,
    ...(flags.policyReport === undefined ? {} : { policyReport: resolve(flags.policyReport) }),
    ...(flags.steps === undefined ? {} : { steps: resolve(flags.steps) }),
  };
}

export function addDeployCommands(program: Command, helpers: EstateCommandHelpers): void {
  helpers
    .withEstateOptions(
      withDeployOptions(
        program
          .command("preview")
          .description(
            "Check the stack offline, then `pulumi preview` it with the policy pack " +
              "(needs the Pulumi CLI and a login).",
          ),
      ),
    )
    .action(async (stack: string, flags: CommonFlags) => {
      const root = helpers.estateRoot(flags);
      const loaded = loadEstate(root, { today: helpers.checkedToday(flags.today) });
      process.exitCode = await runPreview(root, loaded, stack, deployOptions(flags, helpers));
    });
  helpers
    .withEstateOptions(
      withDeployOptions(
        program
          .command("up")
          .description(
            "Check the stack offline and refuse on a mandatory violation, then `pulumi up` it " +
              "with the policy pack (needs the Pulumi CLI and a login).",
          ),
      )
        .option("--yes", "deploy without asking (required without a terminal, as in CI)", false)
        .option("--message <text>", "message for the update, kept in the stack's history")
        .option(
          "--secrets-provider <url>",
          "secrets provider when the stack does not exist yet and is created",
        ),
    )
    .action(
      async (
        stack: string,
        flags: CommonFlags & { yes: boolean; message?: string; secretsProvider?: string },
      ) => {
        const root = helpers.estateRoot(flags);
        const loaded = loadEstate(root, { today: helpers.checkedToday(flags.today) });
        process.exitCode = await runUp(root, loaded, stack, {
          ...deployOptions(flags, helpers),
          yes: flags.yes,
          ...(flags.message === undefined ? {} : { message: flags.message }),
          ...(flags.secretsProvider === undefined
            ? {}
            : { secretsProvider: flags.secretsProvider }),
        });
      },
    );
}
