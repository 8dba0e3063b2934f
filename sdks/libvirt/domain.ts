// Written by hand in the form pulumi-language-nodejs generates for the terraform-provider
// package parameterized with dmacvicar/libvirt 0.9.2 (see README.md). What it declares is
// checked against that provider's schema by tests/libvirt-sdk.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";

/**
 * Manages a libvirt domain (virtual machine).
 *
 * This resource follows the [libvirt domain XML schema](https://libvirt.org/formatdomain.html) closely.
 */
export class Domain extends pulumi.CustomResource {
    /**
     * Get an existing Domain resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The _unique_ provider ID of the resource to lookup.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: DomainState, opts?: pulumi.CustomResourceOptions): Domain {
        return new Domain(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = 'libvirt:index/domain:Domain';

    /**
     * Returns true if the given object is an instance of Domain.  This is designed to work even
     * when multiple copies of the Pulumi SDK have been loaded into the same process.
     */
    public static isInstance(obj: any): obj is Domain {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj['__pulumiType'] === Domain.__pulumiType;
    }

    /**
     * Whether the domain should be started automatically when the host boots.
     */
    declare public readonly autostart: pulumi.Output<boolean | undefined>;
    /**
     * CPU configuration.
     */
    declare public readonly cpu: pulumi.Output<outputs.DomainCpu | undefined>;
    /**
     * Start flags passed to libvirt when running is true.
     */
    declare public readonly create: pulumi.Output<outputs.DomainCreate | undefined>;
    /**
     * Memory allocated at boot (in memoryUnit). Defaults to memory.
     */
    declare public readonly currentMemory: pulumi.Output<number | undefined>;
    /**
     * Human-readable description of the domain.
     */
    declare public readonly description: pulumi.Output<string | undefined>;
    /**
     * How the domain is stopped when it is destroyed.
     */
    declare public readonly destroy: pulumi.Output<outputs.DomainDestroy | undefined>;
    /**
     * Devices attached to the domain.
     */
    declare public readonly devices: pulumi.Output<outputs.DomainDevices | undefined>;
    /**
     * Runtime ID libvirt assigned to the running domain (the Terraform `id` attribute).
     */
    declare public /*out*/ readonly domainId: pulumi.Output<number>;
    /**
     * Hypervisor features.
     */
    declare public readonly features: pulumi.Output<outputs.DomainFeatures | undefined>;
    /**
     * Maximum memory for hotplug.
     */
    declare public readonly maximumMemory: pulumi.Output<number | undefined>;
    /**
     * Memory of the domain (in memoryUnit).
     */
    declare public readonly memory: pulumi.Output<number | undefined>;
    /**
     * Unit of memory (KiB, MiB, GiB). Default KiB.
     */
    declare public readonly memoryUnit: pulumi.Output<string | undefined>;
    /**
     * Domain name. Must be unique on the host.
     */
    declare public readonly name: pulumi.Output<string>;
    /**
     * Action when the guest crashes (destroy, restart, preserve, rename-restart, coredump-destroy, coredump-restart).
     */
    declare public readonly onCrash: pulumi.Output<string | undefined>;
    /**
     * Action when the guest powers off (destroy, restart, preserve, rename-restart).
     */
    declare public readonly onPoweroff: pulumi.Output<string | undefined>;
    /**
     * Action when the guest reboots (destroy, restart, preserve, rename-restart).
     */
    declare public readonly onReboot: pulumi.Output<string | undefined>;
    /**
     * Operating system and boot configuration.
     */
    declare public readonly os: pulumi.Output<outputs.DomainOs | undefined>;
    /**
     * Whether the domain should be running.
     */
    declare public readonly running: pulumi.Output<boolean | undefined>;
    /**
     * Short title of the domain.
     */
    declare public readonly title: pulumi.Output<string | undefined>;
    /**
     * Domain type (e.g. kvm, qemu).
     */
    declare public readonly type: pulumi.Output<string>;
    /**
     * UUID of the domain.
     */
    declare public /*out*/ readonly uuid: pulumi.Output<string>;
    /**
     * Number of virtual CPUs.
     */
    declare public readonly vcpu: pulumi.Output<number | undefined>;

