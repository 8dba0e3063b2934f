/**
 * The review as a pull-request comment. The summary comes first and is never shortened: the
 * verdict, a table per stack and site, what blocks the change, every replacement and deletion,
 * and the approvals. Per stack, a collapsed `<details>` block holds the resource changes, the
 * policy results and the topology diagram.
 *
 * GitHub rejects a comment over 65,536 characters, so when the full text is longer the details
 * shrink step by step until it fits, with a note saying so; the summary is kept at every step.
 * Lengths are counted in UTF-16 units (JavaScript's `length`), which never undercounts.
 */
import type { ReviewReport } from "../review/types";
import { FULL_DETAIL, stackDetails } from "./review-markdown-details";
import type { DetailLevel } from "./review-markdown-details";
import {
  alertsSection,
  approvalsSection,
  blockingSection,
  destructiveSection,
  summaryTable,
  verdictSection,
} from "./review-markdown-summary";
import { safeSlice } from "../model/excerpt";
import { md } from "./review-text";
import type { FailoverSide } from "../review/failover-change";

/** The first line of every review comment: pipelines find and update their comment by it. */
export const REVIEW_COMMENT_MARKER = "<!-- govcloud-review -->";

export const DEFAULT_MAX_CHARS = 60_000;

export interface ReviewMarkdownOptions {
  /** Longest comment, in characters; the default leaves room under GitHub's 65,536. */
  maxChars?: number;
  /** Where the full report is when the comment had to be shortened. */
  fullReportHint?: string;
}

interface Step {
  /** What this step leaves out, for the note; empty for the full comment. */
  dropped: string[];
  /** Per-stack details at this step; absent: no details blocks at all. */
  detail?: DetailLevel;
  /** Longest policy message in the summary. */
  messageLimit: number;
}

const STEPS: Step[] = [
  { dropped: [], detail: FULL_DETAIL, messageLimit: Infinity },
  {
    dropped: [
      "long property values are cut",
      "component updates and unchanged properties are left out",
    ],
    detail: { ...FULL_DETAIL, valueLimit: 80, dropNoise: true },
    messageLimit: Infinity,
  },
  {
    dropped: ["long property values are cut", "long property lists are collapsed"],
    detail: { ...FULL_DETAIL, valueLimit: 80, dropNoise: true, maxProperties: 5 },
    messageLimit: Infinity,
  },
  {
    dropped: ["property lists are collapsed", "topology diagrams are left out"],
    detail: { valueLimit: 60, dropNoise: true, maxProperties: 3, diagrams: false, resources: true },
    messageLimit: Infinity,
  },
  {
    dropped: [
      "per-resource details are left out (per stack, the counts per site remain)",
      "topology diagrams are left out",
    ],
    detail: {
      valueLimit: 60,
      dropNoise: true,
      maxProperties: 0,
      diagrams: false,
      resources: false,
    },
    messageLimit: Infinity,
  },
  {
    dropped: ["the per-stack details are left out", "long policy messages are cut"],
    messageLimit: 300,
  },
];

function shortenedNote(step: Step, maxChars: number, hint: string | undefined): string {
  const where =
    hint === undefined
      ? "Run the review locally for the full report."
      : `The full report is ${md(hint)}.`;
  return (
    `> ✂️ **This comment was shortened** to fit ${maxChars.toLocaleString("en-US")} characters: ` +
    `${step.dropped.join("; ")}. Every mandatory violation, replacement, deletion and approval is listed. ${where}`
  );
}

/** Percent of each dimension left free: "vCPU 60% · RAM 70% · slots 9.8%". */
function headroom(side: FailoverSide | undefined): string {
  if (side === undefined) return "—";
  const { vcpus, ramGiB, instances } = side.headroom;
  const text = [`vCPU ${round(vcpus)}%`, `RAM ${round(ramGiB)}%`, `slots ${round(instances)}%`];
  return `${side.fits ? "" : "❌ "}${text.join(" · ")}`;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * The failover headroom of each site before and after the change, when the change moves it:
 * how much of the survivor's emergency capacity stays free with the other site lost.
 */
export function failoverSection(report: ReviewReport): string {
  const moved = report.failover.filter(
    (c) =>
      c.before === undefined ||
      c.after === undefined ||
      c.before.fits !== c.after.fits ||
      JSON.stringify(c.before.headroom) !== JSON.stringify(c.after.headroom),
  );
  if (moved.length === 0) return "";
  const rows = moved.map(
    (c) => `| ${c.lost} lost | ${c.survivor} | ${headroom(c.before)} | ${headroom(c.after)} |`,
  );
  return [
    "### Failover headroom",
    "",
    "Free emergency capacity at the surviving site when the other is lost (❌: the tiers' promise does not fit; `govcloud failover --lose <site>` tells why).",
    "",
    "| site | survivor | before | after |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

function compose(report: ReviewReport, step: Step, note: string): string {
  const sections = [
    REVIEW_COMMENT_MARKER,
    verdictSection(report),
    note,
    alertsSection(report),
    summaryTable(report),
    failoverSection(report),
    blockingSection(report, step.messageLimit),
    destructiveSection(report),
    approvalsSection(report),
  ];
  if (step.detail !== undefined) {
    const detail = step.detail;
    sections.push(
      "### Details per stack",
      ...report.stacks.map((stack) => stackDetails(report, stack, detail)),
    );
  }
  return `${sections.filter((section) => section !== "").join("\n\n")}\n`;
}

export function renderReviewMarkdown(
  report: ReviewReport,
  options: ReviewMarkdownOptions = {},
): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  let last = "";
  for (const step of STEPS) {
    const note =
      step.dropped.length === 0 ? "" : shortenedNote(step, maxChars, options.fullReportHint);
    last = compose(report, step, note);
    if (last.length <= maxChars) return last;
  }
  return cut(last, maxChars, options.fullReportHint);
}

/**
 * The last resort: even the summary is too long (thousands of violations or deletions). Keep
 * whole lines from the top, close a code block left open, and end with a note.
 */
function cut(text: string, maxChars: number, hint: string | undefined): string {
  const where =
    hint === undefined
      ? "Run the review locally for the full report."
      : `The full report is ${md(hint)}.`;
  const note = `\n\n> ✂️ **This comment was cut here** at ${maxChars.toLocaleString("en-US")} characters; the rest of the summary is left out. ${where}\n`;
  const budget = maxChars - note.length - "\n```".length;
  if (budget <= REVIEW_COMMENT_MARKER.length) {
    return safeSlice(`${REVIEW_COMMENT_MARKER}\n${note.trim()}\n`, maxChars);
  }
  let kept = safeSlice(text, budget);
  const lineEnd = kept.lastIndexOf("\n");
  if (lineEnd > 0) kept = kept.slice(0, lineEnd);
  const openFences = kept.split("\n").filter((line) => /^\s*`{3,}/.test(line)).length;
  if (openFences % 2 === 1) kept += "\n```";
  return `${kept}${note}`;
}
