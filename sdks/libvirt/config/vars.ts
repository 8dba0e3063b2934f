// Written by hand in the form pulumi-language-nodejs generates for the terraform-provider
// package parameterized with dmacvicar/libvirt 0.9.2 (see README.md). What it declares is
// checked against that provider's schema by tests/libvirt-sdk.

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "../utilities";

declare var exports: any;
const __config = new pulumi.Config("libvirt");

/**
 * Libvirt connection URI. Defaults to `qemu:///system` if not specified. See [libvirt URI
 * documentation](https://libvirt.org/uri.html) for details.
 */
export declare const uri: string | undefined;
Object.defineProperty(exports, "uri", {
    get() {
        return __config.get("uri");
    },
    enumerable: true,
});

