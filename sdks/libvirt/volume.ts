// Written by hand in the form pulumi-language-nodejs generates for the terraform-provider
// package parameterized with dmacvicar/libvirt 0.9.2 (see README.md). What it declares is
// checked against that provider's schema by tests/libvirt-sdk.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";

/**
 * Storage volume within a storage pool.
 */
export class Volume extends pulumi.CustomResource {
    /**
     * Get an existing Volume resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The _unique_ provider ID of the resource to lookup.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: VolumeState, opts?: pulumi.CustomResourceOptions): Volume {
        return new Volume(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = 'libvirt:index/volume:Volume';

    /**
     * Returns true if the given object is an instance of Volume.  This is designed to work even
     * when multiple copies of the Pulumi SDK have been loaded into the same process.
     */
    public static isInstance(obj: any): obj is Volume {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj['__pulumiType'] === Volume.__pulumiType;
    }

    /**
     * Space allocated for the volume, in bytes.
     */
    declare public /*out*/ readonly allocation: pulumi.Output<number>;
    /**
     * Backing store for copy-on-write volumes.
     */
    declare public readonly backingStore: pulumi.Output<outputs.VolumeBackingStore | undefined>;
    /**
     * Volume capacity (in capacityUnit; required unless create.content is used).
     */
    declare public readonly capacity: pulumi.Output<number>;
    /**
     * Unit of capacity (bytes, KiB, MiB, GiB, ...).
     */
    declare public readonly capacityUnit: pulumi.Output<string | undefined>;
    /**
     * Initial content of the volume from a URL or local file.
     */
    declare public readonly create: pulumi.Output<outputs.VolumeCreate | undefined>;
    /**
     * Unique key of the volume.
     */
    declare public /*out*/ readonly key: pulumi.Output<string>;
    /**
     * Name of the volume, unique within the pool.
     */
    declare public readonly name: pulumi.Output<string>;
    /**
     * Path of the volume on the host.
     */
    declare public /*out*/ readonly path: pulumi.Output<string>;
    /**
     * Physical size of the volume, in bytes.
     */
    declare public /*out*/ readonly physical: pulumi.Output<number>;
    /**
     * Name of the storage pool where the volume will be created.
     */
    declare public readonly pool: pulumi.Output<string>;
    /**
     * Format and permissions of the volume.
     */
    declare public readonly target: pulumi.Output<outputs.VolumeTarget>;
    /**
     * Volume type (file, block, dir, network, ...).
     */
    declare public readonly type: pulumi.Output<string | undefined>;

    /**
     * Create a Volume resource with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: VolumeArgs, opts?: pulumi.CustomResourceOptions)
    constructor(name: string, argsOrState?: VolumeArgs | VolumeState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as VolumeState | undefined;
            resourceInputs["allocation"] = state?.allocation;
            resourceInputs["backingStore"] = state?.backingStore;
            resourceInputs["capacity"] = state?.capacity;
            resourceInputs["capacityUnit"] = state?.capacityUnit;
            resourceInputs["create"] = state?.create;
            resourceInputs["key"] = state?.key;
            resourceInputs["name"] = state?.name;
            resourceInputs["path"] = state?.path;
            resourceInputs["physical"] = state?.physical;
            resourceInputs["pool"] = state?.pool;
            resourceInputs["target"] = state?.target;
            resourceInputs["type"] = state?.type;
        } else {
            const args = argsOrState as VolumeArgs | undefined;
            if (args?.pool === undefined && !opts.urn) {
                throw new Error("Missing required property 'pool'");
            }
            resourceInputs["backingStore"] = args?.backingStore;
            resourceInputs["capacity"] = args?.capacity;
            resourceInputs["capacityUnit"] = args?.capacityUnit;
            resourceInputs["create"] = args?.create;
            resourceInputs["name"] = args?.name;
            resourceInputs["pool"] = args?.pool;
            resourceInputs["target"] = args?.target;
            resourceInputs["type"] = args?.type;
            resourceInputs["allocation"] = undefined /*out*/;
            resourceInputs["key"] = undefined /*out*/;
            resourceInputs["path"] = undefined /*out*/;
            resourceInputs["physical"] = undefined /*out*/;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(Volume.__pulumiType, name, resourceInputs, opts, false /*dependency*/, utilities.getPackage());
    }
}

/**
 * Input properties used for looking up and filtering Volume resources.
 */
export interface VolumeState {
    /**
     * Space allocated for the volume, in bytes.
     */
    allocation?: pulumi.Input<number | undefined>;
    /**
     * Backing store for copy-on-write volumes.
     */
    backingStore?: pulumi.Input<inputs.VolumeBackingStore | undefined>;
    /**
     * Volume capacity (in capacityUnit; required unless create.content is used).
     */
    capacity?: pulumi.Input<number | undefined>;
    /**
     * Unit of capacity (bytes, KiB, MiB, GiB, ...).
     */
    capacityUnit?: pulumi.Input<string | undefined>;
    /**
     * Initial content of the volume from a URL or local file.
     */
    create?: pulumi.Input<inputs.VolumeCreate | undefined>;
    /**
     * Unique key of the volume.
     */
    key?: pulumi.Input<string | undefined>;
    /**
     * Name of the volume, unique within the pool.
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Path of the volume on the host.
     */
    path?: pulumi.Input<string | undefined>;
    /**
     * Physical size of the volume, in bytes.
     */
    physical?: pulumi.Input<number | undefined>;
    /**
     * Name of the storage pool where the volume will be created.
     */
    pool?: pulumi.Input<string | undefined>;
    /**
     * Format and permissions of the volume.
     */
    target?: pulumi.Input<inputs.VolumeTarget | undefined>;
    /**
     * Volume type (file, block, dir, network, ...).
     */
    type?: pulumi.Input<string | undefined>;
}

/**
 * The set of arguments for constructing a Volume resource.
 */
export interface VolumeArgs {
    /**
     * Backing store for copy-on-write volumes.
     */
    backingStore?: pulumi.Input<inputs.VolumeBackingStore | undefined>;
    /**
     * Volume capacity (in capacityUnit; required unless create.content is used).
     */
    capacity?: pulumi.Input<number | undefined>;
    /**
     * Unit of capacity (bytes, KiB, MiB, GiB, ...).
     */
    capacityUnit?: pulumi.Input<string | undefined>;
    /**
     * Initial content of the volume from a URL or local file.
     */
    create?: pulumi.Input<inputs.VolumeCreate | undefined>;
    /**
     * Name of the volume, unique within the pool.
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Name of the storage pool where the volume will be created.
     */
    pool: pulumi.Input<string>;
    /**
     * Format and permissions of the volume.
     */
    target?: pulumi.Input<inputs.VolumeTarget | undefined>;
    /**
     * Volume type (file, block, dir, network, ...).
     */
    type?: pulumi.Input<string | undefined>;
}
