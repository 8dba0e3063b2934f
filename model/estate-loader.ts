/**
 * Loads the estate from disk: platform.yaml and departments/*.yaml, each parsed with positions
 * and checked against its schema, then every cross-file rule. Returns every problem at once;
 * the estate is returned whenever the platform is usable, with the departments that passed
 * their schema (the others cannot be checked further until their shape is right).
 */
import { lstatSync, readdirSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Estate, LoadedDepartment } from "./estate";
import { describeFileType, readEstateFile } from "./estate-file-reader";
import {
  DEPARTMENTS_DIR,
  expectedIdFor,
  PLATFORM_FILE,
  STACKS_DIR,
  stackOfSettingsFile,
  stackSettingsFile,
} from "./estate-files";
import { departmentsFolderProblem, refusalProblem, strayEntryProblem } from "./file-problems";
import { missingDepartmentFix, missingDepartmentReason } from "./lifecycle";
import { PLATFORM_STACK } from "./naming";
import type { FieldPath, Finding, Problem } from "./problem";
import { boundProblem, compareProblems, formatPath, show } from "./problem";
import { RULES } from "./rules";
import { checkSchema, ID_PATTERN } from "./schema-check";
import type { DocumentKind } from "./schema-check";
import type { Department, Platform, TicketRegister } from "./types";
import type { Position, YamlSource } from "./yaml-position";
import { MAX_FILE_BYTES, parseYamlBytes } from "./yaml-source";

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
  /**
   * Departments whose stack settings file (stacks/Pulumi.<id>.yaml) is there without their
   * department file: deployed once, and gone without a decommission. Each is an error.
   */
  missingDepartments?: string[];
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

function readSource(
  root: string,
  realRoot: string | undefined,
  path: string,
  kind: DocumentKind,
): ReadResult {
  const file = displayName(root, path);
  const read = readEstateFile(path, {
    maxBytes: MAX_FILE_BYTES,
    ...(realRoot === undefined ? {} : { insideOf: realRoot }),
  });
  if (!read.ok) return { problems: [refusalProblem(file, read.refusal, kind)] };
  const result = parseResult(parseYamlBytes(file, read.bytes));
  if (result.source === undefined) return result;
  return { source: result.source, problems: checkSchema(kind, result.source) };
}

function parseResult(result: ReturnType<typeof parseYamlBytes>): ReadResult {
  return result.ok ? { source: result.source, problems: [] } : { problems: result.problems };
}

interface DepartmentListing {
  paths: string[];
  problems: Problem[];
}

/**
 * The department files in departments/: every <name>.yaml. Nothing is passed over in silence:
 * a missing or empty folder is an error, a .yml file (which would drop a department from the
 * estate without a word) is an error, anything else is a warning.
 */
function listDepartmentFiles(root: string): DepartmentListing {
  const dir = join(root, DEPARTMENTS_DIR);
  let stat;
  try {
    stat = lstatSync(dir);
  } catch {
    return {
      paths: [],
      problems: [
        departmentsFolderProblem("no-departments-folder", `${DEPARTMENTS_DIR}/ does not exist`),
      ],
    };
  }
  if (!stat.isDirectory()) {
    return {
      paths: [],
      problems: [
        departmentsFolderProblem(
          "no-departments-folder",
          `${DEPARTMENTS_DIR} is ${describeFileType(stat)}, not a folder`,
        ),
      ],
    };
  }
  const paths: string[] = [];
  const problems: Problem[] = [];
  for (const name of readdirSync(dir).sort()) {
    // Hidden entries (.gitkeep, editor swap files) are no one's department.
    if (name.startsWith(".")) continue;
    const path = join(dir, name);
    if (name.endsWith(".yaml")) {
      paths.push(path);
      continue;
    }
    const yamlLike = /^(.*)\.ya?ml$/i.exec(name);
    problems.push(
      strayEntryProblem(
        displayName(root, path),
        yamlLike === null ? undefined : `${DEPARTMENTS_DIR}/${yamlLike[1]}.yaml`,
      ),
    );
  }
  if (paths.length === 0) {
    problems.push(
      departmentsFolderProblem("no-departments", `${DEPARTMENTS_DIR}/ holds no department file`),
    );
  }
  return { paths, problems };
}

/**
 * Departments that have a stack settings file but no department file. Every deployed department
 * has stacks/Pulumi.<id>.yaml and the decommission removes it last, so a settings file without
 * its department file means the department file was deleted (or renamed) while its VDC runs.
 * Only names are read: the settings files themselves hold nothing the estate needs.
 */
