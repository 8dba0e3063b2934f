/**
 * A pretend OpenStack for the offline plan: it answers the Pulumi mock runtime the way the real
 * providers would, with ids shaped like OpenStack's (UUIDs, the same for the same resource every
 * run) and the attributes the cloud computes (a port's address inside its subnet, a floating IP,
 * an instance's access address). Look-ups the program makes (roles, users, networks, flavors,
 * images) get realistic answers; any other call fails loudly, so that a new look-up in the
 * program cannot slip through unplanned.
 */
import { createHash, hash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { reservedAddresses } from "../model/addressing";

/**
 * SHA-1 of a text in hex: `crypto.hash` where Node has it (from 20.12), a third of the time of a
 * Hash object per call, which adds up over the ids of a few thousand resources.
 */
const sha1Hex: (text: string) => string =
  typeof hash === "function"
    ? (text) => hash("sha1", text, "hex")
    : (text) => createHash("sha1").update(text).digest("hex");

/** A deterministic UUID (version-5 layout) for the given parts. */
export function mockUuid(...parts: string[]): string {
  const hex = sha1Hex(parts.join("\u0000"));
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The id the cloud gives a resource of `type` named `name`. */
export function mockId(type: string, name: string): string {
  return mockUuid("resource", type, name);
}

/** The id of an object the program looks up by name (a role, a user, a flavor ...). */
export function lookupId(kind: string, name: string): string {
  return mockUuid("lookup", kind, name);
}

export const AUTOMATION_USER_NAME = "govcloud-automation";
export const AUTOMATION_USER_ID = lookupId("user", AUTOMATION_USER_NAME);

/** A small hash for choosing addresses. */
function hash32(text: string): number {
  return parseInt(sha1Hex(text).slice(0, 8), 16);
}

function toAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");
}

function parseCidr(cidr: string): { start: number; size: number } | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (match === null) return undefined;
  const prefix = Number(match[5]);
  const start =
    ((Number(match[1]) << 24) |
      (Number(match[2]) << 16) |
      (Number(match[3]) << 8) |
      Number(match[4])) >>>
    0;
  return { start, size: 2 ** (32 - prefix) };
}

/**
 * An address inside `cidr` that an instance port can have (model/addressing.ts), chosen by
 * `name` so that it stays put from run to run; the next free one when taken.
 */
function addressIn(cidr: string, name: string, taken: Set<string>): string {
  const range = parseCidr(cidr);
  if (range === undefined || range.size < 4) return "10.0.0.10";
  const { head, tail } = reservedAddresses(range.size);
  const usable = range.size - head - tail;
  const first = hash32(name) % usable;
  for (let step = 0; step < usable; step++) {
    const address = toAddress(range.start + head + ((first + step) % usable));
    if (!taken.has(address)) {
      taken.add(address);
      return address;
    }
  }
  return toAddress(range.start + head + first);
}

/** The MAC address the cloud gives a port named `name`, in OpenStack's fa:16:3e prefix. */
function macAddressOf(name: string): string {
  const octets = toAddress(hash32(name)).split(".").slice(1);
  return `fa:16:3e:${octets.map((n) => Number(n).toString(16).padStart(2, "0")).join(":")}`;
}

/** TEST-NET-3 (RFC 5737): documentation addresses, so a plan never shows a real public IP. */
const FLOATING_POOL = "203.0.113.0/24";

type State = Record<string, unknown>;

export interface MockCloudOptions {
  /**
   * Answer as in `pulumi preview`: nothing has been created yet, so resources get no id and no
   * computed attributes (the SDK makes both unknown) and their outputs are their inputs.
   * Look-ups are answered as usual. Pass the same flag to setMocks.
   */
  preview?: boolean;
}

/** An address waiting to be chosen: in `cidr`, for the resource named `name`. */
interface PendingAddress {
  cidr: string;
  name: string;
  assign: (address: string) => void;
}

/**
 * One pretend cloud per plan run: it remembers subnets and ports to compute addresses.
 *
 * Addresses are chosen by name (addressIn), and two names can want the same one. Which of them
 * gets it must not depend on the order in which registrations reach the cloud: that order
 * follows the SDK's promise timing, which changes with the SDK's version and with how it is tuned
 * (plan/runtime-tuning.ts). So requests for addresses are answered together once the program has
 * nothing else to do (the next turn of the event loop), in the order of their names.
 */
export class MockCloud {
  private subnetCidrs = new Map<string, string>();
  private portAddresses = new Map<string, string>();
  private taken = new Map<string, Set<string>>();
  private pending: PendingAddress[] = [];

  constructor(private readonly options: MockCloudOptions = {}) {}

