/**
 * The program of the platform stack: the catalog (flavors, volume types; images and external
 * networks looked up) at every active site, and the KVM hosts of platform machines outside
 * OpenStack.
 */
import * as pulumi from "@pulumi/pulumi";
import { activeSites } from "../model/catalog";
import type { Estate } from "../model/estate";
import { platformResourceName } from "../model/naming";
import { KvmHost } from "./kvm-host";
import { createAdminProvider } from "./providers";
import { SiteCatalog } from "./site-catalog";
import { collectCredentials } from "./stack-credentials";
import type { CredentialSource } from "./stack-credentials";

export interface PlatformProgramOptions {
  credentials: CredentialSource;
}

export interface PlatformStackOutputs {
  /** site -> flavor -> id. */
  flavors: Record<string, Record<string, pulumi.Output<string>>>;
  volumeTypes: Record<string, Record<string, pulumi.Output<string>>>;
  images: Record<string, Record<string, pulumi.Output<string>>>;
  externalNetworks: Record<string, pulumi.Output<string> | undefined>;
  /** KVM host -> names of its machines. */
  kvmHosts: Record<string, pulumi.Output<string>[]>;
}

export function buildPlatform(
  estate: Estate,
  options: PlatformProgramOptions,
): PlatformStackOutputs {
  const { platform } = estate;
  const sites = activeSites(platform);
  const credentials = collectCredentials(sites, options.credentials);
  const outputs: PlatformStackOutputs = {
    flavors: {},
    volumeTypes: {},
    images: {},
    externalNetworks: {},
    kvmHosts: {},
  };
  for (const site of sites) {
    const adminProvider = createAdminProvider(
      platformResourceName(site.id, "admin"),
      site,
      credentials[site.id],
    );
    const catalog = new SiteCatalog(platformResourceName(site.id), {
      flavors: platform.catalog.flavors,
      volumeTypes: platform.catalog.volumeTypes,
      images: platform.catalog.images,
      ...(site.externalNetwork === undefined ? {} : { externalNetwork: site.externalNetwork }),
      adminProvider,
    });
    outputs.flavors[site.id] = catalog.flavorIds;
    outputs.volumeTypes[site.id] = catalog.volumeTypeIds;
    outputs.images[site.id] = catalog.imageIds;
    outputs.externalNetworks[site.id] = catalog.externalNetworkId;
  }
  for (const host of platform.kvmHosts) {
    const kvm = new KvmHost(host.name, { host });
    outputs.kvmHosts[host.name] = kvm.domainNames;
  }
  return outputs;
}
