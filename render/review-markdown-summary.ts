/**
 * The top of the review comment, kept whole however long the report is: the verdict, one table
 * row per stack and site, what blocks the change, every replacement and deletion, and who must
 * approve.
 */
import type { SiteQuota } from "../model/types";
import type { SiteUsage } from "../model/usage";
import type { ApprovalRequirement, QuotaChange, ReviewReport, StackReview } from "../review/types";
import {
  changesAt,
  countKinds,
  destroysData,
  headFailure,
  isDestructive,
  NO_SITE,
  policyVerdict,
  stackSites,
} from "./review-facts";
import { repoPosition } from "./review-paths";
import { code, md, plural, shortType, shorten } from "./review-text";

export function verdictSection(report: ReviewReport): string {
  const v = report.verdict;
  const side = (s: ReviewReport["base"]) =>
    s.commit === undefined ? code(s.ref) : `${code(s.ref)} (${code(s.commit.slice(0, 8))})`;
  const blockers = [
    v.mandatory > 0 ? plural(v.mandatory, "mandatory violation") : "",
    v.crashes > 0 ? plural(v.crashes, "crashed policy", "crashed policies") : "",
    v.failedStacks > 0
      ? plural(
          v.failedStacks,
          "stack that could not be planned",
          "stacks that could not be planned",
        )
      : "",
  ].filter((part) => part !== "");
  const verdict = v.passed
    ? `✅ **Passes**: no mandatory violation${v.advisory > 0 ? `, ${plural(v.advisory, "advisory violation")}` : ""}`
    : `❌ **Blocked** by ${blockers.length > 0 ? blockers.join(", ") : "a failed check"}`;
  const counts =
    `**${v.creates}** to create · **${v.updates}** to update · **${v.replacements}** to replace · ` +
    `**${v.deletions}** to delete in ${plural(report.stacks.length, "stack")}`;
  const destroyed = report.stacks.flatMap((stack) => stack.changes.filter(destroysData));
  const replacedData = destroyed.filter((change) => change.kind === "replace").length;
  const deletedData = destroyed.length - replacedData;
  const data = [
    replacedData > 0
      ? `${plural(replacedData, "replacement")} that lose${replacedData === 1 ? "s" : ""} data`
      : "",
    deletedData > 0
      ? `${plural(deletedData, "deleted volume or instance", "deleted volumes or instances")}`
      : "",
  ].filter((part) => part !== "");
  const lines = [
    "## govcloud review",
    "",
    `${verdict}. ${counts}.`,
    "",
    `${side(report.base)} → ${side(report.head)}`,
  ];
  if (data.length > 0) lines.push("", `> 🔴 **Data loss:** ${data.join(" and ")}; see below.`);
  return lines.join("\n");
}

function amount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * One quota cell: `use before → after / quota`, the quota shown once when it does not change,
 * and ⚠️ when the use after exceeds it.
 */
export function quotaCell(quota: QuotaChange, field: keyof SiteUsage & keyof SiteQuota): string {
  const before = quota.before?.[field];
  const after = quota.after?.[field];
  const limitBefore = quota.quotaBefore?.[field];
  const limitAfter = quota.quotaAfter?.[field];
  const over = after !== undefined && limitAfter !== undefined && after > limitAfter ? " ⚠️" : "";
  const use = (value: number | undefined) => (value === undefined ? "—" : amount(value));
  const limit = (value: number | undefined) => (value === undefined ? "" : ` / ${amount(value)}`);
  if (limitBefore === limitAfter) {
    const usage = before === after ? use(after) : `${use(before)} → ${use(after)}`;
    return `${usage}${limit(limitAfter)}${over}`;
  }
  return `${use(before)}${limit(limitBefore)} → ${use(after)}${limit(limitAfter)}${over}`;
}

const QUOTA_COLUMNS: [string, keyof SiteUsage & keyof SiteQuota][] = [
  ["vCPU", "vcpus"],
  ["RAM GiB", "ramGiB"],
  ["VMs", "instances"],
  ["volume GiB", "volumeGiB"],
];

function stackLabel(stack: StackReview): string {
  const note = {
    changed: "",
    unchanged: " (no change)",
    added: " (new)",
    removed: " (removed)",
    failed: " (failed)",
  }[stack.status];
  return `**${md(stack.stack)}**${note}`;
}

