/**
 * Plans and checks stacks with the policy pack, the way `govcloud check` does, for every command
 * that needs policy results (check, review, up). Two ways to run the pack, same program, same
 * pack, same results:
 *
 * - default (fast): the pack is loaded into the process that plans (analyzer/in-process.ts). One
 *   stack runs in this process; several are spread over worker processes, one per core
 *   (check/parallel.ts), each planning and analyzing its stacks.
 * - isolated: every stack is planned here, then the pack runs out of process over gRPC, one
 *   process for all stacks, exactly as the engine starts it (analyzer/index.ts analyzeStacks).
 */
import type { LoadResult } from "../model/estate-loader";
import { useBundledConfigValidators } from "./bundled-config-validators";
import type { Baseline } from "./changed-resources";
import { changeProperties, changedUrns } from "./changed-resources";
import type { CheckedStack } from "./in-process-check";
import { failedCheck, stackCheck } from "./stack-check";

export interface CheckStacksOptions {
  packDir: string;
  /** The policy config file, when there is one. */
  configFile?: string;
  /** YYYY-MM-DD the policies check approval expiry against (default: today). */
  today?: string;
  /** Run the pack out of process, as the engine does (slower; no in-process shortcuts). */
  isolated?: boolean;
  /** Worker processes for the fast path (default: one per core; 1: this process only). */
  workers?: number;
  /**
   * Plan in a worker process even for one stack, leaving this process's Pulumi SDK untouched:
   * `govcloud preview` and `up` run the real program in this process afterwards.
   */
  separateProcess?: boolean;
  /** Keep each stack's plan with its check. */
  keepPlans?: boolean;
  /**
   * In a review, each stack's base: the pack is told what the head creates or alters
   * (check/changed-resources.ts). A stack without one is judged as it runs.
   */
  baselines?: ReadonlyMap<string, Baseline>;
}

async function checkIsolated(
  loaded: LoadResult,
  stacks: readonly string[],
  options: CheckStacksOptions,
): Promise<CheckedStack[]> {
  const { planStacks } = await import("../plan/plan-stacks");
  const { plans, failures } = await planStacks(loaded, stacks);
  const { analyzeStacks } = await import("../analyzer");
  // URNs name their stack, so one list serves every stack of the run.
  const urns: string[] = [];
  for (const plan of plans) {
    const baseline = options.baselines?.get(plan.stack);
    if (baseline !== undefined) urns.push(...(await changedUrns(baseline, plan)));
  }
  // The pack gets the estate's facts in its config, as from the engine.
  const { estatePackConfig } = await import("./pack-config");
  const reports = await analyzeStacks(plans, {
    packDir: options.packDir,
    ...(loaded.estate === undefined
      ? options.configFile === undefined
        ? {}
        : { configFile: options.configFile }
      : { policyConfig: estatePackConfig(loaded.estate, options.configFile, options.today) }),
    ...(options.baselines === undefined ? {} : { declaredProperties: changeProperties(urns) }),
    dryRun: true,
  });
  const checked: CheckedStack[] = plans.map((plan, i) => {
    const check = stackCheck(loaded, plan, reports[i]);
    return options.keepPlans ? { check, plan } : { check };
  });
  for (const failure of failures)
    checked.push({ check: failedCheck(failure.stack, failure.message) });
  return checked;
}

async function checkFast(
  root: string,
  loaded: LoadResult,
  stacks: readonly string[],
  options: CheckStacksOptions,
): Promise<CheckedStack[]> {
  const { defaultWorkers, checkInWorkers } = await import("./parallel");
  const workers = Math.min(options.workers ?? defaultWorkers(), stacks.length);
  // A process that already holds another pack (the policy SDK keeps one) checks in a worker.
  if (
    workers > 1 ||
    options.separateProcess === true ||
    !(await import("../analyzer/in-process")).canLoadInProcess(options.packDir)
  ) {
    return checkInWorkers(loaded, stacks, { root, ...options, workers: Math.max(1, workers) });
  }
  const { InProcessChecker } = await import("./in-process-check");
  const checker = new InProcessChecker(loaded, options);
  try {
    const checked: CheckedStack[] = [];
    for (const stack of stacks) {
      checked.push(
        await checker.checkStack(stack, options.keepPlans === true, options.baselines?.get(stack)),
      );
    }
    return checked;
  } finally {
    await checker.close();
  }
}

/** Checks the stacks of the estate at `root`; the results come back in the order of `stacks`. */
export async function checkStacks(
  root: string,
  loaded: LoadResult,
  stacks: readonly string[],
  options: CheckStacksOptions,
): Promise<CheckedStack[]> {
  useBundledConfigValidators();
  const checked = options.isolated
    ? await checkIsolated(loaded, stacks, options)
    : await checkFast(root, loaded, stacks, options);
  return checked.sort((a, b) => stacks.indexOf(a.check.stack) - stacks.indexOf(b.check.stack));
}
