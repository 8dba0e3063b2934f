/**
 * The collapsed part of the review comment: per stack a `<details>` block with the resource
 * changes per site, every policy result and the department's topology. How much of it is shown
 * is set by a detail level, so the comment can shrink to the size limit step by step.
 */
import type { PropertyChange, ResourceChange } from "../diff/types";
import type { ReviewReport, StackReview } from "../review/types";
import {
  changesAt,
  countKinds,
  destroysData,
  failureLines,
  NO_SITE,
  policyState,
  policyVerdict,
  stackSites,
} from "./review-facts";
import type { KindCounts } from "./review-facts";
import { renderTopologyMermaid } from "./review-mermaid";
import { repoPosition } from "./review-paths";
import { formatValue, shorten } from "../model/excerpt";
import { code, fenceFor, html, md, plural, shortType } from "./review-text";

export interface DetailLevel {
  /** Longest property value shown, in characters. */
  valueLimit: number;
  /** Leave out property changes whose two sides are equal and changes of govcloud components. */
  dropNoise: boolean;
  /** Most property changes shown per resource (the ones forcing a replacement first). */
  maxProperties: number;
  diagrams: boolean;
  /** Per-resource lines; without them a stack shows its counts per site only. */
  resources: boolean;
}

export const FULL_DETAIL: DetailLevel = {
  valueLimit: 300,
  dropNoise: false,
  maxProperties: Infinity,
  diagrams: true,
  resources: true,
};

export function countsText(counts: KindCounts): string {
  const parts = [
    counts.create > 0 ? `${counts.create} create` : "",
    counts.update > 0 ? `${counts.update} update` : "",
    counts.replace > 0 ? `${counts.replace} replace` : "",
    counts.delete > 0 ? `${counts.delete} delete` : "",
  ].filter((part) => part !== "");
  return parts.length > 0 ? parts.join(", ") : "no change";
}

function isNoise(property: PropertyChange): boolean {
  return (
    !property.forcesReplacement &&
    JSON.stringify(property.before) === JSON.stringify(property.after)
  );
}

function visibleProperties(change: ResourceChange, level: DetailLevel): PropertyChange[] {
  const properties = level.dropNoise
    ? change.properties.filter((p) => !isNoise(p))
    : change.properties;
  // Forcing properties first, so collapsing a long list never hides why a resource is replaced.
  return [...properties].sort((a, b) => Number(b.forcesReplacement) - Number(a.forcesReplacement));
}

/** A replacement's properties as a diff block: GitHub and GitLab colour `-` lines red. */
function replacementDiff(properties: PropertyChange[], level: DetailLevel): string[] {
  const body = properties.flatMap((p) => {
    const mark = p.forcesReplacement ? "  # forces replacement" : "";
    return [
      ...(p.before === undefined
        ? []
        : [`- ${p.path}: ${formatValue(p.before, level.valueLimit)}${mark}`]),
      ...(p.after === undefined ? [] : [`+ ${p.path}: ${formatValue(p.after, level.valueLimit)}`]),
    ];
  });
  if (body.length === 0) return [];
  const fence = fenceFor(body);
  return [`  ${fence}diff`, ...body.map((line) => `  ${line}`), `  ${fence}`];
}

function resourceLines(change: ResourceChange, level: DetailLevel): string[] {
  const marker = {
    create: "➕ create",
    update: "🔧 update",
    replace: "🟥 **replace**",
    delete: "➖ **delete**",
  }[change.kind];
  const notes = [
    destroysData(change) ? "🔴 **loses data**" : "",
    change.protect && change.kind !== "create" ? "🔒 protected" : "",
    change.renamedFrom === undefined ? "" : `renamed from ${code(change.renamedFrom)}`,
    change.custom ? "" : "component",
  ].filter((note) => note !== "");
  const lines = [
    `- ${marker} ${code(change.name)} (${md(shortType(change.type))})${notes.length > 0 ? ` — ${notes.join(" · ")}` : ""}`,
  ];
  if (change.kind !== "update" && change.kind !== "replace") return lines;
  const all = visibleProperties(change, level);
  const shown = all.slice(0, level.maxProperties);
  if (change.kind === "replace") lines.push(...replacementDiff(shown, level));
  else {
    for (const p of shown) {
      lines.push(
        `  - ${code(p.path)}: ${code(formatValue(p.before, level.valueLimit))} → ${code(formatValue(p.after, level.valueLimit))}`,
      );
    }
  }
  if (all.length > shown.length)
    lines.push(`  - …and ${plural(all.length - shown.length, "more property", "more properties")}`);
  return lines;
}

