/**
 * A data volume replicated between the two active sites: the volume at its primary site, the
 * replica at the peer site (both on the replicated volume type, each through its own site's
 * project provider), metadata on both naming the pair, and the step that pairs them on the
 * storage, run with the command platform.yaml defines.
 *
 * Both volumes are protected unless the department is being decommissioned: a replicated
 * volume holds the data of a critical or important workload.
 */
import * as command from "@pulumi/command";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { fillPairingTemplate, pairMetadata } from "../model/pairing";
import type { PlannedVolume } from "../model/placement";
import { labelsToMetadata } from "../model/tags";
import type { Labels } from "../model/tags";
import type { StoragePairing, VolumeType } from "../model/types";
import { withFormerNames } from "./aliases";

export interface ReplicatedVolumeArgs {
  primary: PlannedVolume;
  secondary: PlannedVolume;
  volumeType: VolumeType;
  primaryProvider: openstack.Provider;
  secondaryProvider: openstack.Provider;
  /** Runs the pairing command (a @pulumi/command provider: default providers are off). */
  commandProvider: command.Provider;
  /** Labels of the workload at the primary and at the secondary site. */
  primaryLabels: Labels;
  secondaryLabels: Labels;
  pairing: StoragePairing;
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
      planned: PlannedVolume,
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
      `${primary.name}-pairing`,
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
