/**
 * The libvirt provider's schema as the SDK check needs it: per resource (and for the provider's
 * own configuration), every attribute with its Terraform type and whether it is required,
 * optional or read-only, nested attributes below their parent. Read from the documentation
 * tfplugindocs writes from the provider's schema (`docs/index.md`, `docs/resources/<name>.md`),
 * which lists exactly these facts and nothing the SDK check does not use.
 */

export type Mode = "required" | "optional" | "read-only";

/** The type words tfplugindocs writes, e.g. `String`, `Attributes List`, `List of String`. */
export type TerraformType = string;

export interface SchemaAttribute {
  type: TerraformType;
  mode: Mode;
  /** For `Attributes`, `Attributes List` and the like: the attributes of each element. */
  attributes?: SchemaAttributes;
}

export type SchemaAttributes = Record<string, SchemaAttribute>;

export interface ProviderSchema {
  /** Where the facts come from: the provider, its version and the files read. */
  source: { provider: string; version: string; files: string[] };
  config: SchemaAttributes;
  /** Terraform resource type (`libvirt_domain`) -> its attributes. */
  resources: Record<string, SchemaAttributes>;
}

const MODES: Record<string, Mode> = {
  Required: "required",
  Optional: "optional",
  "Read-Only": "read-only",
};

const NESTED_HEADING = /^### Nested Schema for `([^`]+)`$/;
const MODE_HEADING = /^(?:### )?(Required|Optional|Read-Only):?$/;
const ATTRIBUTE = /^- `([A-Za-z0-9_]+)` \(([A-Za-z -]+)\)/;

/**
 * The attributes one tfplugindocs page documents: the top-level `## Schema` lists, then each
 * `### Nested Schema for \`a.b\`` section, hung below the attribute its path names.
 */
export function parseSchemaPage(markdown: string): SchemaAttributes {
  const sections = new Map<string, SchemaAttributes>();
  let path: string | undefined;
  let mode: Mode | undefined;
  for (const line of markdown.split("\n")) {
    if (line === "## Schema") {
      path = "";
      mode = undefined;
      continue;
    }
    if (path === undefined) continue;
    const nested = NESTED_HEADING.exec(line);
    if (nested !== null) {
      path = nested[1];
      mode = undefined;
      continue;
    }
    const heading = MODE_HEADING.exec(line.trim());
    if (heading !== null) {
      mode = MODES[heading[1]];
      continue;
    }
    const attribute = ATTRIBUTE.exec(line);
    if (attribute === null || mode === undefined) continue;
    const section = sections.get(path) ?? {};
    section[attribute[1]] = { type: attribute[2], mode };
    sections.set(path, section);
  }
  const top = sections.get("");
  if (top === undefined) throw new Error("the page has no `## Schema` section");
  // Parents come before their children in a page; sorting by depth makes that certain.
  const paths = [...sections.keys()].filter((p) => p !== "");
  paths.sort((a, b) => a.split(".").length - b.split(".").length);
  for (const nestedPath of paths) {
    const parent = attributeAt(top, nestedPath);
    if (parent === undefined)
      throw new Error(`nested schema ${nestedPath} has no parent attribute`);
    parent.attributes = sections.get(nestedPath);
  }
  return top;
}

function attributeAt(top: SchemaAttributes, path: string): SchemaAttribute | undefined {
  let attributes: SchemaAttributes | undefined = top;
  let found: SchemaAttribute | undefined;
  for (const part of path.split(".")) {
    found = attributes?.[part];
    attributes = found?.attributes;
  }
  return found;
}
