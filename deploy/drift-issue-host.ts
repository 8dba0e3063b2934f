/**
 * The issue trackers of GitHub and GitLab, through their REST APIs with `fetch`, as far as the
 * drift issues need them: list the open issues with the drift label, open one, replace its text,
 * comment on it and close it. The API address, the project and the token come from the CI
 * environment (cli/drift-issues-command.ts), so that the tests point them at a loopback server.
 */
import { DRIFT_LABEL, type IssueAction, type OpenIssue } from "./drift-issues";

export type IssueProvider = "github" | "gitlab";

export interface IssueHostSettings {
  provider: IssueProvider;
  /** GitHub: `GITHUB_API_URL` (https://api.github.com); GitLab: `CI_API_V4_URL`. */
  apiUrl: string;
  /** GitHub: `owner/name` (`GITHUB_REPOSITORY`); GitLab: the project id (`CI_PROJECT_ID`). */
  project: string;
  token: string;
}

export class IssueApiError extends Error {}

const PAGE_SIZE = 100;
/** A runaway listing (a server that always says there is a next page) stops here. */
const MAX_PAGES = 50;

async function call(
  settings: IssueHostSettings,
  method: string,
  path: string,
  payload?: unknown,
): Promise<Response> {
  const url = `${settings.apiUrl.replace(/\/$/, "")}${path}`;
  const headers: Record<string, string> =
    settings.provider === "github"
      ? {
          authorization: `Bearer ${settings.token}`,
          accept: "application/vnd.github+json",
          "x-github-api-version": "2022-11-28",
        }
      : { "private-token": settings.token, accept: "application/json" };
  if (payload !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new IssueApiError(`${method} ${url}: ${cause ?? (error as Error).message}`);
  }
  if (!response.ok) {
    // The token is never in the message: only the method, the address and the answer.
    throw new IssueApiError(
      `${method} ${url}: ${response.status} ${(await response.text()).slice(0, 500)}`,
    );
  }
  return response;
}

function base(settings: IssueHostSettings): string {
  return settings.provider === "github"
    ? `/repos/${settings.project}/issues`
    : `/projects/${encodeURIComponent(settings.project)}/issues`;
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
export async function listOpenIssues(settings: IssueHostSettings): Promise<OpenIssue[]> {
  const issues: OpenIssue[] = [];
  const state = settings.provider === "github" ? "open" : "opened";
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = `?state=${state}&labels=${DRIFT_LABEL}&per_page=${PAGE_SIZE}&page=${page}`;
    const response = await call(settings, "GET", `${base(settings)}${query}`);
    const items = (await response.json()) as unknown[];
    for (const item of items) {
      if (settings.provider === "github") {
        const issue = item as GithubIssue;
        // GitHub lists pull requests among issues.
        if (issue.pull_request === undefined) {
          issues.push({ number: issue.number, body: issue.body ?? "" });
        }
      } else {
        const issue = item as GitlabIssue;
        issues.push({ number: issue.iid, body: issue.description ?? "" });
      }
    }
    const next =
      settings.provider === "gitlab"
        ? (response.headers.get("x-next-page") ?? "") !== ""
        : items.length === PAGE_SIZE;
    if (!next) break;
  }
  return issues;
}

/** Carries out one action; returns the issue number it touched. */
export async function applyIssueAction(
  settings: IssueHostSettings,
  action: IssueAction,
): Promise<number> {
  const issues = base(settings);
  const github = settings.provider === "github";
  switch (action.kind) {
    case "create": {
      const payload = github
        ? { title: action.title, body: action.body, labels: [DRIFT_LABEL] }
        : { title: action.title, description: action.body, labels: DRIFT_LABEL };
      const created = (await (await call(settings, "POST", issues, payload)).json()) as {
        number?: number;
        iid?: number;
      };
      return (github ? created.number : created.iid) ?? 0;
    }
    case "update": {
      const payload = github
        ? { title: action.title, body: action.body }
        : { title: action.title, description: action.body };
      await call(settings, github ? "PATCH" : "PUT", `${issues}/${action.number}`, payload);
      return action.number;
    }
    case "close": {
      const comments = `${issues}/${action.number}/${github ? "comments" : "notes"}`;
      await call(settings, "POST", comments, { body: action.comment });
      const payload = github
        ? { state: "closed", state_reason: "completed" }
        : { state_event: "close" };
      await call(settings, github ? "PATCH" : "PUT", `${issues}/${action.number}`, payload);
      return action.number;
    }
  }
}
