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
 * - Names: placement (model/placement.ts) names instances and volumes, and quota, capacity and
 *   failover reports use the same names; the component takes them as they are and refuses a
 *   name of its own that is not their prefix (`<dept>-<site>-<workload>`). The server group
 *   is named like the component.
 */
import type * as command from "@pulumi/command";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import type { PlannedInstance, PlannedVolume, WorkloadPlacement } from "../model/placement";
import { labelsToMetadata, labelsToTags } from "../model/tags";
import type { Labels } from "../model/tags";
import type { StoragePairing, VolumeType } from "../model/types";
import { withFormerNames } from "./aliases";
import { ReplicatedVolume } from "./replicated-volume";
import type { ReplicatedVolumeType, VolumePair } from "./replicated-volume";

export interface WorkloadArgs {
  /** The site this component builds; the placement may also hold other sites. */
  site: string;
  /** Flavor and image every instance boots. */
  flavor: string;
  image: string;
  /** A floating IP per instance, from `floatingIpPool`. */
  floatingIp: boolean;
  /** The site's external network, where floating IPs come from. */
  floatingIpPool?: string;
  /** Where the workload's instances and volumes are, at every site (placeWorkload). */
  placement: WorkloadPlacement;
  /** The placement under each earlier name of the workload, oldest first: children's aliases. */
  formerPlacements: readonly WorkloadPlacement[];
  /** The names this component had under those earlier names: the server group's aliases. */
  formerNames: readonly string[];
  serverGroupPolicy: ServerGroupPolicy;
  /** Labels of the workload's resources per site id: this site's, and the peer's (replicas). */
  labels: Readonly<Record<string, Labels>>;
  /** The catalog's volume types by name: at least those of the workload's volumes. */
  volumeTypes: Readonly<Record<string, ReplicatedVolumeType & Pick<VolumeType, "name">>>;
  /** How replicated volumes are paired on the storage. */
  pairing: Pick<StoragePairing, "create" | "delete">;
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

/** Why a Workload cannot take `name`: its instances are named by placement, `<name>-<n>`. */
export function workloadNameProblem(
  name: string,
  site: string,
  placement: WorkloadPlacement,
): string | undefined {
  const here = placement.instances.filter((instance) => instance.site === site);
  const stray = here.find((instance) => instance.name !== `${name}-${instance.index}`);
  if (stray === undefined) return undefined;
  const expected = stray.name.slice(0, stray.name.length - `-${stray.index}`.length);
  return `placement names its instances ${stray.name} and on, so the Workload is ${expected}, not ${name}`;
}

export class Workload extends pulumi.ComponentResource {
  public readonly instances: Record<string, InstanceAddresses>;
  public readonly volumePairs: VolumePair[];
  public readonly serverGroupId: pulumi.Output<string>;

  constructor(name: string, args: WorkloadArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("govcloud:workload:Workload", name, {}, opts);
    const { placement, site } = args;
    const misnamed = workloadNameProblem(name, site, placement);
    if (misnamed !== undefined) {
      throw new pulumi.InputPropertiesError({
        message: `${name} cannot be built at ${site}`,
        errors: [{ propertyPath: "placement", reason: misnamed }],
      });
    }
    const provider = args.projectProviders[site];
    if (provider === undefined) {
      throw new pulumi.InputPropertiesError({
        message: `${name} cannot be built at ${site}`,
        errors: [{ propertyPath: "projectProviders", reason: `no project provider for ${site}` }],
      });
    }
    const project: pulumi.CustomResourceOptions = { parent: this, provider };
    const labels = labelsAt(args, site);
    const tags = labelsToTags(labels);
    const formers = args.formerPlacements;

    // Nova cannot rename a server group: its name is the one it was created with.
    const serverGroup = new openstack.compute.ServerGroup(
      name,
      { name, policies: [args.serverGroupPolicy] },
      withFormerNames({ ...project, ignoreChanges: ["name"] }, args.formerNames),
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
    labels: Labels,
  ): { instance: openstack.compute.Instance; addresses: InstanceAddresses } {
    const { site } = args;
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
        flavorName: args.flavor,
        imageName: args.image,
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
    if (args.floatingIp) {
      const pool = args.floatingIpPool;
      if (pool === undefined) {
        throw new pulumi.InputPropertiesError({
          message: `${planned.name} cannot have a floating IP at ${site}`,
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
    const { site } = args;
    const volumeType = args.volumeTypes[primary.volume.type];
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
          metadata: labelsToMetadata(labelsAt(args, site)),
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
        primaryLabels: labelsAt(args, site),
        secondaryLabels: labelsAt(args, secondary.site),
        pairing: args.pairing,
        protect: args.protect ?? true,
        formerNames: { primary: formerPrimary, secondary: formerSecondary },
      },
      withFormerNames({ parent: this }, formerPrimary),
    );
    this.volumePairs.push(replicated.pair);
    return replicated.primaryVolume.id;
  }
}

function labelsAt(args: WorkloadArgs, site: string): Labels {
  const labels = args.labels[site];
  if (labels === undefined) {
    throw new pulumi.InputPropertiesError({
      message: `the workload's resources at ${site} cannot be labelled`,
      errors: [{ propertyPath: `labels.${site}`, reason: `no labels for ${site}` }],
    });
  }
  return labels;
}
