/**
 * `source` points a planned resource back at the part of the department file it comes from, so
 * that a policy violation can name a line: a workload's resources at the workload, a network and
 * its subnet at the CIDR for that site, a quota at the quotas of that site. The expected lines are
 * read from the YAML here, not taken from the planner.
 */
import { strict as assert } from "node:assert";
import type { FieldPath } from "../../model/problem";
import type { Department } from "../../model/types";
import type { PlannedResource, StackPlan } from "../../plan/types";
import {
  bundledEstate,
  bundledPlan,
  byId,
  byUrn,
  ofType,
  providerUrn,
  T,
  yamlPosition,
} from "./support";

/**
 * big-data has the traps of matching names by prefix: workloads whose name starts with a
 * network's (networks data and exchange; workloads data-exchange, data-lake, exchange-db) or with
 * another workload's (monitoring and monitoring-lx, bastion and bastion-lx). audit has quotas and
 * networks at one site only.
 */
const DEPARTMENTS = ["big-data", "audit"];

/** Names in `names` that start with another name of `among` followed by a dash. */
function prefixed(names: string[], among: string[]): string[] {
  return names.filter((name) => among.some((other) => name.startsWith(`${other}-`)));
}

function pointer(file: string, path: FieldPath, text: string) {
  return { file, path: text, ...yamlPosition(file, path) };
}

for (const id of DEPARTMENTS) {
  describe(`sources in the plan of ${id}`, () => {
    const file = `departments/${id}.yaml`;
    let plan: StackPlan;
    let department: Department;
    let siteIds: string[];

    /** The index of the workload a Workload component (`<dept>-<site>-<workload>`) stands for. */
    const workloadIndex = (component: PlannedResource): number => {
      const index = department.workloads.findIndex((w) =>
        siteIds.some((site) => component.name === `${id}-${site}-${w.name}`),
      );
      assert.ok(index >= 0, `no workload for ${component.name}`);
      return index;
    };

    /** The Workload component a resource sits below, if any. */
    const workloadAbove = (resource: PlannedResource, urns: Map<string, PlannedResource>) => {
      let at = resource.parent === undefined ? undefined : urns.get(resource.parent);
      while (at !== undefined && at.type !== T.workload) {
        at = at.parent === undefined ? undefined : urns.get(at.parent);
      }
      return at;
    };

    before(async () => {
      plan = await bundledPlan(id);
      const loaded = bundledEstate().estate!.departments.find((d) => d.file === file);
      assert.ok(loaded !== undefined, `${file} is not in the bundled estate`);
      department = loaded.department;
      siteIds = bundledEstate().estate!.platform.sites.map((s) => s.id);
    });

    if (id === "big-data") {
      it("is a department with the traps of matching by prefix", () => {
        const workloads = department.workloads.map((w) => w.name);
        const networks = department.networks.map((n) => n.name);
        assert.ok(prefixed(workloads, workloads).length > 0);
        assert.ok(prefixed(workloads, networks).length > 0);
      });
    }

    it("points each instance at its workload, on the workload's line", () => {
      const urns = byUrn(plan);
      const instances = ofType(plan, T.instance);
      assert.ok(instances.length >= 3);
      for (const instance of instances) {
        const workload = workloadAbove(instance, urns);
        assert.ok(workload !== undefined, `${instance.name} is not below a workload`);
        const w = workloadIndex(workload);
        assert.deepEqual(
          instance.source,
          pointer(file, ["workloads", w], `workloads[${w}]`),
          instance.name,
        );
      }
    });

    it("points a workload, everything below it and its security group at the workload", () => {
      const urns = byUrn(plan);
      const wrong: string[] = [];
      let checked = 0;
      for (const resource of plan.resources) {
        let w: number;
        if (resource.type === T.workload) w = workloadIndex(resource);
        else if (resource.type === T.secGroup) {
          // A workload's security group sits in the site's foundation, under the workload's name.
          w = department.workloads.findIndex((workload) =>
            siteIds.some((site) => resource.name === `${id}-${site}-${workload.name}`),
          );
        } else {
          const workload = workloadAbove(resource, urns);
          if (workload === undefined) continue;
          w = workloadIndex(workload);
        }
        checked++;
        const expected = pointer(file, ["workloads", w], `workloads[${w}]`);
        if (JSON.stringify(resource.source) !== JSON.stringify(expected)) {
          wrong.push(
            `${resource.name}: ${JSON.stringify(resource.source)}, expected ${expected.path}`,
          );
        }
      }
      assert.deepEqual(wrong, []);
      assert.ok(checked > 3 * ofType(plan, T.workload).length, `${checked} checked`);
    });

    it("points each subnet and its network at the network's CIDR for that site", () => {
      const ids = byId(plan);
      const subnets = ofType(plan, T.subnet);
      assert.ok(subnets.length >= 1);
      for (const subnet of subnets) {
        const matches = department.networks.flatMap((network, n) =>
          Object.entries(network.cidrs)
            .filter(([, cidr]) => cidr === subnet.inputs.cidr)
            .map(([site]) => ({ n, site })),
        );
        assert.equal(matches.length, 1, `${subnet.name}: ${String(subnet.inputs.cidr)}`);
        const [{ n, site }] = matches;
        const expected = pointer(
          file,
          ["networks", n, "cidrs", site],
          `networks[${n}].cidrs.${site}`,
        );
        assert.deepEqual(subnet.source, expected, subnet.name);
        const network = ids.get(subnet.inputs.networkId);
        assert.equal(network?.type, T.network);
        assert.deepEqual(network.source, expected, network.name);
      }
      assert.equal(ofType(plan, T.network).length, subnets.length);
    });

    it("points each quota at the department's quotas for the site of its provider", () => {
      const urns = byUrn(plan);
      const quotas = plan.resources.filter((r) => T.quotas.includes(r.type));
      assert.equal(quotas.length, 3 * Object.keys(department.quotas).length);
      for (const quota of quotas) {
        const site = urns.get(providerUrn(quota.provider!))?.inputs.region as string;
        assert.ok(department.quotas[site] !== undefined, `${quota.name}: site ${site}`);
        assert.deepEqual(
          quota.source,
          pointer(file, ["quotas", site], `quotas.${site}`),
          quota.name,
        );
      }
    });

    it("points every resource somewhere in the department's file, with a line", () => {
      const lost = plan.resources.filter(
        (r) => r.source?.file !== file || typeof r.source.line !== "number" || r.source.line < 1,
      );
      assert.deepEqual(
        lost.map((r) => r.urn),
        [],
      );
    });
  });
}

describe("sources in the plan of the platform", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  it("are absent: the platform's resources come from platform.yaml as a whole", async () => {
    const plan = await bundledPlan("platform");
    assert.deepEqual(
      plan.resources.filter((r) => r.source !== undefined).map((r) => r.urn),
      [],
    );
  });
});
