// Written by hand in the form pulumi-language-nodejs generates for the terraform-provider
// package parameterized with dmacvicar/libvirt 0.9.2 (see README.md). What it declares is
// checked against that provider's schema by tests/libvirt-sdk.


import * as runtime from "@pulumi/pulumi/runtime";
import * as pulumi from "@pulumi/pulumi";

export function getEnv(...vars: string[]): string | undefined {
    for (const name of vars) {
        const value = process.env[name];
        if (value) {
            return value;
        }
    }
    return undefined;
}

export function getEnvBoolean(...vars: string[]): boolean | undefined {
    const s = getEnv(...vars);
    if (s !== undefined) {
        // Accept the spellings Go's strconv.ParseBool accepts, which is what Terraform providers use.
        if (["1", "t", "T", "true", "TRUE", "True"].includes(s)) {
            return true;
        }
        if (["0", "f", "F", "false", "FALSE", "False"].includes(s)) {
            return false;
        }
    }
    return undefined;
}

export function getEnvNumber(...vars: string[]): number | undefined {
    const s = getEnv(...vars);
    if (s !== undefined) {
        const n = parseFloat(s);
        if (!isNaN(n)) {
            return n;
        }
    }
    return undefined;
}

export function getVersion(): string {
    let version: string = require('./package.json').version;
    // package.json may carry a leading "v" that semver does not accept.
    if (version.startsWith('v')) {
        version = version.slice(1);
    }
    return version;
}

/** @internal */
export function resourceOptsDefaults(): any {
    return { version: getVersion() };
}

/** @internal */
export function lazyLoad(exports: any, props: string[], loadModule: any) {
    for (const property of props) {
        Object.defineProperty(exports, property, {
            enumerable: true,
            get: function() {
                return loadModule()[property];
            },
        });
    }
}

/** @internal */
export async function callAsync<T>(
    tok: string,
    props: pulumi.Inputs,
    res?: pulumi.Resource,
    opts?: {property?: string},
): Promise<T> {
    const o: any = runtime.call<T>(tok, props, res);
    const value = await o.promise(true /*withUnknowns*/);
    const isKnown = await o.isKnown;
    const isSecret = await o.isSecret;
    const problem: string | undefined =
        !isKnown ? "an unknown value"
        : isSecret ? "a secret value"
        : undefined;
    // o.resources is deliberately ignored: a method call on r always depends on r.
    if (problem) {
        throw new Error(`Plain resource method "${tok}" incorrectly returned ${problem}. ` +
            "This is an error in the provider, please report this to the provider developer.");
    }
    if (opts && opts.property) {
        return value[opts.property];
    }
    return value;
}

export async function getPackage(): Promise<string | undefined> {
	return runtime.registerPackage({
		baseProviderName: "terraform-provider",
		baseProviderVersion: "1.1.3",
		baseProviderDownloadUrl: "",
		packageName: "libvirt",
		packageVersion: "0.9.2",
		base64Parameter: "eyJyZW1vdGUiOnsidXJsIjoicmVnaXN0cnkub3BlbnRvZnUub3JnL2RtYWN2aWNhci9saWJ2aXJ0IiwidmVyc2lvbiI6IjAuOS4yIn19",
	});
}
