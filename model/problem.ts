/**
 * A problem found in the input: where it is, what is wrong, what was found, what is allowed and
 * how to fix it. Rules produce problems with a field path only; the loader fills in the line and
 * column from the YAML source, so that rules stay pure functions of the model.
 */
import { boundText, MAX_EXCERPT_CHARS, quoteExcerpt } from "./excerpt";

/** Characters of a `found:` line at most: an excerpt, quotes and a note of what was cut. */
const MAX_FOUND_CHARS = MAX_EXCERPT_CHARS * 2;

/** Path of a field inside a document: keys and array indexes, e.g. ["workloads", 2, "flavor"]. */
export type FieldPath = readonly (string | number)[];

export type Severity = "error" | "warning";

export interface Problem {
  /** File, relative to the estate root (e.g. departments/health.yaml). */
  file: string;
  /** 1-based line and column of the field (of the file's start when no field applies). */
  line: number;
  column: number;
  /** Field path in dotted form: workloads[2].volumes[0].type */
  path: string;
  /** Stable identifier of the check, e.g. unknown-flavor. */
  code: string;
  severity: Severity;
  /** What is wrong, in one sentence. */
  message: string;
  found?: string;
  allowed?: string;
  fix?: string;
}

/** A problem before it is placed in its file: what rules return. */
export interface Finding {
  file: string;
  path: FieldPath;
  code: string;
  message: string;
  found?: string;
  allowed?: string;
  fix?: string;
  severity?: Severity;
}

export function formatPath(path: FieldPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** Quote a value as it appeared, for `found:` lines: a short, escaped excerpt. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return quoteExcerpt(value);
  return boundText(JSON.stringify(value) ?? String(value), MAX_EXCERPT_CHARS);
}

/**
 * The problem as every report shows it: each text field escaped and bounded. Applied where
 * problems leave the loader, so that no format (text, JSON, SARIF, JUnit, Markdown) can echo
 * more of a file than a short excerpt, whichever code made the problem.
 */
export function boundProblem(problem: Problem): Problem {
  const bounded: Problem = {
    ...problem,
    file: boundText(problem.file),
    path: boundText(problem.path),
    message: boundText(problem.message),
  };
  if (problem.found !== undefined) bounded.found = boundText(problem.found, MAX_FOUND_CHARS);
  if (problem.allowed !== undefined) bounded.allowed = boundText(problem.allowed);
  if (problem.fix !== undefined) bounded.fix = boundText(problem.fix);
  return bounded;
}

export function compareProblems(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** One problem for people: a compiler-style line editors can jump to, then found, allowed, fix. */
export function formatProblemText(problem: Problem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const field = problem.path === "" ? "" : `${problem.path}: `;
  const lines = [`${where}: ${problem.severity} [${problem.code}] ${field}${problem.message}`];
  if (problem.found !== undefined) lines.push(`    found:   ${problem.found}`);
  if (problem.allowed !== undefined) lines.push(`    allowed: ${problem.allowed}`);
  if (problem.fix !== undefined) lines.push(`    fix:     ${problem.fix}`);
  return lines.join("\n");
}
