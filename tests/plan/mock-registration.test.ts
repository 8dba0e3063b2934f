/**
 * While planning, registrations are answered by plan/mock-registration.ts instead of the SDK's
 * MockMonitor (with the other planning patches of plan/runtime-tuning.ts): the program must see exactly what it would see under the SDK's monitor with
 * the same mocks (URNs, ids, computed attributes, inputs passed through, secretness), and the
 * SDK's `getResource` must still find what was registered.
 */
import { strict as assert } from "node:assert";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { MockCloud } from "../../plan/mock-cloud";
import { RegistrationRecorder } from "../../plan/recorder";
import { enterLeanRuntime } from "../../plan/runtime-tuning";

const PROJECT = "govcloud";
const STACK = "registration";

/** A few resources that use each other's outputs, and what the program can read of them. */
function program(): Promise<unknown> {
  const parent = new pulumi.ComponentResource("govcloud:test:Group", "group");
  const network = new openstack.networking.Network("net", { name: "net" }, { parent });
  const subnet = new openstack.networking.Subnet(
    "sub",
    { networkId: network.id, cidr: "10.20.30.0/24", name: "sub" },
    { parent },
  );
  const port = new openstack.networking.Port(
    "port",
    {
      networkId: network.id,
      fixedIps: [{ subnetId: subnet.id }],
      description: pulumi.secret("not for the log"),
      tags: ["a", "b"],
    },
    { parent: subnet },
  );
  const values: pulumi.Input<unknown>[] = [
    network.urn,
    network.id,
    subnet.urn,
    subnet.cidr,
    subnet.gatewayIp,
    port.urn,
    port.id,
    port.allFixedIps,
    port.macAddress,
    port.tags,
    port.networkId,
    port.description,
    pulumi.isSecret(port.description),
    port.adminStateUp,
  ];
  return new Promise((resolve) => pulumi.all(values).apply(resolve));
}

async function observe(lean: boolean): Promise<unknown> {
  const cloud = new MockCloud();
  await pulumi.runtime.setMocks(cloud.mocks, PROJECT, STACK, false);
  const recorder = new RegistrationRecorder(PROJECT, STACK);
  recorder.attach();
  const leave = lean ? enterLeanRuntime() : () => undefined;
  let seen: unknown;
  try {
    seen = await program();
  } finally {
    leave();
  }
  const urn = (seen as string[])[5];
  const monitor = pulumi.runtime.getMonitor() as unknown as { resources: Map<string, unknown> };
  return { seen, registered: monitor.resources.has(urn), recorded: recorder.resources().length };
}

describe("the planner's answer to a registration", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  it("gives the program what the SDK's mock monitor gives it", async () => {
    const sdk = (await observe(false)) as { seen: unknown[]; recorded: number };
    const planner = (await observe(true)) as {
      seen: unknown[];
      registered: boolean;
      recorded: number;
    };
    assert.deepEqual(planner.seen, sdk.seen);
    assert.equal(planner.registered, true);
    assert.equal(planner.recorded, 4);
    assert.equal(sdk.recorded, 4);
    // The answers are real ones, not empty: the pretend cloud computed an address in the subnet.
    const [, networkId, , cidr, , , , fixedIps, mac, tags, portNetwork, description, secret] =
      planner.seen;
    assert.equal(cidr, "10.20.30.0/24");
    assert.match(String((fixedIps as string[])[0]), /^10\.20\.30\.\d+$/);
    assert.match(String(mac), /^fa:16:3e:/);
    assert.deepEqual(tags, ["a", "b"]);
    assert.equal(portNetwork, networkId);
    assert.equal(description, "not for the log");
    assert.equal(secret, true);
  });
});
