/**
 * The SDK's declarations compared with the provider's schema, as the bridge maps one onto the
 * other: snake_case attribute names become camelCase, list attributes with a singular name get a
 * plural one, nested attributes become nested types, a required string `name` becomes optional
 * (the dynamically bridged provider names resources itself, SetAutonaming), and a top-level
 * `id` is the resource's own id when it is a computed string. Every difference is one line.
 */
import type { DeclaredProperty, DeclaredSdk, DeclaredType } from "./sdk-declarations";
import type { ProviderSchema, SchemaAttribute, SchemaAttributes } from "./provider-schema";

/** `boot_device` -> `bootDevice`. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The plural the bridge gives a list attribute with a singular name: `host` -> `hosts`. */
export function plural(name: string): string {
  if (name.endsWith("s")) return name;
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(x|ch|sh)$/.test(name)) return `${name}es`;
  return `${name}s`;
}

/** `libvirt:index/cloudinitDisk:CloudinitDisk` -> `libvirt_cloudinit_disk`. */
export function terraformType(token: string): string {
  const name = token.split("/")[1]?.split(":")[0] ?? token;
  return `libvirt_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

function isList(attribute: SchemaAttribute): boolean {
  return / List$| Set$|^List of |^Set of /.test(attribute.type);
}

/** The Pulumi name of a Terraform attribute. */
export function pulumiName(name: string, attribute: SchemaAttribute): string {
  return camelCase(isList(attribute) ? plural(name) : name);
}

/** What a property of the SDK must look like for an attribute of type `type`. */
function expectedKind(type: string): string {
  const element: Record<string, string> = {
    String: "string",
    Number: "number",
    Boolean: "boolean",
    Dynamic: "any",
    Attributes: "object",
    Block: "object",
  };
  const collection = /^(List|Set|Map) of (\w+)$/.exec(type) ?? /^(\w+) (List|Set|Map)$/.exec(type);
  if (collection === null) return element[type] ?? `unknown (${type})`;
  const [outer, inner] = type.includes(" of ")
    ? [collection[1], collection[2]]
    : [collection[2], collection[1]];
  const item = element[inner] ?? `unknown (${inner})`;
  return outer === "Map" ? `map of ${item}` : `list of ${item}`;
}

function declaredKind(type: DeclaredType): string {
  if (type.kind === "list") return `list of ${declaredKind(type.element)}`;
  if (type.kind === "map") return `map of ${declaredKind(type.value)}`;
  return type.kind;
}

function objectOf(type: DeclaredType): Extract<DeclaredType, { kind: "object" }> | undefined {
  if (type.kind === "object") return type;
  if (type.kind === "list") return objectOf(type.element);
  if (type.kind === "map") return objectOf(type.value);
  return undefined;
}

type Side = "input" | "output";

interface Level {
  /** Where this level is, in Terraform's names: `libvirt_pool.source.host`. */
  at: string;
  attributes: SchemaAttributes;
  /** Only the top level of a resource: its `id` and the auto-named `name`. */
  top: boolean;
}

function byPulumiName(level: Level): Map<string, [string, SchemaAttribute]> {
  const names = new Map<string, [string, SchemaAttribute]>();
  for (const [name, attribute] of Object.entries(level.attributes)) {
    if (level.top && name === "id") continue; // mapped below, as the resource's id or not
    names.set(pulumiName(name, attribute), [name, attribute]);
  }
  return names;
}

function compareLevel(
  level: Level,
  declared: readonly DeclaredProperty[],
  side: Side,
  diff: string[],
): void {
  const names = byPulumiName(level);
  for (const property of declared) {
    const found = names.get(property.name);
    const where = `${level.at}: ${side} ${property.name}`;
    if (found === undefined) {
      diff.push(`${where}: declared by the SDK, not in the provider's schema`);
      continue;
    }
    const [tfName, attribute] = found;
    const expected = expectedKind(attribute.type);
    const actual = declaredKind(property.type);
    if (expected !== actual) {
      diff.push(`${where}: the SDK says ${actual}, the schema ${attribute.type} (${expected})`);
      continue;
    }
    if (side === "input") {
      if (attribute.mode === "read-only") {
        // A nested type serves as input and output alike: its read-only attributes are
        // optional inputs there. At the top, they are outputs only.
        if (level.top) diff.push(`${where}: an input in the SDK, read-only in the schema`);
        else if (!property.optional)
          diff.push(`${where}: required in the SDK, read-only in the schema`);
      } else {
        const autonamed = level.top && tfName === "name" && attribute.type === "String";
        const required = attribute.mode === "required" && !autonamed;
        if (required === property.optional) {
          diff.push(
            `${where}: ${property.optional ? "optional" : "required"} in the SDK, ` +
              `${required ? "required" : "optional"} in the schema`,
          );
        }
      }
    } else if (property.outputOnly === true && attribute.mode !== "read-only") {
      diff.push(
        `${where}: only the provider sets it in the SDK (/*out*/), ${attribute.mode} in the schema`,
      );
    } else if (level.top && property.outputOnly !== true && attribute.mode === "read-only") {
      diff.push(`${where}: read-only in the schema, but not marked /*out*/ in the SDK`);
    }
    const nested = objectOf(property.type);
    if (nested !== undefined) {
      compareLevel(
        { at: `${level.at}.${tfName}`, attributes: attribute.attributes ?? {}, top: false },
        nested.properties,
        side,
        diff,
      );
    }
  }
  if (side === "input") {
    const given = new Set(declared.map((p) => p.name));
    for (const [name, [tfName, attribute]] of names) {
      const autonamed = level.top && tfName === "name";
      if (attribute.mode === "required" && !autonamed && !given.has(name)) {
        diff.push(`${level.at}: input ${name}: required by the schema, not declared by the SDK`);
      }
    }
  }
}

/** The resource's own `id`: a computed string is Pulumi's id; anything else is `<resource>Id`. */
function compareId(
  at: string,
  className: string,
  id: SchemaAttribute | undefined,
  outputs: readonly DeclaredProperty[],
  diff: string[],
): void {
  const renamed = `${className[0].toLowerCase()}${className.slice(1)}Id`;
  const declared = outputs.some((p) => p.name === renamed);
  const isPulumiId = id !== undefined && id.type === "String" && id.mode === "read-only";
  if (id !== undefined && !isPulumiId && !declared) {
    diff.push(`${at}: output ${renamed}: the schema's id (${id.type}) is not declared by the SDK`);
  }
  if (declared && (id === undefined || isPulumiId)) {
    diff.push(
      `${at}: output ${renamed}: declared by the SDK, but the schema's id is the resource id`,
    );
  }
}

/** Every difference between the SDK and the schema; none when they agree. */
export function compareSdk(sdk: DeclaredSdk, schema: ProviderSchema): string[] {
  const diff: string[] = [];
  compareLevel(
    { at: "provider", attributes: schema.config, top: false },
    sdk.config,
    "input",
    diff,
  );
  for (const resource of sdk.resources) {
    const at = terraformType(resource.token);
    const attributes = schema.resources[at];
    if (attributes === undefined) {
      diff.push(`${at}: the SDK declares ${resource.className}, the schema has no such resource`);
      continue;
    }
    const level: Level = { at, attributes, top: true };
    const renamedId = `${resource.className[0].toLowerCase()}${resource.className.slice(1)}Id`;
    compareLevel(level, resource.inputs, "input", diff);
    compareLevel(
      level,
      resource.outputs.filter((p) => p.name !== renamedId),
      "output",
      diff,
    );
    compareId(at, resource.className, attributes.id, resource.outputs, diff);
  }
  return diff;
}
