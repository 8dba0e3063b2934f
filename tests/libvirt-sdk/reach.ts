/**
 * The part of the provider's schema the SDK reaches: every attribute of each level the SDK
 * declares something at (so a misspelt or missing one is found), but the nested attributes of
 * only those attributes the SDK declares as nested types. The domain alone documents about four
 * thousand attributes; the SDK declares a few hundred.
 */
import { pulumiName } from "./compare";
import type { SchemaAttributes } from "./provider-schema";
import type { DeclaredProperty, DeclaredSdk, DeclaredType } from "./sdk-declarations";

function nestedProperties(type: DeclaredType): DeclaredProperty[] | undefined {
  if (type.kind === "object") return type.properties;
  if (type.kind === "list") return nestedProperties(type.element);
  if (type.kind === "map") return nestedProperties(type.value);
  return undefined;
}

/** `attributes` with children kept only below the properties `declared` nests. */
export function reachOf(
  attributes: SchemaAttributes,
  declared: readonly DeclaredProperty[],
): SchemaAttributes {
  const reached: SchemaAttributes = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const { attributes: children, ...rest } = attribute;
    const below = declared
      .filter((p) => p.name === pulumiName(name, attribute))
      .flatMap((p) => nestedProperties(p.type) ?? []);
    reached[name] =
      children === undefined || below.length === 0
        ? rest
        : { ...rest, attributes: reachOf(children, below) };
  }
  return reached;
}

/** Per resource, the attributes the SDK's inputs and outputs reach together. */
export function resourcesReached(
  resources: Record<string, SchemaAttributes>,
  sdk: DeclaredSdk,
  terraformType: (token: string) => string,
): Record<string, SchemaAttributes> {
  const reached: Record<string, SchemaAttributes> = {};
  for (const resource of sdk.resources) {
    const type = terraformType(resource.token);
    const attributes = resources[type];
    if (attributes === undefined) continue;
    reached[type] = reachOf(attributes, [...resource.inputs, ...resource.outputs]);
  }
  return reached;
}
