/**
 * security-baseline: one resource at a time. The test department opens PostgreSQL to its app
 * network, HTTPS (443) to the world for its portal, and SSH to the operations VPN; the portal's
 * floating IPs carry its approval (zhang.wei).
 */
import { strict as assert } from "node:assert";
import type { StackPlan } from "../../plan/types";
import { FIXTURE_ROOT, STACK } from "./support/estate";
import { analyze, check as checkPolicy, isolate, notApplicableReasons } from "./support/pack";
import { edit, find, only, setLabel, T } from "./support/plans";
import { programPlan } from "./support/program-plan";

const POLICY = "security-baseline";
const SSH = "police-qingdao-bastion-tcp-22-from-10.8.0.0-16";
const HTTPS = "police-qingdao-portal-tcp-443-from-0.0.0.0-0";
const POSTGRES = "police-qingdao-case-db-tcp-5432-from-network-app";

describe(POLICY, function () {
  this.timeout(60_000);
  let plan: StackPlan;
  beforeEach(async () => {
    plan = await programPlan(FIXTURE_ROOT, STACK);
  });
  const check = (names: string[], properties?: Record<string, unknown>) =>
    checkPolicy(only(plan, ...names), POLICY, properties);
  const rule = (name: string) => find(plan, name, T.secGroupRule);
  const instance = (name: string) => find(plan, name, T.instance);

  it("passes every rule, floating IP and instance the program builds", async () => {
    assert.deepEqual(await checkPolicy(plan, POLICY), []);
  });

  it("fails SSH open to the whole internet, over IPv4 or IPv6", async () => {
    edit(rule(SSH), (p) => (p.remoteIpPrefix = "0.0.0.0/0"));
    edit(rule(POSTGRES), (p) => {
      p.ethertype = "IPv6";
      p.remoteIpPrefix = "::/0";
    });
    assert.deepEqual(await check([SSH, POSTGRES]), [
      "mandatory police-qingdao-bastion-tcp-22-from-10.8.0.0-16: police-qingdao-bastion-tcp-22-from-10.8.0.0-16 (networking.SecGroupRule) opens tcp port 22 to 0.0.0.0/0, reaching forbidden port 22 (SSH). Narrow the source to the networks that need it (the city operations VPN for SSH and RDP, the application network for databases).",
      "mandatory police-qingdao-case-db-tcp-5432-from-network-app: police-qingdao-case-db-tcp-5432-from-network-app (networking.SecGroupRule) opens tcp port 5432 to ::/0, reaching forbidden port 5432 (PostgreSQL). Narrow the source to the networks that need it (the city operations VPN for SSH and RDP, the application network for databases).",
    ]);
  });

  it("fails a world-open range that covers a forbidden port, and a rule with no port range", async () => {
    edit(rule(HTTPS), (p) => {
      p.portRangeMin = 1;
      p.portRangeMax = 1024;
    });
    edit(rule(SSH), (p) => {
      p.remoteIpPrefix = "0.0.0.0/0";
      delete p.portRangeMin;
      delete p.portRangeMax;
    });
    assert.deepEqual(await check([HTTPS, SSH]), [
      "mandatory police-qingdao-bastion-tcp-22-from-10.8.0.0-16: police-qingdao-bastion-tcp-22-from-10.8.0.0-16 (networking.SecGroupRule) opens every tcp port to 0.0.0.0/0, reaching forbidden ports 22 (SSH), 23 (Telnet), 1433 (SQL Server) and 12 more. Narrow the source to the networks that need it (the city operations VPN for SSH and RDP, the application network for databases).",
      "mandatory police-qingdao-portal-tcp-443-from-0.0.0.0-0: police-qingdao-portal-tcp-443-from-0.0.0.0-0 (networking.SecGroupRule) opens tcp ports 1-1024 to 0.0.0.0/0, reaching forbidden ports 22 (SSH), 23 (Telnet). Narrow the source to the networks that need it (the city operations VPN for SSH and RDP, the application network for databases).",
    ]);
  });

  it("fails a rule for every protocol, and a rule without any source", async () => {
    edit(rule(HTTPS), (p) => {
      delete p.protocol;
      delete p.portRangeMin;
      delete p.portRangeMax;
    });
    edit(rule(POSTGRES), (p) => delete p.remoteIpPrefix);
    assert.deepEqual(await check([HTTPS, POSTGRES]), [
      "mandatory police-qingdao-case-db-tcp-5432-from-network-app: police-qingdao-case-db-tcp-5432-from-network-app (networking.SecGroupRule) opens tcp port 5432 to any source (no remoteIpPrefix or remote group: every IPv4 address), reaching forbidden port 5432 (PostgreSQL). Narrow the source to the networks that need it (the city operations VPN for SSH and RDP, the application network for databases).",
      "mandatory police-qingdao-portal-tcp-443-from-0.0.0.0-0: police-qingdao-portal-tcp-443-from-0.0.0.0-0 (networking.SecGroupRule) opens every protocol and port to 0.0.0.0/0, reaching forbidden ports 22 (SSH), 23 (Telnet), 1433 (SQL Server) and 12 more. Narrow the source to the networks that need it (the city operations VPN for SSH and RDP, the application network for databases).",
    ]);
  });

  it("passes world-open ICMP, egress, and sources that are a security group", async () => {
    edit(rule(HTTPS), (p) => {
      p.protocol = "icmp";
      delete p.portRangeMin;
      delete p.portRangeMax;
    });
    edit(rule(SSH), (p) => {
      p.direction = "egress";
      p.remoteIpPrefix = "0.0.0.0/0";
    });
    edit(rule(POSTGRES), (p) => {
      delete p.remoteIpPrefix;
      p.remoteGroupId = { "[unknown]": true };
    });
    assert.deepEqual(await check([HTTPS, SSH, POSTGRES]), []);
  });

  it("checks the configured ports", async () => {
    assert.deepEqual(await check([HTTPS], { forbiddenPorts: [443, 8443] }), [
      "mandatory police-qingdao-portal-tcp-443-from-0.0.0.0-0: police-qingdao-portal-tcp-443-from-0.0.0.0-0 (networking.SecGroupRule) opens tcp port 443 to 0.0.0.0/0, reaching forbidden port 443. Narrow the source to the networks that need it (the city operations VPN for SSH and RDP, the application network for databases).",
    ]);
  });

  it("does not pass a rule whose source is not known during the preview", async () => {
    edit(rule(SSH), (p) => (p.remoteIpPrefix = { "[unknown]": true }));
    assert.deepEqual(await check([SSH]), [
      "mandatory police-qingdao-bastion-tcp-22-from-10.8.0.0-16: police-qingdao-bastion-tcp-22-from-10.8.0.0-16 (networking.SecGroupRule) cannot be checked: its source .remoteIpPrefix is not known during the preview (it is computed from another resource)",
    ]);
  });

  it("fails a floating IP without an approval", async () => {
    const fip = find(plan, "police-laixi-portal-0-fip", T.floatingIp);
    setLabel(fip, "approver", undefined);
    setLabel(fip, "approval", undefined);
    assert.deepEqual(await check(["police-laixi-portal-0-fip"]), [
      "mandatory police-laixi-portal-0-fip: police-laixi-portal-0-fip (networking.FloatingIp) exposes a machine to the outside without an approval: it has no approval or approver label. Floating IPs need an approval with a named approver (floatingIp: true on a workload whose approval names one).",
    ]);
  });

  it("fails flavors and images that are not in the catalog, or withdrawn", async () => {
    edit(instance("police-qingdao-bastion-0"), (p) => {
      p.flavorName = "x9.huge";
      p.imageName = "ubuntu-24.04";
    });
    edit(instance("police-laixi-portal-0"), (p) => {
      delete p.imageName;
      p.imageId = "0b4f0d8e-1d1b-4b8e-9f7a-2f8f3f1d9a11";
    });
    edit(instance("police-qingdao-case-db-0"), (p) => (p.imageName = "centos-7.9"));
    const names = ["police-qingdao-bastion-0", "police-laixi-portal-0", "police-qingdao-case-db-0"];
    assert.deepEqual(await check(names, { forbiddenImages: ["centos-7.9"] }), [
      "mandatory police-laixi-portal-0: police-laixi-portal-0 (compute.Instance) boots an image by id; instances name a catalog image (imageName), so that the image can be checked: kylin-server-v10-sp3.",
      "mandatory police-qingdao-bastion-0: police-qingdao-bastion-0 (compute.Instance) uses flavor x9.huge, which is not in the catalog: s1.medium, s1.large, m1.xlarge, db.xlarge.",
      "mandatory police-qingdao-bastion-0: police-qingdao-bastion-0 (compute.Instance) boots image ubuntu-24.04, which is not in the catalog: kylin-server-v10-sp3.",
      "mandatory police-qingdao-case-db-0: police-qingdao-case-db-0 (compute.Instance) boots image centos-7.9, which the city no longer allows; move it to one of kylin-server-v10-sp3.",
    ]);
  });

  it("does not pass an instance whose flavor is not known during the preview", async () => {
    edit(instance("police-qingdao-bastion-0"), (p) => (p.flavorName = { "[unknown]": true }));
    const report = await analyze(only(plan, "police-qingdao-bastion-0"), {
      policyConfig: isolate(POLICY),
    });
    // Not the SDK's advisory "can't run policy ... during preview": a mandatory verdict.
    assert.deepEqual(
      report.diagnostics.map((d) => [d.enforcementLevel, d.message.split("\n")[1]]),
      [
        [
          "mandatory",
          "the flavor of police-qingdao-bastion-0 (compute.Instance) cannot be checked: .flavorName is not known during the preview (it is computed from another resource)",
        ],
      ],
    );
  });

  it("is not applicable to other resources", async () => {
    const report = await analyze(only(plan, "police-qingdao-data"), {
      policyConfig: isolate(POLICY),
    });
    assert.deepEqual(notApplicableReasons(report, POLICY, "police-qingdao-data"), [
      "the baseline does not cover networking.Network",
    ]);
  });
});
