/**
 * Where a command reaches the code host's API, read from the CI environment the same way by every
 * command that calls it (`approvals`, `drift-issues`):
 *
 * - GitHub: `GITHUB_API_URL` (https://api.github.com when unset or empty) and `GITHUB_REPOSITORY`;
 * - GitLab: `CI_API_V4_URL` and `CI_PROJECT_ID`;
 * - the token from the first of the command's own variables that is set and not empty (CI sets a
 *   secret the project does not have to the empty string).
 *
 * Every missing variable is named at once; an API address that is not an http(s) URL, or, under
 * the loopback guard (GOVCLOUD_LOOPBACK_ONLY=1, which tests set), one that is not on this
 * machine, is refused before any request. No message holds the token.
 */
import type { CodeHost, CodeHostSettings } from "../codehost/api";
import { isLoopbackHost, LOOPBACK_ONLY_VARIABLE } from "../deploy/loopback-guard";

const GITHUB_DEFAULT_API = "https://api.github.com";

/** What was found in the environment: the settings when complete, and what is wrong otherwise. */
export interface CodeHostEnvironment {
  settings?: CodeHostSettings;
  /** The variables not set (a token's alternatives as "A or B"), in the order the API needs them. */
  missing: string[];
  /** Values that are set but cannot be used, each with what was found and what is wanted. */
  invalid: string[];
}

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const found = env[name];
  return found === undefined || found === "" ? undefined : found;
}

/** Why `apiUrl` (from `variable`) cannot be called, or undefined when it can. */
function apiUrlProblem(
  variable: string,
  apiUrl: string,
  env: NodeJS.ProcessEnv,
): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(apiUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return `${variable} is "${apiUrl}", not an http:// or https:// address`;
  }
  if (env[LOOPBACK_ONLY_VARIABLE] === "1" && !isLoopbackHost(url.hostname)) {
    // The origin alone: an address may carry a user and password before its host.
    return `${LOOPBACK_ONLY_VARIABLE}=1 and the API at ${url.origin} is not on this machine`;
  }
  return undefined;
}

/**
 * The API settings of `host` from `env`, with the token from the first of `tokenVariables` that
 * is set.
 */
export function codeHostFromEnvironment(
  host: CodeHost,
  env: NodeJS.ProcessEnv,
  tokenVariables: readonly string[],
): CodeHostEnvironment {
  const github = host === "github";
  const apiVariable = github ? "GITHUB_API_URL" : "CI_API_V4_URL";
  const projectVariable = github ? "GITHUB_REPOSITORY" : "CI_PROJECT_ID";
  const apiUrl = value(env, apiVariable) ?? (github ? GITHUB_DEFAULT_API : undefined);
  const project = value(env, projectVariable);
  const token = tokenVariables.map((name) => value(env, name)).find((found) => found !== undefined);
  const missing = [
    ...(apiUrl === undefined ? [apiVariable] : []),
    ...(project === undefined ? [projectVariable] : []),
    ...(token === undefined ? [tokenVariables.join(" or ")] : []),
  ];
  const problem = apiUrl === undefined ? undefined : apiUrlProblem(apiVariable, apiUrl, env);
  const invalid = problem === undefined ? [] : [problem];
  if (missing.length > 0 || invalid.length > 0) return { missing, invalid };
  return {
    settings: { host, apiUrl: apiUrl!, project: project!, token: token! },
    missing,
    invalid,
  };
}
