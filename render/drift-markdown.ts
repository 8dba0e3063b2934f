/**
 * `govcloud drift` as Markdown: the report file of the scheduled pipeline, and (one stack at a
 * time) the body of the issue that pipeline keeps per drifted department. One table per stack:
 * a row per differing property (a deleted resource is one row), with the site, the code's value,
 * the cloud's and what `govcloud up --refresh` does about it.
 */
import type { DriftedResource, DriftReport, StackDrift } from "../deploy/drift-types";
import { bySite, driftSummaryLine } from "./drift-text";
import { formatValue } from "../model/excerpt";
import { md, plural } from "./review-text";

/** Values are cut in a cell; the JSON report keeps them whole. */
const VALUE_LIMIT = 80;

const value = (v: unknown): string => md(formatValue(v, VALUE_LIMIT));

function rows(site: string, resource: DriftedResource): string[] {
  const first = `| ${md(site === "" ? "—" : site)} | ${md(resource.name)} | ${md(resource.kind)}`;
  const up = md(resource.up.says);
  if (resource.deleted) {
    return [`${first} | — | exists | **deleted** | ${up} |`];
  }
  return resource.properties.map((property, index) => {
    const cells = [
      `${md(property.path)}${property.forcesReplacement ? " (forces replacement)" : ""}`,
      property.kind === "added" ? "not set" : value(property.inCode),
      property.kind === "removed" ? "**gone**" : value(property.inCloud),
    ];
    const note = property.note === undefined ? "" : ` _(${md(property.note)})_`;
    // The sentence of what up does is said once, on the resource's first row.
    return `${first} | ${cells.join(" | ")}${note} | ${index === 0 ? up : "″"} |`;
  });
}

/** One stack's part: a heading, a sentence, and for a drifted stack its table. */
export function renderStackDriftMarkdown(stack: StackDrift, heading = "###"): string {
  const title = `${heading} ${md(stack.stack)}`;
  switch (stack.status) {
    case "clean":
      return `${title}\n\n✅ No drift: every resource is as deployed.\n`;
    case "missing":
      return `${title}\n\n➖ ${md(stack.message ?? "not deployed")}\n`;
    case "failed":
      return `${title}\n\n💥 Could not be refreshed:\n\n\`\`\`text\n${(stack.message ?? "").replace(/`{3,}/g, "``")}\n\`\`\`\n`;
    case "drifted": {
      const sites = bySite(stack.resources);
      const where = sites.map(([site]) => (site === "" ? "not at a site" : site)).join(", ");
      return [
        title,
        "",
        `⚠️ **${plural(stack.resources.length, "resource")}** of ${md(stack.stack)} ` +
          `differ${stack.resources.length === 1 ? "s" : ""} from what was deployed (${md(where)}). ` +
          "The values in the code are those of the last deployment.",
        "",
        "| site | resource | kind | property | in the code | in the cloud | govcloud up --refresh |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        ...sites.flatMap(([site, resources]) => resources.flatMap((r) => rows(site, r))),
        "",
      ].join("\n");
    }
  }
}

export function renderDriftMarkdown(report: DriftReport): string {
  const verdict = report.drifted ? "⚠️ **Drift found**" : "✅ **No drift**";
  const summary = driftSummaryLine(report).replace(/^govcloud drift: /, "");
  const table = [
    "| stack | status | resources that differ |",
    "| --- | --- | --- |",
    ...report.stacks.map(
      (s) =>
        `| ${md(s.stack)} | ${s.status === "missing" ? "not deployed" : s.status} | ${s.status === "drifted" ? s.resources.length : ""} |`,
    ),
  ];
  return [
    "## govcloud drift",
    "",
    `${verdict}: ${md(summary)}.`,
    "",
    ...table,
    "",
    ...report.stacks.filter((s) => s.status !== "clean").map((s) => renderStackDriftMarkdown(s)),
  ].join("\n");
}
