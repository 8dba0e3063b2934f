// The bundled example estate (platform.yaml and departments/*.yaml at the repository root) is
// what people read first and what the examples in the docs run against: it must stay clean under
// every rule, look like the city it describes and fit the hosts and storage of its sites.
import { strict as assert } from "node:assert";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { estateUsage, siteCapacity } from "../model/capacity";
import { activeSites } from "../model/catalog";
import type { Estate } from "../model/estate";
import type { LoadResult } from "../model/estate-loader";
import { loadEstate } from "../model/estate-loader";
import type { Platform } from "../model/types";

const ROOT = resolve(__dirname, "..");
const TODAY = "2026-11-26";

/** The city runs 28 departments on the platform (the case this toolkit is built for). */
const MIN_DEPARTMENTS = 28;

/** Departments the docs and examples refer to by id. */
const NAMED_DEPARTMENTS = [
  "public-security",
  "hr-social-security",
  "health",
  "big-data",
  "medical-security",
  "administrative-approval",
  "hotline-12345",
];

const DIMENSIONS = ["instances", "vcpus", "ramGiB", "volumeGiB"] as const;

/** Pulumi stack settings: stacks/Pulumi.<department id>.yaml, plus the platform's own stack. */
const STACKS_DIR = "stacks";
const PLATFORM_STACK = "platform";

/** Every dimension at every active site where the estate asks for more than the site has. */
function capacityOverruns(estate: Estate): string[] {
  const total = estateUsage(estate);
  const overruns: string[] = [];
  for (const site of activeSites(estate.platform)) {
    const capacity = siteCapacity(estate.platform, site.id);
    const used = total.get(site.id);
    for (const dimension of DIMENSIONS) {
      const need = used?.[dimension] ?? 0;
      if (need > capacity[dimension]) {
        overruns.push(`${site.id} ${dimension}: ${need} > ${capacity[dimension]}`);
      }
    }
  }
  return overruns;
}

/** The same estate on a platform with every host group cut to one host. */
function withOneHostPerGroup(estate: Estate): Estate {
  const platform: Platform = {
    ...estate.platform,
    sites: estate.platform.sites.map((site) => ({
      ...site,
      hosts: site.hosts.map((group) => ({ ...group, count: 1 })),
    })),
  };
  return { ...estate, platform };
}

describe("the bundled estate", () => {
  let result: LoadResult;
  let estate: Estate;

  before(() => {
    result = loadEstate(ROOT, { today: TODAY });
    assert.ok(result.estate !== undefined, "platform.yaml does not load");
    estate = result.estate;
  });

  it("has no problems at all, warnings included", () => {
    const shown = result.problems.map(
      (p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}: ${p.message}`,
    );
    assert.deepEqual(shown, []);
  });

  it(`has at least ${MIN_DEPARTMENTS} departments`, () => {
    assert.ok(
      estate.departments.length >= MIN_DEPARTMENTS,
      `${estate.departments.length} departments`,
    );
  });

  it("uses every tier of the platform", () => {
    const used = new Set(
      estate.departments.flatMap(({ department }) => department.workloads.map((w) => w.tier)),
    );
    const tiers = estate.platform.tiers.map((tier) => tier.name).sort();
    assert.ok(tiers.length >= 3, `platform tiers: ${tiers.join(", ")}`);
    assert.deepEqual([...used].sort(), tiers);
  });

  it("runs workloads at every active site", () => {
    const total = estateUsage(estate);
    for (const site of activeSites(estate.platform)) {
      assert.ok((total.get(site.id)?.instances ?? 0) > 0, `no instances at ${site.id}`);
    }
  });

  it("fits the hosts and storage of every active site", () => {
    assert.deepEqual(capacityOverruns(estate), []);
  });

  it("would not fit a platform with one host per host group (the capacity check can fail)", () => {
    const overruns = capacityOverruns(withOneHostPerGroup(estate));
    for (const site of activeSites(estate.platform)) {
      assert.ok(
        overruns.some((line) => line.startsWith(`${site.id} instances:`)),
        `expected ${site.id} to run out of instances: ${overruns.join("; ")}`,
      );
    }
  });

  it("loads every file in departments/, each named after its department", () => {
    const onDisk = readdirSync(join(ROOT, "departments"))
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => `departments/${name}`)
      .sort();
    const loaded = estate.departments.map((entry) => entry.file).sort();
    assert.deepEqual(loaded, onDisk);
    for (const { file, department } of estate.departments) {
      assert.equal(file, `departments/${department.id}.yaml`);
    }
  });

  it("has a department file for every department stack in stacks/, and a stack for each", function () {
    const dir = join(ROOT, STACKS_DIR);
    if (!existsSync(dir)) this.skip();
    const stacks = readdirSync(dir)
      .map((name) => /^Pulumi\.(.+)\.yaml$/.exec(name)?.[1])
      .filter((id): id is string => id !== undefined && id !== PLATFORM_STACK)
      .sort();
    const ids = estate.departments.map(({ department }) => department.id).sort();
    assert.deepEqual(stacks, ids);
  });

  for (const id of NAMED_DEPARTMENTS) {
    it(`has a file for ${id}`, () => {
      assert.ok(existsSync(join(ROOT, "departments", `${id}.yaml`)), `departments/${id}.yaml`);
      assert.ok(
        estate.departments.some(({ department }) => department.id === id),
        `${id} is not in the loaded estate`,
      );
    });
  }
});
