/**
 * The fast way to read a govcloud YAML file: js-yaml's loader, with plain scalars resolved as
 * the yaml package resolves them under its YAML 1.2 core schema, and the position of every
 * node rebuilt from the loader's listener (one `open` and `close` per node). It takes what the
 * estate's files are made of (block mappings and sequences; plain, quoted and block scalars;
 * flow collections of scalars; anchored block collections and their aliases) and declines
 * everything else by returning `undefined`: yaml-source.ts then reads the file with the yaml
 * package, which stays the reference for data, positions and problems.
 *
 * Declined:
 * - texts with tabs, control characters, lone CRs, a BOM, lone surrogates, a line starting with
 *   `---`, `...` or `%`, a `?` that may start an explicit key, a `#` right after a quote,
 *   bracket, brace or comma, or an escaped line break followed by an empty line;
 * - nodes starting with `!`, `?`, `%`, `@` or a backtick (tags, explicit keys, reserved
 *   indicators), and block scalars when a line of the text has only spaces;
 * - anchors other than on a block collection, with the anchor last on its line; an anchor name
 *   used twice; aliases outside block values, inside anchored nodes, or more than 99 of them;
 * - keys that are not scalars, are null (`~:`), are anchored, span lines or are longer than
 *   1000 characters;
 * - flow pairs and flow mappings inside flow sequences, flow entries without a value, empty
 *   values in flow mappings and empty sequence entries;
 * - anything js-yaml throws or warns about (syntax, duplicate keys, more than one document,
 *   nesting deeper than 100), empty documents, and any node the listener shows in a shape the
 *   loaded data does not have.
 */
import { load, Schema, Type } from "js-yaml";
import type { State } from "js-yaml";
import type { FieldPath } from "./problem";
import type { Position, YamlSource } from "./yaml-position";

/** What `resolveCoreScalar` returns for a plain scalar the core schema leaves a string. */
export const NOT_CORE: unique symbol = Symbol("not a core schema scalar");

const NULL_VALUE = /^(?:~|null|Null|NULL)?$/;
const BOOL_VALUE = /^(?:true|True|TRUE|false|False|FALSE)$/;
const OCTAL_INT = /^0o[0-7]+$/;
const DECIMAL_INT = /^[-+]?[0-9]+$/;
const HEX_INT = /^0x[0-9a-fA-F]+$/;
const INFINITY_OR_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** With a fraction, an exponent or both (a bare integer is `DECIMAL_INT`). */
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** Any of the above: most plain scalars (names, addresses, dates) fail this one test. */
const CORE_VALUE =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)?$/;

/**
 * The value of a plain scalar under the YAML 1.2 core schema, exactly as the yaml package gives
 * it: null, booleans, decimal, `0o` and `0x` integers (unsigned), floats with a fraction and/or
 * an exponent (`1e400` is Infinity), `.inf` and `.nan`. Anything else (`0b101`, `+0x1F`, `yes`,
 * `12:30`) stays a string: NOT_CORE.
 */
export function resolveCoreScalar(text: string): unknown {
  if (!CORE_VALUE.test(text)) return NOT_CORE;
  const first = text.charCodeAt(0);
  if (NULL_VALUE.test(text)) return null;
  if (BOOL_VALUE.test(text)) return first === 0x74 || first === 0x54; // t T
  if (OCTAL_INT.test(text)) return parseInt(text.slice(2), 8);
  if (DECIMAL_INT.test(text)) return parseInt(text, 10);
  if (HEX_INT.test(text)) return parseInt(text.slice(2), 16);
  if (INFINITY_OR_NAN.test(text)) {
    if (text.endsWith("nan") || text.endsWith("NaN") || text.endsWith("NAN")) return NaN;
    return first === 0x2d ? -Infinity : Infinity; // -
  }
  return FLOAT.test(text) ? parseFloat(text) : NOT_CORE;
}

/** The last scalar the schema resolved, for `construct`, which js-yaml calls right after. */
let resolvedText: string | undefined;
let resolvedValue: unknown;

const coreScalar = new Type("tag:yaml.org,2002:core-scalar", {
  kind: "scalar",
  resolve: (data: unknown) => {
    if (typeof data !== "string") return false;
    const value = resolveCoreScalar(data);
    if (value === NOT_CORE) return false;
    resolvedText = data;
    resolvedValue = value;
    return true;
  },
  construct: (data: string) => (data === resolvedText ? resolvedValue : resolveCoreScalar(data)),
});

/** Only the implicit core scalars: an explicit tag is unknown to it, hence an error. */
const CORE_SCHEMA = new Schema({ implicit: [coreScalar] });

/**
 * Characters the fast path does not take: tabs, control characters, unusual line breaks, a BOM,
 * noncharacters and surrogates (a surrogate pair, e.g. an emoji, is then looked at again).
 */
