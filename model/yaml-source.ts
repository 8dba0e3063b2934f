/**
 * Reading one YAML file safely and keeping the position of every field, so that every problem
 * can say file:line:column. Refuses what a department file has no business containing: huge
 * files, bytes that are not UTF-8, several documents, duplicate keys, tabs as indentation and
 * alias expansion bombs; each becomes a problem, never an exception.
 *
 * The yaml package reads it: a Document with the range of every node and its own errors, under
 * the YAML 1.2 core schema. Most files are read first by js-yaml (yaml-quick-read.ts), which
 * gives the same data several times faster but no positions; the yaml package then reads such a
 * file only when something in it must be pointed at, and is itself loaded only then.
 */
import { isUtf8 } from "node:buffer";
import type { Document, Node as YamlNode } from "yaml";
import type { FieldPath, Problem } from "./problem";
import { quickRead } from "./yaml-quick-read";
import { MAX_NESTING, tooDeep } from "./yaml-nesting";
import type { Position, YamlSource } from "./yaml-position";

/** Larger than any real department or platform file by two orders of magnitude. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Anchors may be reused (e.g. the same quota at both sites), but not expanded without bound. */
export const MAX_ALIAS_COUNT = 100;

/** Where a problem about the whole file points. */
const FILE_START: Position = { line: 1, column: 1 };

export type ParseResult = { ok: true; source: YamlSource } | { ok: false; problems: Problem[] };

function fileProblem(
  file: string,
  position: Position,
  code: string,
  message: string,
  fix: string,
): Problem {
  return { file, ...position, path: "", code, severity: "error", message, fix };
}

export function tooLargeProblem(file: string, size: number): Problem {
  return {
    ...fileProblem(
      file,
      FILE_START,
      "file-too-large",
      `the file is ${size} bytes, more than the ${MAX_FILE_BYTES} bytes a govcloud file may have`,
      "split the department or remove generated content; a department file is normally a few KiB",
    ),
    found: `${size} bytes`,
    allowed: `at most ${MAX_FILE_BYTES} bytes`,
  };
}

/** Position of the first byte that is not valid UTF-8, counted in the text decoded leniently. */
function firstInvalidUtf8(bytes: Buffer): Position {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const at = text.indexOf("\uFFFD");
  const before = text.slice(0, Math.max(at, 0)).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

export function parseYamlBytes(file: string, bytes: Buffer): ParseResult {
  if (bytes.length > MAX_FILE_BYTES)
    return { ok: false, problems: [tooLargeProblem(file, bytes.length)] };
  if (!isUtf8(bytes)) {
    return {
      ok: false,
      problems: [
        fileProblem(
          file,
          firstInvalidUtf8(bytes),
          "not-utf8",
          "the file is not valid UTF-8",
          "save the file as UTF-8 (editors: 'Save with encoding' > UTF-8); GBK and GB2312 are not accepted",
        ),
      ],
    };
  }
  let text = bytes.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseYamlText(file, text);
}

export function parseYamlText(file: string, text: string): ParseResult {
  const deep = tooDeep(text);
  if (deep !== undefined) {
    return {
      ok: false,
      problems: [
        {
          ...fileProblem(
            file,
            deep,
            "too-deep",
            `the file nests more than ${MAX_NESTING} levels deep`,
            "flatten the structure: a department file nests fewer than ten levels",
          ),
          allowed: `at most ${MAX_NESTING} levels of nested mappings, sequences and brackets`,
        },
      ],
    };
  }
  const data = quickRead(text);
  if (data !== undefined && data !== null) {
    let located: Located | undefined;
    const locate = (path: FieldPath, key?: boolean): Position => {
      located ??= readDocument(text);
      return locateIn(located.doc, path, key ?? false, located.position);
    };
    return { ok: true, source: { file, data, locate } };
  }
  return readWithPositions(file, text);
}

let yaml: typeof import("yaml") | undefined;

/** The yaml package, loaded the first time a file needs it. */
function yamlPackage(): typeof import("yaml") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yaml ??= require("yaml") as typeof import("yaml"));
}

/** A file read by the yaml package, with a way from offsets to lines and columns. */
interface Located {
  doc: Document;
  position: (offset: number) => Position;
}

function readDocument(text: string): Located {
  const { LineCounter, parseDocument } = yamlPackage();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: true,
    uniqueKeys: true,
    strict: true,
  });
  const position = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return { doc, position };
}

