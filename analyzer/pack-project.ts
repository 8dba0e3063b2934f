/**
 * PulumiPolicy.yaml, which the engine reads before it starts a pack (workspace.LoadPolicyPack):
 * the runtime (a name, or {name, options}), and optionally a version and a description that take
 * precedence over what the pack reports.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
// js-yaml, which the estate's reader has loaded already (the yaml package it loads only for
// positions, which this file's messages do not give).
import { load } from "js-yaml";

export interface PolicyPackProject {
  runtime: string;
  runtimeOptions: Record<string, unknown>;
  version?: string;
  description?: string;
}

export class PolicyPackProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyPackProjectError";
  }
}

/** Reads and checks `<packDir>/PulumiPolicy.yaml`. */
export function readPolicyPackProject(packDir: string): PolicyPackProject {
  const file = join(packDir, "PulumiPolicy.yaml");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new PolicyPackProjectError(
      `failed to load Pulumi policy project located at "${packDir}": ${(e as Error).message}`,
    );
  }
  let doc: unknown;
  try {
    doc = load(text);
  } catch (e) {
    throw new PolicyPackProjectError(`${file}: invalid YAML: ${(e as Error).message}`);
  }
  const data = (typeof doc === "object" && doc !== null ? doc : {}) as Record<string, unknown>;
  const runtime = data.runtime;
  let name: unknown = runtime;
  let runtimeOptions: Record<string, unknown> = {};
  if (typeof runtime === "object" && runtime !== null) {
    name = (runtime as Record<string, unknown>).name;
    const options = (runtime as Record<string, unknown>).options;
    if (typeof options === "object" && options !== null) {
      runtimeOptions = options as Record<string, unknown>;
    }
  }
  if (typeof name !== "string" || name === "") {
    throw new PolicyPackProjectError(`${file}: project is missing a 'runtime' attribute`);
  }
  if (name !== "nodejs") {
    throw new PolicyPackProjectError(
      `${file}: runtime '${name}' is not supported by this harness (only nodejs packs)`,
    );
  }
  const project: PolicyPackProject = { runtime: name, runtimeOptions };
  if (typeof data.version === "string" && data.version !== "") project.version = data.version;
  if (typeof data.description === "string") project.description = data.description;
  return project;
}