const DECLINED_CHARACTER =
  // eslint-disable-next-line no-control-regex
  /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;
const DECLINED_NON_SURROGATE =
  // eslint-disable-next-line no-control-regex
  /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_CR = /\r(?!\n)/;
/** Document markers and directives. */
const DOCUMENT_LINE = /^(?:---|\.\.\.|%)/m;
/** A `?` that may start an explicit key. */
const EXPLICIT_KEY = /(?:^|[ [{,])\?(?:[ \r\n]|$)/m;
/** A comment right after a quote, bracket, brace or comma: the yaml package requires a space. */
const COMMENT_WITHOUT_SPACE = /["'[\]{},]#/;
/** An escaped line break followed by an empty line: the two packages fold it differently. */
const ESCAPED_BREAK_BEFORE_EMPTY_LINE = /\\\r?\n *\r?\n/;

/** Whether the fast path declines `text` from its characters alone. */
function declinedText(text: string): boolean {
  if (
    DECLINED_CHARACTER.test(text) &&
    (DECLINED_NON_SURROGATE.test(text) || LONE_SURROGATE.test(text))
  ) {
    return true;
  }
  if (text.includes("\r") && LONE_CR.test(text)) return true;
  if (DOCUMENT_LINE.test(text)) return true;
  if (text.includes("?") && EXPLICIT_KEY.test(text)) return true;
  if (text.includes("#") && COMMENT_WITHOUT_SPACE.test(text)) return true;
  return text.includes("\\") && ESCAPED_BREAK_BEFORE_EMPTY_LINE.test(text);
}

/** What the listener reads from the loader's state (`anchor` is missing from its types). */
interface LoaderState extends State {
  anchor: string | null;
}

/** A node the loader composed (one `open` and `close` of the listener). */
interface Frame {
  /** Offset where the loader opened the node, before any separating space it skips. */
  open: number;
  /** Offset where the loader closed it. */
  end: number;
  kind: string | null;
  result: unknown;
  /** Nodes composed while this one was open: entries, keys and values. */
  children: Frame[] | undefined;
  /** Its anchor (`&name`), if any. */
  anchor: string | null;
  /** Offset of its content (after an anchor), the yaml package's start of the node; -1 before. */
  start: number;
}

/** Characters a node may not start with on the fast path: ! & * ? % @ ` */
function declinedStart(code: number): boolean {
  return (
    code === 0x21 ||
    code === 0x26 ||
    code === 0x2a ||
    code === 0x3f ||
    code === 0x25 ||
    code === 0x40 ||
    code === 0x60
  );
}

/** Skips spaces, comments and line breaks as the loader does before a node. */
function contentStart(text: string, offset: number): number {
  let at = offset;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === 0x20) at++;
    else if (code === 0x0a || code === 0x0d) at++;
    else if (code === 0x23) {
      while (at < text.length && text.charCodeAt(at) !== 0x0a && text.charCodeAt(at) !== 0x0d) at++;
    } else return at;
  }
}

/** Where the yaml package puts an empty value: after the indicator and the spaces that follow it. */
function emptyStart(text: string, offset: number): number {
  let at = offset;
  while (text.charCodeAt(at) === 0x20) at++;
  return at;
}

/** A line of spaces only: the two packages disagree on them in and after block scalars. */
const LINE_OF_SPACES = /^ +\r?$/m;

/** Keys longer than this are left to the yaml package (it refuses implicit keys over 1024). */
const MAX_KEY_LENGTH = 1000;

/** Anchor and alias names the fast path takes (the yaml package warns about some others). */
const NAME = /^[A-Za-z0-9_-]+$/;

/**
 * At most this many aliases in a file on the fast path. With no alias inside an anchored node,
 * the yaml package counts an anchor used n times as n + 1 and refuses more than MAX_ALIAS_COUNT
 * (100, yaml-source.ts): 99 uses of one anchor are still read, 100 are an alias bomb.
 */
export const MAX_FAST_ALIASES = 99;

/**
 * Checks the nodes the listener saw against the data js-yaml loaded: they must be exactly its
 * structure, in shapes the fast path reports positions for. Sets `start` of every node.
 */
class StructureCheck {
  private lineOfSpaces: boolean | undefined;
  /** Anchors seen so far, by name: the value they hold. */
  private readonly anchors = new Map<string, unknown>();
  private aliases = 0;
  /** How many anchored nodes the check is inside (they may not hold aliases). */
  private anchored = 0;

  constructor(private readonly text: string) {}

  /** `frame` holds `value`; `flow` when it is inside a flow collection. */
  node(frame: Frame, value: unknown, flow: boolean): boolean {
    const text = this.text;
    let start = contentStart(text, frame.open);
    if (frame.anchor !== null) {
      start = this.anchor(frame, start, flow);
      if (start === -1) return false;
    }
    frame.start = start;
    const first = text.charCodeAt(start);
    if (frame.kind === null) return this.alias(frame, value, first, flow);
    if (declinedStart(first)) return false;
    switch (frame.kind) {
      case "scalar":
        if (frame.children !== undefined || !Object.is(frame.result, value)) return false;
        if (value !== null && typeof value === "object") return false;
        // A block scalar (| or >) is declined when any line of the text has only spaces.
        if (first === 0x7c || first === 0x3e) {
          this.lineOfSpaces ??= LINE_OF_SPACES.test(text);
          return !this.lineOfSpaces;
        }
        return true;
      case "sequence":
      case "mapping": {
        if (frame.anchor !== null) this.anchored++;
        const ok =
          frame.kind === "sequence"
            ? this.sequence(frame, value, flow || first === 0x5b) // [
            : this.mapping(frame, value, flow || first === 0x7b); // {
        if (frame.anchor !== null) this.anchored--;
        return ok;
      }
      default:
        return false;
    }
  }

  /**
   * An anchored node: only a block collection, with the anchor alone at the end of the line
   * before it (the yaml package's range starts after the anchor). Returns where the node
   * starts, -1 when declined.
   */
  private anchor(frame: Frame, start: number, flow: boolean): number {
    const text = this.text;
    const name = frame.anchor as string;
    if (flow || !NAME.test(name) || this.anchors.has(name)) return -1;
    if (frame.kind !== "mapping" && frame.kind !== "sequence") return -1;
    if (text.charCodeAt(start) !== 0x26 || !text.startsWith(name, start + 1)) return -1;
    let at = start + 1 + name.length;
    while (text.charCodeAt(at) === 0x20) at++;
    if (text.charCodeAt(at) === 0x23) {
      while (at < text.length && text.charCodeAt(at) !== 0x0a && text.charCodeAt(at) !== 0x0d) at++;
    }
    const code = text.charCodeAt(at);
    if (code !== 0x0a && code !== 0x0d) return -1;
    const content = contentStart(text, at);
    const first = text.charCodeAt(content);
    if (first === 0x5b || first === 0x7b) return -1;
    this.anchors.set(name, frame.result);
    return content;
  }

  /** An alias (`*name`) as a block value, of an anchor the check took, outside anchored nodes. */
  private alias(frame: Frame, value: unknown, first: number, flow: boolean): boolean {
    const text = this.text;
    if (first !== 0x2a || flow || this.anchored > 0 || frame.children !== undefined) return false;
    if (value === null || typeof value !== "object" || !Object.is(frame.result, value))
      return false;
    let end = frame.start + 1;
    for (let code = text.charCodeAt(end); ; code = text.charCodeAt(++end)) {
      if (code === 0x20 || code === 0x0a || code === 0x0d || end >= text.length) break;
    }
    const name = text.slice(frame.start + 1, end);
    if (!NAME.test(name) || !this.anchors.has(name) || this.anchors.get(name) !== value)
      return false;
    this.aliases++;
    return this.aliases <= MAX_FAST_ALIASES;
  }

  private sequence(frame: Frame, value: unknown, flow: boolean): boolean {
    if (!Array.isArray(value) || frame.result !== value) return false;
    const items = frame.children ?? [];
    // An empty entry (`-` alone on its line) has no node of its own.
    if (items.length !== value.length) return false;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (flow && item.kind === "mapping") return false;
      if (!Object.is(item.result, value[i]) || !this.node(item, value[i], flow)) return false;
    }
    frame.children = items;
    return true;
  }

  private mapping(frame: Frame, value: unknown, flow: boolean): boolean {
    if (frame.result !== value || typeof value !== "object" || value === null) return false;
    if (Array.isArray(value)) return false;
    const object = value as Record<string, unknown>;
    let nodes = frame.children ?? [];
    // A block mapping may end with a failed attempt at one more key.
    const last = nodes[nodes.length - 1];
    if (!flow && nodes.length % 2 === 1 && isEmpty(last)) nodes = nodes.slice(0, -1);
    // Keys and values alternate (a flow entry without `:` has no value node: declined here).
    if (nodes.length !== 2 * Object.keys(object).length) return false;
    for (let i = 0; i < nodes.length; i += 2) {
      const key = nodes[i];
      const item = nodes[i + 1];
      if (!this.key(key)) return false;
      const name = String(key.result);
      if (!Object.prototype.hasOwnProperty.call(object, name)) return false;
      const member = object[name];
      if (isEmpty(item)) {
        if (flow || member !== null) return false;
        if (declinedStart(this.text.charCodeAt(contentStart(this.text, item.open)))) return false;
        item.start = emptyStart(this.text, item.open);
      } else if (!Object.is(item.result, member) || !this.node(item, member, flow)) {
        return false;
      }
    }
    frame.children = nodes;
    return true;
  }

  /** A key the fast path handles: a non-null scalar on one line, not too long. */
  private key(key: Frame): boolean {
    const text = this.text;
    const value = key.result;
    if (key.kind !== "scalar" || key.children !== undefined || key.anchor !== null) return false;
    if (value === null || typeof value === "object") return false;
    const start = contentStart(text, key.open);
    key.start = start;
    if (declinedStart(text.charCodeAt(start))) return false;
    let end = key.end;
    while (text.charCodeAt(end) === 0x20) end++;
    if (end - start > MAX_KEY_LENGTH) return false;
    for (let at = start; at < end; at++) {
      const code = text.charCodeAt(at);
      if (code === 0x0a || code === 0x0d) return false;
    }
    return true;
  }
}

