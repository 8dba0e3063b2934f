/**
 * The offline check `govcloud preview` and `govcloud up` run before they touch the Pulumi CLI:
 * the stack planned under the mock runtime with the same policy pack, reported in the words of
 * `govcloud check`. `up` refuses to deploy a stack that does not pass it.
 */
import { checkStacks } from "../check/check-stacks";
import type { LoadResult } from "../model/estate-loader";
import type { SourcePointer } from "../plan/source-map";
import {
  formatCheckSummary,
  formatCheckTable,
  formatViolations,
  stackPassed,
  type StackCheck,
} from "../render/check-report";

export interface OfflineCheck {
  check: StackCheck;
  passed: boolean;
  /** The report `govcloud check <stack>` prints. */
  text: string;
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
  const parts = [formatCheckTable([check])];
  const violations = formatViolations([check]);
  if (violations !== "") parts.push("", violations);
  parts.push("", formatCheckSummary([check], performance.now() - started));
  const sources = new Map<string, SourcePointer>();
  for (const diagnostic of check.diagnostics) {
    if (diagnostic.source !== undefined) sources.set(diagnostic.urn, diagnostic.source);
  }
  return { check, passed: stackPassed(check), text: parts.join("\n") + "\n", sources };
}
