/**
 * The top of the review comment, kept whole however long the report is: the verdict, one table
 * row per stack and site, what blocks the change, every replacement and deletion, and who must
 * approve.
 */
import type { SiteQuota } from "../model/types";
import type { SiteUsage } from "../model/usage";
import type {
  ApprovalRequirement,
  QuotaChange,
  ReviewAlert,
  ReviewReport,
  StackReview,
} from "../review/types";
import {
  changesAt,
  countKinds,
  destroysData,
  failureLines,
  isDestructive,
  NO_SITE,
  policyState,
  policyVerdict,
  stackSites,
} from "./review-facts";
import { approverGroups } from "../review/approval-groups";
import { approverName } from "./approval-status";
import { repoPosition } from "./review-paths";
import { shorten } from "../model/excerpt";
import { code, md, plural, shortType } from "./review-text";

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
  // The most dangerous come first: they are what a reviewer must read before anything else.
  const missing = v.missingDepartments ?? 0;
  const undeclared = v.undeclaredDestruction ?? 0;
  const refused = v.refusedByCloud ?? 0;
  if (refused > 0) {
    blockers.unshift(
      plural(refused, "replacement the cloud refuses", "replacements the cloud refuses"),
    );
  }
  if (undeclared > 0) {
    blockers.unshift(
      plural(undeclared, "loss of data not declared", "losses of data not declared"),
    );
  }
  if (missing > 0) {
    blockers.unshift(
      plural(
        missing,
        "department file deleted without a decommission",
        "department files deleted without a decommission",
      ),
    );
  }
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
  const protectedRefusals = v.refusedByEngine ?? 0;
  if (protectedRefusals > 0) {
    lines.push(
      "",
      `> ⛔ **Refused by the engine:** ${plural(protectedRefusals, "deletion or replacement", "deletions or replacements")} ` +
        "of a protected resource: `pulumi up` stops there until the protection is lifted; see below.",
    );
  }
  const alerts = orderedAlerts(report);
  const decommissioned = alerts.filter((alert) => alert.kind === "decommission");
  const declared = alerts.filter((alert) => alert.kind === "declared-destruction");
  const approve = [
    decommissioned.length > 0
      ? `decommissions ${decommissioned.map((alert) => md(alert.stack)).join(", ")}`
      : "",
    declared.length > 0 ? "destroys data declared in `allowDestroy`" : "",
  ].filter((part) => part !== "");
  if (approve.length > 0) {
    // Passing the checks is not the whole story: say at once what the approvers sign for.
    lines.splice(
      2,
      1,
      `${lines[2]} 🟥 **This change ${approve.join(" and ")}**: the platform team must approve.`,
    );
  }
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

const ALERT_RANK: Record<ReviewAlert["kind"], number> = {
  "department-file-missing": 0,
  decommission: 1,
  "undeclared-destruction": 2,
  "declared-destruction": 3,
};

/** Every alert of the report, most dangerous first, then by stack. */
export function orderedAlerts(report: ReviewReport): ReviewAlert[] {
  return report.stacks
    .flatMap((stack) => stack.alerts ?? [])
    .sort((a, b) => ALERT_RANK[a.kind] - ALERT_RANK[b.kind] || (a.stack < b.stack ? -1 : 1));
}

const MAX_ALERT_RESOURCES = 6;

/**
 * What the reviewer must read first, in plain words: a department file deleted without a
 * decommission, a decommission with everything it will destroy, and each loss of data, with
 * whether the change declares it and how to make it acceptable.
 */
export function alertsSection(report: ReviewReport): string {
  const alerts = orderedAlerts(report);
  if (alerts.length === 0) return "";
  const lines: string[] = [];
  for (const alert of alerts) {
    const where =
      alert.file === undefined
        ? ""
        : ` · ${code(repoPosition(report, { file: alert.file, path: "", ...(alert.line === undefined ? {} : { line: alert.line }) }))}`;
    switch (alert.kind) {
      case "department-file-missing":
        lines.push(`- ❌ **${md(alert.stack)}**: ${md(alert.headline)}.${where}`);
        break;
      case "decommission":
        lines.push(
          `- 🟥 **${md(alert.stack)} is decommissioned** (${code(alert.ticket ?? "")}` +
            `${alert.reason === undefined ? "" : `: ${md(alert.reason)}`}): ${md(alert.headline)}.${where}`,
        );
        break;
      case "undeclared-destruction":
        lines.push(
          `- ❌ **${md(alert.stack)}**: ${md(alert.headline)}. **Not declared in the change.**${where}`,
        );
        break;
      case "declared-destruction":
        lines.push(
          `- 🟧 **${md(alert.stack)}**: ${md(alert.headline)}. Declared in ${code("allowDestroy")} ` +
            `(${code(alert.ticket ?? "")}${alert.reason === undefined ? "" : `: ${md(alert.reason)}`}); ` +
            `the platform team must approve.${where}`,
        );
        break;
    }
    for (const detail of alert.kind === "decommission" || alert.kind === "department-file-missing"
      ? alert.details
      : []) {
      lines.push(`  - ${md(detail)}`);
    }
    if (alert.resources.length > 0) {
      const shown = alert.resources.slice(0, MAX_ALERT_RESOURCES).map(code).join(", ");
      const more = alert.resources.length - MAX_ALERT_RESOURCES;
      lines.push(`  - ${shown}${more > 0 ? `, and ${more} more` : ""}`);
    }
    if (alert.fix !== undefined) lines.push(`  - **Fix:** ${md(alert.fix)}`);
  }
  return ["### 🔴 Read this first", "", ...lines].join("\n");
}

