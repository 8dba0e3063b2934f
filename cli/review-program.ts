/** The `review` and `changed` commands of the govcloud command line. */
import { type Command, Option } from "commander";
import type { EstateCommandHelpers } from "./deploy-program";
import { runApprovals } from "./approvals-command";
import { withPolicyOptions } from "./policy-options";
import { REVIEW_FORMATS, type ReviewFormat } from "./review-formats";
import { UsageError } from "./usage-error";
import { writeStderr, writeStdout } from "./output";

interface ReviewHelpers extends EstateCommandHelpers {
  checkedWorkers: (workers: string | undefined) => number | undefined;
}

function checkedMaxChars(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 2000) {
    throw new UsageError(`--max-chars must be a whole number of at least 2000, got "${value}"`);
  }
  return count;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function addReviewCommands(program: Command, helpers: ReviewHelpers): void {
  program
    .command("approvals")
    .description(
      "Exit 1 until the approvers a review names (platform team, department approvers) have " +
        "approved the pull or merge request, read from the GitHub or GitLab API (docs/approvals.md).",
    )
    .requiredOption("--review <file>", "the review as JSON (govcloud review --out review.json)")
    .addOption(
      new Option("--host <host>", "code host (default: from GITHUB_ACTIONS or GITLAB_CI)").choices([
        "github",
        "gitlab",
      ]),
    )
    .option("--number <n>", "pull or merge request number (default: from the CI environment)")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .action(
      async (options: {
        review: string;
        host?: string;
        number?: string;
        format: "text" | "json";
      }) => {
        const result = await runApprovals(options);
        writeStdout(result.stdout);
        process.exitCode = result.exitCode;
      },
    );
  helpers
    .withEstateOptions(
      withPolicyOptions(
        program
          .command("review")
          .description(
            "Plan the stacks a change touches at the base and at the head, and report per " +
              "department and site what will be created, updated, replaced and deleted, quota " +
              "use before and after, the policy results and the approvals needed.",
          )
          .requiredOption("--base <ref>", "git revision to compare with (a branch, tag or commit)")
          .option("--head <ref>", "git revision of the change (default: the working tree)")
          .addOption(
            new Option(
              "--format <format>",
              "format of standard output, or of a single --out (default: markdown)",
            ).choices([...REVIEW_FORMATS]),
          )
          .option(
            "--out <file>",
            "write the report to a file, the format from its extension (.md, .json, .sarif, " +
              ".xml for JUnit); repeat for several formats from one run",
            collect,
            [],
          )
          .option(
            "--max-chars <count>",
            "longest Markdown comment; a longer review is shortened and the full one kept in " +
              "<out>.full.md (default: 60000, under GitHub's 65,536)",
          ),
      )
        .option("--isolated", "run the pack out of process, exactly as the engine does", false)
        .option("--workers <count>", "processes that check the head's stacks side by side"),
    )
    .action(
      async (options: {
        root?: string;
        today?: string;
        base: string;
        head?: string;
        format?: ReviewFormat;
        out: string[];
        maxChars?: string;
        policyPack?: string;
        policyConfig?: string;
        isolated: boolean;
        workers?: string;
      }) => {
        const today = helpers.checkedToday(options.today);
        const workers = helpers.checkedWorkers(options.workers);
        const maxChars = checkedMaxChars(options.maxChars);
        // Loaded here: every other command starts without the review's modules.
        const { runReviewCommand } = await import("./review-command");
        const output = await runReviewCommand(helpers.estateRoot(options), {
          base: options.base,
          ...(options.head === undefined ? {} : { head: options.head }),
          ...(options.format === undefined ? {} : { format: options.format }),
          out: options.out,
          ...(maxChars === undefined ? {} : { maxChars }),
          ...(today === undefined ? {} : { today }),
          ...(options.policyPack === undefined ? {} : { packDir: options.policyPack }),
          ...(options.policyConfig === undefined ? {} : { policyConfig: options.policyConfig }),
          ...(workers === undefined ? {} : { workers }),
          isolated: options.isolated,
        });
        writeStdout(output.stdout);
        process.exitCode = output.exitCode;
      },
    );

  helpers
    .withEstateOptions(
      program
        .command("changed")
        .description(
          "List the stacks a change touches, from git alone (nothing is planned): the " +
            "platform first, then departments. The merge pipeline deploys these. Fails when a " +
            "department file is gone without a decommission.",
        )
        .requiredOption("--base <ref>", "git revision to compare with")
        .option("--head <ref>", "git revision of the change (default: the working tree)")
        .addOption(
          new Option("--format <format>", "output format")
            .choices(["text", "json"])
            .default("text"),
        ),
    )
    .action(
      async (options: { root?: string; base: string; head?: string; format: "text" | "json" }) => {
        const { changedStacks } = await import("../review/changed-stacks");
        const { ReviewInputError } = await import("../review/git");
        let result;
        try {
          result = changedStacks({
            estateRoot: helpers.estateRoot(options),
            base: options.base,
            ...(options.head === undefined ? {} : { head: options.head }),
          });
        } catch (error) {
          if (error instanceof ReviewInputError) throw new UsageError(error.message);
          throw error;
        }
        writeStdout(
          options.format === "json"
            ? JSON.stringify(result, null, 2) + "\n"
            : result.stacks.map((stack) => `${stack}\n`).join(""),
        );
        const missing = new Set(result.missingDepartments.map((entry) => entry.stack));
        const removed = result.removed.filter((stack) => !missing.has(stack));
        if (options.format === "text" && removed.length > 0) {
          writeStderr(
            `govcloud changed: gone on the head, nothing to deploy: ${removed.join(", ")}\n`,
          );
        }
        if (result.missingDepartments.length > 0) {
          // The merge pipeline deploys what this lists: it must stop rather than deploy around
          // a department left running with nothing managing it.
          writeStderr(
            result.missingDepartments
              .map((entry) => `govcloud changed: error: ${entry.message}\n    fix: ${entry.fix}\n`)
              .join(""),
          );
          process.exitCode = 1;
        }
      },
    );
}
