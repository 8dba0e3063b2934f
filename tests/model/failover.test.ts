/**
 * model/failover.ts on the fixture estate: water runs meter-db (critical, db.xlarge 8 vCPU /
 * 64 GiB, 2 + 2), billing (important, s1.large 4 / 8, 2 at qingdao + 1 standby at laixi) and
 * reports (standard, s1.small 1 / 2, 1 at qingdao); health runs portal (standard, 1 at laixi).
 * Each site has 2 hosts of 64 threads and 512 GiB: 20 VMs, 256 vCPUs, 1024 GiB.
 */
import { strict as assert } from "node:assert";
import type { Estate } from "../../model/estate";
import type { SiteLoss, WorkloadFate } from "../../model/failover";
import {
  emergencyCapacity,
  failoverInput,
  linkLoss,
  preferredSite,
  quorumReport,
  siteLoss,
  survivingTarget,
} from "../../model/failover";
import { fixtureText, loadWith, PLATFORM, replaceOnce } from "./support";

let loaded: Estate | undefined;

function fixtureEstate(): Estate {
  if (loaded === undefined) {
    loaded = loadWith({}).estate;
    assert.ok(loaded);
  }
  return structuredClone(loaded);
}

function lose(estate: Estate, site: string, options = {}): SiteLoss {
  const loss = siteLoss(failoverInput(estate), site, options);
  assert.ok(loss, `${site} is an active site`);
  return loss;
}

function fate(loss: SiteLoss, department: string, workload: string): WorkloadFate {
  const found = loss.departments
    .find((entry) => entry.id === department)
    ?.workloads.find((entry) => entry.workload === workload);
  assert.ok(found, `${department}/${workload}`);
  return found;
}

