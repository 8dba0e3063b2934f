/**
 * PulumiPolicy.yaml, which the engine reads before it starts a pack (workspace.LoadPolicyPack):
 * the runtime (a name, or {name, options}), and optionally a version and a description that take
 * precedence over what the pack reports.
 */
import { join } from "node:path";
// js-yaml, which the estate's reader has loaded already (the yaml package it loads only for
// positions, which this file's messages do not give).
import { load } from "js-yaml";
import { readEstateFile, refusalSentence } from "../model/estate-file-reader";
import { MAX_FILE_BYTES } from "../model/yaml-source";

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

/**
 * What js-yaml found wrong, without the file's text: its message shows the lines around the
 * mistake, and a few of its reasons end with a tag, alias or prefix taken from the file (after a
 * colon, a quote, `!<` or a parenthesis), so the reason is cut before the first of those.
 */
function yamlMistake(file: string, error: unknown): string {
  const { reason, mark } = error as {
    reason?: unknown;
    mark?: { line?: unknown; column?: unknown };
  };
  const words = typeof reason === "string" ? reason.split(/[:"(!]/)[0].trim() : "";
  const place =
    typeof mark?.line === "number" && typeof mark.column === "number"
      ? `:${mark.line + 1}:${mark.column + 1}`
      : "";
  return `${file}${place}: invalid YAML${words === "" ? "" : `: ${words}`}`;
}

/**
 * Reads and checks `<packDir>/PulumiPolicy.yaml`: a regular file only, as the estate's files are
 * read (model/estate-file-reader.ts), so that a link in its place cannot bring another file's
 * lines into an error message.
 */
export function readPolicyPackProject(packDir: string): PolicyPackProject {
  const file = join(packDir, "PulumiPolicy.yaml");
  const read = readEstateFile(file, { maxBytes: MAX_FILE_BYTES });
  if (!read.ok) {
    throw new PolicyPackProjectError(
      `failed to load Pulumi policy project located at "${packDir}": ` +
        refusalSentence(file, read.refusal, MAX_FILE_BYTES),
    );
  }
  let doc: unknown;
  try {
    doc = load(read.bytes.toString("utf8"));
  } catch (e) {
    throw new PolicyPackProjectError(yamlMistake(file, e));
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