function changeLines(stack: StackReview, level: DetailLevel): string[] {
  const lines: string[] = [];
  for (const site of stackSites(stack)) {
    const all = changesAt(stack, site);
    const changes = level.dropNoise ? all.filter((c) => c.custom || c.kind !== "update") : all;
    if (all.length === 0) continue;
    if (!level.resources) {
      lines.push(
        `- **${site === NO_SITE ? "not at a site" : md(site)}**: ${countsText(countKinds(all))}`,
      );
      continue;
    }
    lines.push("", `#### ${site === NO_SITE ? "Not at a site" : md(site)}`, "");
    for (const change of changes) lines.push(...resourceLines(change, level));
    if (changes.length < all.length) {
      lines.push(
        `- …and ${plural(all.length - changes.length, "component update")} (no cloud resource of their own)`,
      );
    }
  }
  return lines;
}

function policyLines(report: ReviewReport, stack: StackReview): string[] {
  const check = stack.check;
  if (check === undefined) return [];
  const ordered = [...check.diagnostics].sort(
    (a, b) =>
      Number(b.enforcementLevel === "mandatory") - Number(a.enforcementLevel === "mandatory"),
  );
  const lines = ordered.map((d) => {
    const mark =
      d.enforcementLevel === "mandatory" || d.enforcementLevel === "remediate" ? "❌" : "⚠️";
    const where = d.source === undefined ? code(d.urn) : code(repoPosition(report, d.source));
    return (
      `- ${mark} ${md(d.enforcementLevel)} ${where} [${md(d.policyName)}] ` +
      `${d.resourceName === undefined ? "" : `${code(d.resourceName)}: `}${md(d.message)}`
    );
  });
  for (const crash of check.crashes) {
    lines.push(
      `- 💥 policy ${code(crash.policyName)} crashed (this is not a pass): ${md(crash.message)}`,
    );
  }
  if (lines.length === 0) {
    // A stack that was not planned was not checked either: saying it passed would be false.
    if (policyState(stack) === "not planned") {
      return ["", "**Policies:** not run: the stack could not be planned on the head."];
    }
    return ["", "**Policies:** ✅ every policy passed."];
  }
  return ["", "**Policies:**", "", ...lines];
}

export function stackDetails(report: ReviewReport, stack: StackReview, level: DetailLevel): string {
  const summary =
    `<b>${html(stack.stack)}</b> · ${html(stack.status)} · ${html(countsText(stack.counts))} · ` +
    html(policyVerdict(stack));
  const lines = ["<details>", `<summary>${summary}</summary>`, ""];
  if (stack.reasons.length > 0) {
    lines.push(`Changed files: ${stack.reasons.map((reason) => code(reason)).join(", ")}`);
  }
  const failure = failureLines(report, stack, 2000);
  if (failure.length > 0) lines.push("", ...failure);
  if (stack.baseFailure !== undefined) {
    lines.push(
      "",
      `⚠️ The base could not be planned, so the changes are incomplete: ${md(shorten(stack.baseFailure, 2000))}`,
    );
  }
  const changes = changeLines(stack, level);
  lines.push(...(changes.length > 0 ? changes : ["", "No resource changes."]));
  lines.push(...policyLines(report, stack));
  const showDiagram =
    level.diagrams &&
    stack.topology !== undefined &&
    (stack.status === "changed" || stack.status === "added");
  if (showDiagram && stack.topology !== undefined) {
    const diagram = renderTopologyMermaid(stack.topology).split("\n");
    const fence = fenceFor(diagram);
    lines.push("", "**Topology on the head:**", "", `${fence}mermaid`, ...diagram, fence);
  }
  lines.push("", "</details>");
  return lines.join("\n");
}