/** The file read by the yaml package, which says what is wrong with it. */
function readWithPositions(file: string, text: string): ParseResult {
  const { doc, position } = readDocument(text);
  const problems: Problem[] = [];
  const linesWithErrors = new Set<number>();
  for (const error of [...doc.errors, ...doc.warnings]) {
    const where = position(error.pos[0]);
    // One mistake (a tab, a missing bracket) often makes the parser complain several times on
    // the same line; the first complaint is the one that names the mistake.
    if (linesWithErrors.has(where.line)) continue;
    linesWithErrors.add(where.line);
    problems.push(
      fileProblem(
        file,
        where,
        yamlErrorCode(error.code),
        yamlErrorMessage(doc, error.code, error.pos[0], error.message),
        yamlErrorFix(error.code),
      ),
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const bomb = /alias count/i.test(message);
    return {
      ok: false,
      problems: [
        fileProblem(
          file,
          bomb ? FILE_START : (unresolvedAlias(doc, position) ?? FILE_START),
          bomb ? "alias-bomb" : "yaml-alias",
          bomb
            ? `YAML aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias uses)`
            : `YAML: ${message.replace(/^Unresolved alias \(the anchor must be set before the alias\): (.*)$/, "alias *$1 refers to no anchor &$1 before it")}`,
          bomb
            ? "write the values out, or reuse an anchor only a few times"
            : "define every anchor (&name) before its alias (*name)",
        ),
      ],
    };
  }
  if (data === null || data === undefined) {
    return {
      ok: false,
      problems: [
        fileProblem(
          file,
          FILE_START,
          "empty-file",
          "the file is empty",
          "write the document, starting from the example in the README",
        ),
      ],
    };
  }
  return {
    ok: true,
    source: {
      file,
      data,
      locate: (path, key) => locateIn(doc, path, key ?? false, position),
    },
  };
}

function locateIn(
  doc: Document,
  path: FieldPath,
  key: boolean,
  position: (offset: number) => Position,
): Position {
  const { isMap, isPair, isScalar, isSeq } = yamlPackage();
  let node: unknown = doc.contents;
  let found: YamlNode | null = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part),
      );
      if (!pair) break;
      if (last && key && isScalar(pair.key)) {
        found = pair.key;
        break;
      }
      node = pair.value;
      // A key with no value (`tier:`) has no value node: point at the key.
      found = (pair.value as YamlNode | null) ?? (pair.key as YamlNode);
    } else if (isSeq(node) && typeof part === "number") {
      const item = node.items[part];
      if (item === undefined) break;
      node = item;
      found = item as YamlNode;
    } else {
      break;
    }
  }
  const offset = found?.range?.[0] ?? 0;
  return position(offset);
}

/** The parser's message, in the words of someone editing the file rather than calling the parser. */
function yamlErrorMessage(doc: Document, code: string, offset: number, message: string): string {
  if (code === "DUPLICATE_KEY") {
    const key = keyAt(doc, offset);
    return key === undefined
      ? "YAML: a key appears twice in the same mapping"
      : `YAML: the key "${key}" appears twice in the same mapping`;
  }
  if (code === "MULTIPLE_DOCS") {
    return "YAML: the file holds more than one document (a '---' line starts a second one)";
  }
  return `YAML syntax: ${message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`;
}

/** The text of the mapping key that starts at `offset`, if there is one. */
function keyAt(doc: Document, offset: number): string | undefined {
  const { isScalar, visit } = yamlPackage();
  let key: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        key = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return key;
}

/** Where the first alias that refers to no anchor is. */
function unresolvedAlias(
  doc: Document,
  position: (offset: number) => Position,
): Position | undefined {
  const { visit } = yamlPackage();
  let where: Position | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined) return undefined;
      where = position(alias.range?.[0] ?? 0);
      return visit.BREAK;
    },
  });
  return where;
}

function yamlErrorCode(code: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "duplicate-key";
    case "TAB_AS_INDENT":
      return "tab-indent";
    case "MULTIPLE_DOCS":
      return "multiple-documents";
    default:
      return "yaml-syntax";
  }
}

function yamlErrorFix(code: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "remove or merge the second occurrence of the key";
    case "TAB_AS_INDENT":
      return "indent with spaces (YAML does not allow tabs for indentation)";
    case "MULTIPLE_DOCS":
      return "keep one document per file: remove the '---' separator and what follows, or move it to its own file";
    case "TAG_RESOLVE_FAILED":
      return "remove the YAML tag (the part starting with '!'): govcloud files use plain values";
    default:
      return "fix the YAML syntax at this position (check quotes, brackets and indentation)";
  }
}
