/**
 * The resources of one workload of each tier at each site, with their inputs: what
 * `pulumi up --stack police` would create for the police fixture.
 */
import { strict as assert } from "node:assert";
import { buildDepartment } from "../../components/department-program";
import { LABEL_KEYS } from "../../model/tags";
import { estateWith, OPTIONS, police } from "./fixtures";
import { harness, mockId, shape } from "./harness";
import type { Registration } from "./harness";

const T = {
  workload: "govcloud:workload:Workload",
  replicated: "govcloud:storage:ReplicatedVolume",
  serverGroup: "openstack:compute/serverGroup:ServerGroup",
  port: "openstack:networking/port:Port",
  instance: "openstack:compute/instance:Instance",
  volume: "openstack:blockstorage/volume:Volume",
  attach: "openstack:compute/volumeAttach:VolumeAttach",
  fip: "openstack:networking/floatingIp:FloatingIp",
  command: "command:local:Command",
};

function tags(
  site: string,
  tier: string,
  approval: string,
  approvedOn: string,
  approver: string,
  workload: string,
): string[] {
  return [
    "department=police",
    `site=${site}`,
    `tier=${tier}`,
    "owner=zhang.wei",
    "cost-centre=QD-1101",
    `approval=${approval}`,
    `approved-on=${approvedOn}`,
    `approver=${approver}`,
    `workload=${workload}`,
  ];
}

