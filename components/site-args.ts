/**
 * What the components of a department get at one site, worked out from the model: the
 * SiteFoundation's quota, networks, security groups and labels, and each Workload's placement,
 * labels and catalog entries. The components then read only these fields; the model functions
 * that need the whole department or platform (placement, labels, quotas) run here. Pure.
 */
import { findFlavor, findSite, findTier, findVolumeType } from "../model/catalog";
import { previousNames } from "../model/lifecycle";
import { siteResourceName } from "../model/naming";
import { placeWorkload, workloadsAt } from "../model/placement";
import { siteQuotaLimits } from "../model/quota";
import { sharedLabels, workloadLabels } from "../model/tags";
import type { Labels } from "../model/tags";
import type { Department, Platform, Workload as WorkloadModel } from "../model/types";
import type { SiteFoundationArgs } from "./site-foundation";
import type { ServerGroupPolicy, WorkloadArgs } from "./workload";

/** Everything of a SiteFoundation's args but what the department's VDC creates first. */
export type FoundationFields = Omit<SiteFoundationArgs, "projectId" | "adminProvider">;

/** Everything of a Workload's args but the providers and the ids of its foundation. */
export type WorkloadFields = Omit<
  WorkloadArgs,
  "projectProviders" | "commandProvider" | "networkId" | "subnetId" | "securityGroupId" | "protect"
>;

/** The fields of the foundation of `dept` at `site`; the department must have a quota there. */
export function foundationFields(
  platform: Platform,
  dept: Department,
  site: string,
): FoundationFields {
  const quota = dept.quotas[site];
  if (quota === undefined) throw new Error(`${dept.id} has no quota at ${site}`);
  const here = workloadsAt(dept, site);
  const privateFlavors = [...new Set(here.map((workload) => workload.flavor))]
    .filter((name) => findFlavor(platform, name)?.public === false)
    .sort();
  const externalNetwork = findSite(platform, site)?.externalNetwork;
  return {
    site,
    quota: siteQuotaLimits(quota, platform),
    networks: dept.networks.flatMap((network) => {
      const cidr = network.cidrs[site];
      if (cidr === undefined) return [];
      const users = here.filter((workload) => workload.network === network.name);
      return [
        {
          name: network.name,
          cidr,
          ...(network.description === undefined ? {} : { description: network.description }),
          labels: sharedLabels(dept, platform, site, users),
        },
      ];
    }),
    workloads: here.map((workload) => ({
      name: workload.name,
      path: `workloads[${dept.workloads.indexOf(workload)}]`,
      ingress: workload.ingress ?? [],
      formerNames: previousNames(workload),
      labels: workloadLabels(dept, workload, site),
    })),
    routerLabels: sharedLabels(dept, platform, site, here),
    ...(externalNetwork === undefined ? {} : { externalNetwork }),
    privateFlavors,
  };
}

export function serverGroupPolicy(platform: Platform, workload: WorkloadModel): ServerGroupPolicy {
  return findTier(platform, workload.tier)?.antiAffinity === true
    ? "anti-affinity"
    : "soft-anti-affinity";
}

/** The name of the Workload of `workload` at `site`, and the names it had before renames. */
export function workloadNames(
  dept: Department,
  workload: WorkloadModel,
  site: string,
): { name: string; formerNames: string[] } {
  return {
    name: siteResourceName(dept.id, site, workload.name),
    formerNames: previousNames(workload).map((old) => siteResourceName(dept.id, site, old)),
  };
}

/** The fields of the Workload of `workload` at `site`. */
export function workloadFields(
  platform: Platform,
  dept: Department,
  workload: WorkloadModel,
  site: string,
): WorkloadFields {
  const placement = placeWorkload(dept, workload, platform);
  // Placement is a function of the name and the counts only, so the n-th instance (or volume)
  // under an earlier name is the n-th one now.
  const formerPlacements = previousNames(workload).map((name) =>
    placeWorkload(dept, { ...workload, name }, platform),
  );
  const sites = new Set([site, ...placement.volumes.map((volume) => volume.site)]);
  const labels: Record<string, Labels> = {};
  for (const at of sites) labels[at] = workloadLabels(dept, workload, at);
  const used = new Set((workload.volumes ?? []).map((volume) => volume.type));
  const floatingIpPool = findSite(platform, site)?.externalNetwork;
  return {
    site,
    flavor: workload.flavor,
    image: workload.image,
    floatingIp: workload.floatingIp === true,
    ...(floatingIpPool === undefined ? {} : { floatingIpPool }),
    placement,
    formerPlacements,
    formerNames: workloadNames(dept, workload, site).formerNames,
    serverGroupPolicy: serverGroupPolicy(platform, workload),
    labels,
    volumeTypes: Object.fromEntries(
      [...used].flatMap((name) => {
        const type = findVolumeType(platform, name);
        return type === undefined ? [] : [[name, type]];
      }),
    ),
    pairing: platform.storagePairing,
  };
}