/** A node with nothing in it: no content, no anchor, no alias. */
function isEmpty(frame: Frame): boolean {
  return (
    frame.kind === null &&
    frame.result === null &&
    frame.anchor === null &&
    frame.children === undefined
  );
}

/** Offsets where lines start, as the yaml package's LineCounter records them. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) {
    starts.push(at + 1);
  }
  return starts;
}

/** The 1-based line and column of `offset`, as LineCounter.linePos gives them. */
function positionOf(starts: number[], offset: number): Position {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid] < offset) low = mid + 1;
    else high = mid;
  }
  if (starts[low] === offset) return { line: low + 1, column: 1 };
  if (low === 0) return { line: 0, column: offset };
  return { line: low, column: offset - starts[low - 1] + 1 };
}

/** The offset `locate` reports for `path`, with the same rules as the yaml path's. */
function locateOffset(root: Frame, path: FieldPath, key: boolean): number {
  let node = root;
  let found = root.start;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const last = i === path.length - 1;
    if (node.kind === "mapping") {
      const nodes = node.children ?? [];
      const name = String(part);
      let at = -1;
      for (let k = 0; k < nodes.length; k += 2) {
        if (String(nodes[k].result) === name) {
          at = k;
          break;
        }
      }
      if (at === -1) break;
      if (last && key) {
        found = nodes[at].start;
        break;
      }
      node = nodes[at + 1];
      found = node.start;
    } else if (node.kind === "sequence" && typeof part === "number") {
      const item = Number.isInteger(part) && part >= 0 ? node.children?.[part] : undefined;
      if (item === undefined) break;
      node = item;
      found = item.start;
    } else {
      break;
    }
  }
  return found;
}

