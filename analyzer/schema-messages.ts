/**
 * Ajv errors worded as the engine's validator (gojsonschema, default locale) words them, so that a
 * config error reads as it would under `pulumi preview`: "<field>: <description>", with the
 * "(root): " prefix trimmed (pkg/resource/analyzer/config.go). Keywords without a mapping keep
 * Ajv's own wording. Pure.
 */
import type { ErrorObject } from "ajv";

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Walks the validated document to the value an error points at. */
function valueAt(document: unknown, instancePath: string): unknown {
  let cursor: unknown = document;
  for (const raw of instancePath.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    cursor = (cursor as Record<string, unknown> | undefined)?.[key];
  }
  return cursor;
}

function fieldOf(instancePath: string): string {
  if (instancePath === "") return "(root)";
  return instancePath
    .split("/")
    .slice(1)
    .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

function describe(error: ErrorObject, document: unknown, field: string): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `${String(p.missingProperty)} is required`;
    case "type":
      return `Invalid type. Expected: ${String(p.type)}, given: ${jsonType(valueAt(document, error.instancePath))}`;
    case "enum":
      return `${field} must be one of the following: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `${field} does not match: ${JSON.stringify(p.allowedValue)}`;
    case "minimum":
      return `Must be greater than or equal to ${String(p.limit)}`;
    case "exclusiveMinimum":
      return `Must be greater than ${String(p.limit)}`;
    case "maximum":
      return `Must be less than or equal to ${String(p.limit)}`;
    case "exclusiveMaximum":
      return `Must be less than ${String(p.limit)}`;
    case "multipleOf":
      return `Must be a multiple of ${String(p.multipleOf)}`;
    case "minLength":
      return `String length must be greater than or equal to ${String(p.limit)}`;
    case "maxLength":
      return `String length must be less than or equal to ${String(p.limit)}`;
    case "pattern":
      return `Does not match pattern '${String(p.pattern)}'`;
    case "format":
      return `Does not match format '${String(p.format)}'`;
    case "minItems":
      return `Array must have at least ${String(p.limit)} items`;
    case "maxItems":
      return `Array must have at most ${String(p.limit)} items`;
    case "additionalProperties":
      return `Additional property ${String(p.additionalProperty)} is not allowed`;
    default:
      return error.message ?? error.keyword;
  }
}

/** One message per error, in Ajv's order. */
export function schemaErrorMessages(errors: ErrorObject[], document: unknown): string[] {
  return errors.map((error) => {
    const field = fieldOf(error.instancePath);
    const message = `${field}: ${describe(error, document, field)}`;
    return message.startsWith("(root): ") ? message.slice("(root): ".length) : message;
  });
}
