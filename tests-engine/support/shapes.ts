/**
 * A resource's or function's interface written out as sorted lines, once from a provider
 * schema and once from the installed SDK, so that assert.deepStrictEqual shows every
 * difference as a line of its diff: "name?: type secret".
 */
import type { Members, SdkFunction, SdkPackage, SdkResource } from "./sdk-declarations";
import {
  defaultNamer,
  normalizeType,
  qualified,
  referencedTypes,
  splitToken,
  tsType,
  type Mode,
  type PackageSchema,
  type PropertySpec,
  type TypeNamer,
} from "./schema-types";

export interface Shape {
  /** What the SDK sends: the names, then each argument with its type. */
  sent: string[];
  inputs: string[];
  outputs: string[];
  state: string[];
  replaceOnChanges: string[];
  /** Object and enum types reachable from the inputs and outputs, by their SDK name. */
  types: Record<string, string[]>;
}

function line(name: string, optional: boolean, type: string, secret = false): string {
  return `${name}${optional ? "?" : ""}: ${normalizeType(type)}${secret ? " secret" : ""}`;
}

function sdkLines(members: Members, secrets: string[] = []): string[] {
  return Object.entries(members)
    .map(([name, m]) => line(name, m.optional, m.type, secrets.includes(name)))
    .sort();
}

/**
 * The SDK generator names an input object type NameArgs when a plain variant (for function
 * arguments) or its own convention needs the plain name, Name otherwise; use the SDK's.
 */
export function sdkNamer(sdk: SdkPackage): TypeNamer {
  const inputs = sdk.namespacedInterfaces("input");
  return {
    ...defaultNamer,
    input: (module, name) => {
      const plain = qualified("inputs", module, name);
      return inputs.has(`${plain}Args`) ? `${plain}Args` : plain;
    },
  };
}

/** Collects the types reachable from properties, with the mode they are written in. */
class TypeCollector {
  readonly seen = new Map<string, Mode>();

  constructor(private readonly schema: PackageSchema) {}

  add(properties: Record<string, PropertySpec> | undefined, mode: Mode): void {
    for (const spec of Object.values(properties ?? {})) {
      for (const token of referencedTypes(spec)) {
        const key = `${mode}|${token}`;
        if (this.seen.has(key)) continue;
        this.seen.set(key, mode);
        this.add(this.schema.types?.[token]?.properties, mode);
      }
    }
  }
}

function typeShapes(
  collector: TypeCollector,
  schema: PackageSchema,
  namer: TypeNamer,
  sdk: SdkPackage | undefined,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [key, mode] of collector.seen) {
    const token = key.slice(key.indexOf("|") + 1);
    const { module, name } = splitToken(token);
    const spec = schema.types?.[token];
    if (spec?.enum !== undefined) {
      const sdkName = namer.enum(module, name);
      result[sdkName] =
        sdk === undefined
          ? spec.enum.map((e) => JSON.stringify(e.value))
          : (sdk.enumValues(sdkName) ?? ["missing from the SDK"]).map((v) => JSON.stringify(v));
      continue;
    }
    const output = mode === "output";
    const sdkName =
      mode === "output"
        ? namer.output(module, name)
        : mode === "plain"
          ? namer.plain(module, name)
          : namer.input(module, name);
    if (sdk !== undefined) {
      const members = sdk.namespacedInterfaces(output ? "output" : "input").get(sdkName);
      result[sdkName] = members === undefined ? ["missing from the SDK"] : sdkLines(members);
      continue;
    }
    if (spec === undefined) {
      result[sdkName] = ["missing from the schema"];
      continue;
    }
    const required = output
      ? (spec.language?.nodejs?.requiredOutputs ?? spec.required ?? [])
      : (spec.language?.nodejs?.requiredInputs ?? spec.required ?? []);
    result[sdkName] = Object.entries(spec.properties ?? {})
      .map(([prop, p]) => {
        const text = tsType(p, mode, schema, namer);
        return line(
          prop,
          !required.includes(prop),
          mode === "input" ? `pulumi.Input<${text}>` : text,
        );
      })
      .sort();
  }
  return result;
}

