/**
 * `govcloud drift-issues --provider github|gitlab [--report drift.json]`: keeps one issue per
 * drifted stack in step with a drift report (render/drift-issues.ts), through the code host's API.
 * Everything it needs comes from the CI environment:
 *
 * - GitHub: `GITHUB_API_URL`, `GITHUB_REPOSITORY`, `GITHUB_TOKEN` (with `issues: write`), and
 *   `GITHUB_SERVER_URL` + `GITHUB_RUN_ID` for the link to the run;
 * - GitLab: `CI_API_V4_URL`, `CI_PROJECT_ID`, `GOVCLOUD_DRIFT_TOKEN` (a project access token with
 *   the `api` scope, role Reporter or above), and `CI_PIPELINE_URL`.
 *
 * Exit codes: 0 in step, 1 an API call failed (the actions before it stay done; the next run
 * finds them by their marker), 2 usage (an unreadable report, a variable missing).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CodeHostError, type CodeHost, type CodeHostSettings } from "../codehost/api";
import { applyIssueAction, listOpenIssues, type IssueAction } from "../codehost/issues";
import { planIssueSync, type RunContext } from "../render/drift-issues";
import type { DriftReport } from "../deploy/drift-types";
import { jsonErrorPlace, parseJsonText } from "../model/json-text";
import { codeHostFromEnvironment } from "./code-host-settings";
import { UsageError } from "./usage-error";

export interface DriftIssuesOptions {
  provider: CodeHost;
  /** The JSON report of `govcloud drift --out drift.json`. */
  report: string;
  /** Print what would be done, call nothing but the listing. */
  dryRun: boolean;
}

export function hostSettings(provider: CodeHost, env: NodeJS.ProcessEnv): CodeHostSettings {
  const token = provider === "github" ? "GITHUB_TOKEN" : "GOVCLOUD_DRIFT_TOKEN";
  const api = codeHostFromEnvironment(provider, env, [token]);
  if (api.settings !== undefined) return api.settings;
  const problems = [
    ...(api.missing.length === 0
      ? []
      : [
          `${api.missing.join(", ")} ${api.missing.length === 1 ? "is" : "are"} not set: ` +
            `drift-issues --provider ${provider} takes the API address, the project and the ` +
            `token from the CI environment (docs/drift.md)`,
        ]),
    ...api.invalid,
  ];
  throw new UsageError(problems.join("; "));
}

export function runContext(provider: CodeHost, env: NodeJS.ProcessEnv): RunContext {
  if (provider === "gitlab") return env.CI_PIPELINE_URL ? { runUrl: env.CI_PIPELINE_URL } : {};
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? { runUrl: `${server}/${repo}/actions/runs/${run}` } : {};
}

function readReport(file: string): DriftReport {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UsageError(`cannot read the drift report ${file} (${code})`);
  }
  const json = parseJsonText(text);
  if (!json.ok) {
    throw new UsageError(
      `${jsonErrorPlace(file, json)}: invalid JSON: ${json.reason}; write the report with govcloud drift --out drift.json`,
    );
  }
  const report = json.value;
  const stacks = (report as { stacks?: unknown } | null)?.stacks;
  if (!Array.isArray(stacks)) {
    throw new UsageError(`${file} is not a drift report (govcloud drift --out drift.json)`);
  }
  return report as DriftReport;
}

function describe(action: IssueAction, number?: number): string {
  const issue = number === undefined ? "" : ` #${number}`;
  switch (action.kind) {
    case "create":
      return `opened${issue} for ${action.stack}`;
    case "update":
      return `updated #${action.number} for ${action.stack}`;
    case "close":
      return `closed #${action.number}: ${action.stack} no longer drifts`;
  }
}

export async function runDriftIssues(
  options: DriftIssuesOptions,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const report = readReport(resolve(cwd, options.report));
  const settings = hostSettings(options.provider, env);
  const lines: string[] = [];
  try {
    const open = await listOpenIssues(settings);
    const actions = planIssueSync(report, open, runContext(options.provider, env));
    for (const action of actions) {
      if (options.dryRun) lines.push(`would have ${describe(action)}`);
      else lines.push(describe(action, await applyIssueAction(settings, action)));
    }
    lines.push(
      `govcloud drift-issues: ${actions.length === 0 ? "nothing to do" : `${actions.length} issue(s) ${options.dryRun ? "to change" : "changed"}`} ` +
        `(${open.length} open drift issue(s) found)`,
    );
    return { exitCode: 0, stdout: lines.map((line) => `${line}\n`).join(""), stderr: "" };
  } catch (error) {
    if (!(error instanceof CodeHostError)) throw error;
    return {
      exitCode: 1,
      stdout: lines.map((line) => `${line}\n`).join(""),
      stderr: `govcloud drift-issues: ${error.message}\n`,
    };
  }
}
