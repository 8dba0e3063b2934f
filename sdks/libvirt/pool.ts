// Written by hand in the form pulumi-language-nodejs generates for the terraform-provider
// package parameterized with dmacvicar/libvirt 0.9.2 (see README.md). What it declares is
// checked against that provider's schema by tests/libvirt-sdk.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";

/**
 * Manages a libvirt storage pool.
 *
 * See the [libvirt storage pool documentation](https://libvirt.org/formatstorage.html) for more details.
 */
export class Pool extends pulumi.CustomResource {
    /**
     * Get an existing Pool resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The _unique_ provider ID of the resource to lookup.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: PoolState, opts?: pulumi.CustomResourceOptions): Pool {
        return new Pool(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = 'libvirt:index/pool:Pool';

    /**
     * Returns true if the given object is an instance of Pool.  This is designed to work even
     * when multiple copies of the Pulumi SDK have been loaded into the same process.
     */
    public static isInstance(obj: any): obj is Pool {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj['__pulumiType'] === Pool.__pulumiType;
    }

    /**
     * Currently allocated space in bytes.
     */
    declare public /*out*/ readonly allocation: pulumi.Output<number>;
    /**
     * Available space in bytes.
     */
    declare public /*out*/ readonly available: pulumi.Output<number>;
    /**
     * Total capacity of the storage pool in bytes.
     */
    declare public /*out*/ readonly capacity: pulumi.Output<number>;
    /**
     * Unique name of the storage pool.
     */
    declare public readonly name: pulumi.Output<string>;
    /**
     * Source of the storage pool (required for logical pools).
     */
    declare public readonly source: pulumi.Output<outputs.PoolSource | undefined>;
    /**
     * Target of the storage pool.
     */
    declare public readonly target: pulumi.Output<outputs.PoolTarget | undefined>;
    /**
     * Type of storage pool (dir, logical, netfs, ...).
     */
    declare public readonly type: pulumi.Output<string>;
    /**
     * UUID of the storage pool.
     */
    declare public /*out*/ readonly uuid: pulumi.Output<string>;

    /**
     * Create a Pool resource with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: PoolArgs, opts?: pulumi.CustomResourceOptions)
    constructor(name: string, argsOrState?: PoolArgs | PoolState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as PoolState | undefined;
            resourceInputs["allocation"] = state?.allocation;
            resourceInputs["available"] = state?.available;
            resourceInputs["capacity"] = state?.capacity;
            resourceInputs["name"] = state?.name;
            resourceInputs["source"] = state?.source;
            resourceInputs["target"] = state?.target;
            resourceInputs["type"] = state?.type;
            resourceInputs["uuid"] = state?.uuid;
        } else {
            const args = argsOrState as PoolArgs | undefined;
            if (args?.type === undefined && !opts.urn) {
                throw new Error("Missing required property 'type'");
            }
            resourceInputs["name"] = args?.name;
            resourceInputs["source"] = args?.source;
            resourceInputs["target"] = args?.target;
            resourceInputs["type"] = args?.type;
            resourceInputs["allocation"] = undefined /*out*/;
            resourceInputs["available"] = undefined /*out*/;
            resourceInputs["capacity"] = undefined /*out*/;
            resourceInputs["uuid"] = undefined /*out*/;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(Pool.__pulumiType, name, resourceInputs, opts, false /*dependency*/, utilities.getPackage());
    }
}

/**
 * Input properties used for looking up and filtering Pool resources.
 */
export interface PoolState {
    /**
     * Currently allocated space in bytes.
     */
    allocation?: pulumi.Input<number | undefined>;
    /**
     * Available space in bytes.
     */
    available?: pulumi.Input<number | undefined>;
    /**
     * Total capacity of the storage pool in bytes.
     */
    capacity?: pulumi.Input<number | undefined>;
    /**
     * Unique name of the storage pool.
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Source of the storage pool (required for logical pools).
     */
    source?: pulumi.Input<inputs.PoolSource | undefined>;
    /**
     * Target of the storage pool.
     */
    target?: pulumi.Input<inputs.PoolTarget | undefined>;
    /**
     * Type of storage pool (dir, logical, netfs, ...).
     */
    type?: pulumi.Input<string | undefined>;
    /**
     * UUID of the storage pool.
     */
    uuid?: pulumi.Input<string | undefined>;
}

/**
 * The set of arguments for constructing a Pool resource.
 */
export interface PoolArgs {
    /**
     * Unique name of the storage pool.
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Source of the storage pool (required for logical pools).
     */
    source?: pulumi.Input<inputs.PoolSource | undefined>;
    /**
     * Target of the storage pool.
     */
    target?: pulumi.Input<inputs.PoolTarget | undefined>;
    /**
     * Type of storage pool (dir, logical, netfs, ...).
     */
    type: pulumi.Input<string>;
}
