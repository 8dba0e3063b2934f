/** The `drift` and `drift-issues` commands of the govcloud command line. */
import { type Command, Option } from "commander";
import { loadEstate } from "../model/estate-loader";
import type { EstateCommandHelpers } from "./deploy-program";
import { DRIFT_FORMATS, type DriftFormat } from "./drift-formats";
import { writeStderr, writeStdout } from "./output";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function addDriftCommands(program: Command, helpers: EstateCommandHelpers): void {
  helpers
    .withEstateOptions(
      program
        .command("drift")
        .description(
          "Refresh each stack in preview (pulumi refresh --preview-only: nothing is changed) and " +
            "report per department and site what differs in the cloud from the last deployment, " +
            "and what govcloud up does about it (needs the Pulumi CLI and a login).",
        )
        .argument("[stacks...]", "department ids (or platform)")
        .option("--all", "every department and the platform", false)
        .addOption(
          new Option(
            "--format <format>",
            "format of standard output, or of a single --out (default: text)",
          ).choices([...DRIFT_FORMATS]),
        )
        .option(
          "--out <file>",
          "write the report to a file, the format from its extension (.md, .json, .txt); " +
            "repeat for several formats from one run",
          collect,
          [],
        )
        .option(
          "--pulumi <path>",
          "the pulumi executable, or the folder that holds it (default: PATH, then $PULUMI_HOME/bin)",
        ),
    )
    .action(
      async (
        stacks: string[],
        flags: {
          root?: string;
          today?: string;
          all: boolean;
          format?: DriftFormat;
          out: string[];
          pulumi?: string;
        },
      ) => {
        const root = helpers.estateRoot(flags);
        const loaded = loadEstate(root, { today: helpers.checkedToday(flags.today) });
        // Loaded here: other commands start without the drift modules.
        const { runDriftCommand } = await import("./drift-command");
        const output = await runDriftCommand(root, loaded, stacks, {
          all: flags.all,
          ...(flags.format === undefined ? {} : { format: flags.format }),
          out: flags.out,
          ...(flags.pulumi === undefined ? {} : { pulumi: flags.pulumi }),
        });
        writeStdout(output.stdout);
        process.exitCode = output.exitCode;
      },
    );

  program
    .command("drift-issues")
    .description(
      "Keep one issue per drifted stack in step with a drift report (govcloud drift --out " +
        "drift.json): open it, update it while the drift lasts, close it when it is gone. The " +
        "API address, project and token come from the CI environment (docs/drift.md).",
    )
    .addOption(
      new Option("--provider <provider>", "the code host")
        .choices(["github", "gitlab"])
        .makeOptionMandatory(),
    )
    .option("--report <file>", "the JSON drift report", "drift.json")
    .option(
      "--dry-run",
      "list the open drift issues and say what would change, change nothing",
      false,
    )
    .action(async (flags: { provider: "github" | "gitlab"; report: string; dryRun: boolean }) => {
      const { runDriftIssues } = await import("./drift-issues-command");
      const output = await runDriftIssues(flags);
      writeStdout(output.stdout);
      writeStderr(output.stderr);
      process.exitCode = output.exitCode;
    });
}
