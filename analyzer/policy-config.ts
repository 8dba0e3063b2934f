/**
 * Policy configuration as the engine reconciles it before Configure
 * (pkg/resource/analyzer/config.go, pkg/engine/update.go):
 *   1. every policy starts at its declared level with its schema `default`s;
 *   2. the pack's initialConfig is applied, then the config file; each time `all` first (level
 *      only), then per policy (level replaced, properties merged);
 *   3. each policy's properties are validated against {type: object, properties, required};
 *      any error aborts, worded "<policy>: <message>";
 *   4. Configure receives every policy (and `all` if given); an entry without a valid level fails.
 * Pure functions.
 */
import type Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import { readEstateFile, refusalSentence } from "../model/estate-file-reader";
import { jsonErrorPlace, parseJsonText } from "../model/json-text";
import { isEnforcementLevel } from "./enums";
import type { WireObject } from "../wire/encode";
import { schemaErrorMessages } from "./schema-messages";
import { inStructOrder } from "../wire/struct";
import type {
  EnforcementLevel,
  PolicyConfig,
  PolicyConfigInput,
  PolicyConfigSchema,
  PolicyInfo,
} from "./types";

export class PolicyConfigError extends Error {
  constructor(
    message: string,
    /** Each problem as the engine prints it after its prefix, e.g. "max-instances: ...". */
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = "PolicyConfigError";
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function extractLevel(key: string, entry: Record<string, unknown>): EnforcementLevel | undefined {
  if (!("enforcementLevel" in entry)) return undefined;
  const level = entry.enforcementLevel;
  if (typeof level !== "string") {
    throw new PolicyConfigError(
      `parsing enforcement level for "${key}": ${JSON.stringify(level)} is not a valid enforcement level; must be a string`,
    );
  }
  if (!isEnforcementLevel(level)) {
    throw new PolicyConfigError(
      `parsing enforcement level for "${key}": "${level}" is not a valid enforcement level`,
    );
  }
  return level;
}

/**
 * Reads policy config as the engine reads a `--policy-pack-config` file: `{"all": "mandatory",
 * "p": "advisory", "q": {"enforcementLevel": "disabled", "max": 4}}`. A string is a level; an
 * object is an optional level plus properties. Entries with neither are dropped.
 */
export function parsePolicyConfig(
  parsed: unknown,
  source = "policy config",
): Record<string, PolicyConfigInput> {
  if (!isObject(parsed)) {
    throw new PolicyConfigError(
      `${source}: must be a JSON object of policy names to a level or an object`,
    );
  }
  const result: Record<string, PolicyConfigInput> = {};
  for (const [key, value] of Object.entries(parsed)) {
    let entry: PolicyConfigInput;
    if (typeof value === "string") {
      if (!isEnforcementLevel(value)) {
        throw new PolicyConfigError(
          `parsing enforcement level for "${key}": "${value}" is not a valid enforcement level`,
        );
      }
      entry = { enforcementLevel: value };
    } else if (isObject(value)) {
      const enforcementLevel = extractLevel(key, value);
      const properties = { ...value };
      delete properties.enforcementLevel;
      entry = {};
      if (enforcementLevel) entry.enforcementLevel = enforcementLevel;
      if (Object.keys(properties).length > 0) entry.properties = properties;
    } else {
      throw new PolicyConfigError(
        `parsing "${key}": ${JSON.stringify(value)} is not a valid value; must be a string or object`,
      );
    }
    if (entry.enforcementLevel === undefined && entry.properties === undefined) continue;
    result[key] = entry;
  }
  return result;
}

/**
 * The text of a config file; empty text means no config (as in the engine). Invalid JSON is
 * reported by line and column, never by quoting the text (model/json-text.ts).
 */
export function parsePolicyConfigFile(
  text: string,
  source = "policy config",
): Record<string, PolicyConfigInput> | undefined {
  if (text.trim() === "") return undefined;
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    throw new PolicyConfigError(
      `${jsonErrorPlace(source, parsed)}: invalid JSON: ${parsed.reason}`,
    );
  }
  return parsePolicyConfig(parsed.value, source);
}

/** Bytes a policy config file may have: settings with every fact of a large estate fit well. */
const MAX_POLICY_CONFIG_BYTES = 64 * 1024 * 1024;

/**
 * The text of the policy config file `file`, read as the estate's files are read
 * (model/estate-file-reader.ts): a regular file only, never through a symbolic link, so that a
 * link committed in its place cannot bring another file into an error message or a report.
 */
export function readPolicyConfigText(file: string): string {
  const read = readEstateFile(file, { maxBytes: MAX_POLICY_CONFIG_BYTES });
  if (read.ok) return read.bytes.toString("utf8");
  throw new PolicyConfigError(
    refusalSentence(`policy config file ${file}`, read.refusal, MAX_POLICY_CONFIG_BYTES),
  );
}

interface Working {
  enforcementLevel: EnforcementLevel | undefined;
  properties: Record<string, unknown> | undefined;
}

function defaults(policies: PolicyInfo[]): Record<string, Working> {
  const result: Record<string, Working> = {};
  for (const policy of policies) {
    let properties: Record<string, unknown> | undefined;
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if ("default" in schema) {
        properties ??= {};
        properties[key] = structuredClone(schema.default);
      }
    }
    result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties };
  }
  return result;
}

