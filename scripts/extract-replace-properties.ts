/**
 * Writes diff/replacements/openstack.json: for each resource type of a Pulumi provider schema,
 * the input properties whose change makes the provider replace the resource
 * (`willReplaceOnChanges`), nested ones as `networks[].uuid`. Reviews mark such changes as
 * replacements. Run it again when the pinned @pulumi/openstack changes:
 *
 *   pulumi package get-schema openstack@3.15.2 > /tmp/openstack.json
 *   npx ts-node --transpile-only scripts/extract-replace-properties.ts /tmp/openstack.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

interface SchemaProperty {
  willReplaceOnChanges?: boolean;
  $ref?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
}

interface ProviderSchema {
  name: string;
  version?: string;
  resources: Record<string, { inputProperties?: Record<string, SchemaProperty> }>;
  types?: Record<string, { properties?: Record<string, SchemaProperty> }>;
}

function typeOf(property: SchemaProperty): { token: string; suffix: string } | undefined {
  const ref = property.$ref ?? property.items?.$ref ?? property.additionalProperties?.$ref;
  if (ref === undefined || !ref.startsWith("#/types/")) return undefined;
  const suffix = property.$ref !== undefined ? "" : property.items !== undefined ? "[]" : ".*";
  return { token: decodeURIComponent(ref.slice("#/types/".length)), suffix };
}

/** Paths under `prefix` that force a replacement, one level of nested types deep per call. */
function replacePaths(
  schema: ProviderSchema,
  properties: Record<string, SchemaProperty>,
  prefix: string,
  seen: Set<string>,
): string[] {
  const paths: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    if (property.willReplaceOnChanges) {
      paths.push(path);
      continue; // any change below a replacing property replaces too
    }
    const nested = typeOf(property);
    if (nested === undefined || seen.has(nested.token)) continue;
    const type = schema.types?.[nested.token];
    if (type?.properties === undefined) continue;
    paths.push(
      ...replacePaths(
        schema,
        type.properties,
        path + nested.suffix,
        new Set([...seen, nested.token]),
      ),
    );
  }
  return paths.sort();
}

function main(): void {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write(
      "usage: extract-replace-properties.ts <provider schema.json> [out.json]\n",
    );
    process.exit(2);
  }
  const schema = JSON.parse(readFileSync(resolve(file), "utf8")) as ProviderSchema;
  const out =
    process.argv[3] ?? join(__dirname, "..", "diff", "replacements", `${schema.name}.json`);
  const types: Record<string, string[]> = {};
  for (const token of Object.keys(schema.resources).sort()) {
    const paths = replacePaths(
      schema,
      schema.resources[token].inputProperties ?? {},
      "",
      new Set(),
    );
    if (paths.length > 0) types[token] = paths;
  }
  // Schemas fetched from a provider binary carry no version: take the installed SDK's.
  const version =
    schema.version ??
    (
      JSON.parse(readFileSync(require.resolve(`@pulumi/${schema.name}/package.json`), "utf8")) as {
        version: string;
      }
    ).version;
  const data = { provider: schema.name, version, types };
  writeFileSync(out, JSON.stringify(data, null, 2) + "\n");
  process.stdout.write(`${out}: ${Object.keys(types).length} resource types\n`);
}

main();
