/**
 * security-baseline, called directly on one resource at a time. The test department opens
 * PostgreSQL to its app network, HTTPS (443) to the world for its portal, and SSH to the
 * operations VPN; the portal's floating IPs carry its approval (zhang.wei).
 */
import { strict as assert } from "node:assert";
import { NotApplicable } from "../../policies/lib/policy";
import type { ResourceView } from "../../policies/lib/resource-view";
import type { SecurityBaselineConfig } from "../../policies/security-baseline";
import { checkSecurityBaseline } from "../../policies/security-baseline";
import { STACK } from "./support/estate";
import { testFacts } from "./support/facts";
import type { Case } from "./support/table";
import { table } from "./support/table";
import {
  floatingIp,
  ingressRule,
  instance,
  network,
  policeStack,
  relabel,
  set,
  unknown,
  unset,
  view,
  T,
} from "./support/views";

const DEFAULTS: SecurityBaselineConfig = {
  forbiddenPorts: [
    22, 23, 3389, 5900, 1433, 1521, 3306, 5432, 5236, 54321, 6379, 9200, 9300, 11211, 27017,
  ],
  forbiddenImages: [],
};

const ssh = () =>
  ingressRule("police-qingdao-bastion-tcp-22-from-10.8.0.0-16", "qingdao", {
    port: 22,
    from: "10.8.0.0/16",
  });
const https = () =>
  ingressRule("police-qingdao-portal-tcp-443-from-0.0.0.0-0", "qingdao", {
    port: 443,
    from: "0.0.0.0/0",
  });
const postgres = () =>
  ingressRule("police-qingdao-case-db-tcp-5432-from-network-app", "qingdao", {
    port: 5432,
    from: "10.16.0.0/24",
  });

const NARROW =
  "Narrow the source to the networks that need it (the city operations VPN for SSH and RDP, the application network for databases).";
const MANY_PORTS =
  "reaching forbidden ports 22 (SSH), 23 (Telnet), 1433 (SQL Server) and 12 more. ";

