/**
 * How components name their children, and what they refuse: SiteFoundation, SiteCatalog and
 * KvmHost name every child `<name>-<thing>` after themselves; DepartmentVdc, Workload and
 * ReplicatedVolume carry names the model decides and refuse any other. Each component is built
 * on its own here, from args that hold only the fields its interface lists.
 */
import { strict as assert } from "node:assert";
import * as command from "@pulumi/command";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { DepartmentVdc } from "../../components/department-vdc";
import { KvmHost } from "../../components/kvm-host";
import { ReplicatedVolume } from "../../components/replicated-volume";
import { foundationFields, workloadFields } from "../../components/site-args";
import { SiteCatalog } from "../../components/site-catalog";
import { SiteFoundation } from "../../components/site-foundation";
import { Workload } from "../../components/workload";
import { siteQuotaLimits } from "../../model/quota";
import type { Labels } from "../../model/tags";
import { platformOnly, police } from "./fixtures";
import { harness } from "./harness";
import type { Registration } from "./harness";

const LABELS: Labels = {
  department: "police",
  site: "laixi",
  tier: "critical",
  owner: "zhang.wei",
  "cost-centre": "QD-1101",
  approval: "QD-CHG-2026-00153",
  "approved-on": "2026-03-02",
};

/** The resources registered with `parent` as their parent, at any depth. */
function below(parent: string): Registration[] {
  const within = (r: Registration): boolean =>
    r.parent !== undefined && (r.parent.name === parent || within(r.parent));
  return harness.resources.filter(within);
}

/** Runs `build` in the mock runtime and returns the error it throws. */
function refusal(build: () => unknown): pulumi.InputPropertiesError {
  try {
    build();
  } catch (error) {
    assert.ok(pulumi.InputPropertiesError.isInstance(error), String(error));
    return error;
  }
  assert.fail("the component took the name");
}

function reasons(error: pulumi.InputPropertiesError): string[] {
  return error.errors.map((e) => `${e.propertyPath}: ${e.reason}`);
}

