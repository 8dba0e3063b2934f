/**
 * The offline review's verdict on a change and the engine's, in one shape so that they can be
 * compared: per resource (by URN), what happens to it (create, update, replace, delete) and which
 * top-level properties differ. Resources that stay as they are, and components (they hold no
 * cloud resource), are left out on both sides.
 */
import { resourceOutcomes, topLevelProperty } from "../../deploy/engine-steps";
import type { StepsReport } from "../../deploy/engine-steps";
import { PROTECT_PATH } from "../../diff/plan-diff";
import type { ResourceChange } from "../../diff/types";

export interface Verdict {
  kind: string;
  /** Top-level properties that differ, sorted; empty for creations and deletions. */
  properties: string[];
}

export type Verdicts = Map<string, Verdict>;

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** The review's changes of one stack (`StackReview.changes`). */
export function reviewVerdicts(changes: readonly ResourceChange[]): Verdicts {
  const verdicts: Verdicts = new Map();
  for (const change of changes) {
    if (!change.custom) continue;
    const changing = change.kind === "update" || change.kind === "replace";
    verdicts.set(change.urn, {
      kind: change.kind,
      properties: changing
        ? sorted(
            change.properties
              // Protection is a resource option: the engine's step diff never lists it.
              .filter((property) => property.path !== PROTECT_PATH)
              .map((property) => topLevelProperty(property.path)),
          )
        : [],
    });
  }
  return verdicts;
}

/** The engine's steps of a preview (`govcloud preview --steps`). */
export function engineVerdicts(report: StepsReport): Verdicts {
  const verdicts: Verdicts = new Map();
  for (const outcome of resourceOutcomes(report.steps)) {
    if (!outcome.custom || outcome.verdict === "same") continue;
    const changing = outcome.verdict === "update" || outcome.verdict === "replace";
    verdicts.set(outcome.urn, {
      kind: outcome.verdict,
      properties: changing ? outcome.properties : [],
    });
  }
  return verdicts;
}

const nameOf = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

function line(verdict: Verdict | undefined): string {
  if (verdict === undefined) return "nothing";
  const properties = verdict.properties.length === 0 ? "" : ` [${verdict.properties.join(", ")}]`;
  return `${verdict.kind}${properties}`;
}

/** One line per resource the two sides see differently; empty when they agree. */
export function disagreements(review: Verdicts, engine: Verdicts): string[] {
  const urns = sorted([...review.keys(), ...engine.keys()]);
  return urns.flatMap((urn) => {
    const [left, right] = [review.get(urn), engine.get(urn)];
    if (line(left) === line(right)) return [];
    return [`${nameOf(urn)}: review says ${line(left)}, the engine ${line(right)}`];
  });
}

/** `kind name [properties]`, one per resource, for the test's log. */
export function describeVerdicts(verdicts: Verdicts): string[] {
  return [...verdicts.entries()]
    .map(([urn, { kind, properties }]) =>
      [kind, nameOf(urn), ...(properties.length === 0 ? [] : [`[${properties.join(", ")}]`])].join(
        " ",
      ),
    )
    .sort();
}