function apply(result: Record<string, Working>, config: Record<string, PolicyConfigInput>): void {
  const all = config.all;
  if (all?.enforcementLevel) {
    for (const key of Object.keys(result)) result[key].enforcementLevel = all.enforcementLevel;
  }
  for (const [name, given] of Object.entries(config)) {
    const current: Working = result[name] ?? { enforcementLevel: undefined, properties: undefined };
    const enforcementLevel = given.enforcementLevel ?? current.enforcementLevel;
    let properties = current.properties;
    const givenProperties = given.properties ?? {};
    if (Object.keys(givenProperties).length > 0 && properties === undefined) properties = {};
    for (const [key, value] of Object.entries(givenProperties)) {
      // A frozen value (deeply, as the offline check freezes the city's facts it hands over)
      // cannot change under the config: shared, not copied, since it is most of the config.
      (properties as Record<string, unknown>)[key] = Object.isFrozen(value)
        ? value
        : structuredClone(value);
    }
    result[name] = { enforcementLevel, properties };
  }
}

/** The schema a policy's properties are validated against, as the engine builds it. */
export function configValidationSchema(schema: PolicyConfigSchema): Record<string, unknown> {
  const full: Record<string, unknown> = { type: "object" };
  if (Object.keys(schema.properties).length > 0) full.properties = schema.properties;
  if (schema.required && schema.required.length > 0) full.required = schema.required;
  return full;
}

/** Keywords that annotate a schema without changing what it accepts or how it reports. */
const ANNOTATIONS = new Set(["default", "description", "title", "examples", "$comment"]);

/**
 * The schema without its annotations, walking the keywords config schemas use for subschemas
 * (`properties`, `items`); anything else is kept as it is, so it only ever makes keys differ.
 */
function withoutAnnotations(schema: unknown): unknown {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema as Record<string, unknown>)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (keyword === "properties" && value !== null && typeof value === "object") {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, property]) => [
          name,
          withoutAnnotations(property),
        ]),
      );
    } else if (keyword === "items") {
      out.items = Array.isArray(value) ? value.map(withoutAnnotations) : withoutAnnotations(value);
    } else {
      out[keyword] = value;
    }
  }
  return out;
}

/**
 * What identifies a validator: the schema's validation keywords, as JSON with every object's keys
 * sorted. Defaults and
 * descriptions are left out: they change nothing a validator does, and some come from the
 * estate (approval-tags takes its defaults from platform.yaml).
 */
export function validationKey(schema: Record<string, unknown>): string {
  return JSON.stringify(inStructOrder(withoutAnnotations(schema) as WireObject));
}

/** The options validators are compiled with, at run time and ahead of time alike. */
export const CONFIG_AJV_OPTIONS = { allErrors: true, strict: false } as const;

const compiledAhead = new Map<string, ValidateFunction>();

/**
 * Validators compiled ahead of time (ajv standalone code, CONFIG_AJV_OPTIONS and ajv-formats'
 * full formats) for the config schemas of a pack the caller knows, by the validationKey of their
 * configValidationSchema. Compiling with ajv at run time (loading ajv, then its first compile)
 * costs about a tenth of a second, a large part of checking one stack; a schema that has no
 * compiled validator here is still compiled at run time.
 */
export function useCompiledValidators(table: ReadonlyMap<string, ValidateFunction>): void {
  for (const [key, validate] of table) compiledAhead.set(key, validate);
}

