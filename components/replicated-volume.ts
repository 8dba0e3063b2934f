/**
 * A data volume replicated between the two active sites: the volume at its primary site, the
 * replica at the peer site (both on the replicated volume type, each through its own site's
 * project provider), metadata on both naming the pair, and the step that pairs them on the
 * storage, run with the command platform.yaml defines.
 *
 * Both volumes are protected unless the department is being decommissioned: a replicated
 * volume holds the data of a critical or important workload.
 *
 * Placement names both volumes (the replica's name says where it comes from), so the component
 * takes the primary volume's name as its own and refuses another one; the pairing command is
 * `<name>-pairing`.
 */
import * as command from "@pulumi/command";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { fillPairingTemplate, pairMetadata } from "../model/pairing";
import type { PlannedVolume } from "../model/placement";
import { labelsToMetadata } from "../model/tags";
import type { Labels } from "../model/tags";
import type { DataVolume, StoragePairing, VolumeType } from "../model/types";
import { withFormerNames } from "./aliases";

/** What a volume of the pair needs of its planned volume: its name, site, size, description. */
export type PairedVolume = Pick<PlannedVolume, "name" | "site" | "peerSite"> & {
  volume: Pick<DataVolume, "sizeGiB" | "description">;
};

/** What the pair needs of its volume type: name, replication mode and RPO. */
export type ReplicatedVolumeType = Pick<VolumeType, "name" | "replication" | "rpoSeconds">;

export interface ReplicatedVolumeArgs {
  /** The volume at its workload's site; it names the component. */
  primary: PairedVolume;
  /** Its replica at the peer site. */
  secondary: PairedVolume;
  volumeType: ReplicatedVolumeType;
  primaryProvider: openstack.Provider;
  secondaryProvider: openstack.Provider;
  /** Runs the pairing command (a @pulumi/command provider: default providers are off). */
  commandProvider: command.Provider;
  /** Labels of the workload at the primary and at the secondary site. */
  primaryLabels: Labels;
  secondaryLabels: Labels;
  pairing: Pick<StoragePairing, "create" | "delete">;
  /** Default true. */
  protect?: boolean;
  /** Names the two volumes had under earlier names of their workload. */
  formerNames?: { primary: string[]; secondary: string[] };
}

export interface VolumePair {
  primary: string;
  secondary: string;
  primarySite: string;
  secondarySite: string;
  mode: string;
  rpoSeconds: number;
  primaryId: pulumi.Output<string>;
  secondaryId: pulumi.Output<string>;
}

export class ReplicatedVolume extends pulumi.ComponentResource {
  public readonly primaryVolume: openstack.blockstorage.Volume;
  public readonly secondaryVolume: openstack.blockstorage.Volume;
  public readonly pairingCommand: command.local.Command;
  public readonly pair: VolumePair;

  constructor(
    name: string,
    args: ReplicatedVolumeArgs,
    opts: pulumi.ComponentResourceOptions = {},
  ) {
    super("govcloud:storage:ReplicatedVolume", name, {}, opts);
    const { primary, secondary, volumeType } = args;
    if (name !== primary.name) {
      throw new pulumi.InputPropertiesError({
        message: `${name} cannot be built`,
        errors: [
          {
            propertyPath: "primary.name",
            reason: `a ReplicatedVolume is named after its primary volume, ${primary.name}, not ${name}`,
          },
        ],
      });
    }
    if (volumeType.replication === "none") {
      throw new pulumi.InputPropertiesError({
        message: `${primary.name} cannot be replicated`,
        errors: [{ propertyPath: "volumeType", reason: `${volumeType.name} does not replicate` }],
      });
    }
    const protect = args.protect ?? true;
    const rpoSeconds = volumeType.rpoSeconds ?? 0;
    const pair = {
      primary: primary.name,
      secondary: secondary.name,
      mode: volumeType.replication,
      rpoSeconds,
    };
    const volume = (
      planned: PairedVolume,
      role: "primary" | "secondary",
      labels: Labels,
      provider: openstack.Provider,
      former: string[],
    ) =>
      new openstack.blockstorage.Volume(
        planned.name,
        {
          name: planned.name,
          size: planned.volume.sizeGiB,
          volumeType: volumeType.name,
          // Grown while attached: the provider refuses to extend an in-use volume without it.
          enableOnlineResize: true,
          ...(planned.volume.description === undefined
            ? {}
            : { description: planned.volume.description }),
          metadata: {
            ...labelsToMetadata(labels),
            ...pairMetadata({ ...pair, role, peerSite: planned.peerSite ?? "" }),
          },
        },
        withFormerNames({ parent: this, provider, protect }, former),
      );
    this.primaryVolume = volume(
      primary,
      "primary",
      args.primaryLabels,
      args.primaryProvider,
      args.formerNames?.primary ?? [],
    );
    this.secondaryVolume = volume(
      secondary,
      "secondary",
      args.secondaryLabels,
      args.secondaryProvider,
      args.formerNames?.secondary ?? [],
    );

    // Ids, not names, go to the storage: Cinder names are not unique, and ids survive a rename
    // (the command then does not run again).
    const fill = (template: string) =>
      pulumi
        .all([this.primaryVolume.id, this.secondaryVolume.id])
        .apply(([primaryId, secondaryId]) =>
          fillPairingTemplate(template, {
            primary: primaryId,
            secondary: secondaryId,
            mode: volumeType.replication,
            rpo: rpoSeconds,
          }),
        );
    // A changed command line (new volume ids when a volume is replaced, a new mode or RPO)
    // replaces the command, delete-first: the old pair is removed with the ids it was made with,
    // then the new one is created. Updated in place, the command would only run `create` again
    // and leave the old pair on the storage. `delete` runs before either volume is deleted.
    // Options, not inputs: adding them changes nothing for the pairs already made.
    this.pairingCommand = new command.local.Command(
      `${name}-pairing`,
      { create: fill(args.pairing.create), delete: fill(args.pairing.delete) },
      withFormerNames(
        {
          parent: this,
          provider: args.commandProvider,
          replaceOnChanges: ["create", "delete"],
          deleteBeforeReplace: true,
        },
        (args.formerNames?.primary ?? []).map((old) => `${old}-pairing`),
      ),
    );

    this.pair = {
      ...pair,
      primarySite: primary.site,
      secondarySite: secondary.site,
      primaryId: this.primaryVolume.id,
      secondaryId: this.secondaryVolume.id,
    };
    this.registerOutputs({ pair: this.pair });
  }
}
