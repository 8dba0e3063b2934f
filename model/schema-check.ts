/**
 * JSON Schema validation of a parsed file, with each schema error turned into a problem a
 * person can act on: the field, what was found, what is allowed and how to fix it.
 * The schemas in schema/ are the published contract (editors read them too).
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import departmentSchema from "../schema/department.schema.json";
import type { FieldPath, Problem } from "./problem";
import { formatPath, show } from "./problem";
import * as compiled from "../generated/schema-validators";
import { closest, didYouMean, listNames } from "./suggest";
import type { YamlSource } from "./yaml-position";

export type DocumentKind = "department" | "platform" | "tickets";

/**
 * The validators of schema/*.json, compiled ahead of time by scripts/compile-schemas.ts (with
 * allErrors, verbose, strict, union types and the email and uri formats): compiling them at run
 * time costs more than validating the whole estate.
 */
const validators: Record<DocumentKind, ValidateFunction> = {
  department: compiled.department as unknown as ValidateFunction,
  platform: compiled.platform as unknown as ValidateFunction,
  tickets: compiled.tickets as unknown as ValidateFunction,
};

/** The id pattern of both schemas (sites, departments, networks, workloads). */
export const ID_PATTERN = new RegExp(departmentSchema.definitions.id.pattern);

export function schemaFileFor(kind: DocumentKind): string {
  return `schema/${kind}.schema.json`;
}

