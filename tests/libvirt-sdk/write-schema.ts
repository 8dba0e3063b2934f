/**
 * Writes the schema the SDK check compares with (schema-<version>.json here) from the
 * provider's documentation at a version: `docs/index.md` (the provider's configuration) and
 * `docs/resources/<name>.md` of each resource the SDK declares, as tfplugindocs wrote them from
 * the provider's schema. Only names, types and required/optional/read-only are kept, for the
 * levels the SDK reaches (reach.ts).
 *
 *   npx ts-node --transpile-only tests/libvirt-sdk/write-schema.ts <provider checkout> <version>
 *
 * The checkout is the provider's repository at the release tag (v<version>).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { terraformType } from "./compare";
import { parseSchemaPage } from "./provider-schema";
import type { ProviderSchema, SchemaAttributes } from "./provider-schema";
import { reachOf, resourcesReached } from "./reach";
import { readSdk } from "./sdk-declarations";

export const SDK_DIR = join(__dirname, "..", "..", "sdks", "libvirt");
export const PROVIDER = "registry.opentofu.org/dmacvicar/libvirt";

export function schemaFile(version: string): string {
  return join(__dirname, `schema-${version}.json`);
}

function main(checkout: string, version: string): void {
  const sdk = readSdk(SDK_DIR);
  const files = ["docs/index.md"];
  const page = (file: string) => parseSchemaPage(readFileSync(join(checkout, file), "utf8"));
  const resources: Record<string, SchemaAttributes> = {};
  for (const resource of sdk.resources) {
    const type = terraformType(resource.token);
    const file = `docs/resources/${type.replace(/^libvirt_/, "")}.md`;
    files.push(file);
    resources[type] = page(file);
  }
  const schema: ProviderSchema = {
    source: { provider: PROVIDER, version, files },
    config: reachOf(page("docs/index.md"), sdk.config),
    resources: resourcesReached(resources, sdk, terraformType),
  };
  // One line per attribute without children, as prettier leaves it.
  const text = JSON.stringify(schema, null, 2).replace(
    /\{\n\s*"type": ("[^"]*"),\n\s*"mode": ("[^"]*")\n\s*\}/g,
    '{ "type": $1, "mode": $2 }',
  );
  writeFileSync(schemaFile(version), `${text}\n`);
  console.log(`wrote ${schemaFile(version)}`);
}

if (require.main === module) {
  const [checkout, version] = process.argv.slice(2);
  if (checkout === undefined || version === undefined) {
    console.error("usage: write-schema.ts <provider checkout> <version>");
    process.exit(2);
  }
  main(checkout, version);
}
