/**
 * Which input changes make a provider replace a resource instead of updating it in place.
 *
 * - OpenStack: openstack.json, extracted from the provider schema of the pinned @pulumi/openstack
 *   (`willReplaceOnChanges`) by scripts/extract-replace-properties.ts.
 * - @pulumi/command: a Command is replaced when its `triggers` change (the SDK registers it with
 *   `replaceOnChanges: ["triggers[*]"]`); other changes re-run it in place.
 *
 * Types not listed (the libvirt provider, components) are treated as updated in place: the
 * engine's own preview (`govcloud preview`) remains the authority for those.
 */
import openstack from "./openstack.json";

const REPLACE_PATHS: Record<string, readonly string[]> = {
  ...(openstack.types as Record<string, string[]>),
  "command:local:Command": ["triggers"],
};

/** Pattern `blockDevices[].uuid` -> ["blockDevices", "[]", "uuid"]; `.*` matches any key. */
function tokens(pattern: string): string[] {
  return pattern
    .replace(/\[\]/g, ".[]")
    .split(".")
    .filter((token) => token !== "");
}

const TOKENS = new Map<string, string[][]>();

function patternsOf(type: string): string[][] {
  let patterns = TOKENS.get(type);
  if (patterns === undefined) {
    patterns = (REPLACE_PATHS[type] ?? []).map(tokens);
    TOKENS.set(type, patterns);
  }
  return patterns;
}

function segmentMatches(token: string, segment: string | number): boolean {
  if (token === "[]") return typeof segment === "number";
  if (token === "*") return true;
  return token === segment;
}

/**
 * Whether changing the input at `path` (["networks", 0, "port"]) replaces a resource of `type`:
 * the path lies under a replacing property, or holds one (a whole new list element).
 */
export function forcesReplacement(type: string, path: readonly (string | number)[]): boolean {
  return patternsOf(type).some((pattern) => {
    const length = Math.min(pattern.length, path.length);
    for (let i = 0; i < length; i++) if (!segmentMatches(pattern[i], path[i])) return false;
    return true;
  });
}

/** The provider version the OpenStack list was taken from (for the docs and reports). */
export const OPENSTACK_SCHEMA_VERSION: string = openstack.version;
