// Written by hand in the form pulumi-language-nodejs generates for the terraform-provider
// package parameterized with dmacvicar/libvirt 0.9.2 (see README.md). What it declares is
// checked against that provider's schema by tests/libvirt-sdk.

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";

/**
 * Generates a cloud-init configuration disk as an ISO image with the "cidata" volume label.
 * Upload it into a libvirt volume (`create.content.url = path`) and attach it to a domain.
 */
export class CloudinitDisk extends pulumi.CustomResource {
    /**
     * Get an existing CloudinitDisk resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The _unique_ provider ID of the resource to lookup.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: CloudinitDiskState, opts?: pulumi.CustomResourceOptions): CloudinitDisk {
        return new CloudinitDisk(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = 'libvirt:index/cloudinitDisk:CloudinitDisk';

    /**
     * Returns true if the given object is an instance of CloudinitDisk.  This is designed to work even
     * when multiple copies of the Pulumi SDK have been loaded into the same process.
     */
    public static isInstance(obj: any): obj is CloudinitDisk {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj['__pulumiType'] === CloudinitDisk.__pulumiType;
    }

    /**
     * Cloud-init meta-data content (usually YAML).
     */
    declare public readonly metaData: pulumi.Output<string>;
    /**
     * Name for this cloud-init disk resource.
     */
    declare public readonly name: pulumi.Output<string>;
    /**
     * Cloud-init network configuration (usually YAML).
     */
    declare public readonly networkConfig: pulumi.Output<string | undefined>;
    /**
     * Full path to the generated ISO file.
     */
    declare public /*out*/ readonly path: pulumi.Output<string>;
    /**
     * Size of the ISO file in bytes.
     */
    declare public /*out*/ readonly size: pulumi.Output<number>;
    /**
     * Cloud-init user-data content (usually YAML).
     */
    declare public readonly userData: pulumi.Output<string>;

    /**
     * Create a CloudinitDisk resource with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: CloudinitDiskArgs, opts?: pulumi.CustomResourceOptions)
    constructor(name: string, argsOrState?: CloudinitDiskArgs | CloudinitDiskState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as CloudinitDiskState | undefined;
            resourceInputs["metaData"] = state?.metaData;
            resourceInputs["name"] = state?.name;
            resourceInputs["networkConfig"] = state?.networkConfig;
            resourceInputs["path"] = state?.path;
            resourceInputs["size"] = state?.size;
            resourceInputs["userData"] = state?.userData;
        } else {
            const args = argsOrState as CloudinitDiskArgs | undefined;
            if (args?.metaData === undefined && !opts.urn) {
                throw new Error("Missing required property 'metaData'");
            }
            if (args?.userData === undefined && !opts.urn) {
                throw new Error("Missing required property 'userData'");
            }
            resourceInputs["metaData"] = args?.metaData;
            resourceInputs["name"] = args?.name;
            resourceInputs["networkConfig"] = args?.networkConfig;
            resourceInputs["userData"] = args?.userData;
            resourceInputs["path"] = undefined /*out*/;
            resourceInputs["size"] = undefined /*out*/;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(CloudinitDisk.__pulumiType, name, resourceInputs, opts, false /*dependency*/, utilities.getPackage());
    }
}

/**
 * Input properties used for looking up and filtering CloudinitDisk resources.
 */
export interface CloudinitDiskState {
    /**
     * Cloud-init meta-data content (usually YAML).
     */
    metaData?: pulumi.Input<string | undefined>;
    /**
     * Name for this cloud-init disk resource.
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Cloud-init network configuration (usually YAML).
     */
    networkConfig?: pulumi.Input<string | undefined>;
    /**
     * Full path to the generated ISO file.
     */
    path?: pulumi.Input<string | undefined>;
    /**
     * Size of the ISO file in bytes.
     */
    size?: pulumi.Input<number | undefined>;
    /**
     * Cloud-init user-data content (usually YAML).
     */
    userData?: pulumi.Input<string | undefined>;
}

/**
 * The set of arguments for constructing a CloudinitDisk resource.
 */
export interface CloudinitDiskArgs {
    /**
     * Cloud-init meta-data content (usually YAML).
     */
    metaData: pulumi.Input<string>;
    /**
     * Name for this cloud-init disk resource.
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Cloud-init network configuration (usually YAML).
     */
    networkConfig?: pulumi.Input<string | undefined>;
    /**
     * Cloud-init user-data content (usually YAML).
     */
    userData: pulumi.Input<string>;
}