export function summaryTable(report: ReviewReport): string {
  const header = [
    "stack",
    "site",
    "+",
    "~",
    "±",
    "−",
    ...QUOTA_COLUMNS.map(([title]) => title),
    "policies",
  ];
  const rows: string[][] = [];
  for (const stack of report.stacks) {
    const sites = stackSites(stack);
    if (sites.length === 0) sites.push(NO_SITE);
    sites.forEach((site, i) => {
      const counts = countKinds(changesAt(stack, site));
      const quota = stack.quotas.find((candidate) => candidate.site === site);
      rows.push([
        i === 0 ? stackLabel(stack) : "",
        md(site),
        // Zero is left blank so the changes stand out in a long table.
        ...[counts.create, counts.update, counts.replace, counts.delete].map((n) =>
          n === 0 ? "" : String(n),
        ),
        ...QUOTA_COLUMNS.map(([, field]) => (quota === undefined ? "" : quotaCell(quota, field))),
        i === 0 ? policyVerdict(stack) : "",
      ]);
    });
  }
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const align = header.map((_, i) => (i < 2 || i === header.length - 1 ? "---" : "--:"));
  return [
    line(header),
    line(align),
    ...rows.map(line),
    "",
    "<sub>+ create · ~ update · ± replace · − delete · quota columns: use before → after / site quota; ⚠️ over quota</sub>",
  ].join("\n");
}

/**
 * Everything that blocks the merge: each mandatory violation with its place, each crashed policy
 * and each stack that could not be planned. `messageLimit` bounds each message on the last
 * shortening step only.
 */
export function blockingSection(report: ReviewReport, messageLimit = Infinity): string {
  const lines: string[] = [];
  for (const stack of report.stacks) {
    const failure = headFailure(stack);
    if (failure !== undefined) {
      lines.push(
        `- ❌ **${md(stack.stack)}** could not be planned: ${md(shorten(failure, messageLimit))}`,
      );
    }
    for (const crash of stack.check?.crashes ?? []) {
      lines.push(
        `- 💥 **${md(stack.stack)}**: policy ${code(crash.policyName)} crashed (this is not a pass): ` +
          md(shorten(crash.message, messageLimit)),
      );
    }
    for (const d of stack.check?.diagnostics ?? []) {
      if (d.enforcementLevel !== "mandatory" && d.enforcementLevel !== "remediate") continue;
      const where = d.source === undefined ? code(d.urn) : code(repoPosition(report, d.source));
      lines.push(
        `- ❌ **${md(stack.stack)}** ${where} [${md(d.policyName)}] ` +
          `${d.resourceName === undefined ? "" : `${code(d.resourceName)}: `}${md(shorten(d.message, messageLimit))}`,
      );
    }
  }
  if (lines.length === 0) return "";
  return [`### ❌ What blocks this change (${lines.length})`, "", ...lines].join("\n");
}

/** Every replacement and deletion of a cloud resource, with the data it destroys marked 🔴. */
export function destructiveSection(report: ReviewReport): string {
  const lines: string[] = [];
  for (const stack of report.stacks) {
    for (const change of stack.changes.filter(isDestructive)) {
      const what = change.kind === "replace" ? "🟥 **replace**" : "➖ **delete**";
      const forced = change.properties.filter((p) => p.forcesReplacement).map((p) => code(p.path));
      const notes = [
        destroysData(change) ? "🔴 **loses data**" : "",
        forced.length > 0 ? `forced by ${forced.join(", ")}` : "",
        change.protect ? "🔒 protected: lift the protection first" : "",
      ].filter((note) => note !== "");
      lines.push(
        `- ${what} ${code(change.name)} (${md(shortType(change.type))}) · ${md(stack.stack)}` +
          `${change.site === undefined ? "" : ` @ ${md(change.site)}`}${notes.length > 0 ? ` — ${notes.join(" · ")}` : ""}`,
      );
    }
  }
  if (lines.length === 0) return "";
  return [`### 🟥 Replacements and deletions (${lines.length})`, "", ...lines].join("\n");
}

function person(p: ApprovalRequirement["people"][number]): string {
  if (p.handle !== undefined && p.handle !== "") return `@${p.handle.replace(/^@/, "")}`;
  return `${md(p.name)} (${code(p.id)})`;
}

/** Approvals, the same requirement for several stacks listed once with all of them. */
export function approvalsSection(report: ReviewReport): string {
  const groups = new Map<string, { requirement: ApprovalRequirement; stacks: string[] }>();
  for (const stack of report.stacks) {
    for (const requirement of stack.approvals) {
      const key = JSON.stringify([
        requirement.by,
        requirement.people.map((p) => p.id),
        requirement.reason,
      ]);
      const group = groups.get(key) ?? { requirement, stacks: [] };
      group.stacks.push(stack.stack);
      groups.set(key, group);
    }
  }
  if (groups.size === 0) return "### Approvals\n\nNo approval beyond the usual review is needed.";
  const lines = [...groups.values()].map(({ requirement, stacks }) => {
    const who = requirement.by === "platform" ? "platform team" : "department approvers";
    const people =
      requirement.people.length > 0
        ? [...new Set(requirement.people.map(person))].join(" or ") // a team handle once
        : "_nobody listed_";
    return `- **${stacks.map(md).join(", ")}** · ${who}: ${people} — ${md(requirement.reason)}`;
  });
  return ["### Approvals needed", "", ...lines].join("\n");
}
