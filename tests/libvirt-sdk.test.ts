// The local SDK in sdks/libvirt is written by hand in the shape `pulumi package add
// terraform-provider dmacvicar/libvirt 0.9.2` generates. This checks how it behaves at run time:
// the type tokens, camelCase inputs and outputs, and the parameterized package reference every
// resource is registered with. What it declares is checked against the provider's schema in
// tests/libvirt-sdk/schema.test.ts.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as libvirt from "@pulumi/libvirt";

interface NewResourceCall {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider?: string;
}

interface RegisterPackageCall {
  name: string;
  version: string;
  downloadUrl: string;
  parameterization?: { name: string; version: string; value: string };
}

interface RegisterResourceCall {
  type: string;
  name: string;
  packageRef: string;
  version: string;
}

const EXPECTED_PARAMETER = {
  remote: { url: "registry.opentofu.org/dmacvicar/libvirt", version: "0.9.2" },
};

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

function snakeCaseKeys(value: unknown, at = "inputs"): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => snakeCaseKeys(item, `${at}[${i}]`));
  }
  if (value === null || typeof value !== "object") {
    return [];
  }
  return Object.entries(value).flatMap(([key, item]) => [
    ...(key.includes("_") ? [`${at}.${key}`] : []),
    ...snakeCaseKeys(item, `${at}.${key}`),
  ]);
}

