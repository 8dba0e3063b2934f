/**
 * The whole estate in one plan: every department file under departments/ and the platform.
 * Their URNs must all differ (the stack name is the only other part of a URN, and a name must
 * never depend on it), and every resource must name its provider.
 */
import { strict as assert } from "node:assert";
import { buildDepartment } from "../../components/department-program";
import { buildPlatform } from "../../components/platform-program";
import { estateWith, OPTIONS, police, repoEstate } from "./fixtures";
import { harness } from "./harness";
import type { Registration } from "./harness";

describe("the whole estate", function () {
  // About 4,000 resources: the SDK costs milliseconds per resource under mocks.
  this.timeout(600_000);
  let resources: Registration[];
  let departmentIds: string[];

  before(async () => {
    await harness.install();
    const { estate } = repoEstate();
    assert.ok(estate !== undefined, "the estate does not load");
    // The SDK records a stack trace per promise; without them the build is several times faster.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      const all = {
        ...estate,
        departments: [...estate.departments, ...estateWith(police()).departments],
      };
      departmentIds = all.departments.map((d) => d.department.id);
      for (const id of departmentIds) buildDepartment(all, id, OPTIONS);
      buildPlatform(all, OPTIONS);
      await harness.settle();
    } finally {
      Error.stackTraceLimit = limit;
    }
    resources = harness.resources;
  });

  it("builds every department file", () => {
    assert.ok(departmentIds.length >= 2, `${departmentIds.length} departments`);
    const vdcs = resources
      .filter((r) => r.type === "govcloud:vdc:DepartmentVdc")
      .map((r) => r.name);
    assert.deepEqual(vdcs.sort(), [...departmentIds].sort());
  });

  it("gives no two resources the same URN", () => {
    const seen = new Map<string, number>();
    for (const r of resources) seen.set(r.urn, (seen.get(r.urn) ?? 0) + 1);
    const duplicates = [...seen].filter(([, count]) => count > 1).map(([urn]) => urn);
    assert.deepEqual(duplicates, []);
    assert.equal(seen.size, resources.length);
  });

  it("gives no two OpenStack objects of a kind the same name at one site", () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const r of resources) {
      if (!r.type.startsWith("openstack:") || typeof r.inputs.name !== "string") continue;
      const key = `${r.type} ${r.providerName} ${r.inputs.name}`;
      if (seen.has(key)) duplicates.push(key);
      seen.add(key);
    }
    assert.deepEqual(duplicates, []);
  });

  it("sends every resource to an explicit provider", () => {
    const missing = resources.filter(
      (r) => r.custom && !r.type.startsWith("pulumi:providers:") && r.provider === "",
    );
    assert.deepEqual(
      missing.map((r) => `${r.type} ${r.name}`),
      [],
    );
  });

  it("has no department resource outside its department's names", () => {
    const strays = resources.filter((r) => {
      let top: Registration = r;
      while (top.parent !== undefined) top = top.parent;
      return (
        top.type === "govcloud:vdc:DepartmentVdc" && !r.name.startsWith(`${top.name}-`) && r !== top
      );
    });
    assert.deepEqual(
      strays.map((r) => r.name),
      [],
    );
  });
});
