/**
 * The two ways a change to the files could delete data by accident: renaming a workload and
 * deleting a department file. And the problem gate in front of every stack.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { buildDepartment } from "../../components/department-program";
import { buildStack } from "../../components/program";
import type { DepartmentStackOutputs } from "../../components/department-program";
import type { Problem } from "../../model/problem";
import type { Department } from "../../model/types";
import { estateWith, OPTIONS, police } from "./fixtures";
import { harness, PROJECT, STACK } from "./harness";
import type { Registration } from "./harness";

function renamedPolice(previousNames: string[]): Department {
  const department = police();
  const caseDb = department.workloads[0];
  caseDb.name = "case-database";
  caseDb.previousNames = previousNames;
  return department;
}

async function build(department: Department): Promise<Registration[]> {
  harness.reset();
  buildDepartment(estateWith(department), department.id, OPTIONS);
  await harness.settle();
  return harness.resources;
}

function problem(file: string, severity: Problem["severity"] = "error"): Problem {
  return {
    file,
    line: 3,
    column: 5,
    path: "quotas",
    code: "quota-exceeded",
    severity,
    message: "over quota",
  };
}

async function runError(run: () => unknown): Promise<Error> {
  try {
    run();
  } catch (error) {
    await harness.settle();
    assert.ok(pulumi.RunError.isInstance(error), `not a RunError: ${String(error)}`);
    return error as Error;
  }
  assert.fail("the stack was not refused");
}

describe("guards", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  before(() => harness.install());

  describe("renaming a workload", () => {
    let before: Registration[];
    let after: Registration[];

    it("builds the original and the renamed department", async () => {
      before = (await build(police())).filter((r) => r.name.includes("-case-db"));
      after = (await build(renamedPolice(["case-db"]))).filter((r) =>
        r.name.includes("-case-database"),
      );
      assert.equal(after.length, before.length);
      assert.ok(before.length > 50);
    });

    it("aliases every renamed resource to the URN it had", () => {
      const aliasUrns = after.flatMap((r) =>
        r.aliasNames.map((name) => `urn:pulumi:${STACK}::${PROJECT}::${r.typeChain}::${name}`),
      );
      assert.deepEqual(aliasUrns.sort(), before.map((r) => r.urn).sort());
    });

    it("changes nothing that replaces a volume, an instance or the server group", () => {
      const old = (r: Registration) =>
        before.find(
          (b) => b.type === r.type && b.name === r.name.replace("case-database", "case-db"),
        )!;
      for (const volume of after.filter((r) => r.type === "openstack:blockstorage/volume:Volume")) {
        const { volumeType, size, availabilityZone } = old(volume).inputs;
        assert.deepEqual(
          {
            volumeType: volume.inputs.volumeType,
            size: volume.inputs.size,
            availabilityZone: volume.inputs.availabilityZone,
          },
          { volumeType, size, availabilityZone },
        );
        assert.equal(volume.protect, true);
      }
      for (const instance of after.filter(
        (r) => r.type === "openstack:compute/instance:Instance",
      )) {
        const { flavorName, imageName, availabilityZone } = old(instance).inputs;
        assert.deepEqual(
          [instance.inputs.flavorName, instance.inputs.imageName, instance.inputs.availabilityZone],
          [flavorName, imageName, availabilityZone],
        );
      }
      const group = after.find((r) => r.type === "openstack:compute/serverGroup:ServerGroup")!;
      assert.deepEqual(
        group.ignoreChanges,
        ["name"],
        "Nova cannot rename a server group: it would be replaced",
      );
    });

    it("adds no alias to a workload that was never renamed", async () => {
      const resources = await build(police());
      assert.deepEqual(
        resources.filter((r) => r.aliasNames.length > 0).map((r) => r.name),
        [],
      );
    });

    it("refuses a rename history that would alias two workloads to one", async () => {
      const department = renamedPolice(["hukou-portal"]);
      harness.reset();
      assert.throws(
        () => buildDepartment(estateWith(department), "police", OPTIONS),
        (error: unknown) =>
          pulumi.InputPropertiesError.isInstance(error) &&
          error.errors.some((e) => e.reason.includes("hukou-portal is still a workload of police")),
      );
      await harness.settle();
    });
  });

  describe("decommissioning", () => {
    it("refuses to run the stack of a department whose file is gone", async () => {
      harness.reset();
      const error = await runError(() =>
        buildStack("police", { estate: estateWith(), problems: [] }, OPTIONS),
      );
      assert.match(
        error.message,
        /departments\/police\.yaml does not exist, but stack police is being deployed/,
      );
      assert.match(error.message, /decommission: \{ ticket: /);
      assert.match(error.message, /pulumi destroy --stack police/);
      assert.equal(
        harness.resources.length,
        0,
        "nothing may be registered, or the rest would be deleted",
      );
    });

    it("lifts protection only with a decommission block in the file", async () => {
      const department = police();
      department.decommission = {
        ticket: "QD-CHG-2026-00999",
        approver: "liu.yang",
        date: "2026-10-01",
      };
      harness.reset();
      const outputs = buildStack(
        "police",
        { estate: estateWith(department), problems: [] },
        OPTIONS,
      );
      await harness.settle();
      assert.deepEqual((outputs as DepartmentStackOutputs).decommission, {
        ticket: "QD-CHG-2026-00999",
        next: "pulumi destroy --stack police",
      });
      const protectedNow = harness.resources.filter((r) => r.protect).map((r) => r.name);
      assert.deepEqual(protectedNow, []);
      assert.ok(
        harness.resources.length > 100,
        "the VDC is still described, so that destroy can find it",
      );
    });

    it("keeps the project and replicated volumes protected otherwise", async () => {
      const resources = await build(police());
      const protectedTypes = new Set(resources.filter((r) => r.protect).map((r) => r.type));
      assert.deepEqual([...protectedTypes].sort(), [
        "openstack:blockstorage/volume:Volume",
        "openstack:identity/project:Project",
      ]);
      assert.equal(resources.filter((r) => r.protect).length, 1 + 2 * (8 + 2));
    });
  });

  describe("problems in the files", () => {
    it("stop a department stack on errors in its own file, with the formatted list", async () => {
      harness.reset();
      const error = await runError(() =>
        buildStack(
          "police",
          { estate: estateWith(police()), problems: [problem("departments/police.yaml")] },
          OPTIONS,
        ),
      );
      assert.match(error.message, /^Stack police cannot be deployed: the estate has 1 error/);
      assert.match(
        error.message,
        /departments\/police\.yaml:3:5: error \[quota-exceeded\] quotas: over quota/,
      );
      assert.equal(harness.resources.length, 0);
    });

    it("stop a department stack on errors in platform.yaml", async () => {
      harness.reset();
      await runError(() =>
        buildStack(
          "police",
          { estate: estateWith(police()), problems: [problem("platform.yaml")] },
          OPTIONS,
        ),
      );
    });

    it("do not stop a department stack for another department's file, nor for warnings", async () => {
      harness.reset();
      const outputs = buildStack(
        "police",
        {
          estate: estateWith(police()),
          problems: [
            problem("departments/health.yaml"),
            problem("departments/police.yaml", "warning"),
          ],
        },
        OPTIONS,
      );
      await harness.settle();
      assert.equal((outputs as DepartmentStackOutputs).department, "police");
    });

    it("stop the platform stack on any error", async () => {
      harness.reset();
      await runError(() =>
        buildStack(
          "platform",
          { estate: estateWith(police()), problems: [problem("departments/police.yaml")] },
          OPTIONS,
        ),
      );
      assert.equal(harness.resources.length, 0);
    });

    it("stop every stack when the platform does not load", async () => {
      harness.reset();
      const error = await runError(() =>
        buildStack("police", { problems: [problem("platform.yaml")] }, OPTIONS),
      );
      assert.match(error.message, /platform\.yaml:3:5/);
    });
  });
});