describe("@pulumi/libvirt local SDK (sdks/libvirt)", function () {
  const newResources: NewResourceCall[] = [];
  const registeredPackages: RegisterPackageCall[] = [];
  const registeredResources: RegisterResourceCall[] = [];
  let previousMonitor: unknown;
  let previous: { project: string; stack: string; dryRun: boolean } | undefined;

  let provider: libvirt.Provider;
  let pool: libvirt.Pool;
  let network: libvirt.Network;
  let base: libvirt.Volume;
  let disk: libvirt.Volume;
  let seed: libvirt.CloudinitDisk;
  let domain: libvirt.Domain;

  function call(type: string, name: string): NewResourceCall {
    const found = newResources.find((c) => c.type === type && c.name === name);
    assert.ok(
      found,
      `no resource ${name} of type ${type}; got ${newResources.map((c) => `${c.type}::${c.name}`).join(", ")}`,
    );
    return found;
  }

  before(async function () {
    // Keep whatever mocks another test file installed, and put them back afterwards.
    previousMonitor = pulumi.runtime.getMonitor();
    if (previousMonitor !== undefined) {
      previous = {
        project: pulumi.runtime.getProject(),
        stack: pulumi.runtime.getStack(),
        dryRun: pulumi.runtime.isDryRun(),
      };
    }

    await pulumi.runtime.setMocks(
      {
        newResource(args: pulumi.runtime.MockResourceArgs): {
          id: string;
          state: Record<string, unknown>;
        } {
          newResources.push({
            type: args.type,
            name: args.name,
            inputs: args.inputs,
            provider: args.provider,
          });
          const state: Record<string, unknown> = { ...args.inputs };
          switch (args.type) {
            case "libvirt:index/cloudinitDisk:CloudinitDisk":
              state.path = `/var/lib/libvirt/cloudinit/${args.name}.iso`;
              state.size = 374784;
              break;
            case "libvirt:index/volume:Volume":
              state.key = `/var/lib/libvirt/images/${args.inputs.name}`;
              state.path = `/var/lib/libvirt/images/${args.inputs.name}`;
              break;
            case "libvirt:index/domain:Domain":
              state.domainId = 7;
              state.uuid = "5f0d1b62-4b8e-4c55-9f3c-0d8f6e2b9a11";
              break;
          }
          return { id: `${args.name}-id`, state };
        },
        call(args: pulumi.runtime.MockCallArgs) {
          return args.inputs;
        },
      },
      "govcloud",
      "test",
      false,
    );

    // Observe what the SDK sends to the (mock) resource monitor.
    const monitor = pulumi.runtime.getMonitor() as unknown as Record<
      string,
      (...a: unknown[]) => unknown
    >;
    const registerPackage = monitor.registerPackage.bind(monitor);
    monitor.registerPackage = (req: unknown, cb: unknown) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const r = req as any;
      const p = r.getParameterization();
      registeredPackages.push({
        name: r.getName(),
        version: r.getVersion(),
        downloadUrl: r.getDownloadUrl(),
        parameterization: p && {
          name: p.getName(),
          version: p.getVersion(),
          value: Buffer.from(p.getValue_asU8()).toString("utf8"),
        },
      });
      return registerPackage(req, cb);
    };
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: unknown, cb: unknown) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const r = req as any;
      registeredResources.push({
        type: r.getType(),
        name: r.getName(),
        packageRef: r.getPackageref(),
        version: r.getVersion(),
      });
      return registerResource(req, cb);
    };

    provider = new libvirt.Provider("site-a", { uri: "qemu+ssh://deploy@hv-a.example.org/system" });
    const opts = { provider };

    pool = new libvirt.Pool(
      "gov-pool",
      {
        name: "gov",
        type: "dir",
        target: { path: "/var/lib/libvirt/images/gov" },
      },
      opts,
    );
    network = new libvirt.Network(
      "gov-net",
      {
        name: "gov-net",
        autostart: true,
        forward: { mode: "nat" },
        bridge: { name: "virbr10", stp: "on" },
        domain: { name: "gov.internal", localOnly: "yes" },
        ips: [
          {
            address: "10.20.0.1",
            prefix: 24,
            dhcp: {
              ranges: [{ start: "10.20.0.100", end: "10.20.0.200" }],
              hosts: [{ mac: "52:54:00:00:00:10", ip: "10.20.0.10", name: "web-1" }],
            },
          },
        ],
        dns: { hosts: [{ ip: "10.20.0.10", hostnames: [{ hostname: "web-1" }] }] },
      },
      opts,
    );
    base = new libvirt.Volume(
      "debian-base",
      {
        name: "debian-13.qcow2",
        pool: pool.name,
        target: { format: { type: "qcow2" } },
        create: {
          content: {
            url: "https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2",
          },
        },
      },
      opts,
    );
    disk = new libvirt.Volume(
      "web-1-disk",
      {
        name: "web-1.qcow2",
        pool: pool.name,
        capacity: 20,
        capacityUnit: "GiB",
        target: { format: { type: "qcow2" } },
        backingStore: { path: base.path, format: { type: "qcow2" } },
      },
      opts,
    );
    seed = new libvirt.CloudinitDisk(
      "web-1-seed",
      {
        name: "web-1-seed",
        userData: "#cloud-config\nhostname: web-1\n",
        metaData: "instance-id: web-1\nlocal-hostname: web-1\n",
        networkConfig: "version: 2\n",
      },
      opts,
    );
    domain = new libvirt.Domain(
      "web-1",
      {
        name: "web-1",
        type: "kvm",
        memory: 2048,
        memoryUnit: "MiB",
        vcpu: 2,
        running: true,
        autostart: true,
        cpu: { mode: "host-passthrough" },
        os: { type: "hvm", typeArch: "x86_64", typeMachine: "q35", bootDevices: [{ dev: "hd" }] },
        features: { acpi: true, apic: {} },
        devices: {
          disks: [
            {
              source: { volume: { pool: pool.name, volume: disk.name } },
              target: { dev: "vda", bus: "virtio" },
              driver: { type: "qcow2" },
            },
            {
              device: "cdrom",
              source: { file: { file: seed.path } },
              target: { dev: "sda", bus: "sata" },
              readOnly: true,
            },
          ],
          interfaces: [
            {
              model: { type: "virtio" },
              mac: { address: "52:54:00:00:00:10" },
              source: { network: { network: network.name } },
              waitForIp: { timeout: 300, source: "lease" },
            },
          ],
          consoles: [{ target: { type: "serial", port: 0 } }],
          graphics: [{ vnc: { autoPort: true, listen: "127.0.0.1" } }],
        },
      },
      opts,
    );

    // Wait until every registration has reached the mock monitor.
    await Promise.all(
      [provider, pool, network, base, disk, seed, domain].map((r) => valueOf(r.urn)),
    );
  });

  after(async function () {
    const mocks = (previousMonitor as { mocks?: pulumi.runtime.Mocks } | undefined)?.mocks;
    if (mocks !== undefined && previous !== undefined) {
      await pulumi.runtime.setMocks(mocks, previous.project, previous.stack, previous.dryRun);
    }
  });

  it("registers the provider as pulumi:providers:libvirt", async function () {
    assert.equal(
      await valueOf(provider.urn),
      "urn:pulumi:test::govcloud::pulumi:providers:libvirt::site-a",
    );
    assert.equal(
      call("pulumi:providers:libvirt", "site-a").inputs.uri,
      "qemu+ssh://deploy@hv-a.example.org/system",
    );
    assert.ok(libvirt.Provider.isInstance(provider));
  });

  it("uses the generated type tokens", async function () {
    const expected: [pulumi.CustomResource, string, string][] = [
      [pool, "libvirt:index/pool:Pool", "gov-pool"],
      [network, "libvirt:index/network:Network", "gov-net"],
      [base, "libvirt:index/volume:Volume", "debian-base"],
      [disk, "libvirt:index/volume:Volume", "web-1-disk"],
      [seed, "libvirt:index/cloudinitDisk:CloudinitDisk", "web-1-seed"],
      [domain, "libvirt:index/domain:Domain", "web-1"],
    ];
    for (const [resource, token, name] of expected) {
      assert.equal(await valueOf(resource.urn), `urn:pulumi:test::govcloud::${token}::${name}`);
      call(token, name);
    }
    assert.ok(libvirt.Pool.isInstance(pool) && !libvirt.Pool.isInstance(network));
    assert.ok(libvirt.Domain.isInstance(domain));
    assert.ok(libvirt.CloudinitDisk.isInstance(seed));
  });

  it("sends every resource to the explicit provider", async function () {
    const providerRef = `${await valueOf(provider.urn)}::${await valueOf(provider.id)}`;
    for (const c of newResources.filter((r) => r.type.startsWith("libvirt:"))) {
      assert.equal(c.provider, providerRef, `${c.type}::${c.name}`);
    }
  });

  it("passes inputs with the bridged camelCase names", async function () {
    assert.deepEqual(call("libvirt:index/pool:Pool", "gov-pool").inputs, {
      name: "gov",
      type: "dir",
      target: { path: "/var/lib/libvirt/images/gov" },
    });
    assert.deepEqual(call("libvirt:index/volume:Volume", "web-1-disk").inputs, {
      name: "web-1.qcow2",
      pool: "gov",
      capacity: 20,
      capacityUnit: "GiB",
      target: { format: { type: "qcow2" } },
      backingStore: { path: "/var/lib/libvirt/images/debian-13.qcow2", format: { type: "qcow2" } },
    });
    assert.deepEqual(call("libvirt:index/cloudinitDisk:CloudinitDisk", "web-1-seed").inputs, {
      name: "web-1-seed",
      userData: "#cloud-config\nhostname: web-1\n",
      metaData: "instance-id: web-1\nlocal-hostname: web-1\n",
      networkConfig: "version: 2\n",
    });

    const net = call("libvirt:index/network:Network", "gov-net").inputs;
    assert.deepEqual(net.domain, { name: "gov.internal", localOnly: "yes" });
    assert.deepEqual(net.ips, [
      {
        address: "10.20.0.1",
        prefix: 24,
        dhcp: {
          ranges: [{ start: "10.20.0.100", end: "10.20.0.200" }],
          hosts: [{ mac: "52:54:00:00:00:10", ip: "10.20.0.10", name: "web-1" }],
        },
      },
    ]);

    const dom = call("libvirt:index/domain:Domain", "web-1").inputs;
    assert.equal(dom.memoryUnit, "MiB");
    assert.deepEqual(dom.os, {
      type: "hvm",
      typeArch: "x86_64",
      typeMachine: "q35",
      bootDevices: [{ dev: "hd" }],
    });
    const devices = dom.devices as {
      disks: Record<string, unknown>[];
      interfaces: Record<string, unknown>[];
    };
    assert.deepEqual(devices.disks[0].source, { volume: { pool: "gov", volume: "web-1.qcow2" } });
    assert.deepEqual(devices.disks[1].source, {
      file: { file: "/var/lib/libvirt/cloudinit/web-1-seed.iso" },
    });
    assert.equal(devices.disks[1].readOnly, true);
    assert.deepEqual(devices.interfaces[0].source, { network: { network: "gov-net" } });
    assert.deepEqual(devices.interfaces[0].waitForIp, { timeout: 300, source: "lease" });

    for (const c of newResources) {
      assert.deepEqual(
        snakeCaseKeys(c.inputs),
        [],
        `${c.type}::${c.name} has snake_case input keys`,
      );
    }
  });

  it("maps computed outputs back onto the resource", async function () {
    assert.equal(await valueOf(seed.path), "/var/lib/libvirt/cloudinit/web-1-seed.iso");
    assert.equal(await valueOf(seed.size), 374784);
    assert.equal(await valueOf(disk.key), "/var/lib/libvirt/images/web-1.qcow2");
    assert.equal(await valueOf(domain.domainId), 7);
    assert.equal(await valueOf(domain.uuid), "5f0d1b62-4b8e-4c55-9f3c-0d8f6e2b9a11");
  });

  it("registers the parameterized terraform-provider package once", function () {
    assert.equal(registeredPackages.length, 1, JSON.stringify(registeredPackages));
    const [pkg] = registeredPackages;
    assert.equal(pkg.name, "terraform-provider");
    assert.equal(pkg.version, "1.1.3");
    assert.equal(pkg.downloadUrl, "");
    assert.ok(pkg.parameterization);
    assert.equal(pkg.parameterization.name, "libvirt");
    assert.equal(pkg.parameterization.version, "0.9.2");
    assert.deepEqual(JSON.parse(pkg.parameterization.value), EXPECTED_PARAMETER);
  });

  it("registers the provider and every resource against the package reference", function () {
    const libvirtRegistrations = registeredResources.filter(
      (r) => r.type === "pulumi:providers:libvirt" || r.type.startsWith("libvirt:"),
    );
    assert.equal(libvirtRegistrations.length, 7);
    for (const r of libvirtRegistrations) {
      // "mock-uuid" is the reference the mock monitor hands out for registerPackage.
      assert.equal(r.packageRef, "mock-uuid", `${r.type}::${r.name}`);
      // With a package reference the SDK leaves the plugin version to the package.
      assert.equal(r.version, "", `${r.type}::${r.name}`);
    }
  });

  it("reads provider configuration from the libvirt namespace", function () {
    assert.equal(libvirt.config.uri, undefined);
  });
});