  private takenIn(cidr: string): Set<string> {
    let set = this.taken.get(cidr);
    if (set === undefined) {
      set = new Set();
      this.taken.set(cidr, set);
    }
    return set;
  }

  /** An address in `cidr` for `name`, chosen with the others asked for in the same turn. */
  private addressFor(cidr: string, name: string): Promise<string> {
    return new Promise((assign) => {
      if (this.pending.length === 0) setImmediate(() => this.assignPending());
      this.pending.push({ cidr, name, assign });
    });
  }

  private assignPending(): void {
    const batch = this.pending.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.pending = [];
    for (const { cidr, name, assign } of batch) assign(addressIn(cidr, name, this.takenIn(cidr)));
  }

  readonly mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
      if (this.options.preview === true) return { id: undefined, state: { ...args.inputs } };
      const id = mockId(args.type, args.name);
      const computed = this.computed(args.type, args.name, id, args.inputs);
      if (computed instanceof Promise) {
        return computed.then((state) => ({ id, state: { ...args.inputs, ...state } }));
      }
      return { id, state: { ...args.inputs, ...computed } };
    },
    call: (args) => {
      try {
        return this.answer(args.token, args.inputs as State);
      } catch (error) {
        // The SDK turns a failed call into `new Error(err.details)`, as for a gRPC error: carry
        // the message there, or it is lost.
        const message = error instanceof Error ? error.message : String(error);
        throw Object.assign(new Error(message), { details: message });
      }
    },
  };

  private computed(type: string, name: string, id: string, inputs: State): State | Promise<State> {
    switch (type) {
      case "openstack:networking/subnet:Subnet": {
        if (typeof inputs.cidr === "string") this.subnetCidrs.set(id, inputs.cidr);
        return {};
      }
      case "openstack:networking/port:Port": {
        const fixed = (
          inputs.fixedIps as { subnetId?: string; ipAddress?: string }[] | undefined
        )?.[0];
        const cidr =
          fixed?.subnetId === undefined ? undefined : this.subnetCidrs.get(fixed.subnetId);
        const portState = (address: string): State => {
          this.portAddresses.set(id, address);
          return { allFixedIps: [address], macAddress: macAddressOf(name) };
        };
        if (fixed?.ipAddress !== undefined) return portState(fixed.ipAddress);
        if (cidr === undefined) return portState("10.0.0.10");
        return this.addressFor(cidr, name).then(portState);
      }
      case "openstack:networking/floatingIp:FloatingIp":
        return this.addressFor(FLOATING_POOL, name).then((address) => ({ address }));
      case "openstack:compute/instance:Instance": {
        const port = (inputs.networks as { port?: string }[] | undefined)?.[0]?.port;
        const address = port === undefined ? undefined : this.portAddresses.get(port);
        return address === undefined ? {} : { accessIpV4: address };
      }
      case "openstack:blockstorage/volume:Volume":
        return { attachments: [] };
      case "command:local:Command":
        return { stdout: "", stderr: "" };
      default:
        return {};
    }
  }

  private answer(token: string, inputs: State): State {
    const name = String(inputs.name ?? "");
    switch (token) {
      case "openstack:identity/getRole:getRole":
        return { id: lookupId("role", name), name, domainId: "", region: "" };
      case "openstack:identity/getUser:getUser":
        return {
          id: lookupId("user", name),
          name,
          domainId: inputs.domainId ?? "default",
          enabled: true,
          region: "",
        };
      case "openstack:identity/getAuthScope:getAuthScope":
        return {
          id: name,
          name,
          userId: AUTOMATION_USER_ID,
          userName: AUTOMATION_USER_NAME,
          userDomainId: "default",
          userDomainName: "Default",
          projectId: lookupId("project", "admin"),
          projectName: "admin",
          projectDomainId: "default",
          projectDomainName: "Default",
          domainId: "",
          domainName: "",
          region: "",
          roles: [{ roleId: lookupId("role", "admin"), roleName: "admin" }],
          serviceCatalogs: [],
          tokenId: "",
        };
      case "openstack:networking/getNetwork:getNetwork":
        return {
          id: lookupId("network", name),
          name,
          external: true,
          shared: false,
          mtu: 1500,
          region: "",
          tenantId: lookupId("project", "admin"),
        };
      case "openstack:compute/getFlavor:getFlavor":
        return {
          id: lookupId("flavor", name),
          name,
          isPublic: inputs.isPublic ?? true,
          region: "",
        };
      case "openstack:images/getImage:getImage":
        return { id: lookupId("image", name), name, region: "", visibility: "public" };
      default:
        throw new Error(
          `the offline plan has no answer for ${token}; teach plan/mock-cloud.ts what the cloud returns`,
        );
    }
  }
}