function missingDepartments(
  root: string,
  departmentPaths: readonly string[],
): { ids: string[]; problems: Problem[] } {
  let names: string[];
  try {
    names = readdirSync(join(root, STACKS_DIR)).sort();
  } catch {
    return { ids: [], problems: [] };
  }
  const present = new Set(departmentPaths.map((path) => expectedIdFor(path)));
  const ids: string[] = [];
  const problems: Problem[] = [];
  for (const name of names) {
    const id = stackOfSettingsFile(name);
    if (id === undefined || id === PLATFORM_STACK || present.has(id)) continue;
    const file = `${DEPARTMENTS_DIR}/${id}.yaml`;
    ids.push(id);
    problems.push({
      file: stackSettingsFile(id),
      line: 1,
      column: 1,
      path: "",
      code: "department-file-missing",
      severity: "error",
      message: missingDepartmentReason(id, file),
      found: `${stackSettingsFile(id)} without ${file}`,
      allowed: `both files, or neither once the VDC is destroyed`,
      fix: missingDepartmentFix(id, file),
    });
  }
  return { ids, problems };
}

/**
 * A department whose id is not its file name is left out of the estate: its stack would not
 * be found by its file, and rules that compare departments would blame the other file.
 */
function idMismatch(file: string, id: string): Problem | undefined {
  const expected = expectedIdFor(file);
  if (id === expected) return undefined;
  const validName = ID_PATTERN.test(expected);
  return {
    file,
    line: 1,
    column: 1,
    path: "id",
    code: "id-mismatch",
    severity: "error",
    message: `the id does not match the file name ${expected}.yaml`,
    found: show(id),
    allowed: validName ? show(expected) : `the file named after the id: ${id}.yaml`,
    fix: validName
      ? `set "id: ${expected}" or rename the file to ${id}.yaml`
      : `rename the file to ${id}.yaml (file names are department ids: lower-case letters, digits and hyphens)`,
  };
}

export function loadEstate(rootDir: string, options: LoadOptions = {}): LoadResult {
  const root = resolve(rootDir);
  const problems: Problem[] = [];
  const sources = new Map<string, YamlSource>();

  const realRoot = realRootOf(root);
  const platformPath = join(root, PLATFORM_FILE);
  const platformRead = readSource(root, realRoot, platformPath, "platform");
  problems.push(...platformRead.problems);

  const explicit = (options.departmentFiles ?? []).map((file) => resolve(root, file));
  const listing = listDepartmentFiles(root);
  // Without platform.yaml this is likely not an estate at all: say that alone.
  const platformMissing = platformRead.problems.some((p) => p.code === "unreadable-file");
  if (!platformMissing) problems.push(...listing.problems);
  const departmentPaths = [...new Set([...listing.paths, ...explicit])];
  const missing = platformMissing
    ? { ids: [], problems: [] }
    : missingDepartments(root, listing.paths);
  problems.push(...missing.problems);
  const explicitSet = new Set(explicit);
  const loaded: LoadedDepartment[] = [];
  const files = [displayName(root, platformPath)];
  for (const path of departmentPaths) {
    // Files named on the command line may live elsewhere (a proposed file checked in place);
    // files found in departments/ must resolve inside the estate.
    const read = readSource(root, explicitSet.has(path) ? undefined : realRoot, path, "department");
    files.push(displayName(root, path));
    problems.push(...read.problems);
    if (read.source === undefined || read.problems.length > 0) continue;
    const department = read.source.data as Department;
    const mismatch = idMismatch(read.source.file, department.id);
    if (mismatch !== undefined) {
      problems.push({ ...mismatch, ...(read.source.locate(["id"], false) ?? {}) });
      continue;
    }
    sources.set(read.source.file, read.source);
    loaded.push({ file: read.source.file, department });
  }
  const departments = preferExplicit(loaded, new Set(explicit.map((p) => displayName(root, p))));

  if (platformRead.source === undefined || platformRead.problems.length > 0) {
    return {
      problems: finish(problems),
      files,
      missingDepartments: missing.ids,
      locate: locator(sources),
    };
  }
  sources.set(platformRead.source.file, platformRead.source);
  const platform = platformRead.source.data as Platform;
  const estate: Estate = {
    root,
    platformFile: platformRead.source.file,
    platform,
    departments,
  };
  if (platform.approvals.register !== undefined) {
    // The register is read like platform.yaml: a regular file of the estate, schema-checked.
    const registerRead = readSource(
      root,
      realRoot,
      join(root, platform.approvals.register),
      "tickets",
    );
    problems.push(...registerRead.problems);
    if (registerRead.source !== undefined) {
      sources.set(registerRead.source.file, registerRead.source);
      files.push(registerRead.source.file);
      if (registerRead.problems.length === 0) {
        estate.register = {
          file: registerRead.source.file,
          register: registerRead.source.data as TicketRegister,
        };
      }
    }
  }
  const today = options.today ?? todayUtc();
  for (const rule of RULES) {
    for (const finding of rule.check({ estate, today })) {
      problems.push(place(finding, sources));
    }
  }
  return {
    estate,
    problems: finish(problems),
    files,
    missingDepartments: missing.ids,
    locate: locator(sources),
  };
}

/** Problems in report order, each bounded to what a report may show. */
function finish(problems: Problem[]): Problem[] {
  return problems.map(boundProblem).sort(compareProblems);
}

function realRootOf(root: string): string | undefined {
  try {
    return realpathSync(root);
  } catch {
    return undefined;
  }
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
