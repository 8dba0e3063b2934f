/**
 * The parts of a Pulumi package schema the engine tests compare, and how the Node SDK generator
 * writes a schema type in TypeScript, so that a schema and an installed SDK can be compared
 * property by property.
 */

export interface TypeSpec {
  type?: "string" | "integer" | "number" | "boolean" | "array" | "object";
  $ref?: string;
  items?: TypeSpec;
  additionalProperties?: TypeSpec;
  oneOf?: TypeSpec[];
}

export interface PropertySpec extends TypeSpec {
  secret?: boolean;
  replaceOnChanges?: boolean;
}

export interface ObjectTypeSpec {
  type?: string;
  properties?: Record<string, PropertySpec>;
  required?: string[];
  /** Properties an output object always has although they are optional inputs (computed). */
  /**
   * The Node SDK's own required lists where they differ from `required`: computed properties
   * an output object always has, inputs a function argument may leave out.
   */
  language?: { nodejs?: { requiredOutputs?: string[]; requiredInputs?: string[] } };
  enum?: { name?: string; value: string | number | boolean }[];
}

export interface ResourceSpec {
  properties?: Record<string, PropertySpec>;
  required?: string[];
  inputProperties?: Record<string, PropertySpec>;
  requiredInputs?: string[];
  stateInputs?: ObjectTypeSpec;
}

export interface FunctionSpec {
  inputs?: ObjectTypeSpec;
  outputs?: ObjectTypeSpec;
}

export interface PackageSchema {
  name: string;
  version?: string;
  config?: { variables?: Record<string, PropertySpec> };
  provider?: ResourceSpec;
  resources?: Record<string, ResourceSpec>;
  functions?: Record<string, FunctionSpec>;
  types?: Record<string, ObjectTypeSpec>;
}

/**
 * How a type is written in the SDK: `input` inside pulumi.Input (resource arguments and the
 * Output form of function arguments), `plain` for function arguments, `output` for resource
 * outputs and function results.
 */
export type Mode = "input" | "plain" | "output";

/**
 * "pkg:mod/Name:Name" or "pkg:mod:Name" → the module and the SDK's name of a type token (the
 * SDK generator capitalizes type names: getAuthScopeRole → GetAuthScopeRole).
 */
export function splitToken(token: string): { module: string; name: string } {
  const [, middle = "", name = ""] = token.split(":");
  const module = middle.split("/")[0];
  return { module, name: name.charAt(0).toUpperCase() + name.slice(1) };
}

/** A named type reference the way the SDK's TypeScript names it. */
export interface TypeNamer {
  /** `inputs.mod.Name` (or the SDK's variant of it) for an object type used as an input. */
  input(module: string, name: string): string;
  /** `inputs.mod.Name` for an object type used as a plain function argument. */
  plain(module: string, name: string): string;
  output(module: string, name: string): string;
  enum(module: string, name: string): string;
}

export function qualified(namespace: string, module: string, name: string): string {
  return module === "index" ? `${namespace}.${name}` : `${namespace}.${module}.${name}`;
}

export const defaultNamer: TypeNamer = {
  input: (module, name) => qualified("inputs", module, name),
  plain: (module, name) => qualified("inputs", module, name),
  output: (module, name) => qualified("outputs", module, name),
  enum: (module, name) => qualified("enums", module, name),
};

const ANY = "pulumi.json#/Any";

function isAny(spec: TypeSpec): boolean {
  return spec.$ref === ANY;
}

/** The object type tokens a type spec refers to, directly or in its elements. */
export function referencedTypes(spec: TypeSpec): string[] {
  if (spec.$ref?.startsWith("#/types/")) return [decodeURIComponent(spec.$ref.slice(8))];
  if (spec.items) return referencedTypes(spec.items);
  if (spec.additionalProperties) return referencedTypes(spec.additionalProperties);
  return (spec.oneOf ?? []).flatMap(referencedTypes);
}

/**
 * The TypeScript the SDK generator writes for a schema type, without the outermost
 * pulumi.Input that input properties get.
 */
export function tsType(
  spec: TypeSpec,
  mode: Mode,
  schema: PackageSchema,
  namer: TypeNamer = defaultNamer,
): string {
  const element = (inner: TypeSpec): string => {
    const text = tsType(inner, mode, schema, namer);
    if (mode === "input" && !isAny(inner)) return `pulumi.Input<${text}>`;
    return text.includes("|") ? `(${text})` : text;
  };
  if (spec.$ref !== undefined) {
    switch (spec.$ref) {
      case ANY:
        return "any";
      case "pulumi.json#/Archive":
        return "pulumi.asset.Archive";
      case "pulumi.json#/Asset":
        return "pulumi.asset.Asset | pulumi.asset.Archive";
    }
    const token = referencedTypes(spec)[0];
    if (token === undefined) return `unknown reference ${spec.$ref}`;
    const { module, name } = splitToken(token);
    const target = schema.types?.[token];
    if (target === undefined) return `missing type ${token}`;
    if (target.enum !== undefined) return namer.enum(module, name);
    if (mode === "output") return namer.output(module, name);
    return mode === "plain" ? namer.plain(module, name) : namer.input(module, name);
  }
  if (spec.oneOf !== undefined) {
    return spec.oneOf.map((one) => tsType(one, mode, schema, namer)).join(" | ");
  }
  switch (spec.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "array":
      return `${element(spec.items ?? {})}[]`;
    case "object":
      if (spec.additionalProperties === undefined) return "any";
      return `{[key: string]: ${mode === "input" ? element(spec.additionalProperties) : tsType(spec.additionalProperties, mode, schema, namer)}}`;
    default:
      return "any";
  }
}

/** Whitespace and the last semicolon of an object type do not matter when comparing types. */
export function normalizeType(text: string): string {
  return text.replace(/\s+/g, "").replace(/;}/g, "}");
}
