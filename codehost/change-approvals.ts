/**
 * Who has approved a pull request (GitHub) or merge request (GitLab), as the host records it, and
 * whether a user belongs to a team or group: what `govcloud approvals` checks the review's
 * approvers against. Read through the REST APIs (codehost/api.ts).
 *
 * GitHub: a user's approval counts when their latest review that approves or objects approves
 * the pull request's current head commit (an approval of an earlier push does not cover what was
 * pushed since). GitLab: the merge request's approvals as GitLab keeps them (a project resets
 * them on push when it is set to).
 */
import { call, CodeHostError, listAll, projectPath } from "./api";
import type { CodeHostSettings } from "./api";

export interface ChangeApprovals {
  /** How people name it: "pull request #12", "merge request !12". */
  name: string;
  /** Who opened it: their own approval never counts. */
  author: string;
  /** Users whose approval stands. */
  approvedBy: string[];
  /** Whether `user` is an active member of `team` (GitHub `org/team`, GitLab group path). */
  isMember(team: string, user: string): Promise<boolean>;
}

interface GithubPull {
  user: { login: string };
  head: { sha: string };
}

interface GithubReview {
  user: { login: string } | null;
  state: string;
  commit_id: string | null;
}

interface GitlabMergeRequest {
  author: { username: string };
}

interface GitlabApprovals {
  approved_by?: { user: { id: number; username: string } }[];
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function githubApprovals(settings: CodeHostSettings, number: number) {
  const pull = await json<GithubPull>(
    await call(settings, "GET", `${projectPath(settings)}/pulls/${number}`),
  );
  const reviews = await listAll<GithubReview>(
    settings,
    `${projectPath(settings)}/pulls/${number}/reviews`,
  );
  // Reviews come oldest first; a comment neither gives nor takes back an approval.
  const latest = new Map<string, GithubReview>();
  for (const review of reviews) {
    if (review.user === null) continue;
    if (["APPROVED", "CHANGES_REQUESTED", "DISMISSED"].includes(review.state)) {
      latest.set(review.user.login.toLowerCase(), review);
    }
  }
  const approvedBy = [...latest.entries()]
    .filter(([, review]) => review.state === "APPROVED" && review.commit_id === pull.head.sha)
    .map(([login]) => login);
  const isMember = async (team: string, user: string) => {
    const [org, slug] = team.split("/");
    const response = await call(
      settings,
      "GET",
      `/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(slug)}/memberships/${encodeURIComponent(user)}`,
      { allowed: [404] },
    );
    if (response.status === 404) return false;
    return (await json<{ state?: string }>(response)).state === "active";
  };
  return {
    name: `pull request #${number}`,
    author: pull.user.login.toLowerCase(),
    approvedBy,
    isMember,
  };
}

async function gitlabApprovals(settings: CodeHostSettings, iid: number) {
  const base = `${projectPath(settings)}/merge_requests/${iid}`;
  const request = await json<GitlabMergeRequest>(await call(settings, "GET", base));
  const approvals = await json<GitlabApprovals>(await call(settings, "GET", `${base}/approvals`));
  const ids = new Map<string, number>();
  for (const { user } of approvals.approved_by ?? []) ids.set(user.username.toLowerCase(), user.id);
  const isMember = async (group: string, user: string) => {
    const id = ids.get(user);
    if (id === undefined) return false;
    const response = await call(
      settings,
      "GET",
      `/groups/${encodeURIComponent(group)}/members/all/${id}`,
      { allowed: [404] },
    );
    if (response.status === 404) return false;
    return (await json<{ state?: string }>(response)).state === "active";
  };
  return {
    name: `merge request !${iid}`,
    author: request.author.username.toLowerCase(),
    approvedBy: [...ids.keys()],
    isMember,
  };
}

export async function changeApprovals(
  settings: CodeHostSettings,
  number: number,
): Promise<ChangeApprovals> {
  if (!Number.isInteger(number) || number <= 0) {
    throw new CodeHostError(`not a pull or merge request number: ${number}`);
  }
  return settings.host === "github"
    ? githubApprovals(settings, number)
    : gitlabApprovals(settings, number);
}
