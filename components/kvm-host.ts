/**
 * Platform machines outside OpenStack on one KVM host, through libvirt: a directory storage
 * pool, a routed network, a copy-on-write disk per machine on top of its base image, and the
 * machine itself. The quorum witness of the storage runs this way at the third site, where
 * there is no OpenStack.
 *
 * Decisions:
 * - The network is routed, not NATed: both datacenters' storage must reach the witness by its
 *   own address. The host takes the first address of the network's CIDR.
 * - Disks are qcow2 overlays on the base image the platform file names (already on the host),
 *   so nothing is uploaded from the machine running Pulumi.
 * - Disks are protected: they hold the witness's quorum state.
 * - Children are named `<name>-<thing>` after the component (`<name>-pool`, `<name>-<machine>`);
 *   the platform program names it after the host. The libvirt objects keep the names
 *   platform.yaml gives them.
 */
import * as libvirt from "@pulumi/libvirt";
import * as pulumi from "@pulumi/pulumi";
import type { KvmDomain, KvmHost as KvmHostModel } from "../model/types";

export interface KvmHostArgs {
  /** The host as platform.yaml describes it; `name` appears in its machines' descriptions. */
  host: Pick<KvmHostModel, "name" | "uri" | "pool" | "network" | "domains">;
  /** Protect machine disks. Default true. */
  protect?: boolean;
}

export interface HostAddress {
  address: string;
  prefix: number;
}

/** The host's own address on a network: the first address after the network address. */
export function hostAddress(cidr: string): HostAddress {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const prefix = Number(match?.[5]);
  if (match === null || octets.some((o) => o > 255) || prefix > 30) {
    throw new Error(`${cidr} is not an IPv4 network with room for a host (a.b.c.d/0-30)`);
  }
  const value = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const first = value - (value % size) + 1;
  const address = [24, 16, 8, 0].map((shift) => Math.floor(first / 2 ** shift) % 256).join(".");
  return { address, prefix };
}

export class KvmHost extends pulumi.ComponentResource {
  public readonly domainNames: pulumi.Output<string>[];

  constructor(name: string, args: KvmHostArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("govcloud:kvm:KvmHost", name, {}, opts);
    const { host } = args;
    const protect = args.protect ?? true;
    const named = (...parts: string[]) => [name, ...parts].join("-");
    const provider = new libvirt.Provider(named("libvirt"), { uri: host.uri }, { parent: this });
    const onHost: pulumi.CustomResourceOptions = { parent: this, provider };

    // The provider builds, starts and autostarts a pool it creates. Deleting a directory pool
    // removes its folder, which libvirt refuses while the (protected) disks are still in it.
    const pool = new libvirt.Pool(
      named("pool"),
      { name: host.pool.name, type: "dir", target: { path: host.pool.path } },
      onHost,
    );

    const gateway = hostAddress(host.network.cidr);
    const network = new libvirt.Network(
      named("net"),
      {
        name: host.network.name,
        forward: { mode: "route" },
        ips: [{ address: gateway.address, prefix: gateway.prefix, family: "ipv4" }],
        autostart: true,
      },
      onHost,
    );

    this.domainNames = host.domains.map(
      (domain) => this.createDomain(named, host.name, domain, pool, network, onHost, protect).name,
    );
    this.registerOutputs({ domainNames: this.domainNames });
  }

  private createDomain(
    named: (...parts: string[]) => string,
    hostName: string,
    domain: KvmDomain,
    pool: libvirt.Pool,
    network: libvirt.Network,
    onHost: pulumi.CustomResourceOptions,
    protect: boolean,
  ): libvirt.Domain {
    const disk = new libvirt.Volume(
      named(domain.name, "disk"),
      {
        name: `${domain.name}.qcow2`,
        pool: pool.name,
        capacity: domain.diskGiB,
        capacityUnit: "GiB",
        target: { format: { type: "qcow2" } },
        backingStore: { path: domain.baseImage, format: { type: "qcow2" } },
      },
      { ...onHost, protect },
    );
    return new libvirt.Domain(
      named(domain.name),
      {
        name: domain.name,
        type: "kvm",
        description: `${domain.role} on ${hostName}`,
        vcpu: domain.vcpus,
        memory: domain.memoryGiB,
        memoryUnit: "GiB",
        os: { type: "hvm", typeArch: "x86_64", typeMachine: "q35" },
        // Modern Linux guests do not boot without ACPI and APIC (an empty apic is `<apic/>`).
        features: { acpi: true, apic: {} },
        cpu: { mode: "host-passthrough" },
        devices: {
          disks: [
            {
              source: { volume: { pool: pool.name, volume: disk.name } },
              target: { dev: "vda", bus: "virtio" },
              driver: { name: "qemu", type: "qcow2" },
            },
          ],
          interfaces: [
            {
              model: { type: "virtio" },
              source: { network: { network: network.name } },
            },
          ],
        },
        running: true,
        autostart: true,
      },
      onHost,
    );
  }
}