describe("Workload", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  let resources: Registration[];
  const subtree = (name: string) => harness.descendants(harness.named(name, T.workload));
  const get = (type: string, name: string) => harness.named(name, type);

  before(async () => {
    await harness.install();
    buildDepartment(estateWith(police()), "police", OPTIONS);
    await harness.settle();
    resources = harness.resources;
  });

  it("registers resources", () => assert.ok(resources.length > 100, `only ${resources.length}`));

  describe("critical (case-db: active-active, synchronous replication)", () => {
    it("has exactly these resources at qingdao", () => {
      const volumes = ["0-data", "0-redo", "1-data", "1-redo"];
      assert.deepEqual(
        shape(subtree("police-qingdao-case-db")),
        [
          ...volumes.map((v) => `${T.command} police-qingdao-case-db-${v}-pairing`),
          ...volumes.map((v) => `${T.replicated} police-qingdao-case-db-${v}`),
          ...volumes.map((v) => `${T.volume} police-laixi-case-db-${v}-from-qingdao`),
          ...volumes.map((v) => `${T.volume} police-qingdao-case-db-${v}`),
          `${T.instance} police-qingdao-case-db-0`,
          `${T.instance} police-qingdao-case-db-1`,
          `${T.serverGroup} police-qingdao-case-db`,
          ...volumes.map((v) => `${T.attach} police-qingdao-case-db-${v}-attach`),
          `${T.port} police-qingdao-case-db-0-port`,
          `${T.port} police-qingdao-case-db-1-port`,
        ].sort(),
      );
    });

    it("mirrors them at laixi, with replicas at qingdao", () => {
      const names = shape(subtree("police-laixi-case-db"));
      assert.equal(names.length, 25);
      assert.ok(names.includes(`${T.volume} police-qingdao-case-db-1-redo-from-laixi`));
      assert.ok(names.includes(`${T.instance} police-laixi-case-db-1`));
    });

    it("runs its instances in hard anti-affinity, one per zone, on the private flavor", () => {
      const group = get(T.serverGroup, "police-qingdao-case-db");
      assert.deepEqual(group.inputs.policies, ["anti-affinity"]);
      assert.deepEqual(group.ignoreChanges, ["name"]);
      assert.equal(group.providerName, "police-qingdao-project");
      const zones = ["qd-az1", "qd-az2"];
      zones.forEach((zone, n) => {
        const instance = get(T.instance, `police-qingdao-case-db-${n}`);
        assert.equal(instance.inputs.name, `police-qingdao-case-db-${n}`);
        assert.equal(instance.inputs.flavorName, "db.2xlarge");
        assert.equal(instance.inputs.imageName, "kylin-server-v10-sp3");
        assert.equal(instance.inputs.availabilityZone, zone);
        assert.deepEqual(instance.inputs.networks, [
          { port: mockId(T.port, `police-qingdao-case-db-${n}-port`) },
        ]);
        assert.deepEqual(instance.inputs.schedulerHints, [
          { group: mockId(T.serverGroup, "police-qingdao-case-db") },
        ]);
        assert.deepEqual(
          instance.inputs.tags,
          tags("qingdao", "critical", "QD-CHG-2026-00153", "2026-03-02", "zhang.wei", "case-db"),
        );
        assert.equal(instance.providerName, "police-qingdao-project");
        assert.equal(instance.deleteBeforeReplace, true);
      });
      assert.equal(get(T.instance, "police-laixi-case-db-1").inputs.availabilityZone, "lx-az2");
    });

    it("puts each instance on a port of its network, behind its security group", () => {
      const port = get(T.port, "police-qingdao-case-db-0-port");
      assert.equal(
        port.inputs.networkId,
        mockId("openstack:networking/network:Network", "police-qingdao-data"),
      );
      assert.deepEqual(port.inputs.fixedIps, [
        { subnetId: mockId("openstack:networking/subnet:Subnet", "police-qingdao-data-subnet") },
      ]);
      assert.deepEqual(port.inputs.securityGroupIds, [
        mockId("openstack:networking/secGroup:SecGroup", "police-qingdao-case-db"),
      ]);
      assert.equal(port.providerName, "police-qingdao-project");
    });

    it("keeps each data volume at its site and its protected replica at the peer", () => {
      const primary = get(T.volume, "police-qingdao-case-db-0-data");
      assert.equal(primary.inputs.volumeType, "ssd-sync");
      assert.equal(primary.inputs.size, 2000);
      assert.equal(primary.providerName, "police-qingdao-project");
      assert.equal(primary.protect, true);
      assert.deepEqual(primary.inputs.metadata, {
        department: "police",
        site: "qingdao",
        tier: "critical",
        owner: "zhang.wei",
        "cost-centre": "QD-1101",
        approval: "QD-CHG-2026-00153",
        "approved-on": "2026-03-02",
        approver: "zhang.wei",
        workload: "case-db",
        "replication-role": "primary",
        "replication-primary": "police-qingdao-case-db-0-data",
        "replication-secondary": "police-laixi-case-db-0-data-from-qingdao",
        "replication-peer-site": "laixi",
        "replication-mode": "sync",
        "replication-rpo-seconds": "0",
      });
      const secondary = get(T.volume, "police-laixi-case-db-0-data-from-qingdao");
      assert.equal(secondary.inputs.volumeType, "ssd-sync");
      assert.equal(secondary.providerName, "police-laixi-project");
      assert.equal(secondary.protect, true);
      assert.equal(
        (secondary.inputs.metadata as Record<string, string>)["replication-role"],
        "secondary",
      );
      assert.equal((secondary.inputs.metadata as Record<string, string>).site, "laixi");
      assert.equal(get(T.volume, "police-qingdao-case-db-1-redo").inputs.size, 200);
    });

    it("pairs the two on the storage with the platform's command, by volume id", () => {
      const pairing = get(T.command, "police-qingdao-case-db-0-data-pairing");
      const primary = mockId(T.volume, "police-qingdao-case-db-0-data");
      const secondary = mockId(T.volume, "police-laixi-case-db-0-data-from-qingdao");
      assert.equal(
        pairing.inputs.create,
        `storagectl pair create --primary ${primary} --secondary ${secondary} --mode sync --rpo 0`,
      );
      assert.equal(
        pairing.inputs.delete,
        `storagectl pair delete --primary ${primary} --secondary ${secondary}`,
      );
      assert.equal(pairing.providerName, "police-command");
    });

    it("attaches primaries only, replacing attachments delete-first", () => {
      const attach = get(T.attach, "police-qingdao-case-db-1-redo-attach");
      assert.equal(attach.inputs.instanceId, mockId(T.instance, "police-qingdao-case-db-1"));
      assert.equal(attach.inputs.volumeId, mockId(T.volume, "police-qingdao-case-db-1-redo"));
      assert.equal(attach.deleteBeforeReplace, true);
      const volumeNames = new Map(harness.ofType(T.volume).map((v) => [v.outputs.id, v.name]));
      const attached = harness.ofType(T.attach).map((a) => volumeNames.get(a.inputs.volumeId));
      assert.ok(attached.length > 0);
      assert.deepEqual(
        attached.filter((name) => name === undefined || name.includes("-from-")),
        [],
        "a replica is attached",
      );
    });

    it("has no floating IPs", () => {
      assert.equal(subtree("police-qingdao-case-db").filter((r) => r.type === T.fip).length, 0);
    });
  });

  describe("important (hukou-portal: active-standby, asynchronous replication)", () => {
    it("owns volumes at the primary site only", () => {
      assert.deepEqual(
        shape(subtree("police-laixi-hukou-portal")),
        [
          `${T.instance} police-laixi-hukou-portal-0`,
          `${T.serverGroup} police-laixi-hukou-portal`,
          `${T.port} police-laixi-hukou-portal-0-port`,
          `${T.fip} police-laixi-hukou-portal-0-fip`,
        ].sort(),
      );
      const qingdao = shape(subtree("police-qingdao-hukou-portal"));
      assert.deepEqual(
        qingdao,
        [
          `${T.command} police-qingdao-hukou-portal-0-uploads-pairing`,
          `${T.command} police-qingdao-hukou-portal-1-uploads-pairing`,
          `${T.replicated} police-qingdao-hukou-portal-0-uploads`,
          `${T.replicated} police-qingdao-hukou-portal-1-uploads`,
          `${T.volume} police-laixi-hukou-portal-0-uploads-from-qingdao`,
          `${T.volume} police-laixi-hukou-portal-1-uploads-from-qingdao`,
          `${T.volume} police-qingdao-hukou-portal-0-uploads`,
          `${T.volume} police-qingdao-hukou-portal-1-uploads`,
          `${T.instance} police-qingdao-hukou-portal-0`,
          `${T.instance} police-qingdao-hukou-portal-1`,
          `${T.serverGroup} police-qingdao-hukou-portal`,
          `${T.attach} police-qingdao-hukou-portal-0-uploads-attach`,
          `${T.attach} police-qingdao-hukou-portal-1-uploads-attach`,
          `${T.fip} police-qingdao-hukou-portal-0-fip`,
          `${T.fip} police-qingdao-hukou-portal-1-fip`,
          `${T.port} police-qingdao-hukou-portal-0-port`,
          `${T.port} police-qingdao-hukou-portal-1-port`,
        ].sort(),
      );
    });

    it("replicates asynchronously with the type's RPO", () => {
      const pairing = get(T.command, "police-qingdao-hukou-portal-1-uploads-pairing");
      assert.match(String(pairing.inputs.create), / --mode async --rpo 300$/);
      const volume = get(T.volume, "police-qingdao-hukou-portal-1-uploads");
      assert.equal(volume.inputs.volumeType, "ssd-async");
      assert.equal(
        (volume.inputs.metadata as Record<string, string>)["replication-rpo-seconds"],
        "300",
      );
    });

    it("gives every instance a floating IP from its site's external network", () => {
      const qd = get(T.fip, "police-qingdao-hukou-portal-1-fip");
      assert.equal(qd.inputs.pool, "qd-egov-ext");
      assert.equal(qd.inputs.portId, mockId(T.port, "police-qingdao-hukou-portal-1-port"));
      assert.equal(qd.providerName, "police-qingdao-project");
      assert.deepEqual(
        qd.inputs.tags,
        tags(
          "qingdao",
          "important",
          "QD-REQ-2026-00871",
          "2026-05-18",
          "zhang.wei",
          "hukou-portal",
        ),
      );
      assert.equal(get(T.fip, "police-laixi-hukou-portal-0-fip").inputs.pool, "lx-egov-ext");
    });

    it("spreads replicas with hard anti-affinity, on a public flavor", () => {
      assert.deepEqual(get(T.serverGroup, "police-laixi-hukou-portal").inputs.policies, [
        "anti-affinity",
      ]);
      const standby = get(T.instance, "police-laixi-hukou-portal-0");
      assert.equal(standby.inputs.flavorName, "s1.large");
      assert.equal(standby.inputs.availabilityZone, "lx-az1");
      assert.deepEqual(
        standby.inputs.tags,
        tags("laixi", "important", "QD-REQ-2026-00871", "2026-05-18", "zhang.wei", "hukou-portal"),
      );
    });
  });

  describe("standard (video-index: one site, local volumes)", () => {
    it("runs at qingdao only", () => {
      assert.equal(
        harness.resources.filter((r) => r.name.startsWith("police-laixi-video-index")).length,
        0,
      );
      const volumes = [0, 1, 2, 3].map((n) => `police-qingdao-video-index-${n}`);
      assert.deepEqual(
        shape(subtree("police-qingdao-video-index")),
        [
          ...volumes.map((i) => `${T.volume} ${i}-index`),
          ...volumes.map((i) => `${T.instance} ${i}`),
          `${T.serverGroup} police-qingdao-video-index`,
          ...volumes.map((i) => `${T.attach} ${i}-index-attach`),
          ...volumes.map((i) => `${T.port} ${i}-port`),
        ].sort(),
      );
    });

    it("spreads best-effort and alternates zones", () => {
      assert.deepEqual(get(T.serverGroup, "police-qingdao-video-index").inputs.policies, [
        "soft-anti-affinity",
      ]);
      const zones = [0, 1, 2, 3].map(
        (n) => get(T.instance, `police-qingdao-video-index-${n}`).inputs.availabilityZone,
      );
      assert.deepEqual(zones, ["qd-az1", "qd-az2", "qd-az1", "qd-az2"]);
    });

    it("grows every volume while it is attached (the provider refuses to without online resize)", () => {
      for (const name of [
        "police-qingdao-video-index-2-index",
        "police-qingdao-case-db-0-data",
        "police-laixi-case-db-0-data-from-qingdao",
      ]) {
        assert.equal(get(T.volume, name).inputs.enableOnlineResize, true, name);
      }
    });

    it("keeps local volumes unreplicated and unprotected", () => {
      const volume = get(T.volume, "police-qingdao-video-index-2-index");
      assert.equal(volume.inputs.volumeType, "sas-local");
      assert.equal(volume.inputs.size, 4000);
      assert.equal(volume.protect, false);
      assert.equal(volume.parent?.type, T.workload);
      const metadata = volume.inputs.metadata as Record<string, string>;
      // No approver: the approval of this standard workload names none.
      assert.deepEqual(
        Object.keys(metadata).sort(),
        LABEL_KEYS.filter((key) => key !== "approver").sort(),
      );
      assert.equal(metadata.tier, "standard");
      assert.equal(metadata.approval, "QD-CHG-2026-00402");
    });
  });
});