describe("component names", function () {
  // Registers whole components: seconds each, more when the machine is busy.
  this.timeout(300_000);
  const platform = platformOnly().platform;

  before(() => harness.install());
  beforeEach(async () => {
    await harness.settle();
    harness.reset();
  });

  describe("named after themselves", () => {
    it("a SiteFoundation names every child, and the OpenStack objects, <name>-<thing>", async () => {
      const adminProvider = new openstack.Provider("admin", {});
      // Written out field by field: the component reads nothing of the department or platform.
      new SiteFoundation("elsewhere", {
        site: "laixi",
        quota: siteQuotaLimits(police().quotas.laixi, platform),
        networks: [{ name: "data", cidr: "10.32.1.0/24", labels: LABELS }],
        workloads: [
          {
            name: "case-db",
            path: "workloads[0]",
            ingress: [{ protocol: "tcp", port: 5432, from: "network:data" }],
            formerNames: ["old-db"],
            labels: LABELS,
          },
        ],
        routerLabels: LABELS,
        externalNetwork: "ext-net",
        privateFlavors: ["db.2xlarge"],
        projectId: "project-id",
        adminProvider,
      });
      await harness.settle();
      const children = below("elsewhere");
      assert.deepEqual(children.map((r) => r.name).sort(), [
        "elsewhere-case-db",
        "elsewhere-case-db-tcp-5432-from-network-data",
        "elsewhere-compute-quota",
        "elsewhere-data",
        "elsewhere-data-router-interface",
        "elsewhere-data-subnet",
        "elsewhere-flavor-access-db.2xlarge",
        "elsewhere-network-quota",
        "elsewhere-router",
        "elsewhere-volume-quota",
      ]);
      for (const named of children.filter((r) => "name" in r.inputs)) {
        assert.equal(named.inputs.name, named.name, "the OpenStack name is the Pulumi name");
      }
      assert.deepEqual(harness.named("elsewhere-case-db").aliasNames, ["elsewhere-old-db"]);
      assert.equal(harness.named("elsewhere-data-subnet").inputs.cidr, "10.32.1.0/24");
      assert.equal(
        harness.named("elsewhere-case-db-tcp-5432-from-network-data").inputs.remoteIpPrefix,
        "10.32.1.0/24",
      );
    });

    it("a SiteCatalog names its flavors and volume types after itself, not in OpenStack", async () => {
      const adminProvider = new openstack.Provider("admin", {});
      new SiteCatalog("catalog-b", {
        flavors: [{ name: "m1.large", vcpus: 4, ramGiB: 16, diskGiB: 40, public: true }],
        volumeTypes: [{ name: "ssd-sync", backend: "ssd", replication: "sync" }],
        images: [{ name: "kylin-server-v10-sp3" }],
        adminProvider,
      });
      await harness.settle();
      assert.deepEqual(
        below("catalog-b")
          .map((r) => [r.name, r.inputs.name])
          .sort(),
        [
          ["catalog-b-flavor-m1.large", "m1.large"],
          ["catalog-b-volume-type-ssd-sync", "ssd-sync"],
        ],
      );
    });

    it("a KvmHost names its children after itself, the libvirt objects as platform.yaml does", async () => {
      const host = platform.kvmHosts[0];
      assert.ok(host !== undefined, "platform.yaml has a KVM host");
      const domain = host.domains[0];
      new KvmHost("host-b", { host });
      await harness.settle();
      const names = below("host-b").map((r) => r.name);
      assert.ok(names.length > 0 && names.every((name) => name.startsWith("host-b-")), `${names}`);
      const machine = harness.named(`host-b-${domain.name}`);
      assert.equal(machine.inputs.name, domain.name);
      assert.equal(machine.inputs.description, `${domain.role} on ${host.name}`);
      assert.equal(harness.named(`host-b-${domain.name}-disk`).inputs.name, `${domain.name}.qcow2`);
      assert.equal(harness.named("host-b-pool").inputs.name, host.pool.name);
    });
  });

  describe("named by the model", () => {
    it("a DepartmentVdc refuses a name other than its department's id", () => {
      const error = refusal(
        () => new DepartmentVdc("health", { platform, department: police(), credentials: {} }),
      );
      assert.equal(error.message, "health cannot be built");
      assert.deepEqual(reasons(error), [
        "department.id: a DepartmentVdc is named after its department's id, police, not health",
      ]);
    });

    it("a Workload refuses a name that is not its instances' prefix", () => {
      const dept = police();
      const fields = workloadFields(platform, dept, dept.workloads[0], "laixi");
      const error = refusal(
        () =>
          new Workload("police-laixi-db", {
            ...fields,
            projectProviders: { laixi: new openstack.Provider("project", {}) },
            commandProvider: new command.Provider("command", {}),
            networkId: "network-id",
            subnetId: "subnet-id",
            securityGroupId: "group-id",
          }),
      );
      assert.deepEqual(reasons(error), [
        "placement: placement names its instances police-laixi-case-db-0 and on, " +
          "so the Workload is police-laixi-case-db, not police-laixi-db",
      ]);
    });

    it("a ReplicatedVolume refuses a name other than its primary volume's", () => {
      const dept = police();
      const { placement, volumeTypes, pairing } = workloadFields(
        platform,
        dept,
        dept.workloads[0],
        "laixi",
      );
      const primary = placement.volumes.find((v) => v.site === "laixi" && v.role === "primary")!;
      const secondary = placement.volumes.find(
        (v) => v.role === "secondary" && v.instance === primary.instance,
      )!;
      const provider = new openstack.Provider("project", {});
      const error = refusal(
        () =>
          new ReplicatedVolume("data-pair", {
            primary,
            secondary,
            volumeType: volumeTypes[primary.volume.type],
            primaryProvider: provider,
            secondaryProvider: provider,
            commandProvider: new command.Provider("command", {}),
            primaryLabels: LABELS,
            secondaryLabels: LABELS,
            pairing,
          }),
      );
      assert.deepEqual(reasons(error), [
        `primary.name: a ReplicatedVolume is named after its primary volume, ${primary.name}, not data-pair`,
      ]);
    });
  });

  describe("args", () => {
    it("hold no whole department or platform: only the fields each component reads", () => {
      const dept = police();
      const values: unknown[] = [
        ...Object.values(foundationFields(platform, dept, "laixi")),
        ...Object.values(workloadFields(platform, dept, dept.workloads[0], "laixi")),
      ];
      assert.ok(values.every((value) => value !== dept && value !== platform));
      assert.deepEqual(Object.keys(foundationFields(platform, dept, "laixi")).sort(), [
        "externalNetwork",
        "networks",
        "privateFlavors",
        "quota",
        "routerLabels",
        "site",
        "workloads",
      ]);
    });

    it("give a workload the labels of every site its resources are at", () => {
      const dept = police();
      const fields = workloadFields(platform, dept, dept.workloads[0], "laixi");
      assert.deepEqual(Object.keys(fields.labels).sort(), ["laixi", "qingdao"]);
      assert.equal(fields.labels.qingdao.site, "qingdao");
      assert.equal(fields.serverGroupPolicy, "anti-affinity");
      assert.deepEqual(Object.keys(fields.volumeTypes), ["ssd-sync"]);
    });
  });
});
