/**
 * `pulumi preview`: ids and computed outputs are unknown. The program must describe the same
 * resources as in an update (none may hide inside an `apply`), and must not wait for values
 * a preview never has.
 */
import { strict as assert } from "node:assert";
import { buildDepartment } from "../../components/department-program";
import { buildPlatform } from "../../components/platform-program";
import { estateWith, OPTIONS, police } from "./fixtures";
import { harness, isUnknown, shape } from "./harness";

describe("preview", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  let updateShape: string[];
  let previewShape: string[];

  before(async () => {
    await harness.install({ preview: false });
    buildDepartment(estateWith(police()), "police", OPTIONS);
    await harness.settle();
    updateShape = shape(harness.resources);
    await harness.install({ preview: true });
    buildDepartment(estateWith(police()), "police", OPTIONS);
    await harness.settle();
    previewShape = shape(harness.resources);
  });

  after(() => harness.install({ preview: false }));

  it("describes the same resources as an update", () => {
    assert.ok(previewShape.length > 100);
    assert.deepEqual(previewShape, updateShape);
  });

  it("configures the project provider with known values only, so the engine previews what it owns", () => {
    const scoped = harness.named("police-qingdao-project", "pulumi:providers:openstack");
    for (const [key, value] of Object.entries(scoped.inputs)) {
      assert.ok(!isUnknown(value), `${key} is unknown in a preview`);
    }
    assert.equal(scoped.inputs.tenantName, "police");
  });

  it("leaves ids unknown: the pairing command", () => {
    const pairing = harness.named("police-qingdao-case-db-0-data-pairing", "command:local:Command");
    assert.ok(isUnknown(pairing.inputs.create));
    assert.ok(isUnknown(pairing.inputs.delete));
    const port = harness.named("police-qingdao-case-db-0-port", "openstack:networking/port:Port");
    assert.equal(port.inputs.name, "police-qingdao-case-db-0-port", "known values stay known");
    const { id, ...outputs } = port.outputs;
    assert.ok(isUnknown(id), `port id ${String(id)}`);
    assert.deepEqual(outputs, port.inputs, "nothing is computed before the port exists");
  });

  it("still looks up what it can: roles, flavors, external networks", () => {
    const tokens = new Set(harness.calls.map((c) => c.token));
    for (const token of [
      "openstack:identity/getRole:getRole",
      "openstack:compute/getFlavor:getFlavor",
      "openstack:networking/getNetwork:getNetwork",
    ]) {
      assert.ok(tokens.has(token), token);
    }
  });

  it("previews the platform too", async () => {
    harness.reset();
    buildPlatform(estateWith(), OPTIONS);
    await harness.settle();
    assert.ok(harness.ofType("openstack:compute/flavor:Flavor").length > 0);
    assert.ok(harness.ofType("libvirt:index/domain:Domain").length > 0);
  });
});
