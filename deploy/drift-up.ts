/**
 * What the next `govcloud up` does about a drifted resource, in one sentence: the report says it
 * next to each resource so that whoever reads it knows whether running the deployment again is
 * the fix ("up sets cores back to 8") or is itself the danger ("up replaces the volume").
 */
import { formatValue } from "../render/review-text";
import type { PropertyDrift, UpAction } from "./drift-types";

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
      return `up re-creates the ${kind}`;
    case "replace": {
      const forcing = properties.filter((p) => p.forcesReplacement).map((p) => p.path);
      return `up replaces the ${kind} (deletes it and creates it anew): ${list(forcing)} cannot change in place`;
    }
    case "update": {
      if (properties.length === 0) return `up updates the ${kind}`;
      const sets = properties.filter((p) => p.kind !== "added").map(setting);
      const removes = properties.filter((p) => p.kind === "added").map((p) => p.path);
      const clauses = [
        ...(sets.length === 0 ? [] : [`sets ${list(sets)}`]),
        ...(removes.length === 0 ? [] : [`removes ${list(removes)}`]),
      ];
      return `up ${clauses.join(" and ")}`;
    }
  }
}
