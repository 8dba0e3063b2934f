/**
 * The review's policy results as JUnit XML, which CI systems show as a test report: one suite
 * per stack, a "plan" case (failing when the stack could not be planned on the head) and one case
 * per policy. A mandatory violation fails its policy's case; advisory ones are listed in its
 * output only, as they do not block; a crash is an error. Built with explicit escaping: four
 * element kinds do not warrant an XML library, and every value goes through one function.
 */
import type { StackCheck } from "../check/stack-result";
import type { ReviewReport, StackReview } from "../review/types";
import { repoPosition } from "./review-paths";

/** Characters XML 1.0 does not allow at all, even escaped: replaced, as a report must not fail. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes for text and double-quoted attributes; line breaks kept in attributes as references. */
export function xmlEscape(text: string, attribute = false): string {
  const escaped = text
    .replace(INVALID_XML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
  if (!attribute) return escaped;
  return escaped
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlEscape(String(value), true)}"`)
    .join("");
}

interface Case {
  name: string;
  failure?: { message: string; text: string };
  error?: { message: string; text: string };
  skipped?: string;
  out?: string;
}

type Diagnostic = StackCheck["diagnostics"][number];

function where(report: ReviewReport, d: Diagnostic): string {
  return d.source === undefined ? d.urn : repoPosition(report, d.source);
}

function line(report: ReviewReport, d: Diagnostic): string {
  return `${where(report, d)}: ${d.enforcementLevel} [${d.policyName}] ${d.resourceName ?? ""}\n    ${d.message}`;
}

function isBlocking(d: Diagnostic): boolean {
  return d.enforcementLevel === "mandatory" || d.enforcementLevel === "remediate";
}

function stackCases(report: ReviewReport, stack: StackReview, policies: readonly string[]): Case[] {
  const failure = stack.headFailure ?? stack.check?.failure;
  const plan: Case =
    failure === undefined
      ? { name: "plan" }
      : { name: "plan", failure: { message: "the stack could not be planned", text: failure } };
  const check = stack.check;
  const cases = [plan];
  const alerts = stack.alerts ?? [];
  if (alerts.length > 0) {
    // What the change destroys or leaves unmanaged fails the review like a violation does.
    const blocking = alerts.filter((alert) => alert.blocks);
    const text = (list: typeof alerts) =>
      list
        .map(
          (alert) => `${alert.headline}${alert.fix === undefined ? "" : `\n    fix: ${alert.fix}`}`,
        )
        .join("\n");
    const entry: Case = { name: "data and lifecycle" };
    if (blocking.length > 0) {
      entry.failure = {
        message: `${blocking.length} destructive change${blocking.length === 1 ? "" : "s"} not allowed`,
        text: text(blocking),
      };
    }
    const other = alerts.filter((alert) => !alert.blocks);
    if (other.length > 0) entry.out = text(other);
    cases.push(entry);
  }
  const refused = stack.changes.filter((change) => change.refused !== undefined);
  if (refused.length > 0) {
    // A replacement the cloud refuses stops the deployment: it fails like a violation does.
    const text = (list: typeof refused) =>
      list
        .map(
          (change) =>
            `${change.kind} of ${change.name}: ${change.refused!.reason}\n    fix: ${change.refused!.fix}`,
        )
        .join("\n");
    const byCloud = refused.filter((change) => change.refused!.by === "cloud");
    const byEngine = refused.filter((change) => change.refused!.by === "engine");
    const entry: Case = { name: "changes the cloud or the engine refuse" };
    if (byCloud.length > 0) {
      entry.failure = {
        message: `${byCloud.length} change${byCloud.length === 1 ? "" : "s"} OpenStack refuses`,
        text: text(byCloud),
      };
    }
    if (byEngine.length > 0) entry.out = text(byEngine);
    cases.push(entry);
  }
  const names = [
    ...new Set([
      ...policies,
      ...(check?.diagnostics ?? []).map((d) => d.policyName),
      ...(check?.crashes ?? []).map((c) => c.policyName),
    ]),
  ].sort();
  for (const policy of names) {
    const name = `policy ${policy}`;
    if (check === undefined || failure !== undefined) {
      cases.push({ name, skipped: "not checked: the stack could not be planned" });
      continue;
    }
    const diagnostics = check.diagnostics.filter((d) => d.policyName === policy);
    const blocking = diagnostics.filter(isBlocking);
    const advisory = diagnostics.filter((d) => !isBlocking(d));
    const crash = check.crashes.find((c) => c.policyName === policy);
    const entry: Case = { name };
    if (crash !== undefined) {
      entry.error = { message: `${crash.message} (this is not a pass)`, text: crash.detail };
    }
    if (blocking.length > 0) {
      entry.failure = {
        message: `${blocking.length} mandatory violation${blocking.length === 1 ? "" : "s"}`,
        text: blocking.map((d) => line(report, d)).join("\n"),
      };
    }
    if (advisory.length > 0) entry.out = advisory.map((d) => line(report, d)).join("\n");
    cases.push(entry);
  }
  return cases;
}

function caseXml(stack: string, c: Case): string {
  const open = `    <testcase${attrs({ classname: `govcloud.${stack}`, name: c.name })}`;
  const body: string[] = [];
  if (c.skipped !== undefined) body.push(`      <skipped${attrs({ message: c.skipped })}/>`);
  if (c.error !== undefined) {
    body.push(
      `      <error${attrs({ message: c.error.message, type: "crash" })}>${xmlEscape(c.error.text)}</error>`,
    );
  }
  if (c.failure !== undefined) {
    body.push(
      `      <failure${attrs({ message: c.failure.message, type: "violation" })}>${xmlEscape(c.failure.text)}</failure>`,
    );
  }
  if (c.out !== undefined) body.push(`      <system-out>${xmlEscape(c.out)}</system-out>`);
  return body.length === 0 ? `${open}/>` : [`${open}>`, ...body, "    </testcase>"].join("\n");
}

export interface ReviewJunitOptions {
  /**
   * Every policy of the pack, so that passing policies show as passing cases; the report names
   * only the policies that reported something. Default: the policies seen in the report.
   */
  policies?: readonly string[];
}

export function renderReviewJunit(report: ReviewReport, options: ReviewJunitOptions = {}): string {
  const seen = report.stacks.flatMap((stack) => [
    ...(stack.check?.diagnostics ?? []).map((d) => d.policyName),
    ...(stack.check?.crashes ?? []).map((c) => c.policyName),
  ]);
  const policies = options.policies ?? [...new Set(seen)];
  const suites = report.stacks.map((stack) => {
    const cases = stackCases(report, stack, policies);
    const count = (has: (c: Case) => boolean) => cases.filter(has).length;
    const head = `  <testsuite${attrs({
      name: stack.stack,
      tests: cases.length,
      failures: count((c) => c.failure !== undefined),
      errors: count((c) => c.error !== undefined),
      skipped: count((c) => c.skipped !== undefined),
    })}>`;
    return {
      xml: [head, ...cases.map((c) => caseXml(stack.stack, c)), "  </testsuite>"].join("\n"),
      cases,
    };
  });
  const all = suites.flatMap((suite) => suite.cases);
  const root = `<testsuites${attrs({
    name: "govcloud review",
    tests: all.length,
    failures: all.filter((c) => c.failure !== undefined).length,
    errors: all.filter((c) => c.error !== undefined).length,
    skipped: all.filter((c) => c.skipped !== undefined).length,
  })}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    root,
    ...suites.map((s) => s.xml),
    "</testsuites>",
    "",
  ].join("\n");
}
