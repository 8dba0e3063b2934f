#!/usr/bin/env node
/**
 * The govcloud command. Exit codes: 0 clean, 1 invalid input (or violations), 2 usage or internal
 * error. Bad input is always reported as problems, never as a stack trace.
 */
import { Command, CommanderError, Option } from "commander";
import { calendarError } from "../model/rules/approvals";
import { runValidate } from "./validate-command";

function buildProgram(): Command {
  const program = new Command("govcloud")
    .description("Infrastructure as code for the city's two-site e-government cloud.")
    .showHelpAfterError()
    .exitOverride();

  program
    .command("validate")
    .description(
      "Check platform.yaml and department files: schema, then cross-file rules. " +
        "With no files, checks the whole estate.",
    )
    .argument("[files...]", "department files to check (default: every file in departments/)")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .option("--root <dir>", "folder that holds platform.yaml (default: nearest one upwards)")
    .option("--today <date>", "date to check approval dates against, YYYY-MM-DD (default: today)")
    .action(
      (files: string[], options: { format: "text" | "json"; root?: string; today?: string }) => {
        if (options.today !== undefined) {
          const wrong = calendarError(options.today);
          if (wrong !== undefined) {
            throw new UsageError(
              `--today must be a date like 2026-03-01, got "${options.today}" (${wrong.reason})`,
            );
          }
        }
        const output = runValidate(files, options);
        process.stdout.write(output.stdout);
        process.exitCode = output.exitCode;
      },
    );
  return program;
}

class UsageError extends Error {}

export function main(argv: string[]): void {
  try {
    buildProgram().parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; everything else commander rejects is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`govcloud: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `govcloud: internal error: ${message}\n` +
        (process.env.GOVCLOUD_DEBUG
          ? `${(error as Error).stack ?? ""}\n`
          : "set GOVCLOUD_DEBUG=1 for details\n"),
    );
    process.exitCode = 2;
  }
}

if (require.main === module) main(process.argv);
