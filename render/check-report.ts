/**
 * The report of `govcloud check`: per department and site, how many resources the plan has,
 * quota use, and the policy results; then every violation with the file and line it comes from.
 */
import type { StackCheck } from "../check/stack-result";
import { advisoryCount, mandatoryCount, stackPassed } from "../check/stack-result";

function use(used: number, limit: number | undefined): string {
  const amount = Number.isInteger(used) ? String(used) : used.toFixed(1);
  return limit === undefined ? amount : `${amount}/${limit}`;
}

const COLUMNS = [
  ["department", 24],
  ["site", 8],
  ["resources", 9],
  ["vCPU", 11],
  ["RAM GiB", 13],
  ["VMs", 9],
  ["volume GiB", 15],
  ["FIPs", 6],
  ["nets", 5],
  ["policies", 16],
] as const;

function row(cells: string[]): string {
  return cells
    .map((cell, i) => (i < 2 ? cell.padEnd(COLUMNS[i][1]) : cell.padStart(COLUMNS[i][1])))
    .join("  ")
    .trimEnd();
}

function verdict(check: StackCheck): string {
  if (check.failure !== undefined) return "NOT CHECKED";
  if (check.crashes.length > 0) return `${check.crashes.length} crashed`;
  const mandatory = mandatoryCount(check);
  const advisory = advisoryCount(check);
  if (mandatory > 0) return `${mandatory} mandatory`;
  return advisory > 0 ? `ok, ${advisory} advisory` : "ok";
}

export function formatCheckTable(checks: readonly StackCheck[]): string {
  const lines = [row(COLUMNS.map(([title]) => title))];
  for (const check of checks) {
    if (check.sites.length === 0) {
      lines.push(
        row([check.stack, "-", String(check.resources), "", "", "", "", "", "", verdict(check)]),
      );
      continue;
    }
    check.sites.forEach((site, i) => {
      lines.push(
        row([
          i === 0 ? check.stack : "",
          site.site,
          String(site.resources),
          use(site.usage.vcpus, site.quota?.vcpus),
          use(site.usage.ramGiB, site.quota?.ramGiB),
          use(site.usage.instances, site.quota?.instances),
          use(site.usage.volumeGiB, site.quota?.volumeGiB),
          use(site.usage.floatingIps, site.quota?.floatingIps),
          use(site.usage.networks, site.quota?.networks),
          i === 0 ? verdict(check) : "",
        ]),
      );
    });
  }
  return lines.join("\n");
}

function where(diagnostic: StackCheck["diagnostics"][number]): string {
  const source = diagnostic.source;
  if (source === undefined) return diagnostic.urn;
  const position =
    source.line === undefined ? source.file : `${source.file}:${source.line}:${source.column ?? 1}`;
  return `${position}${source.path ? ` (${source.path})` : ""}`;
}

/** Every violation and crash, mandatory first, each with where it comes from. */
export function formatViolations(checks: readonly StackCheck[]): string {
  const lines: string[] = [];
  for (const check of checks) {
    if (check.failure !== undefined) {
      lines.push(`${check.stack}: could not be checked\n${indent(check.failure)}`);
    }
    for (const crash of check.crashes) {
      lines.push(
        `${check.stack}: policy ${crash.policyName} CRASHED (this is not a pass)\n${indent(crash.message)}`,
      );
    }
    const ordered = [...check.diagnostics].sort((a, b) =>
      a.enforcementLevel === b.enforcementLevel ? 0 : a.enforcementLevel === "mandatory" ? -1 : 1,
    );
    for (const diagnostic of ordered) {
      lines.push(
        `${where(diagnostic)}: ${diagnostic.enforcementLevel} [${diagnostic.policyName}] ` +
          `${diagnostic.resourceName ?? check.stack}\n${indent(diagnostic.message)}`,
      );
    }
  }
  return lines.join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

export function formatCheckSummary(checks: readonly StackCheck[], elapsedMs: number): string {
  const failed = checks.filter((check) => !stackPassed(check));
  const mandatory = checks.reduce((sum, check) => sum + mandatoryCount(check), 0);
  const advisory = checks.reduce((sum, check) => sum + advisoryCount(check), 0);
  const resources = checks.reduce((sum, check) => sum + check.resources, 0);
  const head = failed.length === 0 ? "passed" : `FAILED (${failed.map((c) => c.stack).join(", ")})`;
  return (
    `govcloud check: ${head}: ${checks.length} stack${checks.length === 1 ? "" : "s"}, ` +
    `${resources} resources, ${mandatory} mandatory and ${advisory} advisory violations ` +
    `(${(elapsedMs / 1000).toFixed(1)} s)`
  );
}

/** The report `govcloud check <stack>` prints for one stack: table, violations, summary. */
export function formatStackReport(check: StackCheck, elapsedMs: number): string {
  const parts = [formatCheckTable([check])];
  const violations = formatViolations([check]);
  if (violations !== "") parts.push("", violations);
  parts.push("", formatCheckSummary([check], elapsedMs));
  return parts.join("\n") + "\n";
}
