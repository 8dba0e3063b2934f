/**
 * The policy results the engine reports while it previews or updates a stack (`policyEvent` in
 * the engine's event stream), collected and summarised once the run is over: the engine prints
 * them in the middle of its resource output, where they are easy to miss.
 */
import type { SourcePointer } from "../plan/source-map";

/**
 * The fields of the engine's policy event this summary uses. The SDK types `enforcementLevel` as
 * "warning" | "mandatory", but the engine sends the level as it is ("remediate", and "advisory"
 * from older engines), so it is read as a string.
 */
export interface EnginePolicyEvent {
  resourceUrn?: string;
  message: string;
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  enforcementLevel: string;
}

export type PolicyLevel = "mandatory" | "advisory" | "remediated" | "other";

export function levelOf(event: EnginePolicyEvent): PolicyLevel {
  switch (event.enforcementLevel) {
    case "mandatory":
      return "mandatory";
    case "warning":
    case "advisory":
      return "advisory";
    case "remediate":
      return "remediated";
    default:
      return "other";
  }
}

/** Collects events, once each: a stack-level event can come from both analysis phases. */
export class PolicyEventLog {
  private readonly seen = new Set<string>();
  readonly events: EnginePolicyEvent[] = [];

  add(event: EnginePolicyEvent): void {
    const key = [event.policyName, event.resourceUrn ?? "", event.message].join("\u0000");
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.events.push(event);
  }

  count(level: PolicyLevel): number {
    return this.events.filter((event) => levelOf(event) === level).length;
  }
}

// The engine marks colours inline as <{%fg 1%}> ... <{%reset%}> when it does not render them.
const COLOR_DIRECTIVE = /<\{%[^%]*%\}>/g;

function where(event: EnginePolicyEvent, sources: ReadonlyMap<string, SourcePointer>): string {
  const urn = event.resourceUrn;
  if (urn === undefined || urn === "") return "stack";
  const source = sources.get(urn);
  if (source === undefined) return urn;
  const position =
    source.line === undefined ? source.file : `${source.file}:${source.line}:${source.column ?? 1}`;
  return `${position}${source.path ? ` (${source.path})` : ""}`;
}

function resourceName(urn: string | undefined): string {
  return urn === undefined ? "" : ` ${urn.slice(urn.lastIndexOf("::") + 2)}`;
}

const ORDER: PolicyLevel[] = ["mandatory", "remediated", "advisory", "other"];

/**
 * Every event, mandatory first, in the form `govcloud check` prints violations; `sources` maps a
 * resource URN to the place in the department file it comes from (from the offline check).
 */
export function formatPolicyEvents(
  log: PolicyEventLog,
  sources: ReadonlyMap<string, SourcePointer>,
): string {
  const ordered = [...log.events].sort(
    (a, b) => ORDER.indexOf(levelOf(a)) - ORDER.indexOf(levelOf(b)),
  );
  return ordered
    .map((event) => {
      const message = event.message.replace(COLOR_DIRECTIVE, "").trim();
      return (
        `${where(event, sources)}: ${event.enforcementLevel} [${event.policyName}]` +
        `${resourceName(event.resourceUrn)}\n` +
        message
          .split("\n")
          .map((line) => `    ${line}`)
          .join("\n")
      );
    })
    .join("\n");
}

export function policyCounts(log: PolicyEventLog): string {
  const parts = [`${log.count("mandatory")} mandatory`, `${log.count("advisory")} advisory`];
  if (log.count("remediated") > 0) parts.push(`${log.count("remediated")} remediated`);
  if (log.count("other") > 0) parts.push(`${log.count("other")} other`);
  return `${parts.join(", ")} policy violation${log.events.length === 1 ? "" : "s"}`;
}
