/**
 * The govcloud command. Exit codes: 0 clean, 1 invalid input (or mandatory violations), 2 usage
 * or internal error. Bad input is always reported as problems, never as a stack trace.
 */
import "../plan/lazy-sdk-modules"; // first: before anything loads @pulumi/pulumi
import { Command, CommanderError, Option } from "commander";
import { PolicyPackProjectError } from "../analyzer/pack-project";
import { PolicyConfigError } from "../analyzer/policy-config";
import { loadEstate } from "../model/estate-loader";
import { calendarError } from "../model/rules/approvals";
import { resolveEstateRoot } from "./estate-root";
import { DEFAULT_CODEOWNERS, runCodeowners } from "./codeowners-command";
import { addDeployCommands } from "./deploy-program";
import { addDriftCommands } from "./drift-program";
import { runCheck } from "./check-command";
import type { FailoverFormat } from "./failover-command";
import { runFailover } from "./failover-command";
import { withPolicyOptions } from "./policy-options";
import { DEFAULT_PLAN_DIR, runPlan } from "./plan-command";
import { addReviewCommands } from "./review-program";
import { UsageError } from "./usage-error";
import { packageVersion } from "./version";
import { runValidate } from "./validate-command";
import { writeStderr, writeStdout } from "./output";

interface EstateOptions {
  root?: string;
  today?: string;
}

function checkedToday(today: string | undefined): string | undefined {
  if (today === undefined) return undefined;
  const wrong = calendarError(today);
  if (wrong !== undefined) {
    throw new UsageError(
      `--today must be a date like 2026-03-01, got "${today}" (${wrong.reason})`,
    );
  }
  return today;
}

function checkedWorkers(workers: string | undefined): number | undefined {
  if (workers === undefined) return undefined;
  const count = Number(workers);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new UsageError(`--workers must be a whole number from 1 to 64, got "${workers}"`);
  }
  return count;
}

function estateRoot(options: EstateOptions): string {
  return resolveEstateRoot(options.root);
}

function withEstateOptions(command: Command): Command {
  return command
    .option("--root <dir>", "folder that holds platform.yaml (default: nearest one upwards)")
    .option("--today <date>", "date to check approval dates against, YYYY-MM-DD (default: today)");
}

function emit(output: { exitCode: number; stdout: string }): void {
  writeStdout(output.stdout);
  process.exitCode = output.exitCode;
}

