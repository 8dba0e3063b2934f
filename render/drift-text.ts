/**
 * `govcloud drift` as text for a terminal or a CI log: per stack and site each resource that
 * differs from what was deployed, property by property (the code's value, the cloud's), and what
 * `govcloud up --refresh` does about it; then one summary line.
 */
import type { DriftedResource, DriftReport, StackDrift } from "../deploy/drift-types";
import { formatValue } from "../model/excerpt";
import { plural } from "./review-text";

/** Values are cut in the text; the JSON report keeps them whole. */
const VALUE_LIMIT = 80;

/** Resources grouped by site, in the report's order; "" for what is at no site. */
export function bySite(resources: readonly DriftedResource[]): [string, DriftedResource[]][] {
  const groups = new Map<string, DriftedResource[]>();
  for (const resource of resources) {
    const site = resource.site ?? "";
    groups.set(site, [...(groups.get(site) ?? []), resource]);
  }
  return [...groups];
}

function resourceLines(resource: DriftedResource): string[] {
  const lines = [`    ${resource.name} (${resource.kind})`];
  if (resource.deleted) lines.push("      deleted in the cloud");
  for (const property of resource.properties) {
    const code = formatValue(property.inCode, VALUE_LIMIT);
    const cloud = formatValue(property.inCloud, VALUE_LIMIT);
    const what =
      property.kind === "added"
        ? `${cloud} in the cloud, not set in the code`
        : property.kind === "removed"
          ? `${code} in the code, gone in the cloud`
          : `${code} in the code, ${cloud} in the cloud`;
    lines.push(
      `      ${property.path}: ${what}${property.forcesReplacement ? " (forces replacement)" : ""}`,
    );
    if (property.note !== undefined) lines.push(`        note: ${property.note}`);
  }
  lines.push(`      -> ${resource.up.says}`);
  return lines;
}

function stackLines(stack: StackDrift): string[] {
  switch (stack.status) {
    case "clean":
      return [`${stack.stack}: no drift: every resource is as deployed`];
    case "missing":
    case "failed":
      return [`${stack.stack}: ${stack.message ?? stack.status}`];
    case "drifted":
      return [
        `${stack.stack}: drifted: ${plural(stack.resources.length, "resource")} ` +
          `differ${stack.resources.length === 1 ? "s" : ""} from what was deployed`,
        ...bySite(stack.resources).flatMap(([site, resources]) => [
          `  ${site === "" ? "not at a site" : site}:`,
          ...resources.flatMap(resourceLines),
        ]),
      ];
  }
}

export function driftSummaryLine(report: DriftReport, seconds?: number): string {
  const c = report.counts;
  const parts = [
    c.drifted === 0
      ? `no drift in ${plural(c.stacks - c.missing - c.failed, "stack")}`
      : `drift in ${c.drifted} of ${plural(c.stacks, "stack")}: ` +
        `${plural(c.resources, "resource")} differ${c.resources === 1 ? "s" : ""} from what was deployed`,
  ];
  if (c.missing > 0) parts.push(`${plural(c.missing, "stack")} not deployed`);
  if (c.failed > 0) parts.push(`${plural(c.failed, "stack")} could not be refreshed`);
  const time = seconds === undefined ? "" : ` (${seconds.toFixed(1)} s)`;
  return `govcloud drift: ${parts.join("; ")}${time}`;
}

export function renderDriftText(report: DriftReport, seconds?: number): string {
  return (
    [...report.stacks.flatMap(stackLines), "", driftSummaryLine(report, seconds)].join("\n") + "\n"
  );
}
