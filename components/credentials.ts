/**
 * Where the automation account's login comes from: the clouds.yaml entry platform.yaml names for
 * each site (with secure.yaml next to it, as the OpenStack clients read them), and optionally a
 * password kept as a Pulumi secret (`pulumi config set --secret govcloud:openstackPassword`),
 * for runners whose clouds.yaml holds no password. Never from the department or platform files.
 *
 * OS_* environment variables are refused: the OpenStack provider falls back to them for any
 * field the program leaves out (OS_CLOUD in particular), which would silently mix a second login
 * into the project-scoped provider.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Site } from "../model/types";
import type { SiteCredentials } from "./providers";

/** The part of a clouds.yaml entry the program reads. */
export interface CloudEntry {
  auth_type?: string;
  auth?: {
    auth_url?: string;
    username?: string;
    password?: string;
    user_domain_name?: string;
    user_domain_id?: string;
    project_domain_name?: string;
    project_domain_id?: string;
  };
  cacert?: string;
}

export type CredentialsResult = { ok: true; value: SiteCredentials } | { ok: false; error: string };

/** Environment variables that may stay set: they only say where clouds.yaml is. */
const ALLOWED_OS_VARIABLES = new Set(["OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE"]);

export function forbiddenOpenStackVariables(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((key) => key.startsWith("OS_") && !ALLOWED_OS_VARIABLES.has(key))
    .sort();
}

/** Search order of the OpenStack clients: the variable, the working folder, the user, the host. */
export function cloudsFileCandidates(
  env: NodeJS.ProcessEnv,
  cwd: string,
  home: string,
  file: "clouds.yaml" | "secure.yaml",
): string[] {
  const variable = file === "clouds.yaml" ? env.OS_CLIENT_CONFIG_FILE : env.OS_CLIENT_SECURE_FILE;
  return [
    ...(variable ? [variable] : []),
    join(cwd, file),
    join(home, ".config", "openstack", file),
    join("/etc/openstack", file),
  ];
}

function cloudsOf(document: unknown): Record<string, CloudEntry> {
  if (document === null || typeof document !== "object") return {};
  const clouds = (document as { clouds?: unknown }).clouds;
  return clouds !== null && typeof clouds === "object"
    ? (clouds as Record<string, CloudEntry>)
    : {};
}

/** The entry as the clients see it: secure.yaml fills in what clouds.yaml leaves out. */
export function mergeCloudEntry(
  clouds: unknown,
  secure: unknown,
  name: string,
): CloudEntry | undefined {
  const base = cloudsOf(clouds)[name];
  if (base === undefined) return undefined;
  const extra = cloudsOf(secure)[name] ?? {};
  return { ...extra, ...base, auth: { ...(extra.auth ?? {}), ...(base.auth ?? {}) } };
}

/**
 * The login of the automation account at one site. The auth URL comes from clouds.yaml, as the
 * admin provider uses it, or else from platform.yaml; the password from Pulumi config when given.
 */
export function credentialsFromEntry(
  site: Site,
  entry: CloudEntry | undefined,
  configPassword: pulumi.Output<string> | undefined,
): CredentialsResult {
  const cloud = site.openstack?.cloud;
  if (cloud === undefined || site.openstack === undefined) {
    return { ok: false, error: `site ${site.id} is not an active OpenStack site` };
  }
  if (entry === undefined) {
    return {
      ok: false,
      error:
        `clouds.yaml has no entry "${cloud}" for site ${site.id}: add it (see docs/components.md), ` +
        `or point OS_CLIENT_CONFIG_FILE at the clouds.yaml that has it`,
    };
  }
  if (
    entry.auth_type !== undefined &&
    entry.auth_type !== "password" &&
    entry.auth_type !== "v3password"
  ) {
    return {
      ok: false,
      error:
        `clouds.yaml entry "${cloud}" uses auth_type ${entry.auth_type}; the provider scoped to a ` +
        `department's project needs a user and password (application credentials and tokens are ` +
        `bound to one project)`,
    };
  }
  const auth = entry.auth ?? {};
  const password =
    configPassword ?? (auth.password === undefined ? undefined : pulumi.secret(auth.password));
  if (auth.username === undefined || password === undefined) {
    return {
      ok: false,
      error:
        `clouds.yaml entry "${cloud}" needs auth.username and auth.password (or secure.yaml, or ` +
        `pulumi config set --secret govcloud:openstackPassword <password>)`,
    };
  }
  return {
    ok: true,
    value: {
      cloud,
      authUrl: auth.auth_url ?? site.openstack.authUrl,
      userName: auth.username,
      ...(auth.user_domain_id !== undefined ? { userDomainId: auth.user_domain_id } : {}),
      ...(auth.user_domain_name !== undefined ? { userDomainName: auth.user_domain_name } : {}),
      ...(auth.project_domain_id !== undefined ? { projectDomainId: auth.project_domain_id } : {}),
      ...(auth.project_domain_name !== undefined
        ? { projectDomainName: auth.project_domain_name }
        : {}),
      password,
      ...(entry.cacert !== undefined ? { cacertFile: entry.cacert } : {}),
      passwordFromConfig: configPassword !== undefined,
    },
  };
}

/** A clouds.yaml or secure.yaml that cannot be read or parsed: the user's file to fix. */
export class CloudsFileError extends pulumi.RunError {}

function readFirstYaml(paths: string[]): unknown {
  // Loaded only when a file is read (a deployment), not whenever the components are: an offline
  // plan never reads clouds.yaml, and the package costs tens of milliseconds to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require("yaml") as typeof import("yaml");
  for (const path of paths) {
    if (!existsSync(path)) continue;
    try {
      return parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new CloudsFileError(unreadableCloudsFile(path, error));
    }
  }
  return undefined;
}

/**
 * Why a clouds.yaml or secure.yaml could not be read, quoting none of it: the YAML parser's own
 * message shows the lines around the mistake, and these files hold passwords.
 */
export function unreadableCloudsFile(path: string, error: unknown): string {
  const { name, code, linePos } = error as {
    name?: unknown;
    code?: unknown;
    linePos?: { line: number; col: number }[];
  };
  // The yaml package's errors are YAMLParseError and the like; anything else is the file system's.
  if (typeof name !== "string" || !name.startsWith("YAML")) {
    return `${path} cannot be read (${typeof code === "string" ? code : "error"})`;
  }
  const where = linePos?.[0] === undefined ? "" : `:${linePos[0].line}:${linePos[0].col}`;
  return (
    `${path}${where}: not valid YAML (${String(code)}); fix the file there (its lines are not shown, ` +
    `since the file holds passwords)`
  );
}

/** Reads clouds.yaml and secure.yaml once, in the clients' search order; entries by name. */
export function cloudEntries(
  env: NodeJS.ProcessEnv,
  cwd: string,
): (cloud: string) => CloudEntry | undefined {
  const home = homedir();
  const clouds = readFirstYaml(cloudsFileCandidates(env, cwd, home, "clouds.yaml"));
  const secure = readFirstYaml(cloudsFileCandidates(env, cwd, home, "secure.yaml"));
  return (cloud) => mergeCloudEntry(clouds, secure, cloud);
}

/** Reads clouds.yaml and secure.yaml once; returns a function giving each site's login. */
export function cloudsYamlCredentials(
  env: NodeJS.ProcessEnv,
  cwd: string,
  configPassword: pulumi.Output<string> | undefined,
): (site: Site) => CredentialsResult {
  const entry = cloudEntries(env, cwd);
  return (site) => credentialsFromEntry(site, entry(site.openstack?.cloud ?? ""), configPassword);
}
