/**
 * The policy report of `govcloud preview` / `up --policy-report <file>`: the offline check's
 * policy results and the engine's, side by side in one JSON file, so that a pipeline (and the
 * engine test suite) can see whether the two agree for the same stack.
 */
import type { EnginePolicyEvent } from "./policy-events";
import { levelOf } from "./policy-events";
import type { OfflineCheck } from "./offline-check";

export interface PolicyResult {
  policy: string;
  level: string;
  /** The resource, or "" for the stack as a whole. */
  urn: string;
  message: string;
}

export interface PolicyReport {
  stack: string;
  /** Why the offline check could not plan the stack (its problems, with file and line). */
  offlineFailure?: string;
  offline: PolicyResult[];
  engine: PolicyResult[];
}

// The engine marks colours inline as <{%fg 1%}> ... <{%reset%}> when it does not render them.
const COLOR_DIRECTIVE = /<\{%[^%]*%\}>/g;

function byKey(a: PolicyResult, b: PolicyResult): number {
  const left = `${a.policy}\u0000${a.urn}\u0000${a.message}`;
  const right = `${b.policy}\u0000${b.urn}\u0000${b.message}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function policyReport(
  stack: string,
  offline: OfflineCheck,
  events: readonly EnginePolicyEvent[],
): PolicyReport {
  return {
    stack,
    ...(offline.check.failure === undefined ? {} : { offlineFailure: offline.check.failure }),
    offline: offline.check.diagnostics
      .map((d) => ({
        policy: d.policyName,
        level: d.enforcementLevel,
        urn: d.urn,
        // The policy SDK's message: the policy's description, then the violation, as the engine
        // prints it.
        message: d.message.trim(),
      }))
      .sort(byKey),
    engine: events
      .map((e) => ({
        policy: e.policyName,
        level: levelOf(e),
        urn: e.resourceUrn ?? "",
        message: e.message.replace(COLOR_DIRECTIVE, "").trim(),
      }))
      .sort(byKey),
  };
}
