/** Quotas, networks, security groups and flavor access of a department at one site. */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildDepartment } from "../../components/department-program";
import { foundationFields } from "../../components/site-args";
import { foundationInputProblems } from "../../components/site-foundation";
import type { SiteFoundationArgs } from "../../components/site-foundation";
import { estateWith, OPTIONS, platformOnly, police, REPO_ROOT } from "./fixtures";
import { harness, lookupId, mockId } from "./harness";

const PROJECT_ID = mockId("openstack:identity/project:Project", "police-project");
const COMPUTE = "openstack:compute/quotaSetV2:QuotaSetV2";
const NETWORK = "openstack:networking/quotaV2:QuotaV2";
const VOLUME = "openstack:blockstorage/quoteSetV3:QuoteSetV3";
const RULE = "openstack:networking/secGroupRule:SecGroupRule";

/** The argument names of a resource, read from the installed provider SDK. */
function argNames(file: string, name: string): string[] {
  const source = readFileSync(join(REPO_ROOT, "node_modules/@pulumi/openstack", file), "utf8");
  const body =
    new RegExp(`export interface ${name}Args \\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1] ?? "";
  return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]).sort();
}

function without(names: string[], ...excluded: string[]): string[] {
  return names.filter((name) => !excluded.includes(name));
}

describe("SiteFoundation", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  before(async () => {
    await harness.install();
    buildDepartment(estateWith(police()), "police", OPTIONS);
    await harness.settle();
  });

  describe("quotas", () => {
    it("set every Nova field but the network ones Nova 2.36 removed", () => {
      const expected = without(
        argNames("compute/quotaSetV2.d.ts", "QuotaSetV2"),
        "region",
        "fixedIps",
        "floatingIps",
        "securityGroups",
        "securityGroupRules",
      );
      assert.ok(expected.length >= 11, `parsed ${expected.join(",")}`);
      for (const quota of harness.ofType(COMPUTE)) {
        assert.deepEqual(Object.keys(quota.inputs).sort(), expected, quota.name);
        assert.ok(Object.values(quota.inputs).every((v) => v !== undefined && v !== null));
      }
    });

    it("set every Neutron and Cinder field", () => {
      const network = without(argNames("networking/quotaV2.d.ts", "QuotaV2"), "region");
      const volume = without(
        argNames("blockstorage/quoteSetV3.d.ts", "QuoteSetV3"),
        "region",
        "volumeTypeQuota",
      );
      assert.ok(network.length >= 10 && volume.length >= 8);
      for (const quota of harness.ofType(NETWORK))
        assert.deepEqual(Object.keys(quota.inputs).sort(), network);
      for (const quota of harness.ofType(VOLUME))
        assert.deepEqual(Object.keys(quota.inputs).sort(), volume);
    });

    it("take the department's values and the platform's defaults for what it leaves out", () => {
      const compute = harness.named("police-qingdao-compute-quota", COMPUTE).inputs;
      assert.equal(compute.projectId, PROJECT_ID);
      assert.equal(compute.cores, 320);
      assert.equal(compute.ram, 1536 * 1024);
      assert.equal(compute.keyPairs, 10);
      assert.equal(harness.named("police-laixi-compute-quota", COMPUTE).inputs.keyPairs, 3);
      assert.equal(harness.named("police-qingdao-network-quota", NETWORK).inputs.port, 200);
      assert.equal(harness.named("police-laixi-network-quota", NETWORK).inputs.port, 500);
      assert.equal(harness.named("police-laixi-network-quota", NETWORK).inputs.floatingip, 2);
      const volume = harness.named("police-laixi-volume-quota", VOLUME).inputs;
      assert.equal(volume.volumes, 80);
      assert.equal(volume.gigabytes, 40000);
      assert.equal(volume.snapshots, 50);
      for (const quota of [COMPUTE, NETWORK, VOLUME].flatMap((t) => harness.ofType(t))) {
        assert.equal(
          quota.providerName,
          quota.name.startsWith("police-qingdao") ? "police-qingdao-admin" : "police-laixi-admin",
        );
      }
    });
  });

  describe("networks", () => {
    it("create a network and subnet per CIDR, owned by the project", () => {
      const subnet = harness.named("police-laixi-dmz-subnet", "openstack:networking/subnet:Subnet");
      assert.equal(subnet.inputs.cidr, "10.32.2.0/25");
      assert.equal(subnet.inputs.tenantId, PROJECT_ID);
      assert.equal(
        subnet.inputs.networkId,
        mockId("openstack:networking/network:Network", "police-laixi-dmz"),
      );
      const network = harness.named("police-laixi-dmz", "openstack:networking/network:Network");
      assert.equal(network.inputs.tenantId, PROJECT_ID);
      assert.equal(network.providerName, "police-laixi-admin");
      assert.ok(
        (network.inputs.tags as string[]).includes("tier=important"),
        "dmz carries hukou-portal's tier",
      );
      assert.ok(
        (
          harness.named("police-qingdao-app", "openstack:networking/network:Network").inputs
            .tags as string[]
        ).includes("tier=standard"),
      );
    });

    it("route every subnet through one router on the site's external network", () => {
      const router = harness.named("police-qingdao-router", "openstack:networking/router:Router");
      assert.equal(router.inputs.externalNetworkId, lookupId("network", "qd-egov-ext"));
      assert.equal(router.inputs.tenantId, PROJECT_ID);
      const interfaces = harness
        .ofType("openstack:networking/routerInterface:RouterInterface")
        .filter((i) => i.name.startsWith("police-qingdao"));
      assert.deepEqual(
        interfaces.map((i) => i.inputs.subnetId).sort(),
        ["app", "data", "dmz"]
          .map((n) => mockId("openstack:networking/subnet:Subnet", `police-qingdao-${n}-subnet`))
          .sort(),
      );
      const lookup = harness.calls.find(
        (c) =>
          c.token === "openstack:networking/getNetwork:getNetwork" &&
          c.inputs.name === "lx-egov-ext",
      );
      assert.equal(lookup?.inputs.external, true);
      assert.match(lookup?.provider ?? "", /::police-laixi-admin::/);
    });
  });

  describe("security groups", () => {
    it("resolve network:<name> to that network's CIDR at the same site", () => {
      const qd = harness.named("police-qingdao-case-db-tcp-5432-from-network-app", RULE);
      assert.deepEqual(qd.inputs, {
        securityGroupId: mockId("openstack:networking/secGroup:SecGroup", "police-qingdao-case-db"),
        direction: "ingress",
        ethertype: "IPv4",
        protocol: "tcp",
        portRangeMin: 5432,
        portRangeMax: 5432,
        remoteIpPrefix: "10.16.0.0/24",
        tenantId: PROJECT_ID,
        description: "PostgreSQL",
      });
      assert.equal(
        harness.named("police-laixi-case-db-tcp-5432-from-network-app", RULE).inputs.remoteIpPrefix,
        "10.32.0.0/24",
      );
    });

    it("leave ports off ICMP rules", () => {
      const icmp = harness.named("police-laixi-hukou-portal-icmp-from-10.0.0.0-8", RULE).inputs;
      assert.equal(icmp.protocol, "icmp");
      assert.equal(icmp.portRangeMin, undefined);
      assert.equal(icmp.remoteIpPrefix, "10.0.0.0/8");
    });

    it("exist per workload and site, and only where the workload runs", () => {
      const groups = harness
        .ofType("openstack:networking/secGroup:SecGroup")
        .map((g) => g.name)
        .sort();
      assert.deepEqual(groups, [
        "police-laixi-case-db",
        "police-laixi-hukou-portal",
        "police-qingdao-case-db",
        "police-qingdao-hukou-portal",
        "police-qingdao-video-index",
      ]);
    });
  });

  it("grants the project access to the private flavors it uses, and only those", () => {
    const access = harness.ofType("openstack:compute/flavorAccess:FlavorAccess");
    assert.deepEqual(access.map((a) => a.name).sort(), [
      "police-laixi-flavor-access-db.2xlarge",
      "police-qingdao-flavor-access-db.2xlarge",
    ]);
    assert.deepEqual(access[0].inputs, {
      flavorId: lookupId("flavor", "db.2xlarge"),
      tenantId: PROJECT_ID,
    });
    const lookups = harness.calls.filter(
      (c) => c.token === "openstack:compute/getFlavor:getFlavor",
    );
    assert.ok(lookups.every((c) => c.inputs.isPublic === false && c.inputs.name === "db.2xlarge"));
  });

  describe("input problems", () => {
    const args = (mutate: (d: ReturnType<typeof police>) => void): SiteFoundationArgs => {
      const department = police();
      mutate(department);
      return {
        ...foundationFields(platformOnly().platform, department, "laixi"),
        projectId: "p",
        adminProvider: undefined!,
      };
    };

    it("none for a valid department", () => {
      assert.deepEqual(foundationInputProblems(args(() => undefined)), []);
    });

    it("reports all at once, with the field path", () => {
      const problems = foundationInputProblems(
        args((d) => {
          d.networks[0].cidrs = { qingdao: "10.16.0.0/24" };
          d.workloads[1].ingress!.push({ protocol: "tcp", port: 443, from: "0.0.0.0/0" });
          d.workloads[1].ingress!.push({ protocol: "udp", from: "10.0.0.0/8" });
        }),
      );
      assert.deepEqual(
        problems.map((p) => p.propertyPath),
        ["workloads[0].ingress[0].from", "workloads[1].ingress[2]", "workloads[1].ingress[3].port"],
      );
    });
  });
});