const validators = new WeakMap<PolicyConfigSchema, ValidateFunction>();
let ajv: Ajv | undefined;

function compileAtRunTime(schema: Record<string, unknown>): ValidateFunction {
  if (!ajv) {
    // Loaded only when needed (see useCompiledValidators).
    /* eslint-disable @typescript-eslint/no-require-imports */
    const Ajv = (require("ajv") as typeof import("ajv")).default;
    const addFormats = (require("ajv-formats") as typeof import("ajv-formats")).default;
    /* eslint-enable @typescript-eslint/no-require-imports */
    ajv = new Ajv(CONFIG_AJV_OPTIONS);
    addFormats(ajv);
  }
  return ajv.compile(schema);
}

function validatorFor(schema: PolicyConfigSchema): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    const full = configValidationSchema(schema);
    validate = compiledAhead.get(validationKey(full)) ?? compileAtRunTime(full);
    validators.set(schema, validate);
  }
  return validate;
}

/** Validation problems, sorted, each "<policy>: <message>". */
export function validatePolicyConfig(
  policies: PolicyInfo[],
  config: Record<string, { properties?: Record<string, unknown> }>,
): string[] {
  const problems: string[] = [];
  for (const policy of policies) {
    if (!policy.configSchema) continue;
    const properties = config[policy.name]?.properties ?? {};
    const validate = validatorFor(policy.configSchema);
    if (!validate(properties)) {
      for (const message of schemaErrorMessages(validate.errors ?? [], properties)) {
        problems.push(`${policy.name}: ${message}`);
      }
    }
  }
  return problems.sort();
}

export interface ReconcileInput {
  packName: string;
  packVersion: string;
  policies: PolicyInfo[];
  initialConfig?: Record<string, PolicyConfigInput>;
  fileConfig?: Record<string, PolicyConfigInput>;
}

/**
 * The configuration the engine passes to Configure. Throws PolicyConfigError when the result does
 * not validate (message lines as the engine prints them) or names an entry without a level.
 */
export function reconcilePolicyConfig(input: ReconcileInput): Record<string, PolicyConfig> {
  const result = defaults(input.policies);
  if (input.initialConfig) apply(result, input.initialConfig);
  if (input.fileConfig) apply(result, input.fileConfig);

  const problems = validatePolicyConfig(input.policies, result);
  if (problems.length > 0) {
    const lines = problems.map(
      (p) => `validating policy config: ${input.packName} ${input.packVersion}  ${p}`,
    );
    throw new PolicyConfigError(lines.join("\n"), problems);
  }

  const config: Record<string, PolicyConfig> = {};
  for (const name of Object.keys(result).sort()) {
    const { enforcementLevel, properties } = result[name];
    if (!enforcementLevel) {
      throw new PolicyConfigError(
        `configuring policy pack "${input.packName}": invalid enforcement level "" (config for "${name}" sets no level and the pack has no policy of that name)`,
      );
    }
    config[name] = { enforcementLevel, properties: properties ?? {} };
  }
  return config;
}

/**
 * Whether two reconciled configs are the same: the same policies at the same levels, and each
 * property the very same value, or, when it is not frozen (the small values the reconciliation
 * copies), equal as JSON. Frozen values that are not the very same are taken as different
 * without a look: they are the large ones (the city's facts a check hands over once for all its
 * stacks). Pure.
 */
export function sameReconciledConfig(
  a: Readonly<Record<string, PolicyConfig>> | undefined,
  b: Readonly<Record<string, PolicyConfig>>,
): boolean {
  if (a === undefined) return false;
  const names = Object.keys(b);
  if (Object.keys(a).length !== names.length) return false;
  return names.every((name) => {
    const x = a[name];
    const y = b[name];
    if (x === undefined || x.enforcementLevel !== y.enforcementLevel) return false;
    const keys = Object.keys(y.properties);
    if (Object.keys(x.properties).length !== keys.length) return false;
    return keys.every((key) => {
      const u = x.properties[key];
      const v = y.properties[key];
      if (u === v) return true;
      if (!Object.prototype.hasOwnProperty.call(x.properties, key)) return false;
      if (typeof u === "object" && u !== null && Object.isFrozen(u)) return false;
      if (typeof v === "object" && v !== null && Object.isFrozen(v)) return false;
      return JSON.stringify(u) === JSON.stringify(v);
    });
  });
}
