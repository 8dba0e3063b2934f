/** Look-ups into the platform: sites, catalog entries and tiers by name. */
import type { Flavor, Image, Platform, Site, Tier, VolumeType } from "./types";

export function activeSites(platform: Platform): Site[] {
  return platform.sites.filter((site) => site.role === "active");
}

export function findSite(platform: Platform, id: string): Site | undefined {
  return platform.sites.find((site) => site.id === id);
}

export function findFlavor(platform: Platform, name: string): Flavor | undefined {
  return platform.catalog.flavors.find((flavor) => flavor.name === name);
}

export function findImage(platform: Platform, name: string): Image | undefined {
  return platform.catalog.images.find((image) => image.name === name);
}

export function findVolumeType(platform: Platform, name: string): VolumeType | undefined {
  return platform.catalog.volumeTypes.find((type) => type.name === name);
}

export function findTier(platform: Platform, name: string): Tier | undefined {
  return platform.tiers.find((tier) => tier.name === name);
}

/**
 * The other active site: where a replicated volume keeps its secondary copy.
 * The platform is a two-site design; validation refuses a platform without exactly two active sites.
 */
export function peerSite(platform: Platform, siteId: string): string | undefined {
  return activeSites(platform).find((site) => site.id !== siteId)?.id;
}