/** A resource (or the provider, token "pulumi:providers:<pkg>") as the schema describes it. */
export function schemaResourceShape(schema: PackageSchema, token: string, namer: TypeNamer): Shape {
  const spec = token.startsWith("pulumi:providers:") ? schema.provider : schema.resources?.[token];
  if (spec === undefined) throw new Error(`the provider schema has no resource ${token}`);
  const provider = token.startsWith("pulumi:providers:");
  const inputs = spec.inputProperties ?? {};
  const outputs = spec.properties ?? {};
  const requiredInputs = spec.requiredInputs ?? [];
  const required = spec.required ?? [];
  const collector = new TypeCollector(schema);
  collector.add(inputs, "input");
  collector.add(spec.stateInputs?.properties, "input");
  if (!provider) collector.add(outputs, "output");
  return {
    sent: Object.keys(inputs).sort(),
    inputs: Object.entries(inputs)
      .map(([name, p]) =>
        line(
          name,
          !requiredInputs.includes(name),
          `pulumi.Input<${tsType(p, "input", schema, namer)}>`,
          p.secret === true,
        ),
      )
      .sort(),
    // A provider's SDK class declares only its string outputs.
    outputs: Object.entries(outputs)
      .filter(([, p]) => !provider || p.type === "string")
      .map(([name, p]) =>
        line(name, !required.includes(name), tsType(p, "output", schema, namer), p.secret === true),
      )
      .sort(),
    state: Object.entries(spec.stateInputs?.properties ?? {})
      .map(([name, p]) => line(name, true, `pulumi.Input<${tsType(p, "input", schema, namer)}>`))
      .sort(),
    replaceOnChanges: Object.entries(inputs)
      .filter(([, p]) => p.replaceOnChanges === true)
      .map(([name, p]) => (p.type === "array" ? `${name}[*]` : name))
      .sort(),
    types: typeShapes(collector, schema, namer, undefined),
  };
}

/** The same resource as the installed SDK uses it. */
export function sdkResourceShape(
  sdk: SdkPackage,
  resource: SdkResource,
  schema: PackageSchema,
  namer: TypeNamer,
): Shape {
  // The SDK's types are looked up under the names the schema's references produce, so both
  // sides list the same type names and a missing or different type shows as such.
  const spec = resource.token.startsWith("pulumi:providers:")
    ? schema.provider
    : schema.resources?.[resource.token];
  const collector = new TypeCollector(schema);
  collector.add(spec?.inputProperties, "input");
  collector.add(spec?.stateInputs?.properties, "input");
  if (!resource.token.startsWith("pulumi:providers:")) collector.add(spec?.properties, "output");
  return {
    sent: resource.sent,
    inputs: sdkLines(resource.args, resource.secretInputs),
    outputs: sdkLines(resource.outputs, resource.secretOutputs),
    state: sdkLines(resource.state),
    replaceOnChanges: resource.replaceOnChanges,
    types: typeShapes(collector, schema, namer, sdk),
  };
}

export interface FunctionShape {
  sent: string[];
  args: string[];
  outputArgs: string[];
  result: string[];
  types: Record<string, string[]>;
}

export function schemaFunctionShape(
  schema: PackageSchema,
  token: string,
  namer: TypeNamer,
): FunctionShape {
  const spec = schema.functions?.[token];
  if (spec === undefined) throw new Error(`the provider schema has no function ${token}`);
  const args = spec.inputs?.properties ?? {};
  const requiredArgs = spec.inputs?.required ?? [];
  const result = spec.outputs?.properties ?? {};
  const required = spec.outputs?.required ?? [];
  const collector = new TypeCollector(schema);
  collector.add(args, "plain");
  collector.add(args, "input");
  collector.add(result, "output");
  const argLines = (mode: Mode) =>
    Object.entries(args)
      .map(([name, p]) => {
        const text = tsType(p, mode, schema, namer);
        return line(
          name,
          !requiredArgs.includes(name),
          mode === "input" ? `pulumi.Input<${text}>` : text,
        );
      })
      .sort();
  return {
    sent: Object.keys(args).sort(),
    args: argLines("plain"),
    outputArgs: argLines("input"),
    result: Object.entries(result)
      .map(([name, p]) => line(name, !required.includes(name), tsType(p, "output", schema, namer)))
      .sort(),
    types: typeShapes(collector, schema, namer, undefined),
  };
}

export function sdkFunctionShape(
  sdk: SdkPackage,
  fn: SdkFunction,
  schema: PackageSchema,
  namer: TypeNamer,
): FunctionShape {
  const spec = schema.functions?.[fn.token];
  const collector = new TypeCollector(schema);
  collector.add(spec?.inputs?.properties, "plain");
  collector.add(spec?.inputs?.properties, "input");
  collector.add(spec?.outputs?.properties, "output");
  return {
    sent: fn.sent,
    args: sdkLines(fn.args),
    outputArgs: sdkLines(fn.outputArgs),
    result: sdkLines(fn.result),
    types: typeShapes(collector, schema, namer, sdk),
  };
}