function buildProgram(): Command {
  const program = new Command("govcloud")
    .description("Infrastructure as code for the city's two-site e-government cloud.")
    .version(packageVersion(), "-V, --version", "print govcloud's version")
    .showHelpAfterError()
    .exitOverride();

  withEstateOptions(
    program
      .command("validate")
      .description(
        "Check platform.yaml and department files: schema, then cross-file rules. " +
          "With no files, checks the whole estate.",
      )
      .argument("[files...]", "department files to check (default: every file in departments/)")
      .addOption(
        new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
      ),
  ).action((files: string[], options: EstateOptions & { format: "text" | "json" }) => {
    emit(runValidate(files, { ...options, today: checkedToday(options.today) }));
  });

  withEstateOptions(
    program
      .command("plan")
      .description(
        "Run the Pulumi program of each stack offline (mock runtime, no cloud) and write " +
          "one JSON plan per stack.",
      )
      .argument("[stacks...]", "department ids (or platform)")
      .option("--all", "every department and the platform", false)
      .option("--out <dir>", `folder for the plans (default: ${DEFAULT_PLAN_DIR}/ in the estate)`),
  ).action(async (stacks: string[], options: EstateOptions & { all: boolean; out?: string }) => {
    const root = estateRoot(options);
    const loaded = loadEstate(root, { today: checkedToday(options.today) });
    emit(await runPlan(root, loaded, stacks, options));
  });
  withEstateOptions(
    withPolicyOptions(
      program
        .command("check")
        .description(
          "Plan each stack offline and run the policy pack on it as `pulumi preview " +
            "--policy-pack` does; print resources, quota use and violations per department and site.",
        )
        .argument("[stacks...]", "department ids (or platform)")
        .option("--all", "every department and the platform", false),
    )
      .option(
        "--isolated",
        "run the pack in its own process over gRPC, exactly as the engine starts it (slower); " +
          "by default it is loaded into the processes that plan, one per core",
        false,
      )
      .option(
        "--workers <count>",
        "processes that plan and check stacks side by side (default: one per core; 1 checks " +
          "in this process)",
      )
      .addOption(
        new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
      ),
  ).action(
    async (
      stacks: string[],
      options: EstateOptions & {
        all: boolean;
        policyPack?: string;
        policyConfig?: string;
        isolated: boolean;
        workers?: string;
        format: "text" | "json";
      },
    ) => {
      const workers = checkedWorkers(options.workers);
      const root = estateRoot(options);
      const today = checkedToday(options.today);
      const loaded = loadEstate(root, { today });
      emit(
        await runCheck(root, loaded, stacks, {
          all: options.all,
          ...(today === undefined ? {} : { today }),
          format: options.format,
          isolated: options.isolated,
          ...(workers === undefined ? {} : { workers }),
          ...(options.policyPack === undefined ? {} : { packDir: options.policyPack }),
          ...(options.policyConfig === undefined ? {} : { policyConfig: options.policyConfig }),
        }),
      );
    },
  );
  withEstateOptions(
    program
      .command("codeowners")
      .description("Write CODEOWNERS from the department owners and platform approvers.")
      .option("--check", "exit 1 when the file is stale instead of writing it", false)
      .option("--out <file>", `file to write (default: ${DEFAULT_CODEOWNERS} in the estate)`),
  ).action((options: EstateOptions & { check: boolean; out?: string }) => {
    const root = estateRoot(options);
    const loaded = loadEstate(root, { today: checkedToday(options.today) });
    emit(runCodeowners(root, loaded, options));
  });
  withEstateOptions(
    program
      .command("failover")
      .description(
        "What losing an active site does, as the tiers promise it: per department what keeps " +
          "running, what starts at the other site and what is down (RTO); what the surviving " +
          "site needs against its hosts under capacity.emergency; what the storage quorum decides.",
      )
      .option("--lose <site>", "the active site that is lost")
      .option("--all", "each active site in turn", false)
      .option(
        "--policy-config <file>",
        "policy config whose site-failover settings (tiers, headroomPercent) apply " +
          "(default: policy-config.json in the estate)",
      )
      .addOption(
        new Option("--format <format>", "output format")
          .choices(["text", "markdown", "json"])
          .default("text"),
      ),
  ).action(
    (
      options: EstateOptions & {
        lose?: string;
        all: boolean;
        policyConfig?: string;
        format: FailoverFormat;
      },
    ) => {
      const root = estateRoot(options);
      const loaded = loadEstate(root, { today: checkedToday(options.today) });
      emit(runFailover(root, loaded, options));
    },
  );
  withEstateOptions(
    program
      .command("policy-config")
      .description(
        "Print the policy pack config that runs the pack away from this estate (a published " +
          "pack): the policy config's settings with the city's facts each policy reads; pass it " +
          "with pulumi --policy-pack-config.",
      )
      .option(
        "--policy-config <file>",
        "policy config whose settings are kept (default: policy-config.json in the estate)",
      )
      .option("--out <file>", "write it to this file instead of standard output"),
  ).action(async (options: EstateOptions & { policyConfig?: string; out?: string }) => {
    const root = estateRoot(options);
    const today = checkedToday(options.today);
    const loaded = loadEstate(root, { today });
    // Loaded only for this command: the policies it reads the schemas of load the policy SDK.
    const { runPolicyConfig } = await import("./policy-config-command");
    emit(
      runPolicyConfig(root, loaded, {
        ...(options.policyConfig === undefined ? {} : { policyConfig: options.policyConfig }),
        ...(options.out === undefined ? {} : { out: options.out }),
        ...(today === undefined ? {} : { today }),
      }),
    );
  });
  addDeployCommands(program, { withEstateOptions, estateRoot, checkedToday });
  addReviewCommands(program, { withEstateOptions, estateRoot, checkedToday, checkedWorkers });
  addDriftCommands(program, { withEstateOptions, estateRoot, checkedToday });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; everything else commander rejects is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    // A policy config or pack project file the check cannot take is the user's input to fix,
    // not a crash.
    if (
      error instanceof UsageError ||
      error instanceof PolicyConfigError ||
      error instanceof PolicyPackProjectError
    ) {
      writeStderr(`govcloud: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeStderr(
      `govcloud: internal error: ${message}\n` +
        (process.env.GOVCLOUD_DEBUG
          ? `${(error as Error).stack ?? ""}\n`
          : "set GOVCLOUD_DEBUG=1 for details\n"),
    );
    process.exitCode = 2;
  }
}
