/**
 * Pulumi property paths, as resource options name them (`ignoreChanges`, `replaceOnChanges`):
 * `name`, `metadata.workload`, `networks[0].port`, `tags[*]`, `metadata["a.b"]`, or `*` for
 * every property. The offline diff reads them the way the engine does.
 */

/** A parsed path: keys, list indexes, and `*` for any key or index. */
export type PathSegment = string | number;

export const ANY = "*";

/** Parses a property path; undefined when it is malformed (the engine skips those too). */
export function parsePropertyPath(text: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "[") {
      const close = text.indexOf("]", i);
      if (close < 0) return undefined;
      const inner = text.slice(i + 1, close);
      if (inner.startsWith('"')) {
        // A quoted key may hold dots and brackets: find its closing quote first.
        const end = text.indexOf('"]', i + 2);
        if (end < 0) return undefined;
        segments.push(text.slice(i + 2, end));
        i = end + 2;
      } else if (inner === ANY) {
        segments.push(ANY);
        i = close + 1;
      } else if (/^\d+$/.test(inner)) {
        segments.push(Number(inner));
        i = close + 1;
      } else {
        return undefined;
      }
    } else if (c === ".") {
      i++;
    } else {
      let end = i;
      while (end < text.length && text[end] !== "." && text[end] !== "[") end++;
      segments.push(text.slice(i, end));
      i = end;
    }
  }
  return segments.length === 0 ? undefined : segments;
}

function segmentMatches(pattern: PathSegment, segment: string | number): boolean {
  return pattern === ANY || pattern === segment;
}

/**
 * Whether a change at `path` touches the property `pattern` names: the path lies under it, or
 * holds it (a whole new list element or object).
 */
export function pathTouches(
  pattern: readonly PathSegment[],
  path: readonly (string | number)[],
): boolean {
  const length = Math.min(pattern.length, path.length);
  for (let i = 0; i < length; i++) if (!segmentMatches(pattern[i], path[i])) return false;
  return true;
}

type Container = Record<string | number, unknown>;

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

function keysOf(value: Container): (string | number)[] {
  return Array.isArray(value) ? value.map((_, k) => k) : Object.keys(value);
}

/**
 * What the engine does with an `ignoreChanges` path before it diffs (processIgnoreChanges):
 * the new inputs take the old value there, or lose the property when the old inputs had none.
 * Mutates `next`, which must be a copy.
 */
export function resetPath(old: unknown, next: unknown, path: readonly PathSegment[]): void {
  if (path.length === 0 || !isContainer(next)) return;
  const [head, ...rest] = path;
  const oldContainer = isContainer(old) ? old : undefined;
  const keys =
    head === ANY
      ? [...new Set([...keysOf(next), ...(oldContainer === undefined ? [] : keysOf(oldContainer))])]
      : [head];
  for (const key of keys) {
    const hasOld = oldContainer !== undefined && key in oldContainer;
    if (rest.length > 0) {
      if (key in next && hasOld) resetPath(oldContainer[key], next[key], rest);
      continue;
    }
    if (hasOld) next[key] = structuredClone(oldContainer[key]);
    else if (Array.isArray(next) && typeof key === "number") continue;
    else delete next[key];
  }
}
