/**
 * `govcloud check <dept...|--all>`: plans each stack offline and runs the city's policy pack on
 * it the way `pulumi preview --policy-pack policies` does, then prints per department and site
 * the resources, quota use and policy results. Exit 1 on any mandatory violation, crashed policy
 * or stack that could not be planned.
 *
 * Two ways to run the pack, same program, same pack, same report:
 *
 * - default (fast): the pack is loaded into the process that plans (analyzer/in-process.ts). One
 *   stack runs in this process; several are spread over worker processes, one per core
 *   (check/parallel.ts), each planning and analyzing its stacks and sending back only the
 *   report's rows and diagnostics.
 * - `--isolated`: every stack is planned here, then the pack runs out of process over gRPC, one
 *   process for all stacks, exactly as the engine starts it (analyzer/index.ts analyzeStacks).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { failedCheck, stackCheck } from "../check/stack-check";
import { ESTATE_ROOT_VARIABLE, TODAY_VARIABLE } from "../policies/lib/load-facts";
import type { LoadResult } from "../model/estate-loader";
import type { StackCheck } from "../render/check-report";
import {
  formatCheckSummary,
  formatCheckTable,
  formatViolations,
  stackPassed,
} from "../render/check-report";
import { formatProblemText } from "../render/problems";
import { planStacks } from "./plan-command";
import { selectStacks } from "./stack-selection";
import { UsageError } from "./usage-error";

export const DEFAULT_PACK_DIR = "policies";
export const DEFAULT_POLICY_CONFIG = "policy-config.json";

export interface CheckOptions {
  all: boolean;
  packDir?: string;
  policyConfig?: string;
  format: "text" | "json";
  /** YYYY-MM-DD the policies check approval expiry against (default: today). */
  today?: string;
  /** Run the pack out of process, as the engine does (slower; no in-process shortcuts). */
  isolated?: boolean;
  /** Worker processes for the fast path (default: one per core; 0 or 1: this process only). */
  workers?: number;
}

function resolveInRoot(
  root: string,
  cwd: string,
  given: string | undefined,
  fallback: string,
): string {
  return given === undefined ? join(root, fallback) : resolve(cwd, given);
}

/** Plans every stack here, then runs the pack out of process over gRPC, as the engine does. */
async function checkIsolated(
  loaded: LoadResult,
  stacks: string[],
  packDir: string,
  config: { configFile?: string },
): Promise<StackCheck[]> {
  const { plans, failures } = await planStacks(loaded, stacks);
  const { analyzeStacks } = await import("../analyzer");
  const reports = await analyzeStacks(plans, { packDir, ...config, dryRun: true });
  const checks: StackCheck[] = plans.map((plan, i) => stackCheck(loaded, plan, reports[i]));
  for (const failure of failures) checks.push(failedCheck(failure.stack, failure.message));
  return checks;
}

/** The pack in-process: here for one stack, else in one worker process per core. */
async function checkFast(
  root: string,
  loaded: LoadResult,
  stacks: string[],
  options: { packDir: string; today?: string; configFile?: string; workers?: number },
): Promise<StackCheck[]> {
  const { defaultWorkers, checkInWorkers } = await import("../check/parallel");
  const workers = Math.min(options.workers ?? defaultWorkers(), stacks.length);
  if (workers > 1) return checkInWorkers(loaded, stacks, { root, ...options, workers });
  const { InProcessChecker } = await import("../check/in-process-check");
  const checker = new InProcessChecker(loaded, options);
  try {
    const checks: StackCheck[] = [];
    for (const stack of stacks) checks.push(await checker.check(stack));
    return checks;
  } finally {
    await checker.close();
  }
}

export async function runCheck(
  root: string,
  loaded: LoadResult,
  names: string[],
  options: CheckOptions,
  cwd = process.cwd(),
): Promise<{ exitCode: number; stdout: string }> {
  const started = performance.now();
  if (loaded.estate === undefined) {
    return {
      exitCode: 1,
      stdout:
        [
          ...loaded.problems.map(formatProblemText),
          "govcloud check: platform.yaml is not valid",
        ].join("\n") + "\n",
    };
  }
  const stacks = selectStacks(names, options.all, loaded.estate, loaded.files);
  const packDir = resolveInRoot(root, cwd, options.packDir, DEFAULT_PACK_DIR);
  if (!existsSync(join(packDir, "PulumiPolicy.yaml"))) {
    throw new UsageError(`${packDir} is not a policy pack (no PulumiPolicy.yaml)`);
  }
  const configFile = resolveInRoot(root, cwd, options.policyConfig, DEFAULT_POLICY_CONFIG);
  if (options.policyConfig !== undefined && !existsSync(configFile)) {
    throw new UsageError(`policy config ${configFile} does not exist`);
  }

  // The pack reads the city's facts itself when it starts: point it at this estate and date.
  process.env[ESTATE_ROOT_VARIABLE] = root;
  if (options.today !== undefined) process.env[TODAY_VARIABLE] = options.today;
  const config = existsSync(configFile) ? { configFile } : {};
  const checks = options.isolated
    ? await checkIsolated(loaded, stacks, packDir, config)
    : await checkFast(root, loaded, stacks, {
        packDir,
        today: options.today,
        ...config,
        workers: options.workers,
      });
  checks.sort((a, b) => stacks.indexOf(a.stack) - stacks.indexOf(b.stack));
  const exitCode = checks.every(stackPassed) ? 0 : 1;
  const elapsed = performance.now() - started;
  if (options.format === "json") {
    return { exitCode, stdout: JSON.stringify({ passed: exitCode === 0, checks }, null, 2) + "\n" };
  }
  const parts = [formatCheckTable(checks)];
  const violations = formatViolations(checks);
  if (violations !== "") parts.push("", violations);
  parts.push("", formatCheckSummary(checks, elapsed));
  return { exitCode, stdout: parts.join("\n") + "\n" };
}
