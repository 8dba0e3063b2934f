/**
 * What the pretend cloud computes must look like what OpenStack would: a port's address is a host
 * address of its subnet, free in that subnet; an instance reports its port's address; floating
 * IPs come from the documentation range, one each. The stack outputs report the same values.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { Address4 } from "ip-address";
import { MockCloud, mockId } from "../../plan/mock-cloud";
import type { PlannedResource, StackPlan } from "../../plan/types";
import {
  bundledPlan,
  byId,
  crowdedPolice,
  estateOf,
  ofType,
  plan as planOf,
  policePlan,
  T,
} from "./support";

const SUBJECTS: [string, () => Promise<StackPlan>][] = [
  ["big-data (bundled)", () => bundledPlan("big-data")],
  ["police (written in TS)", policePlan],
  ["police with a full subnet", () => planOf(estateOf(crowdedPolice()), "police")],
];

function portAddress(port: PlannedResource): unknown {
  const addresses = port.outputs.allFixedIps as unknown[] | undefined;
  assert.equal(addresses?.length, 1, `${port.name}: ${JSON.stringify(addresses)}`);
  return addresses[0];
}

for (const [label, make] of SUBJECTS) {
  describe(`the pretend cloud, for ${label}`, () => {
    let plan: StackPlan;
    let ids: Map<unknown, PlannedResource>;

    before(async () => {
      plan = await make();
      ids = byId(plan);
    });

    it("gives every port a host address of its subnet, used by no other port there", () => {
      const problems: string[] = [];
      const bySubnet = new Map<string, string[]>();
      for (const port of ofType(plan, T.port)) {
        const subnetId = (port.inputs.fixedIps as { subnetId?: string }[])[0]?.subnetId;
        const subnet = ids.get(subnetId);
        if (subnet?.type !== T.subnet) {
          problems.push(`${port.name}: subnet ${subnetId} is not in the plan`);
          continue;
        }
        const cidr = new Address4(subnet.inputs.cidr as string);
        const address = String(portAddress(port));
        if (!Address4.isValid(address) || !new Address4(address).isInSubnet(cidr)) {
          problems.push(`${port.name}: ${address} is not in ${cidr.address}`);
          continue;
        }
        // Neither the network address, nor the gateway (the subnet names none, so Neutron takes
        // the first host address), nor the broadcast address.
        assert.equal(subnet.inputs.gatewayIp, undefined, subnet.name);
        const start = cidr.startAddress().bigInt();
        const offset = new Address4(address).bigInt() - start;
        if (offset <= BigInt(1) || offset >= cidr.endAddress().bigInt() - start) {
          problems.push(`${port.name}: ${address} is reserved in ${cidr.address}`);
        }
        const taken = bySubnet.get(subnet.urn) ?? [];
        taken.push(address);
        bySubnet.set(subnet.urn, taken);
      }
      for (const [subnet, addresses] of bySubnet) {
        const twice = addresses.filter((a, n) => addresses.indexOf(a) !== n);
        if (twice.length > 0) problems.push(`${subnet}: ${twice.join(", ")} given twice`);
      }
      assert.deepEqual(problems, []);
      assert.ok(
        [...bySubnet.values()].some((addresses) => addresses.length > 3),
        "no subnet has several ports: the check proves little",
      );
      assert.ok(bySubnet.size > 1);
    });

    it("reports each instance's port address as its access address", () => {
      const wrong: string[] = [];
      const instances = ofType(plan, T.instance);
      for (const instance of instances) {
        const networks = instance.inputs.networks as { port?: string }[];
        assert.equal(networks.length, 1, instance.name);
        const port = ids.get(networks[0].port);
        if (port?.type !== T.port) wrong.push(`${instance.name}: port ${networks[0].port}`);
        else if (instance.outputs.accessIpV4 !== portAddress(port)) {
          wrong.push(`${instance.name}: ${String(instance.outputs.accessIpV4)}`);
        }
      }
      assert.deepEqual(wrong, []);
      assert.ok(instances.length > 5);
    });

    it("gives each floating IP its own documentation address (RFC 5737)", () => {
      const fips = ofType(plan, T.fip);
      assert.ok(fips.length > 0);
      const addresses = fips.map((f) => String(f.outputs.address));
      const range = new Address4("203.0.113.0/24");
      assert.deepEqual(
        addresses.filter((a) => !Address4.isValid(a) || !new Address4(a).isInSubnet(range)),
        [],
      );
      assert.equal(new Set(addresses).size, addresses.length);
    });

    it("reports in the stack outputs the addresses the instances and floating IPs have", () => {
      const reported = plan.outputs.instances as Record<
        string,
        Record<string, { address: string; floatingIp?: string }>
      >;
      const flat = new Map(Object.values(reported).flatMap((site) => Object.entries(site)));
      const instances = ofType(plan, T.instance);
      assert.deepEqual([...flat.keys()].sort(), instances.map((i) => i.name).sort());
      const fipByPort = new Map(
        ofType(plan, T.fip).map((f) => [f.inputs.portId, f.outputs.address]),
      );
      for (const instance of instances) {
        const port = (instance.inputs.networks as { port: string }[])[0].port;
        assert.equal(flat.get(instance.name)?.address, instance.outputs.accessIpV4, instance.name);
        assert.equal(flat.get(instance.name)?.floatingIp, fipByPort.get(port), instance.name);
      }
    });
  });
}

describe("the pretend cloud's choice between names that want the same address", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  const SUBNET = "openstack:networking/subnet:Subnet";
  const PORT = "openstack:networking/port:Port";
  const FLOATING_IP = "openstack:networking/floatingIp:FloatingIp";
  // Eight ports in a /28 (eleven host addresses to choose from): some names clash.
  const names = Array.from({ length: 8 }, (_, i) => `dept-qingdao-app-${i}-port`);

  /** Registers the subnet, then every port and a floating IP per port, all in `order`. */
  async function addresses(order: readonly string[]): Promise<Map<string, unknown>> {
    const cloud = new MockCloud();
    const register = (type: string, name: string, inputs: Record<string, unknown>) =>
      Promise.resolve(cloud.mocks.newResource({ type, name, inputs, custom: true }));
    const subnet = await register(SUBNET, "dept-qingdao-app", { cidr: "10.9.0.0/28" });
    const answers = await Promise.all(
      order.flatMap((name) => [
        register(PORT, name, { fixedIps: [{ subnetId: subnet.id }] }),
        register(FLOATING_IP, `${name}-fip`, {}),
      ]),
    );
    const found = new Map<string, unknown>();
    order.forEach((name, i) => {
      found.set(name, (answers[2 * i].state.allFixedIps as unknown[])[0]);
      found.set(`${name}-fip`, answers[2 * i + 1].state.address);
    });
    return found;
  }

  it("settles it by name, whatever order the registrations arrive in", async () => {
    const forwards = await addresses(names);
    const backwards = await addresses([...names].reverse());
    const shuffled = await addresses([3, 7, 0, 5, 1, 6, 2, 4].map((i) => names[i]));
    const ports = names.map((name) => forwards.get(name));
    assert.equal(new Set(ports).size, names.length, `one address each: ${ports.join(", ")}`);
    for (const other of [backwards, shuffled]) {
      assert.deepEqual(
        Object.fromEntries([...other].sort()),
        Object.fromEntries([...forwards].sort()),
      );
    }
  });
});

describe("the pretend cloud's ids", () => {
  it("are UUIDs of version-5 layout from the SHA-1 of their parts, the same every run", () => {
    const type = "openstack:networking/network:Network";
    const hex = createHash("sha1")
      .update(`resource\u0000${type}\u0000health-qingdao-app`)
      .digest("hex");
    const expected = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-`;
    const id = mockId(type, "health-qingdao-app");
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(id.startsWith(expected), `${id} from ${hex}`);
    assert.equal(id.slice(-12), hex.slice(20, 32));
    assert.notEqual(mockId(type, "health-laixi-app"), id);
  });
});