export function checkSchema(kind: DocumentKind, source: YamlSource): Problem[] {
  const validate = validators[kind];
  if (validate(source.data)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const errors = validate.errors ?? [];
  const misspelt = misspeltRequiredFields(errors);
  for (const error of errors) {
    // Errors inside propertyNames are reported once, by the propertyNames error itself.
    if (error.propertyName !== undefined) continue;
    // A required field that is only misspelt is reported once, as an unknown field with a
    // "did you mean" (`costCenter` for `costCentre`), not also as missing.
    if (
      error.keyword === "required" &&
      misspelt.has(`${error.instancePath}/${String(error.params.missingProperty)}`)
    ) {
      continue;
    }
    const problem = toProblem(error, source);
    if (problem === undefined) continue;
    const key = `${problem.line}:${problem.column}:${problem.path}:${problem.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** `<object pointer>/<field>` of each missing required field that an unknown field resembles. */
function misspeltRequiredFields(errors: readonly ErrorObject[]): Set<string> {
  const missing = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword !== "required") continue;
    const list = missing.get(error.instancePath) ?? [];
    list.push(String(error.params.missingProperty));
    missing.set(error.instancePath, list);
  }
  const misspelt = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== "additionalProperties") continue;
    const guess = closest(
      String(error.params.additionalProperty),
      missing.get(error.instancePath) ?? [],
    );
    if (guess !== undefined) misspelt.add(`${error.instancePath}/${guess}`);
  }
  return misspelt;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Uint8Array) return "binary data";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return Number.isInteger(value) ? "an integer" : "a number";
    case "boolean":
      return "true/false";
    case "object":
      return "a mapping";
    default:
      return typeof value;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string (text)",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  object: "a mapping (key: value lines)",
  array: "a list (lines starting with '- ')",
};

function typeFix(data: unknown, type: string, wanted: string): string {
  if (typeof data === "string" && /^-?\d+(\.\d+)?$/.test(data) && /integer|number/.test(type)) {
    return "remove the quotes around the number";
  }
  if ((typeof data === "number" || typeof data === "boolean") && type === "string") {
    return `put the value in quotes: "${String(data)}"`;
  }
  if (data === null) return `write a value after the colon: ${wanted}`;
  return `write ${wanted}`;
}

function describe(schema: unknown): string | undefined {
  return typeof schema === "object" && schema !== null && "description" in schema
    ? String((schema as { description: unknown }).description)
    : undefined;
}

function toProblem(error: ErrorObject, source: YamlSource): Problem | undefined {
  const base = pointerToPath(error.instancePath);
  const make = (
    path: FieldPath,
    atKey: boolean,
    code: string,
    message: string,
    extra: Pick<Problem, "found" | "allowed" | "fix">,
  ): Problem => ({
    file: source.file,
    ...source.locate(path, atKey),
    path: formatPath(path),
    code,
    severity: "error",
    message,
    ...extra,
  });
  const params = error.params as Record<string, unknown>;
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  switch (error.keyword) {
    case "required": {
      const field = String(params.missingProperty);
      const fieldSchema = (parent?.properties as Record<string, unknown> | undefined)?.[field];
      const hint = describe(fieldSchema);
      return make([...base], false, "missing-field", `required field "${field}" is missing`, {
        allowed: hint,
        fix: `add "${field}:" to ${base.length === 0 ? "the top level" : formatPath(base)}`,
      });
    }
    case "additionalProperties": {
      const field = String(params.additionalProperty);
      const known = Object.keys((parent?.properties as Record<string, unknown>) ?? {}).filter(
        (name) => name !== "$schema",
      );
      return make([...base, field], true, "unknown-field", `unknown field "${field}"`, {
        found: show(field),
        allowed: listNames(known, 20),
        fix: didYouMean(field, known, `remove "${field}" or move it where it belongs`),
      });
    }
    case "propertyNames": {
      const name = String(params.propertyName);
      const lower = name.toLowerCase().trim();
      return make([...base, name], true, "invalid-key", `"${name}" is not a valid id here`, {
        found: show(name),
        allowed:
          "a site id: lower-case letters, digits and hyphens, starting with a letter (e.g. qingdao)",
        fix:
          lower !== name && ID_PATTERN.test(lower)
            ? `did you mean "${lower}"?`
            : "use the site id as written in platform.yaml (lower-case letters, digits and hyphens)",
      });
    }
    case "pattern":
      // A pattern inside propertyNames is reported by the propertyNames error.
      if (error.schemaPath.includes("/propertyNames/")) return undefined;
      return make(base, false, "invalid-format", `${formatPath(base)} has the wrong form`, {
        found: show(error.data),
        allowed: describe(parent) ?? `text matching ${String(params.pattern)}`,
        fix: "rewrite the value in the allowed form",
      });
    case "format":
      return make(
        base,
        false,
        "invalid-format",
        `${formatPath(base)} is not a valid ${String(params.format)}`,
        {
          found: show(error.data),
          allowed: `a valid ${String(params.format)}`,
          fix:
            params.format === "email"
              ? "write an address like name@department.qingdao.gov.cn"
              : "write a full URL",
        },
      );
    case "type": {
      const wanted = String(params.type)
        .split(",")
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(" or ");
      return make(
        base,
        false,
        "wrong-type",
        `${formatPath(base) || "the document"} must be ${wanted}`,
        {
          found: `${show(error.data)} (${typeName(error.data)})`,
          allowed: wanted,
          fix: typeFix(error.data, String(params.type), wanted),
        },
      );
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((v) => String(v));
      return make(
        base,
        false,
        "invalid-value",
        `${formatPath(base)} is not one of the allowed values`,
        {
          found: show(error.data),
          allowed: allowed.join(", "),
          fix: didYouMean(String(error.data), allowed, `use one of: ${allowed.join(", ")}`),
        },
      );
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const words: Record<string, string> = {
        minimum: "at least",
        maximum: "at most",
        exclusiveMinimum: "more than",
        exclusiveMaximum: "less than",
      };
      const bound = `${words[error.keyword]} ${String(params.limit)}`;
      return make(base, false, "out-of-range", `${formatPath(base)} must be ${bound}`, {
        found: show(error.data),
        allowed: bound,
        fix: `use a value ${bound}`,
      });
    }
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties":
    case "minLength":
    case "maxLength": {
      const least = error.keyword.startsWith("min");
      const limit = Number(params.limit);
      const unitOf = (n: number) =>
        error.keyword.endsWith("Length")
          ? n === 1
            ? "character"
            : "characters"
          : n === 1
            ? "entry"
            : "entries";
      const bound = `${least ? "at least" : "at most"} ${limit} ${unitOf(limit)}`;
      const count = Array.isArray(error.data)
        ? error.data.length
        : typeof error.data === "string"
          ? error.data.length
          : Object.keys((error.data as object) ?? {}).length;
      return make(
        base,
        false,
        "wrong-size",
        `${formatPath(base) || "the document"} must have ${bound}`,
        {
          found: `${count} ${unitOf(count)}`,
          allowed: bound,
          fix: least ? "add the missing entries" : "remove entries or split them",
        },
      );
    }
    default:
      return make(
        base,
        false,
        "schema",
        `${formatPath(base) || "the document"} ${error.message ?? "is invalid"}`,
        {
          found: show(error.data),
          fix: "compare with the schema in the schema/ folder",
        },
      );
  }
}
