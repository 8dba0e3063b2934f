/**
 * `govcloud approvals`: a review of a change that raises a department's quota names the water
 * department's approvers (a team) and the platform team (a user); the command asks the code
 * host, here a loopback server replaying recorded GitHub and GitLab answers
 * (tests/fixtures/codehost), and exits 0 only when both have approved the current head.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EstateRepo, REPO } from "../review/estate-repo";
import type { ApiAnswer, LoopbackApi } from "../support/loopback-api";
import { loopbackApi } from "../support/loopback-api";

const CLI = join(REPO, "dist", "cli", "main.js");
const RECORDED = join(REPO, "tests", "fixtures", "codehost");
const TOKEN = "approvals-test-token-5f1c";

function recorded(name: string): unknown {
  return JSON.parse(readFileSync(join(RECORDED, `${name}.json`), "utf8")) as unknown;
}

interface Review {
  user: { login: string };
  state: string;
  commit_id: string;
}

const [platformApproval, waterApproval] = recorded("github-reviews") as Review[];

interface GithubScenario {
  reviews: Review[][];
  /** Members of the water team. */
  team?: string[];
  status?: number;
}

/** GitHub's answers for one scenario: the pull request, its reviews page by page, the team. */
function github(scenario: GithubScenario) {
  return (_method: string, url: string, api: string): ApiAnswer => {
    const path = url.split("?")[0];
    if (scenario.status !== undefined) {
      return { status: scenario.status, json: recorded("github-bad-credentials") };
    }
    if (path === "/repos/qingdao/govcloud-estate/pulls/42")
      return { json: recorded("github-pull") };
    if (path === "/repos/qingdao/govcloud-estate/pulls/42/reviews") {
      const page = Number(new URL(url, api).searchParams.get("page") ?? "1");
      const last = scenario.reviews.length;
      return {
        json: scenario.reviews[page - 1] ?? [],
        headers:
          page < last ? { link: `<${api}${path}?per_page=100&page=${page + 1}>; rel="next"` } : {},
      };
    }
    const member = /^\/orgs\/qd-water\/teams\/it-approvers\/memberships\/(.+)$/.exec(path);
    if (member !== null && (scenario.team ?? []).includes(member[1])) {
      return { json: recorded("github-team-membership") };
    }
    return { status: 404, json: recorded("github-not-found") };
  };
}

