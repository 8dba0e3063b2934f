/**
 * `govcloud plan <dept...|--all> [--out <dir>]`: the offline plan of each stack, one JSON file
 * per stack (format: docs/plan-format.md). No Pulumi CLI and no cloud needed.
 */
import { mkdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { LoadResult } from "../model/estate-loader";
import { planStacks } from "../plan/plan-stacks";
import { invalidPlatformOutput } from "./check-command";
import { selectStacks } from "./stack-selection";
import { writeReportFile } from "./output";

export const DEFAULT_PLAN_DIR = ".plans";

export interface PlanCommandOptions {
  all: boolean;
  out?: string;
}

export async function runPlan(
  root: string,
  loaded: LoadResult,
  names: string[],
  options: PlanCommandOptions,
  cwd = process.cwd(),
): Promise<{ exitCode: number; stdout: string }> {
  if (loaded.estate === undefined) return invalidPlatformOutput("plan", loaded);
  const stacks = selectStacks(
    names,
    options.all,
    loaded.estate,
    loaded.files,
    loaded.missingDepartments,
  );
  const outDir = resolve(cwd, options.out ?? join(root, DEFAULT_PLAN_DIR));
  mkdirSync(outDir, { recursive: true });
  const { plans, failures } = await planStacks(loaded, stacks);
  const lines: string[] = [];
  for (const plan of plans) {
    const file = join(outDir, `${plan.stack}.json`);
    writeReportFile(file, JSON.stringify(plan, null, 2) + "\n");
    lines.push(
      `${plan.stack.padEnd(28)} ${String(plan.resources.length).padStart(6)} resources  ${relative(cwd, file)}`,
    );
  }
  for (const failure of failures) lines.push(`${failure.stack}: not planned\n${failure.message}`);
  const total = plans.reduce((sum, plan) => sum + plan.resources.length, 0);
  lines.push(
    `govcloud plan: ${plans.length} stack${plans.length === 1 ? "" : "s"} planned, ${total} resources` +
      (failures.length > 0 ? `, ${failures.length} not planned` : ""),
  );
  return { exitCode: failures.length > 0 ? 1 : 0, stdout: lines.join("\n") + "\n" };
}
