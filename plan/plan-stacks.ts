/** Plans several stacks one after another in this process (the Pulumi runtime is one per process). */
import type { LoadResult } from "../model/estate-loader";
import type { StackPlan } from "./types";

export interface PlannedStacks {
  plans: StackPlan[];
  /** Stacks that could not be planned, with why (validation problems of their files). */
  failures: { stack: string; message: string }[];
}

export async function planStacks(
  loaded: LoadResult,
  stacks: readonly string[],
): Promise<PlannedStacks> {
  // Loaded on demand: the Pulumi SDK takes a while to load and `validate` does not need it.
  const { planStack } = await import("./run-plan");
  const plans: StackPlan[] = [];
  const failures: PlannedStacks["failures"] = [];
  for (const stack of stacks) {
    try {
      plans.push(await planStack(loaded, stack));
    } catch (error) {
      failures.push({ stack, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { plans, failures };
}
