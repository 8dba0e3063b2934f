/**
 * The REST APIs of GitHub and GitLab through `fetch`: one call, and every page of a listing. The
 * address, the project and the token come from the CI environment (the commands read it), so that
 * tests point them at a loopback server replaying recorded answers. No message ever holds the
 * token: only the method, the address and the host's answer.
 */
export type CodeHost = "github" | "gitlab";

export interface CodeHostSettings {
  host: CodeHost;
  /** GitHub: `GITHUB_API_URL` (https://api.github.com); GitLab: `CI_API_V4_URL`. */
  apiUrl: string;
  /** GitHub: `owner/name` (`GITHUB_REPOSITORY`); GitLab: the project id or path (`CI_PROJECT_ID`). */
  project: string;
  token: string;
}

export class CodeHostError extends Error {}

/** A listing that never ends (a server that always has a next page) stops here. */
const MAX_PAGES = 50;
/** A host that does not answer within this fails the job rather than holding it. */
const TIMEOUT_MS = 60_000;

function headers(settings: CodeHostSettings, json: boolean): Record<string, string> {
  const common: Record<string, string> = json ? { "content-type": "application/json" } : {};
  return settings.host === "github"
    ? {
        ...common,
        authorization: `Bearer ${settings.token}`,
        accept: "application/vnd.github+json",
        "x-github-api-version": "2022-11-28",
      }
    : { ...common, "private-token": settings.token, accept: "application/json" };
}

/** The project's part of an API path: `/repos/owner/name` or `/projects/<encoded id>`. */
export function projectPath(settings: CodeHostSettings): string {
  return settings.host === "github"
    ? `/repos/${settings.project}`
    : `/projects/${encodeURIComponent(settings.project)}`;
}

/**
 * One call. `allowed` lists statuses that are answers rather than failures (404 for "not a
 * member"); any other status that is not 2xx throws, with what the host said.
 */
export async function call(
  settings: CodeHostSettings,
  method: string,
  pathOrUrl: string,
  options: { payload?: unknown; allowed?: number[] } = {},
): Promise<Response> {
  const url = /^https?:\/\//.test(pathOrUrl)
    ? pathOrUrl
    : `${settings.apiUrl.replace(/\/$/, "")}${pathOrUrl}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: headers(settings, options.payload !== undefined),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      ...(options.payload === undefined ? {} : { body: JSON.stringify(options.payload) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new CodeHostError(`${method} ${url}: ${cause ?? (error as Error).message}`);
  }
  if (!response.ok && !(options.allowed ?? []).includes(response.status)) {
    throw new CodeHostError(
      `${method} ${url}: ${response.status} ${(await response.text()).slice(0, 500)}`,
    );
  }
  return response;
}

/** The URL of the next page, from the Link header both hosts send. */
function nextPage(response: Response): string | undefined {
  const link = response.headers.get("link") ?? "";
  return /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
}

/** Every item of a listing, following the hosts' next-page links. */
export async function listAll<T>(settings: CodeHostSettings, path: string): Promise<T[]> {
  const items: T[] = [];
  let url: string | undefined = `${path}${path.includes("?") ? "&" : "?"}per_page=100`;
  for (let page = 0; url !== undefined; page++) {
    if (page === MAX_PAGES) {
      throw new CodeHostError(`GET ${path}: more than ${MAX_PAGES} pages; stopped`);
    }
    const response = await call(settings, "GET", url);
    const body = (await response.json()) as unknown;
    if (!Array.isArray(body)) throw new CodeHostError(`GET ${url}: the answer is not a list`);
    items.push(...(body as T[]));
    url = nextPage(response);
    // The token goes with every page: only ever to the API it was given for.
    if (url !== undefined && !url.startsWith(settings.apiUrl.replace(/\/$/, ""))) {
      throw new CodeHostError(`GET ${path}: the next page is on another host; stopped`);
    }
  }
  return items;
}
