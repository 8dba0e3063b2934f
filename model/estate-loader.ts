/**
 * Loads the estate from disk: platform.yaml and departments/*.yaml, each parsed with positions
 * and checked against its schema, then every cross-file rule. Returns every problem at once;
 * the estate is returned whenever the platform is usable, with the departments that passed
 * their schema (the others cannot be checked further until their shape is right).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Estate, LoadedDepartment } from "./estate";
import { DEPARTMENTS_DIR, PLATFORM_FILE } from "./estate-files";
import type { FieldPath, Finding, Problem } from "./problem";
import { compareProblems, formatPath, show } from "./problem";
import { RULES } from "./rules";
import { checkSchema } from "./schema-check";
import type { DocumentKind } from "./schema-check";
import type { Department, Platform } from "./types";
import type { Position, YamlSource } from "./yaml-source";
import { MAX_FILE_BYTES, parseYamlBytes, tooLargeProblem } from "./yaml-source";

export interface LoadOptions {
  /**
   * Department files to use instead of (or besides) the ones in departments/: a file with the
   * same id as a department on disk replaces it. Relative paths are taken from the root.
   */
  departmentFiles?: string[];
  /** YYYY-MM-DD; defaults to today's date (UTC). */
  today?: string;
}

export interface LoadResult {
  estate?: Estate;
  problems: Problem[];
  /** Every file that was read, relative to the root where possible. */
  files: string[];
  /** Line and column of a field in a file that loaded, for pointing back at the source. */
  locate(file: string, path: FieldPath): Position | undefined;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** How a file is named in problems: relative to the root when inside it, as given otherwise. */
function displayName(root: string, path: string): string {
  const rel = relative(root, path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel.split(sep).join("/");
}

interface ReadResult {
  source?: YamlSource;
  problems: Problem[];
}

function readSource(root: string, path: string, kind: DocumentKind): ReadResult {
  const file = displayName(root, path);
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) {
      return { problems: [ioProblem(file, `${file} is not a file`, "name a YAML file")] };
    }
    // Check the size before reading, so that a huge file is never loaded into memory.
    if (stat.size > MAX_FILE_BYTES) return { problems: [tooLargeProblem(file, stat.size)] };
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? `${file} does not exist`
        : `${file} cannot be read (${code ?? String(error)})`;
    return {
      problems: [
        ioProblem(
          file,
          message,
          kind === "platform"
            ? "run govcloud in the folder that holds platform.yaml, or pass --root"
            : "check the path",
        ),
      ],
    };
  }
  const result = parseResult(parseYamlBytes(file, bytes));
  if (result.source === undefined) return result;
  return { source: result.source, problems: checkSchema(kind, result.source) };
}

function parseResult(result: ReturnType<typeof parseYamlBytes>): ReadResult {
  return result.ok ? { source: result.source, problems: [] } : { problems: result.problems };
}

function ioProblem(file: string, message: string, fix: string): Problem {
  return {
    file,
    line: 1,
    column: 1,
    path: "",
    code: "unreadable-file",
    severity: "error",
    message,
    fix,
  };
}

function listDepartmentFiles(root: string): string[] {
  const dir = join(root, DEPARTMENTS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => join(dir, name));
}

export function loadEstate(rootDir: string, options: LoadOptions = {}): LoadResult {
  const root = resolve(rootDir);
  const problems: Problem[] = [];
  const sources = new Map<string, YamlSource>();

  const platformPath = join(root, PLATFORM_FILE);
  const platformRead = readSource(root, platformPath, "platform");
  problems.push(...platformRead.problems);

  const explicit = (options.departmentFiles ?? []).map((file) => resolve(root, file));
  const departmentPaths = [...new Set([...listDepartmentFiles(root), ...explicit])];
  const loaded: LoadedDepartment[] = [];
  const files = [displayName(root, platformPath)];
  for (const path of departmentPaths) {
    const read = readSource(root, path, "department");
    files.push(displayName(root, path));
    problems.push(...read.problems);
    if (read.source === undefined || read.problems.length > 0) continue;
    sources.set(read.source.file, read.source);
    loaded.push({ file: read.source.file, department: read.source.data as Department });
  }
  const departments = preferExplicit(loaded, new Set(explicit.map((p) => displayName(root, p))));

  if (platformRead.source === undefined || platformRead.problems.length > 0) {
    return { problems: problems.sort(compareProblems), files, locate: locator(sources) };
  }
  sources.set(platformRead.source.file, platformRead.source);
  const estate: Estate = {
    root,
    platformFile: platformRead.source.file,
    platform: platformRead.source.data as Platform,
    departments,
  };
  const today = options.today ?? todayUtc();
  for (const rule of RULES) {
    for (const finding of rule.check({ estate, today })) {
      problems.push(place(finding, sources));
    }
  }
  return { estate, problems: problems.sort(compareProblems), files, locate: locator(sources) };
}

function locator(sources: Map<string, YamlSource>): LoadResult["locate"] {
  return (file, path) => sources.get(file)?.locate(path, false);
}

/** When a named file and a file on disk share an id, the named one replaces the one on disk. */
function preferExplicit(
  entries: LoadedDepartment[],
  explicitFiles: Set<string>,
): LoadedDepartment[] {
  const explicitIds = new Set(
    entries.filter((e) => explicitFiles.has(e.file)).map((e) => e.department.id),
  );
  return entries
    .filter((e) => explicitFiles.has(e.file) || !explicitIds.has(e.department.id))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Whether a finding is about a mapping key rather than its value: its `found` is the key itself,
 * as for a mistyped site id in `replicas: { qingdoa: 2 }`. Such findings point at the key.
 */
function aboutKey(finding: Finding): boolean {
  const last = finding.path[finding.path.length - 1];
  return typeof last === "string" && finding.found === show(last);
}

function place(finding: Finding, sources: Map<string, YamlSource>): Problem {
  const source = sources.get(finding.file);
  const position = source?.locate(finding.path, aboutKey(finding)) ?? { line: 1, column: 1 };
  return {
    file: finding.file,
    ...position,
    path: formatPath(finding.path),
    code: finding.code,
    severity: finding.severity ?? "error",
    message: finding.message,
    ...(finding.found === undefined ? {} : { found: finding.found }),
    ...(finding.allowed === undefined ? {} : { allowed: finding.allowed }),
    ...(finding.fix === undefined ? {} : { fix: finding.fix }),
  };
}