describe("site loss", () => {
  describe("losing qingdao", () => {
    it("grows the critical workload at laixi to its full replica count", () => {
      const meter = fate(lose(fixtureEstate(), "qingdao"), "water", "meter-db");
      assert.equal(meter.fate, "grows");
      assert.deepEqual(
        { lost: meter.lost, before: meter.before, after: meter.after, starts: meter.starts },
        { lost: 2, before: 2, after: 4, starts: 2 },
      );
      assert.deepEqual(meter.adds, { vcpus: 16, ramGiB: 128, instances: 2 });
      assert.deepEqual(
        meter.attaches.map((volume) => volume.name),
        ["water-laixi-meter-db-0-data-from-qingdao", "water-laixi-meter-db-1-data-from-qingdao"],
      );
      assert.equal(meter.rtoMinutes, 5);
    });

    it("starts the important workload's standby at laixi, the standby already there counting", () => {
      const billing = fate(lose(fixtureEstate(), "qingdao"), "water", "billing");
      assert.equal(billing.fate, "starts");
      assert.deepEqual(
        {
          lost: billing.lost,
          before: billing.before,
          after: billing.after,
          starts: billing.starts,
        },
        { lost: 2, before: 1, after: 2, starts: 1 },
      );
      assert.deepEqual(billing.adds, { vcpus: 4, ramGiB: 8, instances: 1 });
      assert.deepEqual(
        billing.attaches.map((volume) => [volume.name, volume.replication]),
        [
          ["water-laixi-billing-0-uploads-from-qingdao", "async"],
          ["water-laixi-billing-1-uploads-from-qingdao", "async"],
        ],
      );
      assert.equal(billing.rtoMinutes, 60);
      assert.equal(billing.rpoSeconds, 900);
    });

    it("leaves the standard workload down within its RTO and laixi's own running", () => {
      const loss = lose(fixtureEstate(), "qingdao");
      const reports = fate(loss, "water", "reports");
      assert.equal(reports.fate, "down");
      assert.deepEqual(
        { lost: reports.lost, after: reports.after, starts: reports.starts },
        { lost: 1, after: 0, starts: 0 },
      );
      assert.equal(reports.rtoMinutes, 1440);
      assert.equal(fate(loss, "health", "portal").fate, "keeps-running");
      assert.deepEqual(loss.restoreAdds, { vcpus: 1, ramGiB: 2, instances: 1 });
    });

    it("adds it up against laixi's hosts", () => {
      const loss = lose(fixtureEstate(), "qingdao");
      assert.equal(loss.survivor, "laixi");
      assert.deepEqual(loss.survivingTiers, ["critical", "important"]);
      // meter-db 2 x db.xlarge, billing 1 x s1.large, portal 1 x s1.small
      assert.deepEqual(loss.before, { vcpus: 21, ramGiB: 138, instances: 4 });
      assert.deepEqual(loss.adds, { vcpus: 20, ramGiB: 136, instances: 3 });
      assert.deepEqual(loss.needed, { vcpus: 41, ramGiB: 274, instances: 7 });
      assert.deepEqual(loss.emergency, { vcpus: 256, ramGiB: 1024, instances: 20 });
      assert.deepEqual(loss.available, loss.emergency);
      assert.deepEqual(loss.headroom, { vcpus: 84, ramGiB: 73.2, instances: 65 });
      assert.deepEqual(loss.shortfalls, []);
      assert.deepEqual(loss.fixes, []);
      const water = loss.departments.find((entry) => entry.id === "water");
      assert.deepEqual(water?.before, { vcpus: 20, ramGiB: 136, instances: 3 });
      assert.deepEqual(water?.adds, { vcpus: 20, ramGiB: 136, instances: 3 });
    });
  });

  describe("losing laixi", () => {
    it("grows the critical workload at qingdao; the important one loses only its standby", () => {
      const loss = lose(fixtureEstate(), "laixi");
      assert.equal(loss.survivor, "qingdao");
      assert.equal(fate(loss, "water", "meter-db").starts, 2);
      const billing = fate(loss, "water", "billing");
      assert.deepEqual([billing.fate, billing.starts, billing.after], ["keeps-running", 0, 2]);
      assert.equal(fate(loss, "water", "reports").fate, "keeps-running");
      assert.equal(fate(loss, "health", "portal").fate, "down");
      assert.deepEqual(loss.before, { vcpus: 25, ramGiB: 146, instances: 5 });
      assert.deepEqual(loss.needed, { vcpus: 41, ramGiB: 274, instances: 7 });
      assert.deepEqual(loss.restoreAdds, { vcpus: 1, ramGiB: 2, instances: 1 });
    });
  });

  describe("tier settings", () => {
    it("runs a share of the critical group: 0.5 of 4 is what already survives", () => {
      const estate = fixtureEstate();
      estate.platform.tiers[0].failover = { survivingReplicas: 0.5 };
      const meter = fate(lose(estate, "qingdao"), "water", "meter-db");
      assert.deepEqual([meter.fate, meter.starts, meter.after], ["continues", 0, 2]);
      assert.deepEqual(meter.attaches, []);
    });

    it("rounds a share up: 0.75 of 4 starts one instance, which takes one volume copy", () => {
      const estate = fixtureEstate();
      estate.platform.tiers[0].failover = { survivingReplicas: 0.75 };
      const meter = fate(lose(estate, "qingdao"), "water", "meter-db");
      assert.deepEqual([meter.fate, meter.starts, meter.after], ["grows", 1, 3]);
      assert.deepEqual(
        meter.attaches.map((volume) => volume.name),
        ["water-laixi-meter-db-0-data-from-qingdao"],
      );
      assert.equal(survivingTarget(10, 0.3), 3);
      assert.equal(survivingTarget(3, "full"), 3);
    });

    it("starts nothing of a tier that need not survive", () => {
      const loss = lose(fixtureEstate(), "qingdao", { survivingTiers: ["critical"] });
      const billing = fate(loss, "water", "billing");
      assert.deepEqual([billing.fate, billing.starts], ["reduced", 0]);
      assert.deepEqual(loss.adds, { vcpus: 16, ramGiB: 128, instances: 2 });
      // reports (1 x s1.small) and billing's two lost instances (s1.large) could be restored
      assert.deepEqual(loss.restoreAdds, { vcpus: 9, ramGiB: 18, instances: 3 });
    });
  });

  describe("capacity", () => {
    it("uses capacity.emergency, each field defaulting to the everyday one", () => {
      const estate = fixtureEstate();
      assert.deepEqual(emergencyCapacity(estate.platform), {
        vmsPerHost: 10,
        cpuOvercommit: 2,
        ramOvercommit: 1,
      });
      estate.platform.capacity.emergency = { vmsPerHost: 12, cpuOvercommit: 3 };
      const loss = lose(estate, "qingdao");
      assert.deepEqual(loss.everyday, { vcpus: 256, ramGiB: 1024, instances: 20 });
      assert.deepEqual(loss.emergency, { vcpus: 384, ramGiB: 1024, instances: 24 });
    });

    it("names the shortfall and what would fix it", () => {
      const estate = fixtureEstate();
      estate.platform.capacity.vmsPerHost = 3; // 6 VMs at laixi, 7 needed
      const loss = lose(estate, "qingdao");
      assert.deepEqual(loss.shortfalls, [
        { dimension: "instances", needed: 7, available: 6, short: 1 },
      ]);
      assert.equal(loss.headroom.instances, -16.7);
      assert.deepEqual(loss.fixes, [
        "add about 1 host of the current mix to laixi (platform.yaml sites[laixi].hosts)",
        "raise capacity.emergency.vmsPerHost as far as the hosts safely allow for the hours of a failover",
        "start fewer instances at laixi: set a share in tiers[].failover.survivingReplicas " +
          "(starts by tier: critical 2, important 1), or fewer replicas or smaller flavors in " +
          "the largest departments (water +20 vCPU)",
      ]);
      estate.platform.capacity.emergency = { vmsPerHost: 4 };
      assert.deepEqual(lose(estate, "qingdao").shortfalls, []);
    });

    it("keeps the headroom free", () => {
      const estate = fixtureEstate();
      estate.platform.capacity.vmsPerHost = 4; // 8 VMs at laixi, 7 needed
      const loss = lose(estate, "qingdao", { headroomPercent: 20 });
      assert.equal(loss.available.instances, 6.4);
      assert.deepEqual(
        loss.shortfalls.map((shortfall) => shortfall.dimension),
        ["instances"],
      );
    });

    it("knows only the two active sites", () => {
      const input = failoverInput(fixtureEstate());
      assert.equal(siteLoss(input, "quorum"), undefined);
      assert.equal(siteLoss(input, "atlantis"), undefined);
    });
  });
});