    /**
     * Create a Domain resource with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions)
    constructor(name: string, argsOrState?: DomainArgs | DomainState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as DomainState | undefined;
            resourceInputs["autostart"] = state?.autostart;
            resourceInputs["cpu"] = state?.cpu;
            resourceInputs["create"] = state?.create;
            resourceInputs["currentMemory"] = state?.currentMemory;
            resourceInputs["description"] = state?.description;
            resourceInputs["destroy"] = state?.destroy;
            resourceInputs["devices"] = state?.devices;
            resourceInputs["domainId"] = state?.domainId;
            resourceInputs["features"] = state?.features;
            resourceInputs["maximumMemory"] = state?.maximumMemory;
            resourceInputs["memory"] = state?.memory;
            resourceInputs["memoryUnit"] = state?.memoryUnit;
            resourceInputs["name"] = state?.name;
            resourceInputs["onCrash"] = state?.onCrash;
            resourceInputs["onPoweroff"] = state?.onPoweroff;
            resourceInputs["onReboot"] = state?.onReboot;
            resourceInputs["os"] = state?.os;
            resourceInputs["running"] = state?.running;
            resourceInputs["title"] = state?.title;
            resourceInputs["type"] = state?.type;
            resourceInputs["uuid"] = state?.uuid;
            resourceInputs["vcpu"] = state?.vcpu;
        } else {
            const args = argsOrState as DomainArgs | undefined;
            if (args?.type === undefined && !opts.urn) {
                throw new Error("Missing required property 'type'");
            }
            resourceInputs["autostart"] = args?.autostart;
            resourceInputs["cpu"] = args?.cpu;
            resourceInputs["create"] = args?.create;
            resourceInputs["currentMemory"] = args?.currentMemory;
            resourceInputs["description"] = args?.description;
            resourceInputs["destroy"] = args?.destroy;
            resourceInputs["devices"] = args?.devices;
            resourceInputs["features"] = args?.features;
            resourceInputs["maximumMemory"] = args?.maximumMemory;
            resourceInputs["memory"] = args?.memory;
            resourceInputs["memoryUnit"] = args?.memoryUnit;
            resourceInputs["name"] = args?.name;
            resourceInputs["onCrash"] = args?.onCrash;
            resourceInputs["onPoweroff"] = args?.onPoweroff;
            resourceInputs["onReboot"] = args?.onReboot;
            resourceInputs["os"] = args?.os;
            resourceInputs["running"] = args?.running;
            resourceInputs["title"] = args?.title;
            resourceInputs["type"] = args?.type;
            resourceInputs["vcpu"] = args?.vcpu;
            resourceInputs["domainId"] = undefined /*out*/;
            resourceInputs["uuid"] = undefined /*out*/;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(Domain.__pulumiType, name, resourceInputs, opts, false /*dependency*/, utilities.getPackage());
    }
}

/**
 * Input properties used for looking up and filtering Domain resources.
 */
