/** The department-wide part of a VDC: project, role assignments, providers, tags everywhere. */
import { strict as assert } from "node:assert";
import { buildDepartment } from "../../components/department-program";
import { REQUIRED_LABEL_KEYS } from "../../model/tags";
import { estateWith, OPTIONS, police } from "./fixtures";
import { AUTOMATION_USER_ID, harness, isSecret, lookupId, mockId } from "./harness";
import type { Registration } from "./harness";

const PROJECT = "openstack:identity/project:Project";
const ASSIGNMENT = "openstack:identity/roleAssignment:RoleAssignment";
const OPENSTACK_PROVIDER = "pulumi:providers:openstack";

/** Resource types that have OpenStack `tags`, and so must carry every label. */
const TAGGED = [
  PROJECT,
  "openstack:networking/network:Network",
  "openstack:networking/subnet:Subnet",
  "openstack:networking/router:Router",
  "openstack:networking/secGroup:SecGroup",
  "openstack:networking/port:Port",
  "openstack:networking/floatingIp:FloatingIp",
  "openstack:compute/instance:Instance",
];

describe("DepartmentVdc", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  let projectId: string;

  before(async () => {
    await harness.install();
    buildDepartment(estateWith(police()), "police", OPTIONS);
    await harness.settle();
    projectId = mockId(PROJECT, "police-project");
  });

  it("creates one protected project through the first active site's admin provider", () => {
    const projects = harness.ofType(PROJECT);
    assert.equal(projects.length, 1);
    const [project] = projects;
    assert.equal(project.name, "police-project");
    assert.equal(project.inputs.name, "police");
    assert.equal(project.providerName, "police-qingdao-admin");
    assert.equal(project.protect, true);
    assert.deepEqual(project.inputs.tags, [
      "department=police",
      "site=all",
      "tier=critical",
      "owner=zhang.wei",
      "cost-centre=QD-1101",
      "approval=QD-CHG-2026-00011",
      "approved-on=2026-02-10",
      "approver=liu.yang",
    ]);
  });

  it("makes the automation account a member, and each owner a member or reader", () => {
    const assignments = new Map(harness.ofType(ASSIGNMENT).map((a) => [a.name, a.inputs]));
    assert.deepEqual([...assignments.keys()].sort(), [
      "police-automation-member",
      "police-owner-sun.li",
      "police-owner-zhang.wei",
    ]);
    assert.deepEqual(assignments.get("police-automation-member"), {
      projectId,
      userId: AUTOMATION_USER_ID,
      roleId: lookupId("role", "member"),
    });
    assert.deepEqual(assignments.get("police-owner-sun.li"), {
      projectId,
      userId: lookupId("user", "sun.li"),
      roleId: lookupId("role", "member"),
    });
    assert.deepEqual(assignments.get("police-owner-zhang.wei"), {
      projectId,
      userId: lookupId("user", "zhang.wei"),
      roleId: lookupId("role", "reader"),
    });
    for (const assignment of harness.ofType(ASSIGNMENT)) {
      assert.equal(assignment.providerName, "police-qingdao-admin");
    }
  });

  it("looks roles, owners and the automation account up through the admin provider", () => {
    const tokens = new Set(harness.calls.map((c) => c.token));
    assert.ok(tokens.has("openstack:identity/getRole:getRole"));
    assert.ok(tokens.has("openstack:identity/getAuthScope:getAuthScope"));
    const users = harness.calls.filter((c) => c.token === "openstack:identity/getUser:getUser");
    assert.deepEqual(users.map((c) => c.inputs.name).sort(), ["sun.li", "zhang.wei"]);
    for (const call of harness.calls.filter((c) => c.token.startsWith("openstack:identity/"))) {
      assert.match(call.provider ?? "", /::police-qingdao-admin::/);
    }
  });

  it("has an admin and a project-scoped provider per site", () => {
    const providers = harness.ofType(OPENSTACK_PROVIDER);
    assert.deepEqual(providers.map((p) => p.name).sort(), [
      "police-laixi-admin",
      "police-laixi-project",
      "police-qingdao-admin",
      "police-qingdao-project",
    ]);
    const admin = harness.named("police-laixi-admin", OPENSTACK_PROVIDER);
    assert.equal(admin.inputs.cloud, "govcloud-laixi");
    assert.equal(admin.inputs.region, "laixi");
    assert.equal(admin.inputs.tenantId, undefined);
    assert.equal(
      admin.inputs.password,
      undefined,
      "the admin provider reads its password from clouds.yaml",
    );
  });

  it("scopes the project provider with explicit fields, never with a cloud entry", () => {
    const scoped = harness.named("police-laixi-project", OPENSTACK_PROVIDER);
    // By name: known before the project exists, so a first preview sees real inputs.
    assert.equal(scoped.inputs.tenantName, "police");
    assert.equal(scoped.inputs.tenantId, undefined);
    assert.equal(scoped.inputs.projectDomainName, "Default");
    assert.equal(scoped.inputs.cloud, undefined);
    assert.equal(scoped.inputs.region, "laixi");
    assert.equal(scoped.inputs.authUrl, "https://keystone.laixi.egov.qd.internal:5000/v3");
    assert.equal(scoped.inputs.userName, "govcloud-automation");
    assert.equal(scoped.inputs.userDomainName, "Default");
    assert.ok(isSecret(scoped.inputs.password), "the password must reach the plan as a secret");
    const automation = harness.named("police-automation-member", ASSIGNMENT);
    assert.ok(
      scoped.dependencies.includes(automation.urn),
      "the project provider must wait for the automation account's role",
    );
  });

  it("creates what counts against a quota after the quota (a change may raise both)", () => {
    const quotas = harness.resources
      .filter((r) => r.name.startsWith("police-laixi-") && r.name.endsWith("-quota"))
      .map((r) => r.urn);
    assert.equal(quotas.length, 3);
    const counted = harness.resources.filter(
      (r) =>
        r.name.startsWith("police-laixi-") &&
        [
          "openstack:networking/network:Network",
          "openstack:networking/router:Router",
          "openstack:networking/secGroup:SecGroup",
          "openstack:networking/port:Port",
          "openstack:networking/floatingIp:FloatingIp",
          "openstack:compute/instance:Instance",
          "openstack:compute/serverGroup:ServerGroup",
          "openstack:blockstorage/volume:Volume",
        ].includes(r.type),
    );
    assert.ok(counted.length > 10);
    for (const resource of counted) {
      for (const quota of quotas) {
        assert.ok(resource.dependencies.includes(quota), `${resource.name} before its quota`);
      }
    }
  });

  it("sends every resource to an explicit provider", () => {
    const withoutProvider = harness.resources.filter(
      (r) => r.custom && !r.type.startsWith("pulumi:providers:") && r.provider === "",
    );
    assert.deepEqual(
      withoutProvider.map((r) => r.name),
      [],
    );
  });

  it("tags every taggable resource with every label it must carry", () => {
    const tagged = harness.resources.filter((r) => TAGGED.includes(r.type));
    assert.ok(tagged.length > 40);
    const missing = (r: Registration) =>
      REQUIRED_LABEL_KEYS.filter(
        (key) =>
          !((r.inputs.tags as string[] | undefined) ?? []).some((t) => t.startsWith(`${key}=`)),
      );
    assert.deepEqual(
      tagged.filter((r) => missing(r).length > 0).map((r) => `${r.name}: ${missing(r).join(", ")}`),
      [],
    );
    for (const volume of harness.ofType("openstack:blockstorage/volume:Volume")) {
      const metadata = volume.inputs.metadata as Record<string, string>;
      assert.deepEqual(
        REQUIRED_LABEL_KEYS.filter((key) => metadata[key] === undefined),
        [],
        volume.name,
      );
    }
  });

  it("names every OpenStack resource after the department, and per-site ones after the site", () => {
    for (const r of harness.resources) {
      assert.ok(r.name.startsWith("police"), r.name);
      if (typeof r.inputs.name === "string" && r.type !== PROJECT) {
        assert.equal(
          r.inputs.name,
          r.name,
          `${r.type} ${r.name} has OpenStack name ${r.inputs.name}`,
        );
        assert.match(r.name, /^police-(qingdao|laixi)-/);
      }
    }
  });
});
