/**
 * Where a resource lives. The truth is its provider: each site has its own OpenStack region, and
 * the program gives every OpenStack resource a provider of that site's region. The `site` label
 * is used only when the provider does not name a region (naming-tagging reports a label that
 * disagrees with the provider). Pure.
 */
import type { CityFacts } from "./facts";
import { lookup, siteOfRegion } from "./facts";
import type { LabelRead } from "./labels";
import { label } from "./labels";
import type { ResourceView, Unknown } from "./resource-view";
import { isUnknown, readString } from "./resource-view";

export type SiteRead =
  | { kind: "site"; site: string; from: "provider" | "label" }
  /** The provider's region is not a site of platform.yaml. */
  | { kind: "foreign-region"; region: string }
  | { kind: "unknown"; unknown: Unknown }
  | { kind: "none" };

/** The region of the resource's provider, or of the resource itself when it is a provider. */
export function regionOf(resource: ResourceView): string | undefined | Unknown {
  if (resource.type.startsWith("pulumi:providers:")) return readString(resource.props, "region");
  if (resource.provider === undefined) return undefined;
  return readString(resource.provider.props, "region");
}

export function siteOf(
  resource: ResourceView,
  facts: Pick<CityFacts, "sites">,
  labels?: LabelRead,
): SiteRead {
  const region = regionOf(resource);
  if (isUnknown(region)) return { kind: "unknown", unknown: region };
  if (region !== undefined && region !== "") {
    const site = siteOfRegion(facts, region);
    return site === undefined
      ? { kind: "foreign-region", region }
      : { kind: "site", site, from: "provider" };
  }
  const labelled = labels === undefined ? undefined : label(labels, "site");
  if (labelled !== undefined && lookup(facts.sites, labelled) !== undefined) {
    return { kind: "site", site: labelled, from: "label" };
  }
  return { kind: "none" };
}

/** Why a site could not be told, for messages. */
export function siteProblem(read: Exclude<SiteRead, { kind: "site" }>): string {
  switch (read.kind) {
    case "foreign-region":
      return `its provider's region ${read.region} is not the region of any site in platform.yaml`;
    case "unknown":
      return `its provider's region is not known during the preview`;
    case "none":
      return "its provider names no region and it has no site label";
  }
}