export interface DomainState {
    /**
     * Whether the domain should be started automatically when the host boots.
     */
    autostart?: pulumi.Input<boolean | undefined>;
    /**
     * CPU configuration.
     */
    cpu?: pulumi.Input<inputs.DomainCpu | undefined>;
    /**
     * Start flags passed to libvirt when running is true.
     */
    create?: pulumi.Input<inputs.DomainCreate | undefined>;
    /**
     * Memory allocated at boot (in memoryUnit). Defaults to memory.
     */
    currentMemory?: pulumi.Input<number | undefined>;
    /**
     * Human-readable description of the domain.
     */
    description?: pulumi.Input<string | undefined>;
    /**
     * How the domain is stopped when it is destroyed.
     */
    destroy?: pulumi.Input<inputs.DomainDestroy | undefined>;
    /**
     * Devices attached to the domain.
     */
    devices?: pulumi.Input<inputs.DomainDevices | undefined>;
    /**
     * Runtime ID libvirt assigned to the running domain (the Terraform `id` attribute).
     */
    domainId?: pulumi.Input<number | undefined>;
    /**
     * Hypervisor features.
     */
    features?: pulumi.Input<inputs.DomainFeatures | undefined>;
    /**
     * Maximum memory for hotplug.
     */
    maximumMemory?: pulumi.Input<number | undefined>;
    /**
     * Memory of the domain (in memoryUnit).
     */
    memory?: pulumi.Input<number | undefined>;
    /**
     * Unit of memory (KiB, MiB, GiB). Default KiB.
     */
    memoryUnit?: pulumi.Input<string | undefined>;
    /**
     * Domain name. Must be unique on the host.
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Action when the guest crashes (destroy, restart, preserve, rename-restart, coredump-destroy, coredump-restart).
     */
    onCrash?: pulumi.Input<string | undefined>;
    /**
     * Action when the guest powers off (destroy, restart, preserve, rename-restart).
     */
    onPoweroff?: pulumi.Input<string | undefined>;
    /**
     * Action when the guest reboots (destroy, restart, preserve, rename-restart).
     */
    onReboot?: pulumi.Input<string | undefined>;
    /**
     * Operating system and boot configuration.
     */
    os?: pulumi.Input<inputs.DomainOs | undefined>;
    /**
     * Whether the domain should be running.
     */
    running?: pulumi.Input<boolean | undefined>;
    /**
     * Short title of the domain.
     */
    title?: pulumi.Input<string | undefined>;
    /**
     * Domain type (e.g. kvm, qemu).
     */
    type?: pulumi.Input<string | undefined>;
    /**
     * UUID of the domain.
     */
    uuid?: pulumi.Input<string | undefined>;
    /**
     * Number of virtual CPUs.
     */
    vcpu?: pulumi.Input<number | undefined>;
}

/**
 * The set of arguments for constructing a Domain resource.
 */
export interface DomainArgs {
    /**
     * Whether the domain should be started automatically when the host boots.
     */
    autostart?: pulumi.Input<boolean | undefined>;
    /**
     * CPU configuration.
     */
    cpu?: pulumi.Input<inputs.DomainCpu | undefined>;
    /**
     * Start flags passed to libvirt when running is true.
     */
    create?: pulumi.Input<inputs.DomainCreate | undefined>;
    /**
     * Memory allocated at boot (in memoryUnit). Defaults to memory.
     */
    currentMemory?: pulumi.Input<number | undefined>;
    /**
     * Human-readable description of the domain.
     */
    description?: pulumi.Input<string | undefined>;
    /**
     * How the domain is stopped when it is destroyed.
     */
    destroy?: pulumi.Input<inputs.DomainDestroy | undefined>;
    /**
     * Devices attached to the domain.
     */
    devices?: pulumi.Input<inputs.DomainDevices | undefined>;
    /**
     * Hypervisor features.
     */
    features?: pulumi.Input<inputs.DomainFeatures | undefined>;
    /**
     * Maximum memory for hotplug.
     */
    maximumMemory?: pulumi.Input<number | undefined>;
    /**
     * Memory of the domain (in memoryUnit).
     */
    memory?: pulumi.Input<number | undefined>;
    /**
     * Unit of memory (KiB, MiB, GiB). Default KiB.
     */
    memoryUnit?: pulumi.Input<string | undefined>;
    /**
     * Domain name. Must be unique on the host.
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Action when the guest crashes (destroy, restart, preserve, rename-restart, coredump-destroy, coredump-restart).
     */
    onCrash?: pulumi.Input<string | undefined>;
    /**
     * Action when the guest powers off (destroy, restart, preserve, rename-restart).
     */
    onPoweroff?: pulumi.Input<string | undefined>;
    /**
     * Action when the guest reboots (destroy, restart, preserve, rename-restart).
     */
    onReboot?: pulumi.Input<string | undefined>;
    /**
     * Operating system and boot configuration.
     */
    os?: pulumi.Input<inputs.DomainOs | undefined>;
    /**
     * Whether the domain should be running.
     */
    running?: pulumi.Input<boolean | undefined>;
    /**
     * Short title of the domain.
     */
    title?: pulumi.Input<string | undefined>;
    /**
     * Domain type (e.g. kvm, qemu).
     */
    type: pulumi.Input<string>;
    /**
     * Number of virtual CPUs.
     */
    vcpu?: pulumi.Input<number | undefined>;
}
