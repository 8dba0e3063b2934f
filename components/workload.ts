/**
 * One workload at one site: a server group, a port and an instance per replica, data volumes
 * attached to their instances (replicated ones with their replica at the peer site), and
 * floating IPs when the file asks for them. Instances are spread over the availability zones
 * placeWorkload gives them.
 *
 * Decisions:
 * - Server group policy: hard `anti-affinity` when the tier asks for it (no two replicas on one
 *   host, or the instance does not start), `soft-anti-affinity` otherwise (spread when possible).
 *   Every workload gets a group, even with one replica: joining a group later replaces the
 *   instance. Nova cannot rename a group, so its name is set once and never changed.
 * - Addresses: each instance gets a port on the workload's subnet, created before the instance;
 *   Neutron picks the address and the port keeps it for its life, across instance rebuilds and
 *   replacements. Addresses are not computed from indexes: that would renumber machines when a
 *   workload is inserted or scaled, and firewalls outside the cloud refer to them.
 * - Volumes and attachments, instances: replaced delete-first, because a port and a volume can
 *   belong to one instance at a time.
 * - Renames: every resource gets aliases from the workload's `previousNames`.
 */
import type * as command from "@pulumi/command";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { findSite, findTier, findVolumeType } from "../model/catalog";
import { previousNames } from "../model/lifecycle";
import { siteResourceName } from "../model/naming";
import { placeWorkload } from "../model/placement";
import type { PlannedInstance, PlannedVolume, WorkloadPlacement } from "../model/placement";
import { labelsToMetadata, labelsToTags, workloadLabels } from "../model/tags";
import type { Department, Platform, Workload as WorkloadModel } from "../model/types";
import { withFormerNames } from "./aliases";
import { ReplicatedVolume } from "./replicated-volume";
import type { VolumePair } from "./replicated-volume";

export interface WorkloadArgs {
  platform: Platform;
  department: Department;
  workload: WorkloadModel;
  site: string;
  /** Project-scoped provider per site id: this site's, and the peer's for replicas. */
  projectProviders: Record<string, openstack.Provider>;
  commandProvider: command.Provider;
  networkId: pulumi.Input<string>;
  subnetId: pulumi.Input<string>;
  securityGroupId: pulumi.Input<string>;
  /** Protect replicated volumes. Default true. */
  protect?: boolean;
}

export interface InstanceAddresses {
  address: pulumi.Output<string>;
  floatingIp?: pulumi.Output<string>;
  availabilityZone?: string;
}

export type ServerGroupPolicy = "anti-affinity" | "soft-anti-affinity";

export function serverGroupPolicy(platform: Platform, workload: WorkloadModel): ServerGroupPolicy {
  return findTier(platform, workload.tier)?.antiAffinity === true
    ? "anti-affinity"
    : "soft-anti-affinity";
}

/** A primary volume at the site with its replica, if its type replicates. */
export interface VolumeAtSite {
  primary: PlannedVolume;
  secondary?: PlannedVolume;
}

export function volumesAt(placement: WorkloadPlacement, site: string): VolumeAtSite[] {
  return placement.volumes
    .filter((volume) => volume.role === "primary" && volume.site === site)
    .map((primary) => ({
      primary,
      secondary: placement.volumes.find(
        (v) =>
          v.role === "secondary" &&
          v.instance.name === primary.instance.name &&
          v.volume.name === primary.volume.name,
      ),
    }));
}

/**
 * The names this workload's resources had under each earlier name: placement is a function of
 * the name and the counts only, so the n-th instance (or volume) then is the n-th one now.
 */
function formerPlacements(
  dept: Department,
  workload: WorkloadModel,
  platform: Platform,
): WorkloadPlacement[] {
  return previousNames(workload).map((name) =>
    placeWorkload(dept, { ...workload, name }, platform),
  );
}

export class Workload extends pulumi.ComponentResource {
  public readonly instances: Record<string, InstanceAddresses>;
  public readonly volumePairs: VolumePair[];
  public readonly serverGroupId: pulumi.Output<string>;

  constructor(name: string, args: WorkloadArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("govcloud:workload:Workload", name, {}, opts);
    const { department: dept, platform, workload, site } = args;
    const provider = args.projectProviders[site];
    if (provider === undefined) {
      throw new pulumi.InputPropertiesError({
        message: `${workload.name} cannot be built at ${site}`,
        errors: [{ propertyPath: "projectProviders", reason: `no project provider for ${site}` }],
      });
    }
    const project: pulumi.CustomResourceOptions = { parent: this, provider };
    const labels = workloadLabels(dept, workload, site);
    const tags = labelsToTags(labels);
    const placement = placeWorkload(dept, workload, platform);
    const formers = formerPlacements(dept, workload, platform);
    const formerWorkloadNames = previousNames(workload);

    const groupName = siteResourceName(dept.id, site, workload.name);
    const serverGroup = new openstack.compute.ServerGroup(
      groupName,
      { name: groupName, policies: [serverGroupPolicy(platform, workload)] },
      withFormerNames(
        { ...project, ignoreChanges: ["name"] },
        formerWorkloadNames.map((old) => siteResourceName(dept.id, site, old)),
      ),
    );
    this.serverGroupId = serverGroup.id;

    const instances = new Map<string, openstack.compute.Instance>();
    this.instances = {};
    placement.instances.forEach((planned, k) => {
      if (planned.site !== site) return;
      const former = formers.map((f) => f.instances[k].name);
      const { instance, addresses } = this.createInstance(
        args,
        planned,
        former,
        serverGroup,
        tags,
        labels,
      );
      instances.set(planned.name, instance);
      this.instances[planned.name] = addresses;
    });

    this.volumePairs = [];
    for (const { primary, secondary } of volumesAt(placement, site)) {
      const k = placement.volumes.indexOf(primary);
      const formerPrimary = formers.map((f) => f.volumes[k].name);
      const formerSecondary =
        secondary === undefined
          ? []
          : formers.map((f) => f.volumes[placement.volumes.indexOf(secondary)].name);
      const volumeId = this.createVolume(args, primary, secondary, formerPrimary, formerSecondary);
      new openstack.compute.VolumeAttach(
        `${primary.name}-attach`,
        { instanceId: instances.get(primary.instance.name)!.id, volumeId },
        withFormerNames(
          { ...project, deleteBeforeReplace: true },
          formerPrimary.map((old) => `${old}-attach`),
        ),
      );
    }

    this.registerOutputs({
      instances: this.instances,
      volumePairs: this.volumePairs,
      serverGroupId: this.serverGroupId,
    });
  }

