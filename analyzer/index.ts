/**
 * Runs a CrossGuard policy pack against stack plans the way `pulumi preview --policy-pack <dir>`
 * runs it, without the Pulumi CLI: the harness plays the engine's side of the analyzer protocol.
 *
 *   const report = await analyzeStack(plan, { packDir: "policies" });
 *
 *   const pack = await openPolicyPack({ packDir: "policies", launch: {...} });  // one process
 *   for (const plan of plans) reports.push(await pack.analyze(plan, { configFile }));
 *   await pack.close();
 */
import type { StackPlan } from "../plan/types";
import { PolicyPackSession, type SessionOptions, type StackOptions } from "./session";
import type { AnalysisReport } from "./types";

export { PolicyPackSession, AnalysisError, ENGINE_ADDRESS_PLACEHOLDER } from "./session";
export type { SessionOptions, StackOptions } from "./session";
export { PackStartError } from "./launch";
export {
  PolicyConfigError,
  parsePolicyConfig,
  parsePolicyConfigFile,
  reconcilePolicyConfig,
} from "./policy-config";
export { PolicyPackProjectError } from "./pack-project";
export { RpcError } from "./transport";
export { livePackPids } from "./children";
export type * from "./types";

export interface AnalyzeOptions extends StackOptions, Omit<SessionOptions, "packDir" | "launch"> {
  packDir: string;
}

function launchSettings(plan: StackPlan, options: StackOptions): SessionOptions["launch"] {
  return {
    organization: options.organization ?? "organization",
    project: plan.project,
    stack: plan.stack,
    dryRun: options.dryRun ?? true,
    config: options.stackConfig,
  };
}

/** Starts a pack process for many stacks; close it when done. */
export function openPolicyPack(options: SessionOptions): Promise<PolicyPackSession> {
  return PolicyPackSession.open(options);
}

/** Analyzes one stack in a pack process of its own, started with that stack's environment. */
export async function analyzeStack(
  plan: StackPlan,
  options: AnalyzeOptions,
): Promise<AnalysisReport> {
  const session = await PolicyPackSession.open({
    ...options,
    launch: launchSettings(plan, options),
  });
  try {
    return await session.analyze(plan, options);
  } finally {
    await session.close();
  }
}

export interface AnalyzeManyOptions extends AnalyzeOptions {
  /**
   * Pack processes to spread the stacks over (default 1). A pack runs its policies on one thread,
   * so a second process lets a second core work; stacks are handed out as processes free up.
   */
  processes?: number;
}

/**
 * Analyzes many stacks over one pack process (or a few, see `processes`), each started with the
 * first stack's environment (PULUMI_NODEJS_STACK, PULUMI_CONFIG, ...): a pack that reads
 * pulumi.getStack(), isDryRun() or pulumi.Config sees the first stack's values for every stack.
 * Each stack gets its own ConfigureStack (tags) and Configure (policy config). Reports keep the
 * order of the plans.
 */
export async function analyzeStacks(
  plans: readonly StackPlan[],
  options: AnalyzeManyOptions,
): Promise<AnalysisReport[]> {
  if (plans.length === 0) return [];
  const count = Math.max(1, Math.min(options.processes ?? 1, plans.length));
  const opened = await Promise.allSettled(
    Array.from({ length: count }, () =>
      PolicyPackSession.open({ ...options, launch: launchSettings(plans[0], options) }),
    ),
  );
  const sessions = opened.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
  try {
    const failed = opened.find((o) => o.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const reports = new Array<AnalysisReport>(plans.length);
    let next = 0;
    await Promise.all(
      sessions.map(async (session) => {
        while (next < plans.length) {
          const index = next++;
          reports[index] = await session.analyze(plans[index], options);
        }
      }),
    );
    return reports;
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
}
