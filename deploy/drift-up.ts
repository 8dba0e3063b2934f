/**
 * What `govcloud up --refresh` does about a drifted resource, in one sentence: the report says it
 * next to each resource so that whoever reads it knows whether deploying again is the fix ("up
 * --refresh sets cores back to 8") or is itself the danger ("... replaces the volume").
 *
 * `--refresh`, because a plain `up` compares the code with the state, which still holds what was
 * deployed: it does not see a change made in the cloud and leaves it there. Only after a refresh
 * does the state hold the cloud's values, and the update sets them back. (A quota field of 0 the
 * provider skipped is the exception: the state itself already differs from the code, so a plain
 * `up` applies it too.)
 */
import { formatValue } from "../model/excerpt";
import type { PropertyDrift, UpAction } from "./drift-types";

/** The command the sentence is about. */
const UP = "up --refresh";

/** Long values (tag lists, metadata) are cut in the sentence; the report keeps them whole. */
const VALUE_LIMIT = 60;

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** `cores back to 8`; a quota of 0 the provider skipped was never applied: not "back". */
function setting(property: PropertyDrift): string {
  const value = formatValue(property.inCode, VALUE_LIMIT);
  return property.note === undefined
    ? `${property.path} back to ${value}`
    : `${property.path} to ${value}`;
}

export function upSays(
  action: UpAction,
  kind: string,
  properties: readonly PropertyDrift[],
): string {
  switch (action) {
    case "create":
      return `${UP} re-creates the ${kind}`;
    case "replace": {
      const forcing = properties.filter((p) => p.forcesReplacement).map((p) => p.path);
      return `${UP} replaces the ${kind} (deletes it and creates it anew): ${list(forcing)} cannot change in place`;
    }
    case "update": {
      if (properties.length === 0) return `${UP} updates the ${kind}`;
      const sets = properties.filter((p) => p.kind !== "added").map(setting);
      const removes = properties.filter((p) => p.kind === "added").map((p) => p.path);
      const clauses = [
        ...(sets.length === 0 ? [] : [`sets ${list(sets)}`]),
        ...(removes.length === 0 ? [] : [`removes ${list(removes)}`]),
      ];
      return `${UP} ${clauses.join(" and ")}`;
    }
  }
}
