/**
 * The issue trackers of GitHub and GitLab, as far as the drift issues need them: list the open
 * issues with the drift label, open one, replace its text, comment on it and close it. The calls
 * and paging are codehost/api.ts's; the API address, the project and the token come from the CI
 * environment (cli/drift-issues-command.ts), so that the tests point them at a loopback server.
 */
import { call, listAll, projectPath, type CodeHostSettings } from "./api";

/** The label the issues carry: the pipeline lists open issues by it. */
export const DRIFT_LABEL = "govcloud-drift";

export interface OpenIssue {
  /** GitHub's issue number, GitLab's iid. */
  number: number;
  body: string;
}

export type IssueAction =
  | { kind: "create"; stack: string; title: string; body: string }
  | { kind: "update"; stack: string; number: number; title: string; body: string }
  | { kind: "close"; stack: string; number: number; comment: string };

function base(settings: CodeHostSettings): string {
  return `${projectPath(settings)}/issues`;
}

interface GithubIssue {
  number: number;
  body: string | null;
  pull_request?: unknown;
}

interface GitlabIssue {
  iid: number;
  description: string | null;
}

/** Every open issue with the drift label, all pages. */
export async function listOpenIssues(settings: CodeHostSettings): Promise<OpenIssue[]> {
  const state = settings.host === "github" ? "open" : "opened";
  const items = await listAll<GithubIssue & GitlabIssue>(
    settings,
    `${base(settings)}?state=${state}&labels=${DRIFT_LABEL}`,
  );
  return settings.host === "github"
    ? // GitHub lists pull requests among issues.
      items
        .filter((issue) => issue.pull_request === undefined)
        .map((issue) => ({ number: issue.number, body: issue.body ?? "" }))
    : items.map((issue) => ({ number: issue.iid, body: issue.description ?? "" }));
}

/** Carries out one action; returns the issue number it touched. */
export async function applyIssueAction(
  settings: CodeHostSettings,
  action: IssueAction,
): Promise<number> {
  const issues = base(settings);
  const github = settings.host === "github";
  switch (action.kind) {
    case "create": {
      const payload = github
        ? { title: action.title, body: action.body, labels: [DRIFT_LABEL] }
        : { title: action.title, description: action.body, labels: DRIFT_LABEL };
      const created = (await (await call(settings, "POST", issues, { payload })).json()) as {
        number?: number;
        iid?: number;
      };
      return (github ? created.number : created.iid) ?? 0;
    }
    case "update": {
      const payload = github
        ? { title: action.title, body: action.body }
        : { title: action.title, description: action.body };
      await call(settings, github ? "PATCH" : "PUT", `${issues}/${action.number}`, { payload });
      return action.number;
    }
    case "close": {
      const comments = `${issues}/${action.number}/${github ? "comments" : "notes"}`;
      await call(settings, "POST", comments, { payload: { body: action.comment } });
      const payload = github
        ? { state: "closed", state_reason: "completed" }
        : { state_event: "close" };
      await call(settings, github ? "PATCH" : "PUT", `${issues}/${action.number}`, { payload });
      return action.number;
    }
  }
}
