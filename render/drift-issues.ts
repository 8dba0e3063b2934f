/**
 * Which issues the scheduled drift pipeline opens, updates, comments on and closes: one issue per
 * stack with drift, found again on the next run by a hidden marker in its body
 * (`<!-- govcloud-drift:<stack> -->`), so that a department has one issue however many nights
 * its drift lasts. When the drift is gone, the issue gets a comment saying so and is closed.
 * A stack that could not be refreshed, or is not deployed, leaves its issue as it is: nothing is
 * known about it this time.
 *
 * Pure: the actions are carried out by codehost/issues.ts.
 */
import type { IssueAction, OpenIssue } from "../codehost/issues";
import type { DriftReport, StackDrift } from "../deploy/drift-types";
import { renderStackDriftMarkdown } from "./drift-markdown";

/** GitHub refuses issue bodies over 65,536 characters; the body is kept under this. */
export const MAX_BODY_CHARS = 60_000;

export function driftMarker(stack: string): string {
  return `<!-- govcloud-drift:${stack} -->`;
}

export function driftIssueTitle(stack: string): string {
  return `Drift: ${stack} differs from its deployment`;
}

/** Where the pipeline run is, for the issue's last line; absent outside CI. */
export interface RunContext {
  runUrl?: string;
}

/** The issue body: the marker, the stack's drift table, and what to do about it. */
export function driftIssueBody(stack: StackDrift, context: RunContext = {}): string {
  const found = context.runUrl === undefined ? "" : ` ([this run](${context.runUrl}))`;
  const footer = [
    "",
    `Found by the scheduled \`govcloud drift\`${found}. Either change the cloud back by deploying ` +
      `again with a refresh first, \`govcloud up ${stack.stack} --refresh\` (the column ` +
      `_govcloud up --refresh_ says what that does; a plain \`up\` compares the code with the ` +
      `state, which still holds the last deployment, and leaves a change made in the cloud ` +
      `alone), or, when the change in the cloud is wanted, make it in the department file by ` +
      `pull request.`,
    "",
    "This issue is updated by every run while the drift lasts and closed when it is gone.",
    "",
  ].join("\n");
  let table = renderStackDriftMarkdown(stack, "##");
  const room = MAX_BODY_CHARS - footer.length - driftMarker(stack.stack).length - 200;
  if (table.length > room) {
    // Cut at a row boundary; the full report is in the pipeline's artifact.
    const cut = table.lastIndexOf("\n", room);
    table =
      `${table.slice(0, cut)}\n\n_The table is cut here: the full report is the drift-report ` +
      `artifact of the run._\n`;
  }
  return `${driftMarker(stack.stack)}\n${table}${footer}`;
}

/** The open issue that carries the stack's marker, if any (the oldest, when there are several). */
function issueOf(stack: string, issues: readonly OpenIssue[]): OpenIssue | undefined {
  const marker = driftMarker(stack);
  return [...issues]
    .sort((a, b) => a.number - b.number)
    .find((issue) => issue.body.includes(marker));
}

export function planIssueSync(
  report: DriftReport,
  openIssues: readonly OpenIssue[],
  context: RunContext = {},
): IssueAction[] {
  const actions: IssueAction[] = [];
  for (const stack of report.stacks) {
    const issue = issueOf(stack.stack, openIssues);
    if (stack.status === "drifted") {
      const title = driftIssueTitle(stack.stack);
      const body = driftIssueBody(stack, context);
      if (issue === undefined) actions.push({ kind: "create", stack: stack.stack, title, body });
      else if (issue.body !== body) {
        actions.push({ kind: "update", stack: stack.stack, number: issue.number, title, body });
      }
    } else if (stack.status === "clean" && issue !== undefined) {
      const where = context.runUrl === undefined ? "" : ` ([run](${context.runUrl}))`;
      actions.push({
        kind: "close",
        stack: stack.stack,
        number: issue.number,
        comment: `✅ No drift any more: every resource of ${stack.stack} is as deployed${where}. Closing.`,
      });
    }
  }
  return actions;
}