/**
 * A stack the table need not show a row for: unchanged, same quota use, policies fine and
 * nothing to read first. A platform-wide change reviews every stack; most are like this.
 */
function quiet(stack: StackReview): boolean {
  if (stack.status !== "unchanged" || (stack.alerts ?? []).length > 0) return false;
  const state = policyState(stack);
  if (state !== "ok" && state !== "advisory") return false;
  return stack.quotas.every(
    (quota) => JSON.stringify(quota.before) === JSON.stringify(quota.after),
  );
}

/** Stacks shown one line for all when more than this many are quiet. */
const QUIET_ROWS = 3;

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
  const quietStacks = report.stacks.filter(quiet);
  const collapse = quietStacks.length > QUIET_ROWS;
  for (const stack of report.stacks) {
    if (collapse && quietStacks.includes(stack)) continue;
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
  if (collapse) {
    const advisory = quietStacks.filter((stack) => policyState(stack) === "advisory").length;
    const label =
      quietStacks.length === report.stacks.length
        ? `_all ${quietStacks.length} stacks_`
        : `_${quietStacks.length} other stacks_`;
    rows.push([
      label,
      "",
      "",
      "",
      "",
      "",
      ...QUOTA_COLUMNS.map(() => ""),
      `no change · ${advisory > 0 ? `⚠️ ${advisory} with advisories` : "✅ ok"}`,
    ]);
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
    lines.push(...failureLines(report, stack, messageLimit));
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
  const count = lines.filter((line) => line.startsWith("- ")).length;
  return [`### ❌ What blocks this change (${count})`, "", ...lines].join("\n");
}

/** Every replacement and deletion of a cloud resource, with the data it destroys marked 🔴. */
export function destructiveSection(report: ReviewReport): string {
  const lines: string[] = [];
  for (const stack of report.stacks) {
    for (const change of stack.changes.filter(isDestructive)) {
      const what = change.kind === "replace" ? "🟥 **replace**" : "➖ **delete**";
      const forced = change.properties.filter((p) => p.forcesReplacement).map((p) => code(p.path));
      const refused = change.refused;
      const notes = [
        destroysData(change) ? "🔴 **loses data**" : "",
        forced.length > 0 ? `forced by ${forced.join(", ")}` : "",
        change.deleteBeforeReplace === true ? "deleted first" : "",
        refused !== undefined
          ? `⛔ **refused by the ${refused.by === "cloud" ? "cloud" : "engine"}**: ${md(refused.reason)}; fix: ${md(refused.fix)}`
          : change.protect
            ? "🔒 protected: lift the protection first"
            : "",
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
  return p.handle !== undefined && p.handle !== ""
    ? approverName(p)
    : `${md(p.name)} (${code(p.id)})`;
}

/** "water, health", "every stack (31)", or the first few and how many more. */
function stackList(stacks: readonly string[], report: ReviewReport): string {
  if (stacks.length > 1 && stacks.length === report.stacks.length) {
    return `every stack in the review (${stacks.length})`;
  }
  const shown = stacks.slice(0, 8).map(md).join(", ");
  return stacks.length > 8 ? `${shown} and ${stacks.length - 8} more` : shown;
}

/**
 * Approvals grouped by who gives them (review/approval-groups.ts): one entry per approver, and
 * under it each reason once with the stacks it applies to.
 */
export function approvalsSection(report: ReviewReport): string {
  const groups = approverGroups(report);
  if (groups.length === 0) return "### Approvals\n\nNo approval beyond the usual review is needed.";
  const lines: string[] = [];
  for (const { by, people, stacks, reasons } of groups) {
    const who =
      by === "platform" ? "Platform team" : `${stacks.map(md).join(", ")} department approvers`;
    const names =
      people.length > 0
        ? [...new Set(people.map(person))].join(" or ") // a team handle once
        : "_nobody listed_";
    lines.push(`- **${who}**: ${names}`);
    for (const [reason, on] of reasons) {
      const where =
        on.length > 0 && (by === "platform" || stacks.length > 1)
          ? ` — ${stackList(on, report)}`
          : "";
      lines.push(`  - ${md(reason)}${where}`);
    }
  }
  return ["### Approvals needed", "", ...lines].join("\n");
}