describe("failover settings in platform.yaml", () => {
  it("are read from the file and pass its schema", () => {
    let text = fixtureText(PLATFORM);
    text = replaceOnce(
      text,
      "  storageGiBPerSite: 50000\n",
      "  storageGiBPerSite: 50000\n  emergency: { vmsPerHost: 12, cpuOvercommit: 3 }\n",
    );
    text = replaceOnce(
      text,
      "    rtoMinutes: 5\n",
      "    rtoMinutes: 5\n    failover: { survivingReplicas: 0.75 }\n",
    );
    text = replaceOnce(
      text,
      "    rtoMinutes: 60\n",
      "    rtoMinutes: 60\n    failover: { survivingReplicas: full }\n",
    );
    text = replaceOnce(
      text,
      "  delete: storagectl pair delete {primary} {secondary}\n",
      "  delete: storagectl pair delete {primary} {secondary}\n  preferredSite: laixi\n",
    );
    const { estate, problems } = loadWith({ [PLATFORM]: text });
    assert.deepEqual(problems, []);
    assert.ok(estate);
    const input = failoverInput(estate);
    assert.equal(input.preferredSite, "laixi");
    assert.deepEqual(
      input.tiers.map((tier) => tier.survivingReplicas),
      [0.75, "full", "full"],
    );
    assert.deepEqual(input.emergency, { vmsPerHost: 12, cpuOvercommit: 3, ramOvercommit: 1 });
  });

  it("refuses a share above 1", () => {
    const text = replaceOnce(
      fixtureText(PLATFORM),
      "    rtoMinutes: 5\n",
      "    rtoMinutes: 5\n    failover: { survivingReplicas: 1.5 }\n",
    );
    const { problems } = loadWith({ [PLATFORM]: text });
    assert.ok(
      problems.some((problem) => problem.path === "tiers[0].failover.survivingReplicas"),
      JSON.stringify(problems),
    );
  });
});

describe("the storage quorum", () => {
  it("prefers the first active site unless storagePairing.preferredSite says otherwise", () => {
    const estate = fixtureEstate();
    assert.equal(preferredSite(estate.platform), "qingdao");
    estate.platform.storagePairing.preferredSite = "laixi";
    assert.equal(preferredSite(estate.platform), "laixi");
  });

  it("keeps writing at the preferred site when the witness is lost with the other site", () => {
    const input = failoverInput(fixtureEstate());
    const report = quorumReport(input, "laixi");
    assert.equal(report.witnessSite, "quorum");
    assert.equal(report.witnessDomain, "quorum-kvm-01/storage-witness");
    assert.deepEqual(
      report.scenarios.map((scenario) => [scenario.when, scenario.writer, scenario.automatic]),
      [
        ["the witness at quorum is lost", undefined, true],
        ["laixi and the witness at quorum are lost", "qingdao", true],
        ["the link between qingdao and laixi is cut", "qingdao", true],
        ["the link is cut and the witness at quorum is lost", "qingdao", true],
      ],
    );
  });

  it("stops writes at the survivor when the preferred site and the witness are both lost", () => {
    const report = quorumReport(failoverInput(fixtureEstate()), "qingdao");
    const both = report.scenarios[1];
    assert.equal(both.when, "qingdao and the witness at quorum are lost");
    assert.equal(both.writer, undefined);
    assert.equal(both.automatic, false);
    assert.match(both.outcome, /no split brain/);
  });

  it("says so when no witness is defined", () => {
    const estate = fixtureEstate();
    estate.platform.kvmHosts = [];
    const report = quorumReport(failoverInput(estate));
    assert.equal(report.witnessDomain, undefined);
    assert.equal(report.scenarios[0].automatic, false);
    assert.match(report.scenarios[0].outcome, /no quorum witness is defined/);
  });

  it("asks the preferred site to carry the critical load when the link is cut", () => {
    const loss = linkLoss(failoverInput(fixtureEstate()));
    assert.ok(loss);
    assert.equal(loss.survivor, "qingdao");
    assert.deepEqual(loss.survivingTiers, ["critical"]);
    assert.deepEqual(loss.adds, { vcpus: 16, ramGiB: 128, instances: 2 });
  });
});
