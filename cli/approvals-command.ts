/**
 * `govcloud approvals --review review.json`: fails until the approvers the review names (the
 * platform team, each department's approvers) have approved the pull or merge request on the
 * code host. Run by both pipelines after the review (docs/approvals.md); made a required check,
 * it enforces the approvals the review only lists. Exit codes: 0 every approval given, 1 waiting
 * for some, 2 usage or a host that cannot be asked.
 */
import { readFileSync, statSync } from "node:fs";
import type { CodeHost, CodeHostSettings } from "../codehost/api";
import { CodeHostError } from "../codehost/api";
import { changeApprovals } from "../codehost/change-approvals";
import { approverGroups } from "../review/approval-groups";
import { approvalStatusJson, approvalStatusText } from "../render/approval-status";
import { approvalStatus } from "../review/approval-status";
import type { ReviewReport } from "../review/types";
import { codeHostFromEnvironment } from "./code-host-settings";
import { UsageError } from "./usage-error";

export interface ApprovalsOptions {
  review: string;
  host?: string;
  number?: string;
  format: "text" | "json";
}

/** A review JSON larger than this is not one govcloud wrote. */
const MAX_REVIEW_BYTES = 64 * 1024 * 1024;

function readReview(file: string): ReviewReport {
  let text: string;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new UsageError(`--review ${file} is not a file`);
    if (stats.size > MAX_REVIEW_BYTES) {
      throw new UsageError(`--review ${file} is larger than a review can be`);
    }
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `--review ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}): write it with govcloud review --out review.json`,
    );
  }
  try {
    const report = JSON.parse(text) as ReviewReport;
    if (!Array.isArray(report.stacks)) throw new Error("no stacks");
    return report;
  } catch {
    throw new UsageError(
      `--review ${file} is not a review in JSON: write it with govcloud review --out review.json`,
    );
  }
}

function hostOf(option: string | undefined, env: NodeJS.ProcessEnv): CodeHost {
  if (option === "github" || option === "gitlab") return option;
  if (option !== undefined)
    throw new UsageError(`--host must be github or gitlab, got "${option}"`);
  if (env.GITHUB_ACTIONS === "true") return "github";
  if (env.GITLAB_CI === "true") return "gitlab";
  throw new UsageError(
    "not in GitHub Actions or GitLab CI: pass --host github or --host gitlab, with the variables docs/approvals.md lists",
  );
}

/** The pull request number of a GitHub Actions run, from its event file. */
function githubNumber(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_EVENT_PATH === undefined) return undefined;
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) as {
      pull_request?: { number?: number };
    };
    return event.pull_request?.number === undefined ? undefined : String(event.pull_request.number);
  } catch {
    return undefined;
  }
}

/** Where to ask, from the CI environment; every missing or unusable setting named at once. */
export function hostSettings(
  options: Pick<ApprovalsOptions, "host" | "number">,
  env: NodeJS.ProcessEnv,
): { settings: CodeHostSettings; number: number } {
  const host = hostOf(options.host, env);
  const github = host === "github";
  const api = codeHostFromEnvironment(host, env, [
    "GOVCLOUD_APPROVALS_TOKEN",
    github ? "GITHUB_TOKEN" : "GOVCLOUD_REVIEW_TOKEN",
  ]);
  const given = options.number ?? (github ? githubNumber(env) : env.CI_MERGE_REQUEST_IID);
  const hasNumber = given !== undefined && given !== "";
  const missing = [...api.missing];
  if (!hasNumber) {
    missing.push(
      github
        ? "--number (or a pull_request event in GITHUB_EVENT_PATH)"
        : "--number or CI_MERGE_REQUEST_IID",
    );
  }
  const problems = [
    ...(missing.length > 0 ? [`${host}: missing ${missing.join(", ")}`] : []),
    ...api.invalid.map((problem) => `${host}: ${problem}`),
  ];
  const number = Number(given);
  if (hasNumber && (!Number.isInteger(number) || number <= 0)) {
    problems.push(`the pull or merge request number must be a whole number, got "${given}"`);
  }
  if (problems.length > 0 || api.settings === undefined) {
    throw new UsageError(problems.join("; "));
  }
  return { settings: api.settings, number };
}

export async function runApprovals(
  options: ApprovalsOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ exitCode: number; stdout: string }> {
  const report = readReview(options.review);
  const { settings, number } = hostSettings(options, env);
  const groups = approverGroups(report);
  let statuses;
  let change: string;
  try {
    const approvals = await changeApprovals(settings, number);
    change = approvals.name;
    statuses = await approvalStatus(groups, approvals);
  } catch (error) {
    if (error instanceof CodeHostError) {
      return {
        exitCode: 2,
        stdout: `govcloud approvals: cannot read the approvals from ${settings.host}: ${error.message}\n`,
      };
    }
    throw error;
  }
  const render = options.format === "json" ? approvalStatusJson : approvalStatusText;
  const waiting = statuses.some((status) => status.approvedBy === undefined);
  return { exitCode: waiting ? 1 : 0, stdout: render(change, statuses) };
}
