/**
 * The labels of a resource (model/tags.ts writes them): `key=value` strings in `tags`, or a
 * `metadata` map, or both (instances). Pure.
 */
import type { LabelCarrier } from "./resource-types";
import { LABEL_CARRIERS } from "./resource-types";
import type { ResourceView, Unknown } from "./resource-view";
import { isPlainObject, isUnknown, readArray, readObject } from "./resource-view";

export interface LabelRead {
  /** Label key -> value, from every carrier of the type (tags first). */
  labels: Record<string, string>;
  /** Where labels can live on this type; empty for types without tags or metadata. */
  carriers: readonly LabelCarrier[];
  /** Set when the tags or the metadata are not known during the preview. */
  unknown?: Unknown;
  /** Keys given two different values (twice in the tags, or in the tags and the metadata). */
  conflicts: string[];
}

/**
 * Labels per properties object: a resource's view shares one properties object among all the
 * policies that look at it (resource-view.ts), and five of them read its labels. Frozen, since
 * they are shared.
 */
const readFor = new WeakMap<object, Readonly<LabelRead>>();

export function readLabels(resource: ResourceView): Readonly<LabelRead> {
  const known = readFor.get(resource.props);
  if (known !== undefined) return known;
  const read = Object.freeze(readLabelsOf(resource));
  Object.freeze(read.labels);
  Object.freeze(read.conflicts);
  readFor.set(resource.props, read);
  return read;
}

function readLabelsOf(resource: ResourceView): LabelRead {
  const carriers = LABEL_CARRIERS[resource.type] ?? [];
  const labels: Record<string, string> = {};
  const conflicts = new Set<string>();
  let unknown: Unknown | undefined;
  const put = (key: string, value: string) => {
    const existing = labels[key];
    if (existing !== undefined && existing !== value) conflicts.add(key);
    else labels[key] = value;
  };
  for (const carrier of carriers) {
    if (carrier === "tags") {
      const tags = readArray(resource.props, "tags");
      if (isUnknown(tags)) {
        unknown ??= tags;
        continue;
      }
      for (const tag of tags ?? []) {
        if (isUnknown(tag)) {
          unknown ??= tag;
          continue;
        }
        if (typeof tag !== "string") continue;
        const at = tag.indexOf("=");
        if (at <= 0) continue; // a free-form tag, not a label
        put(tag.slice(0, at), tag.slice(at + 1));
      }
    } else {
      const metadata = readObject(resource.props, "metadata");
      if (isUnknown(metadata)) {
        unknown ??= metadata;
        continue;
      }
      if (!isPlainObject(metadata)) continue;
      for (const [key, value] of Object.entries(metadata)) {
        if (isUnknown(value)) {
          unknown ??= value;
          continue;
        }
        if (typeof value === "string") put(key, value);
      }
    }
  }
  return {
    labels,
    carriers,
    ...(unknown === undefined ? {} : { unknown }),
    conflicts: [...conflicts].sort(),
  };
}

/** A label's value, treating an empty string as absent. */
export function label(read: LabelRead, key: string): string | undefined {
  const value = Object.prototype.hasOwnProperty.call(read.labels, key)
    ? read.labels[key]
    : undefined;
  return value === undefined || value.trim() === "" ? undefined : value;
}
