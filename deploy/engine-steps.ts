/**
 * The engine's own plan, resource by resource: the steps it reports while it previews or updates
 * a stack (`resourcePreEvent` in its event stream; what `pulumi preview --json` lists as
 * `steps`). `govcloud preview --steps <file>` writes them as JSON, so that the offline review's
 * verdicts can be held against what the engine decides for the same change.
 */

/** One engine step. `op` as the engine names it: same, create, update, replace, delete, ... */
export interface EngineStep {
  op: string;
  urn: string;
  type: string;
  /** false for component resources (they hold no cloud resource). */
  custom: boolean;
  /** The top-level properties that differ (the engine's `diffs`). */
  diffs: string[];
  /** Property path -> kind of difference (add, update, delete, and their `-replace` forms). */
  detailedDiff: Record<string, string>;
  /** The properties that force a replacement (the engine's `keys`), for replacements. */
  replaceKeys?: string[];
}

export interface StepsReport {
  stack: string;
  operation: "preview" | "up";
  steps: EngineStep[];
}

/** The fields of the SDK's step metadata that are read here (see automation/events). */
export interface StepMetadata {
  op: string;
  urn: string;
  type: string;
  old?: { custom?: boolean };
  new?: { custom?: boolean };
  keys?: string[];
  diffs?: string[];
  detailedDiff?: Record<string, { diffKind: string }>;
}

/** Collects the steps of one preview or update, in the order the engine reports them. */
export class EngineStepLog {
  readonly steps: EngineStep[] = [];

  add(metadata: StepMetadata): void {
    const state = metadata.new ?? metadata.old;
    const step: EngineStep = {
      op: metadata.op,
      urn: metadata.urn,
      type: metadata.type,
      custom: state?.custom === true,
      diffs: [...(metadata.diffs ?? [])].sort(),
      detailedDiff: Object.fromEntries(
        Object.entries(metadata.detailedDiff ?? {})
          .map(([path, diff]): [string, string] => [path, diff.diffKind])
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      ),
    };
    if (metadata.keys !== undefined && metadata.keys.length > 0) {
      step.replaceKeys = [...metadata.keys].sort();
    }
    this.steps.push(step);
  }
}

/** The ops of one resource's replacement: the engine reports the parts as steps of their own. */
const REPLACEMENT_OPS = new Set([
  "replace",
  "create-replacement",
  "delete-replaced",
  "discard-replaced",
  "read-replacement",
  "import-replacement",
]);

export type ResourceVerdict = "same" | "create" | "update" | "replace" | "delete" | "other";

/** What happens to one resource, from its steps: what `pulumi preview` shows on its line. */
export interface ResourceOutcome {
  urn: string;
  type: string;
  custom: boolean;
  verdict: ResourceVerdict;
  /** The top-level properties that differ or force the replacement, sorted. */
  properties: string[];
}

function verdictOf(op: string): ResourceVerdict {
  if (REPLACEMENT_OPS.has(op)) return "replace";
  if (op === "same" || op === "create" || op === "update" || op === "delete") return op;
  return "other";
}

/** The top-level property of an engine property path: `tags[0]` -> `tags`, `a.b` -> `a`. */
export function topLevelProperty(path: string): string {
  const end = path.search(/[.[]/);
  return end < 0 ? path : path.slice(0, end);
}

/** One outcome per URN; a replacement's several steps become one `replace`. */
export function resourceOutcomes(steps: readonly EngineStep[]): ResourceOutcome[] {
  const byUrn = new Map<string, ResourceOutcome>();
  for (const step of steps) {
    const verdict = verdictOf(step.op);
    // A replacement that follows from an unknown input (the new id of a replaced volume, in a
    // preview) has no diff, only the keys that force it.
    const properties = new Set([
      ...step.diffs.map(topLevelProperty),
      ...Object.keys(step.detailedDiff).map(topLevelProperty),
      ...(step.replaceKeys ?? []).map(topLevelProperty),
    ]);
    const known = byUrn.get(step.urn);
    if (known === undefined) {
      byUrn.set(step.urn, {
        urn: step.urn,
        type: step.type,
        custom: step.custom,
        verdict,
        properties: [...properties].sort(),
      });
      continue;
    }
    if (verdict === "replace") known.verdict = "replace";
    known.properties = [...new Set([...known.properties, ...properties])].sort();
  }
  return [...byUrn.values()];
}

/** The steps file of `govcloud preview --steps` / `up --steps`. */
export function stepsReport(
  stack: string,
  operation: "preview" | "up",
  steps: readonly EngineStep[],
): StepsReport {
  return { stack, operation, steps: [...steps] };
}