  private createInstance(
    args: WorkloadArgs,
    planned: PlannedInstance,
    former: string[],
    serverGroup: openstack.compute.ServerGroup,
    tags: string[],
    labels: ReturnType<typeof workloadLabels>,
  ): { instance: openstack.compute.Instance; addresses: InstanceAddresses } {
    const { workload, site, platform } = args;
    const project: pulumi.CustomResourceOptions = {
      parent: this,
      provider: args.projectProviders[site],
    };
    const port = new openstack.networking.Port(
      `${planned.name}-port`,
      {
        name: `${planned.name}-port`,
        networkId: args.networkId,
        fixedIps: [{ subnetId: args.subnetId }],
        securityGroupIds: [args.securityGroupId],
        tags,
      },
      withFormerNames(
        project,
        former.map((old) => `${old}-port`),
      ),
    );
    const instance = new openstack.compute.Instance(
      planned.name,
      {
        name: planned.name,
        flavorName: workload.flavor,
        imageName: workload.image,
        ...(planned.availabilityZone === undefined
          ? {}
          : { availabilityZone: planned.availabilityZone }),
        networks: [{ port: port.id }],
        schedulerHints: [{ group: serverGroup.id }],
        // Shut the guest down cleanly before deleting it: databases flush on shutdown.
        stopBeforeDestroy: true,
        tags,
        metadata: labelsToMetadata(labels),
      },
      withFormerNames({ ...project, deleteBeforeReplace: true }, former),
    );
    const addresses: InstanceAddresses = {
      address: port.allFixedIps.apply((ips) => ips[0] ?? ""),
      ...(planned.availabilityZone === undefined
        ? {}
        : { availabilityZone: planned.availabilityZone }),
    };
    if (workload.floatingIp === true) {
      const pool = findSite(platform, site)?.externalNetwork;
      if (pool === undefined) {
        throw new pulumi.InputPropertiesError({
          message: `${workload.name} cannot have floating IPs at ${site}`,
          errors: [{ propertyPath: "floatingIp", reason: `${site} has no external network` }],
        });
      }
      const fip = new openstack.networking.FloatingIp(
        `${planned.name}-fip`,
        { pool, portId: port.id, description: `Floating IP of ${planned.name}`, tags },
        withFormerNames(
          project,
          former.map((old) => `${old}-fip`),
        ),
      );
      addresses.floatingIp = fip.address;
    }
    return { instance, addresses };
  }

  /** The primary volume (and its replica): returns the id of the volume to attach. */
  private createVolume(
    args: WorkloadArgs,
    primary: PlannedVolume,
    secondary: PlannedVolume | undefined,
    formerPrimary: string[],
    formerSecondary: string[],
  ): pulumi.Output<string> {
    const { department: dept, platform, workload, site } = args;
    const volumeType = findVolumeType(platform, primary.volume.type);
    if (volumeType === undefined) {
      throw new pulumi.InputPropertiesError({
        message: `${primary.name} cannot be created`,
        errors: [
          { propertyPath: "volumes.type", reason: `${primary.volume.type} is not in the catalog` },
        ],
      });
    }
    if (secondary === undefined) {
      const volume = new openstack.blockstorage.Volume(
        primary.name,
        {
          name: primary.name,
          size: primary.volume.sizeGiB,
          volumeType: volumeType.name,
          // Grown while attached: the provider refuses to extend an in-use volume without it.
          enableOnlineResize: true,
          ...(primary.volume.description === undefined
            ? {}
            : { description: primary.volume.description }),
          metadata: labelsToMetadata(workloadLabels(dept, workload, site)),
        },
        withFormerNames({ parent: this, provider: args.projectProviders[site] }, formerPrimary),
      );
      return volume.id;
    }
    const peerProvider = args.projectProviders[secondary.site];
    if (peerProvider === undefined) {
      throw new pulumi.InputPropertiesError({
        message: `${primary.name} cannot be replicated`,
        errors: [
          { propertyPath: "projectProviders", reason: `no project provider for ${secondary.site}` },
        ],
      });
    }
    const replicated = new ReplicatedVolume(
      primary.name,
      {
        primary,
        secondary,
        volumeType,
        primaryProvider: args.projectProviders[site],
        secondaryProvider: peerProvider,
        commandProvider: args.commandProvider,
        primaryLabels: workloadLabels(dept, workload, site),
        secondaryLabels: workloadLabels(dept, workload, secondary.site),
        pairing: platform.storagePairing,
        protect: args.protect ?? true,
        formerNames: { primary: formerPrimary, secondary: formerSecondary },
      },
      withFormerNames({ parent: this }, formerPrimary),
    );
    this.volumePairs.push(replicated.pair);
    return replicated.primaryVolume.id;
  }
}
