/** siteCapacity and estateUsage on a small platform built in the test. */
import { strict as assert } from "node:assert";
import { estateUsage, siteCapacity, usageByDepartment } from "../../model/capacity";
import type { Estate } from "../../model/estate";
import type { Department, Platform } from "../../model/types";
import { siteCapacityRule } from "../../model/rules/site-capacity";
import { loadWith, TODAY } from "./support";

let loaded: Estate | undefined;

/** The fixture estate, loaded once; tests clone what they change. */
function fixtureEstate(): Estate {
  if (loaded === undefined) {
    loaded = loadWith({}).estate;
    assert.ok(loaded);
  }
  return loaded;
}

function smallPlatform(): Platform {
  const platform = structuredClone(fixtureEstate().platform);
  platform.hostClasses = [
    { name: "big", sockets: 8, threads: 384, ramGiB: 4096 },
    { name: "small", sockets: 4, threads: 144, ramGiB: 1536 },
  ];
  platform.sites[0].hosts = [
    { class: "big", count: 2 },
    { class: "small", count: 3 },
  ];
  platform.sites[1].hosts = [
    { class: "small", count: 1 },
    { class: "missing", count: 5 },
  ];
  platform.capacity = {
    vmsPerHost: 15,
    cpuOvercommit: 2,
    ramOvercommit: 1.5,
    storageGiBPerSite: 100000,
  };
  return platform;
}

describe("siteCapacity", () => {
  it("multiplies hosts by the capacity policy", () => {
    assert.deepEqual(siteCapacity(smallPlatform(), "qingdao"), {
      hosts: 5,
      instances: 5 * 15,
      vcpus: (2 * 384 + 3 * 144) * 2,
      ramGiB: (2 * 4096 + 3 * 1536) * 1.5,
      volumeGiB: 100000,
    });
  });

  it("counts nothing for host groups of an unknown class", () => {
    assert.deepEqual(siteCapacity(smallPlatform(), "laixi"), {
      hosts: 1,
      instances: 15,
      vcpus: 288,
      ramGiB: 2304,
      volumeGiB: 100000,
    });
  });

  it("gives a witness site no tenant storage and an unknown site nothing", () => {
    const platform = smallPlatform();
    assert.deepEqual(siteCapacity(platform, "quorum"), {
      hosts: 0,
      instances: 0,
      vcpus: 0,
      ramGiB: 0,
      volumeGiB: 0,
    });
    assert.deepEqual(siteCapacity(platform, "nowhere"), {
      hosts: 0,
      instances: 0,
      vcpus: 0,
      ramGiB: 0,
      volumeGiB: 0,
    });
  });
});

describe("estateUsage", () => {
  it("sums every department's usage per site", () => {
    const estate = fixtureEstate();
    const total = estateUsage(estate);
    // water: meter-db 2+2 x db.xlarge, billing 2+1 x s1.large, reports 1 x s1.small;
    // health: portal 1 x s1.small at laixi.
    assert.deepEqual(total.get("qingdao"), {
      vcpus: 2 * 8 + 2 * 4 + 1,
      ramGiB: 2 * 64 + 2 * 8 + 2,
      instances: 5,
      // meter-db: 2 primaries + 2 secondaries from laixi; billing: 2 primaries (standby owns none)
      volumes: 6,
      volumeGiB: 4 * 500 + 2 * 100,
      floatingIps: 2,
      networks: 2,
      serverGroups: 3,
      // water's default group and one per workload there (meter-db, billing, reports)
      securityGroups: 4,
      // default group 4; per group 2 egress plus its ingress: meter-db 1, billing 2, reports 0
      securityGroupRules: 4 + (2 + 1) + (2 + 2) + (2 + 0),
    });
    assert.deepEqual(total.get("laixi"), {
      vcpus: 2 * 8 + 4 + 1,
      ramGiB: 2 * 64 + 8 + 2,
      instances: 4,
      volumes: 6,
      volumeGiB: 4 * 500 + 2 * 100,
      floatingIps: 1,
      networks: 3,
      serverGroups: 3,
      // water: default, meter-db, billing; health: default, portal
      securityGroups: 3 + 2,
      securityGroupRules: 4 + (2 + 1) + (2 + 2) + (4 + 2),
    });
  });

  it("accepts the per-department usage when it is already computed", () => {
    const estate = fixtureEstate();
    const perDepartment = usageByDepartment(estate);
    assert.deepEqual(
      perDepartment.map((entry) => entry.departmentId),
      ["health", "water"],
    );
    assert.deepEqual(estateUsage(estate, perDepartment), estateUsage(estate));
  });

  it("is empty for an estate without departments", () => {
    const estate = {
      ...fixtureEstate(),
      departments: [] as { file: string; department: Department }[],
    };
    assert.equal(estateUsage(estate).size, 0);
  });
});

describe("site-capacity rule", () => {
  it("names the three largest consumers of an over-full site", () => {
    const base = fixtureEstate();
    const water = base.departments.find((entry) => entry.department.id === "water");
    assert.ok(water);
    // Five departments with 1 to 5 standard instances at qingdao each: 15 in all.
    const departments = [3, 1, 5, 2, 4].map((replicas, d) => {
      const id = `dept-${d}`;
      const department: Department = {
        ...structuredClone(water.department),
        id,
        workloads: [
          { ...structuredClone(water.department.workloads[2]), replicas: { qingdao: replicas } },
        ],
      };
      return { file: `departments/${id}.yaml`, department };
    });
    const platform = structuredClone(base.platform);
    platform.capacity.vmsPerHost = 6; // 2 hosts: 12 instances at qingdao
    const findings = siteCapacityRule.check({
      estate: { ...base, platform, departments },
      today: TODAY,
    });
    assert.deepEqual(findings, [
      {
        file: "platform.yaml",
        path: ["sites", 0, "hosts"],
        code: "site-over-capacity",
        message:
          "workloads at qingdao need 15 instances but the site has 12 (2 hosts x 6 VMs per host); " +
          "the largest consumers are dept-2 (5), dept-4 (4) and dept-0 (3)",
        found: "15 instances",
        allowed: "at most 12 instances",
        fix: "add hosts to qingdao, raise capacity.vmsPerHost, or reduce replicas at qingdao",
      },
    ]);
  });
});
