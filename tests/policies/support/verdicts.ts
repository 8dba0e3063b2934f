/**
 * What a rule's verdict should be, and the check that it is: each expected violation gives the
 * resource it is attributed to (stack rules attribute most violations to one resource; resource
 * rules and stack-wide findings name none) and what its message must say. A failure prints every
 * violation the rule gave, in full.
 */
import { AssertionError } from "node:assert";
import type { Verdict } from "../../../policies/lib/policy";
import { NotApplicable } from "../../../policies/lib/policy";
import { nameOfUrn } from "./views";

export interface Finding {
  /** The name of the resource the violation is reported at; absent: the stack (or, for a
   * resource rule, the resource being judged, which the engine names). */
  at?: string;
  /** Text the message contains, each piece in this order. */
  says: string | readonly string[];
}

/** Violations in the rule's order, or the rule's reason for not applying. */
export type Expected = readonly Finding[] | { notApplicable: string };

function matches(actual: { at?: string; message: string }, expected: Finding): boolean {
  if (actual.at !== expected.at) return false;
  let from = 0;
  for (const piece of typeof expected.says === "string" ? [expected.says] : expected.says) {
    const found = actual.message.indexOf(piece, from);
    if (found < 0) return false;
    from = found + piece.length;
  }
  return true;
}

export function assertVerdict(verdict: Verdict, expected: Expected): void {
  const shown =
    verdict instanceof NotApplicable
      ? `not applicable: ${verdict.reason}`
      : verdict.length === 0
        ? "no violations"
        : verdict
            .map((v) => `- ${v.urn === undefined ? "" : `at ${nameOfUrn(v.urn)}: `}${v.message}`)
            .join("\n");
  const fail = () => {
    throw new AssertionError({
      message: `the rule said\n${shown}\n\nexpected\n${JSON.stringify(expected, null, 2)}`,
      actual: verdict,
      expected,
    });
  };
  if (!Array.isArray(expected)) {
    const { notApplicable } = expected as { notApplicable: string };
    if (!(verdict instanceof NotApplicable) || !verdict.reason.includes(notApplicable)) fail();
    return;
  }
  if (verdict instanceof NotApplicable || verdict.length !== expected.length) fail();
  const violations = verdict as Exclude<Verdict, NotApplicable>;
  violations.forEach((violation, i) => {
    const at = violation.urn === undefined ? undefined : nameOfUrn(violation.urn);
    if (!matches({ at, message: violation.message }, expected[i])) fail();
  });
}