/** GitLab's answers: the merge request, its approvals, the water group's members. */
function gitlab(approvers: string[], group: string[]) {
  const approvals = recorded("gitlab-approvals") as {
    approved_by: { user: { id: number; username: string } }[];
  };
  return (_method: string, url: string): ApiAnswer => {
    const path = url.split("?")[0];
    if (path === "/api/v4/projects/311/merge_requests/17") {
      return { json: recorded("gitlab-merge-request") };
    }
    if (path === "/api/v4/projects/311/merge_requests/17/approvals") {
      return {
        json: {
          ...approvals,
          approved_by: approvals.approved_by.filter((entry) =>
            approvers.includes(entry.user.username),
          ),
        },
      };
    }
    const member = /^\/api\/v4\/groups\/qd-water%2Fit-approvers\/members\/all\/(\d+)$/.exec(path);
    const id = member === null ? undefined : Number(member[1]);
    const username = approvals.approved_by.find((entry) => entry.user.id === id)?.user.username;
    if (username !== undefined && group.includes(username)) {
      return { json: recorded("gitlab-group-member") };
    }
    return { status: 404, json: recorded("gitlab-not-found") };
  };
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built command, asynchronously: the loopback API answers in this same process. */
function approvals(reviewFile: string, env: NodeJS.ProcessEnv, extra: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "approvals", "--review", reviewFile, ...extra], {
      env: { PATH: process.env.PATH, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("govcloud approvals", function () {
  this.timeout(300_000);
  let repo: EstateRepo;
  let reviewFile: string;
  let api: LoopbackApi | undefined;

  before(() => {
    repo = new EstateRepo();
    repo.edit(
      "platform.yaml",
      "- { id: liu.yang, name: Liu Yang, email: liu.yang@bigdata.test.gov.cn }",
      "- { id: liu.yang, name: Liu Yang, email: liu.yang@bigdata.test.gov.cn, handle: liuyang-qd }",
    );
    repo.edit(
      "departments/water.yaml",
      "    email: wang.fang@water.test.gov.cn\n",
      "    email: wang.fang@water.test.gov.cn\n    handle: qd-water/it-approvers\n",
    );
    repo.commit("handles");
    repo.edit(
      "departments/water.yaml",
      "  qingdao:\n    vcpus: 32\n",
      "  qingdao:\n    vcpus: 40\n",
    );
    repo.commit("raise the water quota");
    reviewFile = join(repo.dir, "review.json");
    const { report } = repo.review("--base", "HEAD~1", "--head", "HEAD");
    writeFileSync(reviewFile, JSON.stringify(report));
    const water = report.stacks.find((stack) => stack.stack === "water");
    assert.deepEqual(
      water?.approvals.map((approval) => approval.by),
      ["department", "platform"],
      "the review names both approvals",
    );
  });
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });
  after(() => repo.remove());

  async function onGithub(scenario: GithubScenario, extra: string[] = []): Promise<Run> {
    api = await loopbackApi(github(scenario));
    const event = join(repo.dir, "event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number: 42 } }));
    return approvals(
      reviewFile,
      {
        GITHUB_ACTIONS: "true",
        GITHUB_API_URL: api.url,
        GITHUB_REPOSITORY: "qingdao/govcloud-estate",
        GITHUB_EVENT_PATH: event,
        GITHUB_TOKEN: TOKEN,
        // What Actions sets for a secret that is not configured: the workflow's token is used.
        GOVCLOUD_APPROVALS_TOKEN: "",
      },
      extra,
    );
  }

  it("GitHub: waits for both groups while nobody has approved, naming who may", async () => {
    const run = await onGithub({ reviews: [[]], team: ["wangfang-water"] });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const lines = run.stdout.split("\n");
    assert.equal(lines[0], "govcloud approvals: pull request #42: 0 of 2 approvals given");
    assert.equal(
      lines[1],
      "  waiting   platform team: one of @liuyang-qd or Chen Jing (chen.jing)",
    );
    assert.match(run.stdout, /raises the quota at qingdao: vcpus 32 → 40 \(water\)/);
    assert.match(
      run.stdout,
      /waiting {3}water department approvers: one of @qd-water\/it-approvers/,
    );
    // Every request carried the token, and no output shows it.
    assert.ok(api!.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`));
    assert.ok(!(run.stdout + run.stderr).includes(TOKEN));
  });

  it("GitHub: passes when the platform approver and a member of the water team approved the head", async () => {
    const run = await onGithub({
      reviews: [[platformApproval, waterApproval]],
      team: ["wangfang-water"],
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /: 2 of 2 approvals given\n/);
    assert.match(run.stdout, / {2}approved {2}platform team: by @liuyang-qd\n/);
    assert.match(run.stdout, / {2}approved {2}water department approvers: by @wangfang-water\n/);
  });

  it("GitHub: an approval of an earlier push, one taken back, or by a non-member does not count", async () => {
    const stale = { ...waterApproval, commit_id: "0000000000000000000000000000000000000000" };
    const takenBack = { ...platformApproval, state: "CHANGES_REQUESTED" };
    let run = await onGithub({
      reviews: [[platformApproval, takenBack, stale]],
      team: ["wangfang-water"],
    });
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.stdout, /: 0 of 2 approvals given\n/);
    await api!.close();
    run = await onGithub({ reviews: [[platformApproval, waterApproval]], team: [] });
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.stdout, /waiting {3}water department approvers/);
  });

  it("GitHub: the author's own approval never counts, even as a member of the team", async () => {
    const own = { ...waterApproval, user: { login: "water-dev" } };
    const run = await onGithub({ reviews: [[platformApproval, own]], team: ["water-dev"] });
    assert.equal(run.status, 1, run.stdout);
    assert.ok(
      !api!.requests.some((r) => r.url.endsWith("/memberships/water-dev")),
      "the author was not even looked up",
    );
  });

  it("GitHub: follows the reviews across pages", async () => {
    const run = await onGithub({
      reviews: [[platformApproval], [waterApproval]],
      team: ["wangfang-water"],
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(
      api!.requests.filter((r) =>
        r.url.startsWith("/repos/qingdao/govcloud-estate/pulls/42/reviews"),
      ).length,
      2,
    );
  });

  it("GitHub: a host that refuses the token is exit 2 with its answer, never the token", async () => {
    const run = await onGithub({ reviews: [[]], status: 401 });
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /cannot read the approvals from github: GET .*\/pulls\/42: 401 .*Bad credentials/,
    );
    assert.ok(!(run.stdout + run.stderr).includes(TOKEN));
  });

  it("JSON output says which groups approved", async () => {
    const run = await onGithub({ reviews: [[platformApproval]], team: [] }, ["--format", "json"]);
    assert.equal(run.status, 1);
    const result = JSON.parse(run.stdout) as {
      approved: boolean;
      groups: { by: string; approvedBy?: string }[];
    };
    assert.equal(result.approved, false);
    assert.deepEqual(
      result.groups.map((group) => [group.by, group.approvedBy ?? null]),
      [
        ["platform", "liuyang-qd"],
        ["department", null],
      ],
    );
  });

  async function onGitlab(approvers: string[], group: string[]): Promise<Run> {
    api = await loopbackApi(gitlab(approvers, group));
    return approvals(reviewFile, {
      GITLAB_CI: "true",
      CI_API_V4_URL: `${api.url}/api/v4`,
      CI_PROJECT_ID: "311",
      CI_MERGE_REQUEST_IID: "17",
      GOVCLOUD_REVIEW_TOKEN: TOKEN,
    });
  }

  it("GitLab: passes with the merge request's approvals, the group member found by id", async () => {
    const run = await onGitlab(["liuyang-qd", "wangfang-water"], ["wangfang-water"]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^govcloud approvals: merge request !17: 2 of 2 approvals given\n/);
    assert.ok(api!.requests.every((r) => r.headers["private-token"] === TOKEN));
  });

  it("GitLab: waits when the department's approver is not in its group", async () => {
    const run = await onGitlab(["liuyang-qd", "wangfang-water"], []);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /: 1 of 2 approvals given\n/);
  });

  it("names every missing setting at once, exit 2", async () => {
    const run = await approvals(reviewFile, { GITLAB_CI: "true" });
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      "govcloud: gitlab: missing CI_API_V4_URL, CI_PROJECT_ID, GOVCLOUD_APPROVALS_TOKEN or GOVCLOUD_REVIEW_TOKEN, --number or CI_MERGE_REQUEST_IID\n",
    );
    const notReview = await approvals(join(repo.dir, "platform.yaml"), { GITLAB_CI: "true" });
    assert.equal(notReview.status, 2);
    assert.match(
      notReview.stderr,
      /is not a review in JSON: write it with govcloud review --out review\.json/,
    );
  });
});
