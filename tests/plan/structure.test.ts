/**
 * What every plan must be, whatever the stack: resources in URN order with the URNs the engine
 * would give, references that resolve inside the plan, a provider for every resource, ids shaped
 * like OpenStack's, and no secret in clear.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { OFFLINE_PASSWORD, PROJECT } from "../../plan/run-plan";
import type { PlannedResource, StackPlan } from "../../plan/types";
import { SECRET_MARKER } from "../../plan/wire-values";
import {
  bundledPlan,
  byUrn,
  ofType,
  policePlan,
  providerUrn,
  strings,
  T,
  urnParts,
  UUID,
} from "./support";

const wire = pulumi.runtime as unknown as { specialSigKey: string; unknownValue: string };

interface Subject {
  label: string;
  make: () => Promise<StackPlan>;
  /** Department stacks log in to their project with the password; the platform only as admin. */
  department: boolean;
}

const SUBJECTS: Subject[] = [
  {
    label: "a bundled department (big-data)",
    make: () => bundledPlan("big-data"),
    department: true,
  },
  { label: "a department written in TS (police)", make: policePlan, department: true },
  { label: "the platform", make: () => bundledPlan("platform"), department: false },
];

/** The type chain of a resource, walked up its parents through the plan. */
function expectedChain(resource: PlannedResource, index: Map<string, PlannedResource>): string {
  const types = [resource.type];
  for (let at = resource; at.parent !== undefined;) {
    const parent = index.get(at.parent);
    if (parent === undefined) return `(parent ${at.parent} is not in the plan)`;
    types.unshift(parent.type);
    at = parent;
  }
  return types.join("$");
}