/**
 * Reads `text` (no BOM) on the fast path: the file's data and positions, identical to what the
 * yaml package gives, or `undefined` when the fast path declines the text.
 */
export function readYamlFast(file: string, text: string): YamlSource | undefined {
  if (declinedText(text)) return undefined;
  const open: Frame[] = [];
  let root: Frame | undefined;
  let warned = false;
  let data: unknown;
  try {
    data = load(text, {
      schema: CORE_SCHEMA,
      onWarning: () => {
        warned = true;
      },
      listener: (event: "open" | "close", state: State) => {
        if (event === "open") {
          open.push({
            open: state.position,
            end: -1,
            kind: null,
            result: null,
            children: undefined,
            anchor: null,
            start: -1,
          });
          return;
        }
        let frame = open.pop() as Frame;
        frame.end = state.position;
        frame.kind = (state.kind as string | null) ?? null;
        frame.result = state.result;
        frame.anchor = (state as LoaderState).anchor ?? null;
        // A node read while looking for a block mapping's first key, when no `:` followed: the
        // outer node is that node.
        const children = frame.children;
        if (
          children !== undefined &&
          children.length === 1 &&
          frame.anchor === null &&
          (frame.kind !== null || frame.result !== null) &&
          children[0].kind === frame.kind &&
          Object.is(children[0].result, frame.result)
        ) {
          frame = children[0];
        }
        const parent = open[open.length - 1];
        if (parent === undefined) root = frame;
        else (parent.children ??= []).push(frame);
      },
    });
  } catch {
    return undefined;
  }
  if (warned || open.length !== 0 || root === undefined) return undefined;
  if (data === null || data === undefined) return undefined;
  if (!Object.is(root.result, data) || !new StructureCheck(text).node(root, data, false))
    return undefined;
  const top = root;
  let starts: number[] | undefined;
  return {
    file,
    data,
    locate: (path, key) => {
      starts ??= lineStarts(text);
      return positionOf(starts, locateOffset(top, path, key ?? false));
    },
  };
}
