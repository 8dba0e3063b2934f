// Written by hand in the form pulumi-language-nodejs generates for the terraform-provider
// package parameterized with dmacvicar/libvirt 0.9.2 (see README.md). What it declares is
// checked against that provider's schema by tests/libvirt-sdk.

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";

// Export members:
export { CloudinitDiskArgs, CloudinitDiskState } from "./cloudinitDisk";
export type CloudinitDisk = import("./cloudinitDisk").CloudinitDisk;
export const CloudinitDisk: typeof import("./cloudinitDisk").CloudinitDisk = null as any;
utilities.lazyLoad(exports, ["CloudinitDisk"], () => require("./cloudinitDisk"));

export { DomainArgs, DomainState } from "./domain";
export type Domain = import("./domain").Domain;
export const Domain: typeof import("./domain").Domain = null as any;
utilities.lazyLoad(exports, ["Domain"], () => require("./domain"));

export { NetworkArgs, NetworkState } from "./network";
export type Network = import("./network").Network;
export const Network: typeof import("./network").Network = null as any;
utilities.lazyLoad(exports, ["Network"], () => require("./network"));

export { PoolArgs, PoolState } from "./pool";
export type Pool = import("./pool").Pool;
export const Pool: typeof import("./pool").Pool = null as any;
utilities.lazyLoad(exports, ["Pool"], () => require("./pool"));

export { ProviderArgs } from "./provider";
export type Provider = import("./provider").Provider;
export const Provider: typeof import("./provider").Provider = null as any;
utilities.lazyLoad(exports, ["Provider"], () => require("./provider"));

export { VolumeArgs, VolumeState } from "./volume";
export type Volume = import("./volume").Volume;
export const Volume: typeof import("./volume").Volume = null as any;
utilities.lazyLoad(exports, ["Volume"], () => require("./volume"));


// Export sub-modules:
import * as config from "./config";
import * as types from "./types";

export {
    config,
    types,
};

const _module = {
    version: utilities.getVersion(),
    construct: (name: string, type: string, urn: string): pulumi.Resource => {
        switch (type) {
            case "libvirt:index/cloudinitDisk:CloudinitDisk":
                return new CloudinitDisk(name, <any>undefined, { urn })
            case "libvirt:index/domain:Domain":
                return new Domain(name, <any>undefined, { urn })
            case "libvirt:index/network:Network":
                return new Network(name, <any>undefined, { urn })
            case "libvirt:index/pool:Pool":
                return new Pool(name, <any>undefined, { urn })
            case "libvirt:index/volume:Volume":
                return new Volume(name, <any>undefined, { urn })
            default:
                throw new Error(`unknown resource type ${type}`);
        }
    },
};
pulumi.runtime.registerResourceModule("libvirt", "index/cloudinitDisk", _module)
pulumi.runtime.registerResourceModule("libvirt", "index/domain", _module)
pulumi.runtime.registerResourceModule("libvirt", "index/network", _module)
pulumi.runtime.registerResourceModule("libvirt", "index/pool", _module)
pulumi.runtime.registerResourceModule("libvirt", "index/volume", _module)
pulumi.runtime.registerResourcePackage("libvirt", {
    version: utilities.getVersion(),
    constructProvider: (name: string, type: string, urn: string): pulumi.ProviderResource => {
        if (type !== "pulumi:providers:libvirt") {
            throw new Error(`unknown provider type ${type}`);
        }
        return new Provider(name, <any>undefined, { urn });
    },
});
