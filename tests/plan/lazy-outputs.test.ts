/**
 * While planning, a resource's outputs are made on first read (plan/lazy-outputs.ts). A program
 * must see what it sees with the SDK as shipped: values, secretness and dependencies, whether it
 * reads an output before the registration is answered or after; an assignment still replaces
 * the property; and a failed registration fails the outputs read afterwards.
 */
import { strict as assert } from "node:assert";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { MockCloud } from "../../plan/mock-cloud";
import { RegistrationRecorder } from "../../plan/recorder";
import { settle } from "../../plan/run-plan";
import { enterLeanRuntime } from "../../plan/runtime-tuning";

const PROJECT = "govcloud";
const STACK = "lazy";

interface Internal {
  promise(): Promise<unknown>;
  isSecret: Promise<boolean>;
  allResources(): Promise<Set<pulumi.Resource>>;
}

async function facts(output: pulumi.Output<unknown>) {
  const internal = output as unknown as Internal;
  const resources = await internal.allResources();
  return {
    value: await internal.promise(),
    secret: await internal.isSecret,
    resources: [...resources].map((r) => (r as unknown as { __name: string }).__name).sort(),
  };
}

/** A network, a subnet and a port; one output read at once, the others after the answers. */
async function program(lean: boolean) {
  await pulumi.runtime.setMocks(new MockCloud().mocks, PROJECT, STACK, false);
  new RegistrationRecorder(PROJECT, STACK).attach();
  const leave = lean ? enterLeanRuntime() : () => undefined;
  try {
    const network = new openstack.networking.Network("net", { name: "net" });
    const subnet = new openstack.networking.Subnet("sub", {
      networkId: network.id,
      cidr: "10.1.2.0/24",
    });
    const port = new openstack.networking.Port("port", {
      networkId: network.id,
      fixedIps: [{ subnetId: subnet.id }],
      description: pulumi.secret("hidden"),
    });
    const early = port.networkId; // read before the registration is answered
    await settle();
    return {
      early: await facts(early),
      address: await facts(port.allFixedIps),
      secret: await facts(port.description),
      cidr: await facts(subnet.cidr),
      unset: await facts(port.dnsName),
      keys: Object.keys(port).filter((key) => key === "macAddress" || key === "description"),
    };
  } finally {
    leave();
  }
}

describe("outputs made on first read while planning", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  it("give the program what the SDK as shipped gives it, read early or late", async () => {
    const shipped = await program(false);
    const lean = await program(true);
    assert.deepEqual(lean, shipped);
    assert.equal(lean.secret.value, "hidden");
    assert.equal(lean.secret.secret, true);
    assert.match(String((lean.address.value as string[])[0]), /^10\.1\.2\.\d+$/);
    assert.deepEqual(lean.early.resources, ["port"]);
    assert.deepEqual(lean.keys.sort(), ["description", "macAddress"]);
  });

  it("are replaced by an assignment", async () => {
    await pulumi.runtime.setMocks(new MockCloud().mocks, PROJECT, STACK, false);
    const leave = enterLeanRuntime();
    try {
      const network = new openstack.networking.Network("net", { name: "net" });
      (network as unknown as Record<string, unknown>).name = "replaced";
      assert.equal((network as unknown as Record<string, unknown>).name, "replaced");
      await settle();
    } finally {
      leave();
    }
  });

  it("fail when the registration failed, also when read only afterwards", async () => {
    const cloud = new MockCloud();
    const mocks: pulumi.runtime.Mocks = {
      ...cloud.mocks,
      newResource: () => {
        throw new Error("the cloud said no");
      },
    };
    await pulumi.runtime.setMocks(mocks, PROJECT, STACK, false);
    const leave = enterLeanRuntime();
    const quiet = () => undefined;
    process.on("unhandledRejection", quiet);
    try {
      const network = new openstack.networking.Network("net", { name: "net" });
      await settle();
      await assert.rejects((network.mtu as unknown as Internal).promise(), /the cloud said no/);
    } finally {
      leave();
      await new Promise((resolve) => setTimeout(resolve, 20));
      process.off("unhandledRejection", quiet);
    }
  });
});
