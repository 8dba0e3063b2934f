// Written by hand in the form pulumi-language-nodejs generates for the terraform-provider
// package parameterized with dmacvicar/libvirt 0.9.2 (see README.md). What it declares is
// checked against that provider's schema by tests/libvirt-sdk.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";

/**
 * Manages a libvirt virtual network.
 */
export class Network extends pulumi.CustomResource {
    /**
     * Get an existing Network resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The _unique_ provider ID of the resource to lookup.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: NetworkState, opts?: pulumi.CustomResourceOptions): Network {
        return new Network(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = 'libvirt:index/network:Network';

    /**
     * Returns true if the given object is an instance of Network.  This is designed to work even
     * when multiple copies of the Pulumi SDK have been loaded into the same process.
     */
    public static isInstance(obj: any): obj is Network {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj['__pulumiType'] === Network.__pulumiType;
    }

    /**
     * Whether the network should be started automatically when the host boots.
     */
    declare public readonly autostart: pulumi.Output<boolean>;
    /**
     * Bridge device of the network.
     */
    declare public readonly bridge: pulumi.Output<outputs.NetworkBridge | undefined>;
    /**
     * DNS server of the network.
     */
    declare public readonly dns: pulumi.Output<outputs.NetworkDns | undefined>;
    /**
     * DNS domain of the network.
     */
    declare public readonly domain: pulumi.Output<outputs.NetworkDomain | undefined>;
    /**
     * Forwarding to the physical network. Omit for an isolated network.
     */
    declare public readonly forward: pulumi.Output<outputs.NetworkForward | undefined>;
    /**
     * IP address configurations for the network.
     */
    declare public readonly ips: pulumi.Output<outputs.NetworkIp[] | undefined>;
    /**
     * MTU of the network.
     */
    declare public readonly mtu: pulumi.Output<outputs.NetworkMtu | undefined>;
    /**
     * Network name. Must be unique on the host.
     */
    declare public readonly name: pulumi.Output<string>;
    /**
     * Static routes.
     */
    declare public readonly routes: pulumi.Output<outputs.NetworkRoute[] | undefined>;
    /**
     * UUID of the network.
     */
    declare public /*out*/ readonly uuid: pulumi.Output<string>;

    /**
     * Create a Network resource with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args?: NetworkArgs, opts?: pulumi.CustomResourceOptions)
    constructor(name: string, argsOrState?: NetworkArgs | NetworkState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as NetworkState | undefined;
            resourceInputs["autostart"] = state?.autostart;
            resourceInputs["bridge"] = state?.bridge;
            resourceInputs["dns"] = state?.dns;
            resourceInputs["domain"] = state?.domain;
            resourceInputs["forward"] = state?.forward;
            resourceInputs["ips"] = state?.ips;
            resourceInputs["mtu"] = state?.mtu;
            resourceInputs["name"] = state?.name;
            resourceInputs["routes"] = state?.routes;
            resourceInputs["uuid"] = state?.uuid;
        } else {
            const args = argsOrState as NetworkArgs | undefined;
            resourceInputs["autostart"] = args?.autostart;
            resourceInputs["bridge"] = args?.bridge;
            resourceInputs["dns"] = args?.dns;
            resourceInputs["domain"] = args?.domain;
            resourceInputs["forward"] = args?.forward;
            resourceInputs["ips"] = args?.ips;
            resourceInputs["mtu"] = args?.mtu;
            resourceInputs["name"] = args?.name;
            resourceInputs["routes"] = args?.routes;
            resourceInputs["uuid"] = undefined /*out*/;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(Network.__pulumiType, name, resourceInputs, opts, false /*dependency*/, utilities.getPackage());
    }
}

/**
 * Input properties used for looking up and filtering Network resources.
 */
export interface NetworkState {
    /**
     * Whether the network should be started automatically when the host boots.
     */
    autostart?: pulumi.Input<boolean | undefined>;
    /**
     * Bridge device of the network.
     */
    bridge?: pulumi.Input<inputs.NetworkBridge | undefined>;
    /**
     * DNS server of the network.
     */
    dns?: pulumi.Input<inputs.NetworkDns | undefined>;
    /**
     * DNS domain of the network.
     */
    domain?: pulumi.Input<inputs.NetworkDomain | undefined>;
    /**
     * Forwarding to the physical network. Omit for an isolated network.
     */
    forward?: pulumi.Input<inputs.NetworkForward | undefined>;
    /**
     * IP address configurations for the network.
     */
    ips?: pulumi.Input<pulumi.Input<inputs.NetworkIp>[] | undefined>;
    /**
     * MTU of the network.
     */
    mtu?: pulumi.Input<inputs.NetworkMtu | undefined>;
    /**
     * Network name. Must be unique on the host.
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Static routes.
     */
    routes?: pulumi.Input<pulumi.Input<inputs.NetworkRoute>[] | undefined>;
    /**
     * UUID of the network.
     */
    uuid?: pulumi.Input<string | undefined>;
}

/**
 * The set of arguments for constructing a Network resource.
 */
export interface NetworkArgs {
    /**
     * Whether the network should be started automatically when the host boots.
     */
    autostart?: pulumi.Input<boolean | undefined>;
    /**
     * Bridge device of the network.
     */
    bridge?: pulumi.Input<inputs.NetworkBridge | undefined>;
    /**
     * DNS server of the network.
     */
    dns?: pulumi.Input<inputs.NetworkDns | undefined>;
    /**
     * DNS domain of the network.
     */
    domain?: pulumi.Input<inputs.NetworkDomain | undefined>;
    /**
     * Forwarding to the physical network. Omit for an isolated network.
     */
    forward?: pulumi.Input<inputs.NetworkForward | undefined>;
    /**
     * IP address configurations for the network.
     */
    ips?: pulumi.Input<pulumi.Input<inputs.NetworkIp>[] | undefined>;
    /**
     * MTU of the network.
     */
    mtu?: pulumi.Input<inputs.NetworkMtu | undefined>;
    /**
     * Network name. Must be unique on the host.
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Static routes.
     */
    routes?: pulumi.Input<pulumi.Input<inputs.NetworkRoute>[] | undefined>;
}
