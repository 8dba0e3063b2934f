/**
 * Plan JSON values to the wire values the engine sends an analyzer: the engine marshals with
 * KeepUnknowns and KeepSecrets, without KeepResources, and skips internal ("__") keys for Analyze
 * and AnalyzeStack but not for Remediate (pkg/resource/plugin/analyzer_plugin.go, rpc.go).
 * Pure functions; the result goes through google.protobuf.Struct.fromJavaScript.
 */
import {
  ARCHIVE_SIG,
  ASSET_SIG,
  OUTPUT_VALUE_SIG,
  PLAN_ARCHIVE_MARKER,
  PLAN_ASSET_MARKER,
  PLAN_SECRET_MARKER,
  PLAN_UNKNOWN_MARKER,
  RESOURCE_REFERENCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN,
  UnknownType,
} from "./markers";

export type WireValue = null | boolean | number | string | WireValue[] | WireObject;
export interface WireObject {
  [key: string]: WireValue;
}

export interface EncodeOptions {
  /** Drop keys that start with "__" at every level (engine: true for Analyze and AnalyzeStack). */
  skipInternalKeys: boolean;
  /**
   * What a plan secret marker `{ "[secret]": true }` carries inside the secret wrapper. Undefined
   * (the default): the unknown string sentinel, so a policy that reads the value is told it cannot
   * be known instead of judging a made-up value. A string: that text (e.g. "[secret]").
   */
  secretPlaceholder?: string;
}

export class EncodeError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot encode property ${path || "(root)"}: ${reason}`);
    this.name = "EncodeError";
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function join(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function secret(value: WireValue): WireObject {
  return { [SIG_KEY]: SECRET_SIG, value };
}

function unknownSentinel(marker: unknown, path: string): string {
  if (marker === true) return UNKNOWN.string;
  if (typeof marker === "string" && marker in UNKNOWN) return UNKNOWN[marker as UnknownType];
  throw new EncodeError(
    path,
    `unknown marker must be true or one of ${Object.keys(UNKNOWN).join(", ")}, got ${JSON.stringify(marker)}`,
  );
}

/** Resource references are flattened to their ID (or URN for components), as without KeepResources. */
function flattenResourceReference(obj: Record<string, unknown>, path: string): WireValue {
  const urn = obj.urn;
  if (typeof urn !== "string")
    throw new EncodeError(path, "resource reference without a string urn");
  if (!("id" in obj)) return urn;
  const id = obj.id;
  if (id === "" || id === UNKNOWN.string || id === undefined) return UNKNOWN.string;
  if (typeof id !== "string") throw new EncodeError(path, "resource reference id is not a string");
  return id;
}

function encodeSpecial(
  obj: Record<string, unknown>,
  sig: unknown,
  options: EncodeOptions,
  path: string,
): WireValue {
  switch (sig) {
    case SECRET_SIG:
      if (!("value" in obj)) throw new EncodeError(path, "secret without a value");
      return secret(encodeValue(obj.value, options, join(path, "value")) ?? null);
    case ASSET_SIG:
    case ARCHIVE_SIG:
      // Marshalled like any object, so "__" keys go even inside an archive (as in the engine).
      return encodeObject(obj, options, path);
    case RESOURCE_REFERENCE_SIG:
      return flattenResourceReference(obj, path);
    case OUTPUT_VALUE_SIG: {
      // Output values are unmarshalled by the engine to their value (kept secret if secret) or,
      // without a value, to an unknown.
      if (!("value" in obj)) return UNKNOWN.string;
      const value = encodeValue(obj.value, options, join(path, "value")) ?? null;
      return obj.secret === true ? secret(value) : value;
    }
    default:
      throw new EncodeError(path, `unrecognized signature '${String(sig)}' in property map`);
  }
}

function encodeObject(
  obj: Record<string, unknown>,
  options: EncodeOptions,
  path: string,
): WireObject {
  const out: WireObject = {};
  for (const key of Object.keys(obj)) {
    if (options.skipInternalKeys && key.startsWith("__")) continue;
    const value = encodeValue(obj[key], options, join(path, key));
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Encodes one plan value; undefined (absent) stays undefined and is dropped by the caller. */
export function encodeValue(
  value: unknown,
  options: EncodeOptions,
  path = "",
): WireValue | undefined {
  if (value === undefined) return undefined;
  if (value === PLAN_UNKNOWN_MARKER) return UNKNOWN.string;
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new EncodeError(path, `${value} is not a finite number`);
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => encodeValue(v, options, join(path, i)) ?? null);
  }
  if (!isPlainObject(value))
    throw new EncodeError(path, `unsupported value of type ${typeof value}`);

  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === PLAN_SECRET_MARKER) {
    const marker = value[PLAN_SECRET_MARKER];
    if (marker === true) return secret(options.secretPlaceholder ?? UNKNOWN.string);
    // A plan that carries the value under the marker gets it sent as a secret, as the engine would.
    return secret(encodeValue(marker, options, path) ?? null);
  }
  if (keys.length === 1 && keys[0] === PLAN_UNKNOWN_MARKER) {
    return unknownSentinel(value[PLAN_UNKNOWN_MARKER], path);
  }
  if (keys.length === 1 && (keys[0] === PLAN_ASSET_MARKER || keys[0] === PLAN_ARCHIVE_MARKER)) {
    const body = value[keys[0]];
    if (!isPlainObject(body)) throw new EncodeError(path, `${keys[0]} must hold an object`);
    const sig = keys[0] === PLAN_ASSET_MARKER ? ASSET_SIG : ARCHIVE_SIG;
    return encodeSpecial({ ...body, [SIG_KEY]: sig }, sig, options, path);
  }
  if (SIG_KEY in value) return encodeSpecial(value, value[SIG_KEY], options, path);
  return encodeObject(value, options, path);
}

/** Encodes a property map (inputs or outputs of one resource). */
export function encodeProperties(
  props: Record<string, unknown> | undefined,
  options: EncodeOptions,
): WireObject {
  if (props === undefined) return {};
  if (!isPlainObject(props)) throw new EncodeError("", "properties must be an object");
  return encodeObject(props, options, "");
}
