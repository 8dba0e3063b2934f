/**
 * The platform's catalog at one site: the flavors and volume types every department chooses
 * from, created here because the catalog is platform-owned, and the images and external network
 * the departments refer to, looked up by name.
 *
 * Decisions:
 * - Images are looked up, not uploaded: the catalog names images but holds no source or
 *   checksum; the image pipeline uploads them to Glance. A missing image fails the platform
 *   preview with the provider's "no image found" before any department refers to it.
 * - Volume types are public. The catalog has no visibility field for them, and which type a
 *   workload may use is already decided by validation (tier and replication). A private type
 *   would need a `public` field in the catalog and a VolumeTypeAccessV3 per department.
 * - Flavors and volume types keep the catalog's names (departments look them up by name);
 *   their Pulumi names are the component's name followed by the kind and the catalog name
 *   (`<name>-flavor-m1.large`); the platform program names the component `platform-<site>`.
 * - Flavors are replaced delete-first. Nova cannot change a flavor's vCPUs, RAM or disk, so a
 *   change replaces it; created first, the new flavor would take a name Nova keeps unique and
 *   be refused. Running servers keep a copy of their flavor, so deleting it first leaves them
 *   as they are; the departments' FlavorAccess follow on their next update.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import type { Flavor, Image, VolumeType } from "../model/types";

export interface SiteCatalogArgs {
  /** Flavors created at the site, under the catalog's names. */
  flavors: readonly Pick<Flavor, "name" | "vcpus" | "ramGiB" | "diskGiB" | "public">[];
  /** Volume types created at the site, public, on their backend. */
  volumeTypes: readonly Pick<VolumeType, "name" | "description" | "backend" | "replication">[];
  /** Images looked up by name (the image pipeline uploads them). */
  images: readonly Pick<Image, "name">[];
  /** The site's external network, looked up by name; none at a site without one. */
  externalNetwork?: string;
  /** The site's admin provider. */
  adminProvider: openstack.Provider;
}

/**
 * Cinder extra specs of a volume type: the backend it lands on and whether (and how) that
 * backend replicates, in the spelling of Cinder replication ("<is> True") and of drivers that
 * offer both modes ("<in> sync").
 */
export function volumeTypeExtraSpecs(
  type: Pick<VolumeType, "backend" | "replication">,
): Record<string, string> {
  const replicated = type.replication !== "none";
  return {
    volume_backend_name: type.backend,
    replication_enabled: replicated ? "<is> True" : "<is> False",
    ...(replicated ? { replication_type: `<in> ${type.replication}` } : {}),
  };
}

export class SiteCatalog extends pulumi.ComponentResource {
  public readonly flavorIds: Record<string, pulumi.Output<string>>;
  public readonly volumeTypeIds: Record<string, pulumi.Output<string>>;
  public readonly imageIds: Record<string, pulumi.Output<string>>;
  public readonly externalNetworkId: pulumi.Output<string> | undefined;

  constructor(name: string, args: SiteCatalogArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("govcloud:platform:SiteCatalog", name, {}, opts);
    const admin: pulumi.CustomResourceOptions = { parent: this, provider: args.adminProvider };
    const named = (...parts: string[]) => [name, ...parts].join("-");

    this.flavorIds = {};
    for (const flavor of args.flavors) {
      const created = new openstack.compute.Flavor(
        named("flavor", flavor.name),
        {
          name: flavor.name,
          vcpus: flavor.vcpus,
          ram: flavor.ramGiB * 1024,
          disk: flavor.diskGiB,
          isPublic: flavor.public,
        },
        { ...admin, deleteBeforeReplace: true },
      );
      this.flavorIds[flavor.name] = created.id;
    }

    this.volumeTypeIds = {};
    for (const type of args.volumeTypes) {
      const created = new openstack.blockstorage.VolumeTypeV3(
        named("volume-type", type.name),
        {
          name: type.name,
          ...(type.description === undefined ? {} : { description: type.description }),
          isPublic: true,
          extraSpecs: volumeTypeExtraSpecs(type),
        },
        admin,
      );
      this.volumeTypeIds[type.name] = created.id;
    }

    this.imageIds = {};
    for (const image of args.images) {
      this.imageIds[image.name] = openstack.images
        .getImageOutput({ name: image.name, mostRecent: true }, admin)
        .apply((found) => found.id);
    }

    this.externalNetworkId =
      args.externalNetwork === undefined
        ? undefined
        : openstack.networking
            .getNetworkOutput({ name: args.externalNetwork, external: true }, admin)
            .apply((network) => network.id);

    this.registerOutputs({
      flavorIds: this.flavorIds,
      volumeTypeIds: this.volumeTypeIds,
      imageIds: this.imageIds,
      externalNetworkId: this.externalNetworkId,
    });
  }
}
