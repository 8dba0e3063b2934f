/**
 * The quick way to read a YAML file: js-yaml, several times faster than the yaml package on a
 * cold start (about 0.2 s for the bundled estate's files, most of what loading the estate cost),
 * but without the positions of the nodes. yaml-source.ts takes the data from here and asks the
 * yaml package for positions only when something must be pointed at: a problem, a diagnostic.
 *
 * Both must read every file to the same data, so the quick way is taken only for what both read
 * alike, and declined (undefined: the yaml package reads the file and says what is wrong) for the
 * rest. Declined are files with:
 * - anchors, aliases, tags or directives (`&`, `*`, `!`, `%` anywhere): js-yaml shares an alias
 *   where the yaml package counts them against a limit, and tags and directives are warnings in
 *   the yaml package;
 * - tabs anywhere, explicit keys (`? `) and collections used as keys (`]:`, `}:`);
 * - a flow collection (`[`, `{`) that does not end on its line, unless it is a mapping indented
 *   as flowCollectionsFit says: the yaml package checks the indentation of the lines that
 *   continue it;
 * - a key js-yaml reads as `null` (the yaml package makes `~:` the key "");
 * - anything js-yaml refuses (duplicate keys, several documents, bad indentation...).
 * Plain scalars are resolved as the YAML 1.2 core schema says and the yaml package does (js-yaml's
 * own core schema also reads `0b101`, `-0x1F` and `+0o7` as numbers, the yaml package as
 * strings). tests/model/yaml-quick-read.test.ts compares the two readers on generated files.
 */
import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";

/** A form of plain scalar: the text it matches and the value it makes of it. */
type Form = [test: RegExp, construct: (text: string) => unknown];

/**
 * One type per tag (js-yaml keeps the last type of a tag): the first form that matches wins.
 * js-yaml asks every type about every plain scalar, so each first looks at the first character
 * (`starts`; an empty scalar only where it is listed as "").
 */
function scalar(tag: string, starts: readonly string[], forms: Form[]): Type {
  const first = new Set(starts);
  const form = (text: string | null) =>
    text !== null && first.has(text.charAt(0))
      ? forms.find(([test]) => test.test(text))
      : undefined;
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (text: string | null) => form(text) !== undefined,
    construct: (text: string | null) => form(text)![1](text ?? ""),
  });
}

const DIGITS = [..."0123456789"];
const SIGNS = ["-", "+"];

/** The YAML 1.2 core schema's plain scalars, each built the way the yaml package builds it. */
const CORE_SCALARS = [
  scalar("null", ["", "~", "n", "N"], [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
  scalar(
    "bool",
    ["t", "T", "f", "F"],
    [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => /^[tT]/.test(text)]],
  ),
  scalar(
    "int",
    [...DIGITS, ...SIGNS],
    [
      [/^0o[0-7]+$/, (text) => parseInt(text.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (text) => parseInt(text, 10)],
      [/^0x[0-9a-fA-F]+$/, (text) => parseInt(text.substring(2), 16)],
    ],
  ),
  scalar(
    "float",
    [...DIGITS, ...SIGNS, "."],
    [
      [
        /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
        (text) =>
          text.slice(-3).toLowerCase() === "nan"
            ? NaN
            : text[0] === "-"
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY,
      ],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, parseFloat],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, parseFloat],
    ],
  ),
];

const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: CORE_SCALARS });

/** Characters whose constructs the two readers treat differently (see above). */
const DECLINED_CHARACTERS = /[&*!%\t]|^\s*\?(?:\s|$)|[\]}]\s*:(?:\s|$)/m;

/**
 * Whether every flow collection either ends on its line, or is a mapping (`{`) whose other lines
 * are all indented at least as far as its `{`, and so further than the block it belongs to (the
 * yaml package checks the indentation of such lines, and refuses keys over several lines in flow
 * sequences), with no other collection over several lines inside it.
 */
function flowCollectionsFit(text: string): boolean {
  let depth = 0;
  let column = 0;
  /** The column of the `{` that opened a collection still open at the end of a line. */
  let openedAt = -1;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (lineStart && c !== 0x20) {
      lineStart = false;
      if (depth > 0 && column < openedAt) return false;
    }
    if (c === 0x0a) {
      // \n
      if (depth > 1 || (depth === 1 && openedAt < 0)) return false;
      column = 0;
      lineStart = true;
      continue;
    }
    if (c === 0x5b || c === 0x7b) {
      // [ {
      if (depth === 0) openedAt = c === 0x7b ? column : -1;
      depth++;
    } else if (c === 0x5d || c === 0x7d) {
      // ] }
      depth--;
      if (depth < 0) return false;
    }
    column++;
  }
  return depth === 0;
}

/** Whether some mapping in `value` has the key "null". */
function hasNullKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasNullKey);
  if (value === null || typeof value !== "object") return false;
  for (const key of Object.keys(value)) {
    if (key === "null" || hasNullKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** The data of `text` read quickly, or undefined when the yaml package must read it. */
export function quickRead(text: string): unknown {
  if (DECLINED_CHARACTERS.test(text) || !flowCollectionsFit(text)) return undefined;
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  return hasNullKey(data) ? undefined : data;
}