for (const subject of SUBJECTS) {
  describe(`the plan of ${subject.label}`, function () {
    // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
    this.timeout(300_000);
    let plan: StackPlan;
    let index: Map<string, PlannedResource>;

    before(async () => {
      plan = await subject.make();
      index = byUrn(plan);
    });

    it("holds resources sorted by URN, every URN once", () => {
      assert.ok(plan.resources.length > 20, `${plan.resources.length} resources`);
      const urns = plan.resources.map((r) => r.urn);
      assert.deepEqual(urns, [...urns].sort());
      assert.equal(new Set(urns).size, urns.length, "a URN is used twice");
    });

    it("gives each resource the engine's URN, with the whole chain of its parents' types", () => {
      const wrong = plan.resources
        .filter((r) => {
          const parts = urnParts(r.urn);
          return (
            parts.stack !== plan.stack ||
            parts.project !== PROJECT ||
            parts.name !== r.name ||
            parts.typeChain !== expectedChain(r, index)
          );
        })
        .map((r) => `${r.urn} (expected ${expectedChain(r, index)})`);
      assert.deepEqual(wrong, []);
      // Department resources sit below two or three components, where the mock monitor's URNs
      // (only the last parent's type) would differ from the engine's.
      const depth = Math.max(
        ...plan.resources.map((r) => urnParts(r.urn).typeChain.split("$").length),
      );
      assert.ok(depth >= (subject.department ? 3 : 2), `at most ${depth} types in a URN`);
    });

    if (subject.department) {
      it("names an instance under its workload under the department's VDC", () => {
        const [instance] = ofType(plan, T.instance);
        assert.equal(
          instance.urn,
          `urn:pulumi:${plan.stack}::${PROJECT}::govcloud:vdc:DepartmentVdc$` +
            `govcloud:workload:Workload$openstack:compute/instance:Instance::${instance.name}`,
        );
      });
    }

    it("points parents, dependencies and providers at resources of the same plan", () => {
      const dangling: string[] = [];
      const check = (from: PlannedResource, what: string, urn: string) => {
        if (!index.has(urn)) dangling.push(`${from.urn} ${what} ${urn}`);
      };
      for (const r of plan.resources) {
        if (r.parent !== undefined) check(r, "parent", r.parent);
        for (const urn of r.dependencies) check(r, "dependency", urn);
        for (const [key, urns] of Object.entries(r.propertyDependencies)) {
          for (const urn of urns) check(r, `dependency of ${key}`, urn);
        }
        if (r.provider !== undefined) check(r, "provider", providerUrn(r.provider));
      }
      assert.deepEqual(dangling, []);
      assert.ok(plan.resources.some((r) => r.dependencies.length > 0));
      const parents = new Set(plan.resources.flatMap((r) => (r.parent ? [r.parent] : [])));
      assert.deepEqual(
        [...parents].filter((urn) => index.get(urn)?.custom !== false),
        [],
        "only components are parents",
      );
    });

    it("leaks no URN of the mock monitor, anywhere in the plan", () => {
      // The mock monitor keeps only the last parent's type in a URN; such a URN is in no plan.
      const foreign = strings(plan).filter(
        (s) => s.startsWith("urn:") && !index.has(s) && !index.has(providerUrn(s)),
      );
      assert.deepEqual([...new Set(foreign)], []);
    });

    it("counts every input's dependencies among the resource's dependencies", () => {
      const missing = plan.resources.flatMap((r) =>
        Object.entries(r.propertyDependencies).flatMap(([key, urns]) =>
          urns
            .filter((urn) => !r.dependencies.includes(urn))
            .map((urn) => `${r.name}.${key}: ${urn}`),
        ),
      );
      assert.deepEqual(missing, []);
    });

    it("sends every custom resource but a provider to a provider of its package, by id", () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const r of plan.resources) {
        if (r.type.startsWith("pulumi:providers:")) {
          if (r.provider !== undefined) wrong.push(`${r.urn}: a provider with a provider`);
          continue;
        }
        if (!r.custom) continue;
        const provider = r.provider === undefined ? undefined : index.get(providerUrn(r.provider));
        const pkg = r.type.split(":")[0];
        if (provider === undefined) wrong.push(`${r.urn}: no provider`);
        else if (provider.type !== `pulumi:providers:${pkg}`) {
          wrong.push(`${r.urn}: provider ${provider.type}`);
        } else if (r.provider !== `${provider.urn}::${String(provider.outputs.id)}`) {
          wrong.push(`${r.urn}: provider reference ${r.provider}`);
        } else checked++;
      }
      assert.deepEqual(wrong, []);
      assert.ok(checked > 10, `${checked} resources checked`);
    });

    it("gives custom resources distinct UUIDs as ids, and components none", () => {
      const custom = plan.resources.filter((r) => r.custom);
      const ids = custom.map((r) => r.outputs.id);
      assert.deepEqual(
        custom
          .filter((r) => typeof r.outputs.id !== "string" || !UUID.test(r.outputs.id))
          .map((r) => `${r.name}: ${String(r.outputs.id)}`),
        [],
      );
      assert.equal(new Set(ids).size, ids.length, "two resources share an id");
      assert.deepEqual(
        plan.resources.filter((r) => !r.custom && "id" in r.outputs).map((r) => r.urn),
        [],
      );
    });

    it("refers to other objects by UUID: every *Id input is one", () => {
      const notUuid: string[] = [];
      let checked = 0;
      const visit = (owner: string, key: string, value: unknown) => {
        if (/Ids?$/.test(key)) {
          for (const id of Array.isArray(value) ? value : [value]) {
            checked++;
            if (typeof id !== "string" || !UUID.test(id))
              notUuid.push(`${owner} ${key}: ${String(id)}`);
          }
        } else if (Array.isArray(value)) value.forEach((item) => visit(owner, key, item));
        else if (value !== null && typeof value === "object") {
          for (const [k, v] of Object.entries(value)) visit(owner, k, v);
        }
      };
      for (const r of plan.resources) visit(r.name, "", r.inputs);
      assert.deepEqual(notUuid, []);
      if (subject.department) assert.ok(checked > 50, `${checked} ids checked`);
    });

    it("never holds a secret in clear, nor a value in the SDK's wire form", () => {
      const json = JSON.stringify(plan);
      assert.ok(!json.includes(OFFLINE_PASSWORD), "the offline password is in the plan");
      assert.ok(!json.includes(wire.specialSigKey), "a value is left in the SDK's wire form");
      assert.ok(!json.includes(wire.unknownValue), "an unknown is left in the SDK's wire form");
      const withPassword = ofType(plan, T.openstackProvider).filter((p) => "password" in p.inputs);
      for (const provider of withPassword) {
        assert.deepEqual(provider.inputs.password, { [SECRET_MARKER]: true }, provider.name);
        assert.deepEqual(provider.outputs.password, { [SECRET_MARKER]: true }, provider.name);
      }
      if (subject.department) {
        // The project-scoped providers log in with the password (the admin ones use clouds.yaml).
        assert.deepEqual(
          withPassword.map((p) => p.name).sort(),
          ofType(plan, T.openstackProvider)
            .map((p) => p.name)
            .filter((name) => name.endsWith("-project"))
            .sort(),
        );
        assert.ok(withPassword.length >= 1);
      }
    });
  });
}
