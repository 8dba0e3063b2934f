/** The platform stack: the catalog at each active site, and the KVM hosts at the quorum site. */
import { strict as assert } from "node:assert";
import { buildPlatform } from "../../components/platform-program";
import { hostAddress } from "../../components/kvm-host";
import { estateWith, OPTIONS } from "./fixtures";
import { harness } from "./harness";

const FLAVOR = "openstack:compute/flavor:Flavor";
const VOLUME_TYPE = "openstack:blockstorage/volumeTypeV3:VolumeTypeV3";

describe("platform stack", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  const platform = estateWith().platform;

  before(async () => {
    await harness.install();
    buildPlatform(estateWith(), OPTIONS);
    await harness.settle();
  });

  describe("catalog", () => {
    it("creates every flavor at every active site, under the catalog's name", () => {
      const flavors = harness.ofType(FLAVOR);
      assert.equal(flavors.length, 2 * platform.catalog.flavors.length);
      const db = harness.named("platform-laixi-flavor-db.2xlarge", FLAVOR);
      assert.deepEqual(db.inputs, {
        name: "db.2xlarge",
        vcpus: 16,
        ram: 128 * 1024,
        disk: 200,
        isPublic: false,
      });
      assert.equal(db.providerName, "platform-laixi-admin");
      assert.equal(harness.named("platform-qingdao-flavor-s1.small", FLAVOR).inputs.isPublic, true);
    });

    it("creates public volume types on their backend, replicated or not", () => {
      assert.equal(harness.ofType(VOLUME_TYPE).length, 2 * platform.catalog.volumeTypes.length);
      assert.deepEqual(
        harness.named("platform-qingdao-volume-type-ssd-sync", VOLUME_TYPE).inputs.extraSpecs,
        {
          volume_backend_name: "hypermetro-ssd",
          replication_enabled: "<is> True",
          replication_type: "<in> sync",
        },
      );
      const local = harness.named("platform-laixi-volume-type-sas-local", VOLUME_TYPE).inputs;
      assert.equal(local.isPublic, true);
      assert.deepEqual(local.extraSpecs, {
        volume_backend_name: "sas",
        replication_enabled: "<is> False",
      });
    });

    it("looks images and external networks up at each site instead of uploading them", () => {
      const images = harness.calls.filter((c) => c.token === "openstack:images/getImage:getImage");
      assert.equal(images.length, 2 * platform.catalog.images.length);
      assert.ok(images.every((c) => c.inputs.mostRecent === true));
      assert.equal(harness.ofType("openstack:images/image:Image").length, 0);
      const networks = harness.calls.filter(
        (c) => c.token === "openstack:networking/getNetwork:getNetwork",
      );
      assert.deepEqual(networks.map((c) => c.inputs.name).sort(), ["lx-egov-ext", "qd-egov-ext"]);
    });

    it("uses one admin provider per active site and none at the witness site", () => {
      assert.deepEqual(
        harness
          .ofType("pulumi:providers:openstack")
          .map((p) => p.name)
          .sort(),
        ["platform-laixi-admin", "platform-qingdao-admin"],
      );
    });
  });

  describe("KVM hosts", () => {
    const host = platform.kvmHosts[0];
    const on = (name: string, type: string) => harness.named(name, `libvirt:index/${type}`);

    it("reach each host through its own libvirt provider", () => {
      const provider = harness.named(`${host.name}-libvirt`, "pulumi:providers:libvirt");
      assert.equal(provider.inputs.uri, host.uri);
      const onHost = harness.resources.filter((r) => r.type.startsWith("libvirt:index/"));
      assert.equal(onHost.length, 2 + 2 * host.domains.length);
      assert.ok(onHost.every((r) => r.providerName === `${host.name}-libvirt`));
    });

    it("define the pool and a routed network", () => {
      assert.deepEqual(on(`${host.name}-pool`, "pool:Pool").inputs, {
        name: host.pool.name,
        type: "dir",
        target: { path: host.pool.path },
      });
      assert.deepEqual(on(`${host.name}-net`, "network:Network").inputs, {
        name: host.network.name,
        forward: { mode: "route" },
        ips: [{ address: "10.99.10.1", prefix: 24, family: "ipv4" }],
        autostart: true,
      });
    });

    it("give each machine a protected overlay disk on its base image", () => {
      const domain = host.domains[0];
      const disk = on(`${host.name}-${domain.name}-disk`, "volume:Volume");
      assert.deepEqual(disk.inputs, {
        name: `${domain.name}.qcow2`,
        pool: host.pool.name,
        capacity: domain.diskGiB,
        capacityUnit: "GiB",
        target: { format: { type: "qcow2" } },
        backingStore: { path: domain.baseImage, format: { type: "qcow2" } },
      });
      assert.equal(disk.protect, true);
    });

    it("run each machine from its disk on the network", () => {
      const domain = host.domains[1];
      const machine = on(`${host.name}-${domain.name}`, "domain:Domain");
      assert.equal(machine.inputs.name, domain.name);
      assert.equal(machine.inputs.type, "kvm");
      assert.equal(machine.inputs.vcpu, domain.vcpus);
      assert.equal(machine.inputs.memory, domain.memoryGiB);
      assert.equal(machine.inputs.memoryUnit, "GiB");
      assert.equal(machine.inputs.running, true);
      assert.deepEqual(machine.inputs.features, { acpi: true, apic: {} });
      assert.deepEqual(machine.inputs.devices, {
        disks: [
          {
            source: { volume: { pool: host.pool.name, volume: `${domain.name}.qcow2` } },
            target: { dev: "vda", bus: "virtio" },
            driver: { name: "qemu", type: "qcow2" },
          },
        ],
        interfaces: [
          { model: { type: "virtio" }, source: { network: { network: host.network.name } } },
        ],
      });
      assert.equal(machine.protect, false);
    });

    it("take the first address of the network for the host", () => {
      assert.deepEqual(hostAddress("10.99.10.0/24"), { address: "10.99.10.1", prefix: 24 });
      assert.deepEqual(hostAddress("192.168.7.77/26"), { address: "192.168.7.65", prefix: 26 });
      assert.throws(() => hostAddress("10.99.10.0/31"), /room for a host/);
      assert.throws(() => hostAddress("10.300.0.0/24"), /not an IPv4 network/);
    });
  });
});
