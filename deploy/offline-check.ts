/**
 * The offline check `govcloud preview` and `govcloud up` run before they touch the Pulumi CLI:
 * the stack planned under the mock runtime with the same policy pack, reported in the words of
 * `govcloud check` (render/check-report.ts formatStackReport). `up` refuses to deploy a stack
 * that does not pass it.
 */
import { checkStacks } from "../check/check-stacks";
import type { LoadResult } from "../model/estate-loader";
import type { SourcePointer } from "../plan/source-map";
import { stackPassed, type StackCheck } from "../check/stack-result";

export interface OfflineCheck {
  check: StackCheck;
  passed: boolean;
  /** How long the check took (render/check-report.ts formatStackReport shows it). */
  elapsedMs: number;
  /** Where each resource the check found a violation on comes from, by URN. */
  sources: Map<string, SourcePointer>;
}

export async function offlineCheck(
  root: string,
  loaded: LoadResult,
  stack: string,
  policy: { packDir: string; configFile?: string; today?: string },
): Promise<OfflineCheck> {
  const started = performance.now();
  // In a worker: the plan runs under the SDK's mocks, and this process runs the real program next.
  const [{ check }] = await checkStacks(root, loaded, [stack], {
    ...policy,
    workers: 1,
    separateProcess: true,
  });
  const elapsedMs = performance.now() - started;
  const sources = new Map<string, SourcePointer>();
  for (const diagnostic of check.diagnostics) {
    if (diagnostic.source !== undefined) sources.set(diagnostic.urn, diagnostic.source);
  }
  return { check, passed: stackPassed(check), elapsedMs, sources };
}