const cases: Case<ResourceView, SecurityBaselineConfig>[] = [
  { name: "passes SSH from the operations VPN", input: ssh, expect: [] },
  { name: "passes HTTPS from the whole internet", input: https, expect: [] },
  { name: "passes PostgreSQL from the app network", input: postgres, expect: [] },
  {
    name: "passes an instance the program builds",
    input: () => instance("case-db", "qingdao", 0),
    expect: [],
  },
  {
    name: "passes a floating IP with its approval",
    input: () => floatingIp("portal", "qingdao", 0),
    expect: [],
  },
  {
    name: "fails SSH open to the whole internet over IPv4",
    input: () => set(ssh(), { remoteIpPrefix: "0.0.0.0/0" }),
    expect: [
      {
        says: `police-qingdao-bastion-tcp-22-from-10.8.0.0-16 (networking.SecGroupRule) opens tcp port 22 to 0.0.0.0/0, reaching forbidden port 22 (SSH). ${NARROW}`,
      },
    ],
  },
  {
    name: "fails a database port open to the whole internet over IPv6",
    input: () => set(postgres(), { ethertype: "IPv6", remoteIpPrefix: "::/0" }),
    expect: [
      {
        says: `police-qingdao-case-db-tcp-5432-from-network-app (networking.SecGroupRule) opens tcp port 5432 to ::/0, reaching forbidden port 5432 (PostgreSQL). ${NARROW}`,
      },
    ],
  },
  {
    name: "takes any prefix of length 0 for the whole internet",
    input: () => set(ssh(), { remoteIpPrefix: "10.0.0.0/0" }),
    expect: [{ says: "opens tcp port 22 to 10.0.0.0/0, reaching forbidden port 22 (SSH)." }],
  },
  {
    name: "fails a world-open range that covers a forbidden port",
    input: () => set(https(), { portRangeMin: 1, portRangeMax: 1024 }),
    expect: [
      {
        says: `police-qingdao-portal-tcp-443-from-0.0.0.0-0 (networking.SecGroupRule) opens tcp ports 1-1024 to 0.0.0.0/0, reaching forbidden ports 22 (SSH), 23 (Telnet). ${NARROW}`,
      },
    ],
  },
  {
    name: "passes a world-open range between forbidden ports",
    input: () => set(https(), { portRangeMin: 24, portRangeMax: 1432 }),
    expect: [],
  },
  {
    name: "fails a world-open range that ends on a forbidden port",
    input: () => set(https(), { portRangeMin: 24, portRangeMax: 1433 }),
    expect: [
      { says: "opens tcp ports 24-1433 to 0.0.0.0/0, reaching forbidden port 1433 (SQL Server)." },
    ],
  },
  {
    name: "reads a range with only its first port as that port",
    input: () => unset(set(https(), { portRangeMin: 22 }), "portRangeMax"),
    expect: [{ says: "opens tcp port 22 to 0.0.0.0/0" }],
  },
  {
    name: "fails a world-open rule with no port range",
    input: () => unset(set(ssh(), { remoteIpPrefix: "0.0.0.0/0" }), "portRangeMin", "portRangeMax"),
    expect: [
      {
        says: [
          "police-qingdao-bastion-tcp-22-from-10.8.0.0-16 (networking.SecGroupRule) opens every tcp port to 0.0.0.0/0, ",
          MANY_PORTS,
          NARROW,
        ],
      },
    ],
  },
  {
    name: "fails a world-open rule for every protocol",
    input: () => unset(https(), "protocol", "portRangeMin", "portRangeMax"),
    expect: [
      {
        says: [
          "police-qingdao-portal-tcp-443-from-0.0.0.0-0 (networking.SecGroupRule) opens every protocol and port to 0.0.0.0/0, ",
          MANY_PORTS,
        ],
      },
    ],
  },
  {
    name: "fails a world-open UDP port",
    input: () => set(https(), { protocol: "udp", portRangeMin: 6379, portRangeMax: 6379 }),
    expect: [{ says: "opens udp port 6379 to 0.0.0.0/0, reaching forbidden port 6379 (Redis)." }],
  },
  {
    name: "fails a rule without any source, which Neutron reads as any source",
    input: () => unset(postgres(), "remoteIpPrefix"),
    expect: [
      {
        says: `police-qingdao-case-db-tcp-5432-from-network-app (networking.SecGroupRule) opens tcp port 5432 to any source (no remoteIpPrefix or remote group: every IPv4 address), reaching forbidden port 5432 (PostgreSQL). ${NARROW}`,
      },
    ],
  },
  {
    name: "names the address family of a rule without any source",
    input: () => unset(set(postgres(), { ethertype: "IPv6" }), "remoteIpPrefix"),
    expect: [{ says: "to any source (no remoteIpPrefix or remote group: every IPv6 address)" }],
  },
  {
    name: "passes world-open ICMP",
    input: () => unset(set(https(), { protocol: "icmp" }), "portRangeMin", "portRangeMax"),
    expect: [],
  },
  {
    name: "passes a world-open egress rule",
    input: () => set(ssh(), { direction: "egress", remoteIpPrefix: "0.0.0.0/0" }),
    expect: [],
  },
  {
    name: "passes a source that is a security group, even one not known during the preview",
    input: () =>
      set(unset(postgres(), "remoteIpPrefix"), { remoteGroupId: unknown("remoteGroupId") }),
    expect: [],
  },
  {
    name: "passes a source that is an address group",
    input: () => set(unset(postgres(), "remoteIpPrefix"), { remoteAddressGroupId: "a1" }),
    expect: [],
  },
  {
    name: "checks the configured ports",
    input: https,
    config: { forbiddenPorts: [443, 8443] },
    expect: [
      {
        says: `police-qingdao-portal-tcp-443-from-0.0.0.0-0 (networking.SecGroupRule) opens tcp port 443 to 0.0.0.0/0, reaching forbidden port 443. ${NARROW}`,
      },
    ],
  },
  {
    name: "does not pass a rule whose source is not known during the preview",
    input: () => set(ssh(), { remoteIpPrefix: unknown("remoteIpPrefix") }),
    expect: [
      {
        says: "police-qingdao-bastion-tcp-22-from-10.8.0.0-16 (networking.SecGroupRule) cannot be checked: its source .remoteIpPrefix is not known during the preview (it is computed from another resource)",
      },
    ],
  },
  {
    name: "does not pass a world-open rule whose port range is not known during the preview",
    input: () => set(https(), { portRangeMax: unknown("portRangeMax") }),
    expect: [
      { says: "cannot be checked: its port range .portRangeMax is not known during the preview" },
    ],
  },
  {
    name: "does not pass a rule whose direction is not known during the preview",
    input: () => set(ssh(), { direction: unknown("direction") }),
    expect: [
      { says: "cannot be checked: its direction .direction is not known during the preview" },
    ],
  },
  {
    name: "fails a floating IP without an approval",
    input: () =>
      relabel(floatingIp("portal", "laixi", 0), { approver: undefined, approval: undefined }),
    expect: [
      {
        says: "police-laixi-portal-0-fip (networking.FloatingIp) exposes a machine to the outside without an approval: it has no approval or approver label. Floating IPs need an approval with a named approver (floatingIp: true on a workload whose approval names one).",
      },
    ],
  },
  {
    name: "fails a floating IP whose approval names no approver",
    input: () => relabel(floatingIp("portal", "laixi", 0), { approver: undefined }),
    expect: [{ says: "without an approval: it has no approver label." }],
  },
  {
    name: "does not pass a floating IP whose labels are not known during the preview",
    input: () => set(floatingIp("portal", "laixi", 0), { tags: unknown("tags") }),
    expect: [
      {
        says: "the approval of police-laixi-portal-0-fip (networking.FloatingIp) cannot be checked: .tags is not known during the preview",
      },
    ],
  },
  {
    name: "fails flavors and images that are not in the catalog",
    input: () =>
      set(instance("bastion", "qingdao", 0), { flavorName: "x9.huge", imageName: "ubuntu-24.04" }),
    config: { forbiddenImages: ["centos-7.9"] },
    expect: [
      {
        says: "police-qingdao-bastion-0 (compute.Instance) uses flavor x9.huge, which is not in the catalog: s1.medium, s1.large, m1.xlarge, db.xlarge.",
      },
      {
        says: "police-qingdao-bastion-0 (compute.Instance) boots image ubuntu-24.04, which is not in the catalog: kylin-server-v10-sp3.",
      },
    ],
  },
  {
    name: "fails an image the city withdrew",
    input: () => set(instance("case-db", "qingdao", 0), { imageName: "centos-7.9" }),
    config: { forbiddenImages: ["centos-7.9"] },
    expect: [
      {
        says: "police-qingdao-case-db-0 (compute.Instance) boots image centos-7.9, which the city no longer allows; move it to one of kylin-server-v10-sp3.",
      },
    ],
  },
  {
    name: "passes a catalog image the city has not withdrawn",
    input: () => set(instance("case-db", "qingdao", 0), { imageName: "centos-7.9" }),
    expect: [],
  },
  {
    name: "fails an image given by id",
    input: () =>
      set(unset(instance("portal", "laixi", 0), "imageName"), {
        imageId: "0b4f0d8e-1d1b-4b8e-9f7a-2f8f3f1d9a11",
      }),
    config: { forbiddenImages: ["centos-7.9"] },
    expect: [
      {
        says: "police-laixi-portal-0 (compute.Instance) boots an image by id; instances name a catalog image (imageName), so that the image can be checked: kylin-server-v10-sp3.",
      },
    ],
  },
  {
    name: "fails a boot volume made from an image",
    input: () =>
      set(unset(instance("portal", "laixi", 0), "imageName"), {
        blockDevices: [{ sourceType: "image", uuid: "0b4f0d8e", destinationType: "volume" }],
      }),
    expect: [{ says: "police-laixi-portal-0 (compute.Instance) boots an image by id;" }],
  },
  {
    name: "passes an instance that boots an existing volume",
    input: () =>
      set(unset(instance("portal", "laixi", 0), "imageName"), {
        blockDevices: [{ sourceType: "volume", uuid: "9a11", destinationType: "volume" }],
      }),
    expect: [],
  },
  {
    name: "fails an instance that names no flavor",
    input: () => set(unset(instance("bastion", "qingdao", 0), "flavorName"), { flavorId: "3" }),
    expect: [
      {
        says: "police-qingdao-bastion-0 (compute.Instance) names no flavorName; instances use a catalog flavor by name (a flavorId cannot be checked against the catalog).",
      },
    ],
  },
  {
    name: "does not pass an instance whose flavor or image is not known during the preview",
    input: () =>
      set(instance("bastion", "qingdao", 0), {
        flavorName: unknown("flavorName"),
        imageName: unknown("imageName"),
      }),
    expect: [
      {
        says: "the flavor of police-qingdao-bastion-0 (compute.Instance) cannot be checked: .flavorName is not known during the preview (it is computed from another resource)",
      },
      {
        says: "the image of police-qingdao-bastion-0 (compute.Instance) cannot be checked: .imageName is not known",
      },
    ],
  },
  {
    name: "applies to the platform stack too",
    input: () =>
      set(view(T.secGroupRule, "platform-qingdao-jump-ssh", { site: "qingdao", props: {} }), {
        direction: "ingress",
        protocol: "tcp",
        portRangeMin: 22,
        portRangeMax: 22,
        remoteIpPrefix: "0.0.0.0/0",
      }),
    stack: "platform",
    expect: [
      {
        says: "platform-qingdao-jump-ssh (networking.SecGroupRule) opens tcp port 22 to 0.0.0.0/0",
      },
    ],
  },
  {
    name: "is not applicable to other resources",
    input: () => network("data", "qingdao"),
    expect: { notApplicable: "the baseline does not cover networking.Network" },
  },
];

describe("security-baseline", () => {
  it("passes every rule, floating IP and instance the program builds", () => {
    const context = { config: DEFAULTS, facts: testFacts(), stack: STACK };
    for (const resource of [...policeStack(), ssh(), https(), postgres()]) {
      const verdict = checkSecurityBaseline(resource, context);
      if (verdict instanceof NotApplicable) assert.match(verdict.reason, /does not cover/);
      else assert.deepEqual(verdict, [], resource.name);
    }
  });

  table(checkSecurityBaseline, DEFAULTS, cases);
});
