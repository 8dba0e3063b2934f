/**
 * The table of bad inputs: each case changes one thing in the fixture estate and names the
 * exact problems it must produce (code, message, file, line, column, path). Most cases produce
 * exactly one problem: one mistake, one problem.
 */
import type { Edit } from "./support";
import { HEALTH, PLATFORM, replaceOnce, WATER } from "./support";

export interface Expected {
  code: string;
  message: string;
  line: number;
  column: number;
  path: string;
  /** Default: the file the case edits. */
  file?: string;
  found?: string;
  allowed?: string;
  fix?: string;
}

export interface TableCase {
  name: string;
  file: string;
  edit: Edit;
  expect: Expected[];
}

const r = (from: string, to: string): Edit => ({ replace: [[from, to]] });

/** GBK bytes of 水务局, the water bureau's Chinese name. */
const GBK_SHUIWUJU = Buffer.from([0xcb, 0xae, 0xce, 0xf1, 0xbe, 0xd6]);

export const TABLE: TableCase[] = [
  // ---- YAML ---------------------------------------------------------------------------------
  {
    name: "duplicate key",
    file: WATER,
    edit: r("costCentre: QD-2201\n", "costCentre: QD-2201\ncostCentre: QD-2202\n"),
    expect: [
      {
        code: "duplicate-key",
        message: 'YAML: the key "costCentre" appears twice in the same mapping',
        line: 7,
        column: 1,
        path: "",
        fix: "remove or merge the second occurrence of the key",
      },
    ],
  },
  {
    name: "tab indentation",
    file: WATER,
    edit: r("  zh: 水务局\n", "\tzh: 水务局\n"),
    expect: [
      {
        code: "tab-indent",
        message: "YAML syntax: Tabs are not allowed as indentation",
        line: 4,
        column: 1,
        path: "",
        fix: "indent with spaces (YAML does not allow tabs for indentation)",
      },
    ],
  },
  {
    name: "alias bomb (billion laughs)",
    file: WATER,
    edit: (text) =>
      text +
      [
        "bomb:",
        "  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
        "  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
        "  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
        "  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
        "  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
        "  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
        "  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]",
        "",
      ].join("\n"),
    expect: [
      {
        code: "alias-bomb",
        message: "YAML aliases expand to too much data (more than 100 alias uses)",
        line: 1,
        column: 1,
        path: "",
        fix: "write the values out, or reuse an anchor only a few times",
      },
    ],
  },
  {
    name: "file over 1 MiB",
    file: WATER,
    edit: (text) => text + `# ${"x".repeat(1024 * 1024)}\n`,
    expect: [
      {
        code: "file-too-large",
        message: "the file is 1050432 bytes, more than the 1048576 bytes a govcloud file may have",
        line: 1,
        column: 1,
        path: "",
        found: "1050432 bytes",
        allowed: "at most 1048576 bytes",
        fix: "split the department or remove generated content; a department file is normally a few KiB",
      },
    ],
  },
  {
    name: "GBK-encoded Chinese (not UTF-8)",
    file: WATER,
    edit: (text) => {
      const [before, after] = text.split("水务局");
      return Buffer.concat([Buffer.from(before), GBK_SHUIWUJU, Buffer.from(after)]);
    },
    expect: [
      {
        code: "not-utf8",
        message: "the file is not valid UTF-8",
        line: 4,
        column: 8,
        path: "",
        fix: "save the file as UTF-8 (editors: 'Save with encoding' > UTF-8); GBK and GB2312 are not accepted",
      },
    ],
  },
  {
    name: "two YAML documents",
    file: WATER,
    edit: (text) => `${text}---\nid: water-2\n`,
    expect: [
      {
        code: "multiple-documents",
        message: "YAML: the file holds more than one document (a '---' line starts a second one)",
        line: 75,
        column: 1,
        path: "",
        fix: "keep one document per file: remove the '---' separator and what follows, or move it to its own file",
      },
    ],
  },
  {
    name: "empty file",
    file: WATER,
    edit: () => "",
    expect: [
      {
        code: "empty-file",
        message: "the file is empty",
        line: 1,
        column: 1,
        path: "",
        fix: "write the document, starting from the example in the README",
      },
    ],
  },
  {
    name: "only comments",
    file: WATER,
    edit: () => "# nothing yet\n",
    expect: [
      {
        code: "empty-file",
        message: "the file is empty",
        line: 1,
        column: 1,
        path: "",
        fix: "write the document, starting from the example in the README",
      },
    ],
  },
  {
    name: "unclosed flow mapping",
    file: WATER,
    edit: r("replicas: { qingdao: 2, laixi: 2 }", "replicas: { qingdao: 2, laixi: 2"),
    expect: [
      {
        code: "yaml-syntax",
        message:
          "YAML syntax: Flow map in block collection must be sufficiently indented and end with a }",
        line: 49,
        column: 5,
        path: "",
        fix: "fix the YAML syntax at this position (check quotes, brackets and indentation)",
      },
    ],
  },
  {
    name: "alias without anchor",
    file: WATER,
    edit: r("  laixi:\n    vcpus: 32\n", "  laixi:\n    vcpus: *cpus\n"),
    expect: [
      {
        code: "yaml-alias",
        message: "YAML: alias *cpus refers to no anchor &cpus before it",
        line: 30,
        column: 12,
        path: "",
        fix: "define every anchor (&name) before its alias (*name)",
      },
    ],
  },
  // ---- schema -------------------------------------------------------------------------------
  {
    name: "missing required field",
    file: WATER,
    edit: r("costCentre: QD-2201\n", ""),
    expect: [
      {
        code: "missing-field",
        message: 'required field "costCentre" is missing',
        line: 2,
        column: 1,
        path: "",
        allowed: "Finance cost centre the VDC is charged to, for example QD-4101.",
        fix: 'add "costCentre:" to the top level',
      },
    ],
  },
  {
    name: "unknown field with did-you-mean",
    file: WATER,
    edit: r("costCentre: QD-2201", "costCenter: QD-2201"),
    expect: [
      {
        code: "unknown-field",
        message: 'unknown field "costCenter"',
        line: 6,
        column: 1,
        path: "costCenter",
        found: '"costCenter"',
        allowed:
          "id, name, description, costCentre, owners, approval, quotas, networks, workloads, decommission, allowDestroy",
        fix: 'did you mean "costCentre"?',
      },
    ],
  },
  {
    name: "wrong type: quoted number",
    file: WATER,
    edit: r("  qingdao:\n    vcpus: 32\n", '  qingdao:\n    vcpus: "32"\n'),
    expect: [
      {
        code: "wrong-type",
        message: "quotas.qingdao.vcpus must be a whole number",
        line: 22,
        column: 12,
        path: "quotas.qingdao.vcpus",
        found: '"32" (a string)',
        allowed: "a whole number",
        fix: "remove the quotes around the number",
      },
    ],
  },
  {
    name: "bad enum with did-you-mean",
    file: WATER,
    edit: r("role: maintainer", "role: maintainers"),
    expect: [
      {
        code: "invalid-value",
        message: "owners[1].role is not one of the allowed values",
        line: 15,
        column: 11,
        path: "owners[1].role",
        found: '"maintainers"',
        allowed: "approver, maintainer",
        fix: 'did you mean "maintainer"?',
      },
    ],
  },
  {
    name: "bad pattern",
    file: WATER,
    edit: r("costCentre: QD-2201", "costCentre: QD2201"),
    expect: [
      {
        code: "invalid-format",
        message: "costCentre has the wrong form",
        line: 6,
        column: 13,
        path: "costCentre",
        found: '"QD2201"',
        allowed: "Finance cost centre the VDC is charged to, for example QD-4101.",
        fix: "rewrite the value in the allowed form",
      },
    ],
  },
  {
    name: "bad email",
    file: WATER,
    edit: r("email: li.na@water.test.gov.cn", "email: li.na-at-water.test.gov.cn"),
    expect: [
      {
        code: "invalid-format",
        message: "owners[1].email is not a valid email",
        line: 14,
        column: 12,
        path: "owners[1].email",
        found: '"li.na-at-water.test.gov.cn"',
        allowed: "a valid email",
        fix: "write an address like name@department.qingdao.gov.cn",
      },
    ],
  },
  {
    name: "out of range",
    file: WATER,
    edit: r("port: 443,", "port: 70000,"),
    expect: [
      {
        code: "out-of-range",
        message: "workloads[1].ingress[0].port must be at most 65535",
        line: 65,
        column: 32,
        path: "workloads[1].ingress[0].port",
        found: "70000",
        allowed: "at most 65535",
        fix: "use a value at most 65535",
      },
    ],
  },
  {
    name: "empty list where one entry is required",
    file: WATER,
    edit: (text) =>
      replaceOnce(
        text,
        text.slice(text.indexOf("owners:"), text.indexOf("approval:")),
        "owners: []\n",
      ),
    expect: [
      {
        code: "wrong-size",
        message: "owners must have at least 1 entry",
        line: 7,
        column: 9,
        path: "owners",
        found: "0 entries",
        allowed: "at least 1 entry",
        fix: "add the missing entries",
      },
    ],
  },
  {
    name: "site key that is not an id",
    file: WATER,
    edit: r("replicas: { qingdao: 1 }", "replicas: { Qingdao: 1 }"),
    expect: [
      {
        code: "invalid-key",
        message: '"Qingdao" is not a valid id here',
        line: 73,
        column: 17,
        path: "workloads[2].replicas.Qingdao",
        found: '"Qingdao"',
        allowed:
          "a site id: lower-case letters, digits and hyphens, starting with a letter (e.g. qingdao)",
        fix: 'did you mean "qingdao"?',
      },
    ],
  },
  {
    name: "platform out of range",
    file: PLATFORM,
    edit: r("vmsPerHost: 10", "vmsPerHost: 0"),
    expect: [
      {
        code: "out-of-range",
        message: "capacity.vmsPerHost must be at least 1",
        line: 47,
        column: 15,
        path: "capacity.vmsPerHost",
        found: "0",
        allowed: "at least 1",
        fix: "use a value at least 1",
      },
    ],
  },
  // ---- department-identity ------------------------------------------------------------------
  {
    name: "id does not match the file name",
    file: WATER,
    edit: r("id: water", "id: water-bureau"),
    expect: [
      {
        code: "id-mismatch",
        message: "the id does not match the file name water.yaml",
        line: 2,
        column: 5,
        path: "id",
        found: '"water-bureau"',
        allowed: '"water"',
        fix: 'set "id: water" or rename the file to water-bureau.yaml',
      },
    ],
  },
  {
    name: "Chinese name of another department",
    file: WATER,
    edit: r("zh: 水务局", "zh: 卫生健康委员会"),
    expect: [
      {
        code: "duplicate-department",
        message: "Chinese name is already used by departments/health.yaml",
        line: 4,
        column: 7,
        path: "name.zh",
        found: '"卫生健康委员会"',
        allowed: "a Chinese name that no other department uses",
        fix: "choose another Chinese name, or merge this file into departments/health.yaml",
      },
    ],
  },
  // ---- references ---------------------------------------------------------------------------
  {
    name: "flavor typo",
    file: WATER,
    edit: r("flavor: s1.large", "flavor: s1.larg"),
    expect: [
      {
        code: "unknown-flavor",
        message: 'flavor "s1.larg" is not in the platform catalog',
        line: 56,
        column: 13,
        path: "workloads[1].flavor",
        found: '"s1.larg"',
        allowed: "s1.small, s1.large, db.xlarge",
        fix: 'did you mean "s1.large"?',
      },
    ],
  },
  {
    name: "site typo in replicas",
    file: WATER,
    edit: r("replicas: { qingdao: 1 }", "replicas: { qingdoa: 1 }"),
    expect: [
      {
        code: "unknown-site",
        message: 'site "qingdoa" is not an active site in platform.yaml',
        line: 73,
        column: 17,
        path: "workloads[2].replicas.qingdoa",
        found: '"qingdoa"',
        allowed: "qingdao, laixi",
        fix: 'did you mean "qingdao"?',
      },
    ],
  },
  {
    name: "site typo in a critical workload's replicas",
    file: WATER,
    edit: r("replicas: { qingdao: 2, laixi: 2 }", "replicas: { qingdao: 2, laixy: 2 }"),
    expect: [
      {
        code: "unknown-site",
        message: 'site "laixy" is not an active site in platform.yaml',
        line: 48,
        column: 29,
        path: "workloads[0].replicas.laixy",
        found: '"laixy"',
        allowed: "qingdao, laixi",
        fix: 'did you mean "laixi"?',
      },
    ],
  },
  {
    name: "site typo in a network's subnets",
    file: WATER,
    edit: r(
      "qingdao: 10.16.9.0/25, laixi: 10.32.9.0/25",
      "qingdao: 10.16.9.0/25, laxi: 10.32.9.0/25",
    ),
    expect: [
      {
        code: "unknown-site",
        message: 'site "laxi" is not an active site in platform.yaml',
        line: 41,
        column: 37,
        path: "networks[1].cidrs.laxi",
        found: '"laxi"',
        allowed: "qingdao, laixi",
        fix: 'did you mean "laixi"?',
      },
    ],
  },
  {
    name: "ingress from an unknown network",
    file: WATER,
    edit: r('from: "network:app"', 'from: "network:apps"'),
    expect: [
      {
        code: "unknown-network",
        message: 'network "apps" is not a network of water',
        line: 52,
        column: 44,
        path: "workloads[0].ingress[0].from",
        found: '"apps"',
        allowed: "app, data",
        fix: 'did you mean "app"?',
      },
    ],
  },
  {
    name: "network at a site without quota",
    file: HEALTH,
    edit: r(
      "cidrs: { laixi: 10.32.16.0/24 }",
      "cidrs: { laixi: 10.32.16.0/24, qingdao: 10.16.16.0/24 }",
    ),
    expect: [
      {
        code: "site-without-quota",
        message: 'site "qingdao" is used here but the department has no quota there',
        line: 28,
        column: 36,
        path: "networks[0].cidrs.qingdao",
        found: '"qingdao"',
        allowed: "laixi",
        fix: "add a quota for qingdao under quotas:, or remove the site here",
      },
    ],
  },
  // ---- platform-consistency -----------------------------------------------------------------
  {
    name: "duplicate flavor",
    file: PLATFORM,
    edit: r(
      "    - { name: db.xlarge,",
      "    - { name: s1.large, vcpus: 2, ramGiB: 4, diskGiB: 40, public: true }\n    - { name: db.xlarge,",
    ),
    expect: [
      {
        code: "duplicate-name",
        message: 'flavor "s1.large" is already defined at catalog.flavors[1].name',
        line: 56,
        column: 15,
        path: "catalog.flavors[2].name",
        found: '"s1.large"',
        allowed: "a unique flavor",
        fix: "rename it or remove the entry",
      },
    ],
  },
  {
    name: "three active sites",
    file: PLATFORM,
    edit: r("role: witness", "role: active"),
    expect: [
      {
        code: "active-site-count",
        message:
          "the platform has 3 active sites, but govcloud is a two-site active-active design with exactly two active sites",
        line: 9,
        column: 3,
        path: "sites",
        found: "qingdao, laixi, quorum",
        allowed: "exactly 2 sites with role: active (and any number of witness sites)",
        fix: "set role: witness on the sites that only hold the storage quorum",
      },
      {
        code: "active-site-incomplete",
        message: 'active site "quorum" has no openstack endpoint, so no workload can run there',
        line: 33,
        column: 5,
        path: "sites[2]",
        found: "nothing",
        allowed: "openstack: region, cloud and authUrl",
        fix: 'add "openstack:" with region, cloud and authUrl to site quorum',
      },
      {
        code: "active-site-incomplete",
        message: 'active site "quorum" has no external network, so no workload can run there',
        line: 33,
        column: 5,
        path: "sites[2]",
        found: "nothing",
        allowed: "the name of the site's provider network",
        fix: 'add "externalNetwork: <provider network>" to site quorum',
      },
      {
        code: "active-site-incomplete",
        message: 'active site "quorum" has no availability zone, so no instance can be placed',
        line: 36,
        column: 24,
        path: "sites[2].availabilityZones",
        found: "[]",
        allowed: "at least one availability zone",
        fix: "list the Nova availability zones of quorum, e.g. [quorum-az1, quorum-az2]",
      },
    ],
  },
  {
    name: "preferred site that is not active",
    file: PLATFORM,
    edit: r(
      "  delete: storagectl pair delete {primary} {secondary}\n",
      "  delete: storagectl pair delete {primary} {secondary}\n  preferredSite: quorum\n",
    ),
    expect: [
      {
        code: "preferred-site-not-active",
        message:
          'storagePairing.preferredSite "quorum" is not an active site, so no site would keep writing when the two are cut apart',
        line: 116,
        column: 18,
        path: "storagePairing.preferredSite",
        found: '"quorum"',
        allowed: "qingdao, laixi",
        fix: "name one of the active sites",
      },
    ],
  },
  {
    name: "active site without external network",
    file: PLATFORM,
    edit: r("    externalNetwork: lx-ext\n", ""),
    expect: [
      {
        code: "active-site-incomplete",
        message: 'active site "laixi" has no external network, so no workload can run there',
        line: 21,
        column: 5,
        path: "sites[1]",
        found: "nothing",
        allowed: "the name of the site's provider network",
        fix: 'add "externalNetwork: <provider network>" to site laixi',
      },
    ],
  },
  {
    name: "host group of an unknown class",
    file: PLATFORM,
    edit: {
      replace: [
        [
          "      - { class: small-host, count: 2 }\n  - id: laixi",
          "      - { class: smal-host, count: 2 }\n  - id: laixi",
        ],
      ],
    },
    expect: [
      {
        code: "unknown-host-class",
        message: 'host class "smal-host" is not defined under hostClasses',
        line: 20,
        column: 18,
        path: "sites[0].hosts[0].class",
        found: '"smal-host"',
        allowed: "small-host",
        fix: 'did you mean "small-host"?',
      },
    ],
  },
  {
    name: "ticket pattern that does not compile",
    file: PLATFORM,
    edit: r("ticketPattern: ^QD-(CHG|REQ)-", "ticketPattern: ^QD-(CHG|REQ-"),
    expect: [
      {
        code: "invalid-ticket-pattern",
        message:
          "the ticket pattern is not a regular expression govcloud can run: missing closing ): `^QD-(CHG|REQ-[0-9]{4}-[0-9]{5}$`",
        line: 95,
        column: 18,
        path: "approvals.ticketPattern",
        found: '"^QD-(CHG|REQ-[0-9]{4}-[0-9]{5}$"',
        allowed:
          "an RE2 regular expression (JavaScript syntax without look-around or back-references), e.g. ^QD-(CHG|REQ)-[0-9]{4}-[0-9]{5}$",
        fix: "escape special characters with \\ and balance brackets and parentheses; write look-arounds and back-references as plain alternatives",
      },
    ],
  },
  {
    name: "ticket example that does not match",
    file: PLATFORM,
    edit: r("ticketExample: QD-CHG-2026-00142", "ticketExample: QD-CHG-26-142"),
    expect: [
      {
        code: "ticket-example-mismatch",
        message: "the ticket example does not match the ticket pattern",
        line: 96,
        column: 18,
        path: "approvals.ticketExample",
        found: '"QD-CHG-26-142"',
        allowed: "a ticket matching ^QD-(CHG|REQ)-[0-9]{4}-[0-9]{5}$",
        fix: "correct the example, or the pattern if tickets really look like this",
      },
    ],
  },
  {
    name: "overlapping address pools",
    file: PLATFORM,
    edit: r("addressPool: 10.32.0.0/12", "addressPool: 10.0.0.0/10"),
    expect: [
      {
        code: "cidr-overlap",
        message:
          'address pool 10.0.0.0/10 overlaps the pool 10.16.0.0/12 of site "qingdao" (sites[0].addressPool)',
        line: 30,
        column: 18,
        path: "sites[1].addressPool",
        found: '"10.0.0.0/10"',
        allowed: "a pool that shares no address with another site's pool",
        fix: "give every site its own address range",
      },
    ],
  },
  {
    name: "address pool without prefix",
    file: PLATFORM,
    edit: r("addressPool: 10.16.0.0/12", "addressPool: 10.16.0.0"),
    expect: [
      {
        code: "invalid-cidr",
        message: 'address pool "10.16.0.0" is not a valid IPv4 CIDR: it has no prefix length (/n)',
        line: 18,
        column: 18,
        path: "sites[0].addressPool",
        found: '"10.16.0.0"',
        allowed: "an IPv4 network in CIDR form, e.g. 10.16.0.0/12",
        fix: "add the prefix length, e.g. 10.16.0.0/16",
      },
    ],
  },
  {
    name: "KVM host at an unknown site",
    file: PLATFORM,
    edit: r("site: quorum", "site: quorm"),
    expect: [
      {
        code: "unknown-site",
        message: 'site "quorm" is not a site in platform.yaml',
        line: 119,
        column: 11,
        path: "kvmHosts[0].site",
        found: '"quorm"',
        allowed: "qingdao, laixi, quorum",
        fix: 'did you mean "quorum"?',
      },
    ],
  },
  {
    name: "KVM network outside its site's pool",
    file: PLATFORM,
    edit: r("cidr: 10.99.10.0/24", "cidr: 10.98.10.0/24"),
    expect: [
      {
        code: "cidr-outside-pool",
        message: '10.98.10.0/24 is outside the address pool 10.99.0.0/16 of site "quorum"',
        line: 122,
        column: 41,
        path: "kvmHosts[0].network.cidr",
        found: '"10.98.10.0/24"',
        allowed: "a subnet inside 10.99.0.0/16",
        fix: "choose a subnet inside 10.99.0.0/16, or put the host at the site that owns this range",
      },
    ],
  },
  {
    name: "duplicate domain on a KVM host",
    file: PLATFORM,
    edit: (text) =>
      text +
      [
        "      - name: storage-witness",
        "        role: arbiter",
        "        vcpus: 1",
        "        memoryGiB: 2",
        "        diskGiB: 20",
        "        baseImage: /var/lib/libvirt/images/base/witness.qcow2",
        "",
      ].join("\n"),
    expect: [
      {
        code: "duplicate-name",
        message: 'domain name "storage-witness" is already defined at kvmHosts[0].domains[0].name',
        line: 130,
        column: 15,
        path: "kvmHosts[0].domains[1].name",
        found: '"storage-witness"',
        allowed: "a unique domain name",
        fix: "rename it or remove the entry",
      },
    ],
  },
  // ---- network-cidrs ------------------------------------------------------------------------
  {
    name: "CIDR without prefix",
    file: WATER,
    edit: r("qingdao: 10.16.8.0/24", "qingdao: 10.16.8.0"),
    expect: [
      {
        code: "invalid-cidr",
        message: '"10.16.8.0" is not a valid IPv4 CIDR: it has no prefix length (/n)',
        line: 39,
        column: 23,
        path: "networks[0].cidrs.qingdao",
        found: '"10.16.8.0"',
        allowed: "an IPv4 subnet a.b.c.d/n inside qingdao's address pool 10.16.0.0/12",
        fix: "did you mean 10.16.8.0/24?",
      },
    ],
  },
  {
    name: "CIDR octet over 255",
    file: WATER,
    edit: r("qingdao: 10.16.8.0/24", "qingdao: 10.16.300.0/24"),
    expect: [
      {
        code: "invalid-cidr",
        message: '"10.16.300.0/24" is not a valid IPv4 CIDR: 300 is more than 255',
        line: 39,
        column: 23,
        path: "networks[0].cidrs.qingdao",
        found: '"10.16.300.0/24"',
        allowed: "an IPv4 subnet a.b.c.d/n inside qingdao's address pool 10.16.0.0/12",
        fix: "write the subnet as four numbers from 0 to 255 and a prefix length, e.g. 10.16.0.0/24",
      },
    ],
  },
  {
    name: "CIDR prefix /33",
    file: WATER,
    edit: r("qingdao: 10.16.8.0/24", "qingdao: 10.16.8.0/33"),
    expect: [
      {
        code: "invalid-cidr",
        message: '"10.16.8.0/33" is not a valid IPv4 CIDR: the prefix length /33 is more than 32',
        line: 39,
        column: 23,
        path: "networks[0].cidrs.qingdao",
        found: '"10.16.8.0/33"',
        allowed: "an IPv4 subnet a.b.c.d/n inside qingdao's address pool 10.16.0.0/12",
        fix: "write the subnet as four numbers from 0 to 255 and a prefix length, e.g. 10.16.0.0/24",
      },
    ],
  },
  {
    name: "CIDR with host bits",
    file: WATER,
    edit: r("qingdao: 10.16.8.0/24", "qingdao: 10.16.8.5/24"),
    expect: [
      {
        code: "cidr-host-bits",
        message: '"10.16.8.5/24" has host bits set: a /24 network starts at 10.16.8.0',
        line: 39,
        column: 23,
        path: "networks[0].cidrs.qingdao",
        found: '"10.16.8.5/24"',
        allowed: "an IPv4 subnet a.b.c.d/n inside qingdao's address pool 10.16.0.0/12",
        fix: "did you mean 10.16.8.0/24?",
      },
    ],
  },
  {
    name: "subnet smaller than /29",
    file: WATER,
    edit: r("qingdao: 10.16.9.0/25", "qingdao: 10.16.9.0/30"),
    expect: [
      {
        code: "cidr-prefix-range",
        message:
          "10.16.9.0/30 is a /30 subnet, smaller than the smallest allowed (/29, 8 addresses)",
        line: 41,
        column: 23,
        path: "networks[1].cidrs.qingdao",
        found: '"10.16.9.0/30"',
        allowed: "a prefix length from /16 to /29",
        fix: "use a prefix length from /16 to /29, e.g. 10.16.9.0/29",
      },
    ],
  },
  {
    name: "subnet outside the site's pool",
    file: WATER,
    edit: r("qingdao: 10.16.8.0/24", "qingdao: 10.48.8.0/24"),
    expect: [
      {
        code: "cidr-outside-pool",
        message: "10.48.8.0/24 is outside qingdao's address pool 10.16.0.0/12",
        line: 39,
        column: 23,
        path: "networks[0].cidrs.qingdao",
        found: '"10.48.8.0/24"',
        allowed: "a subnet inside 10.16.0.0/12",
        fix: "choose a subnet inside 10.16.0.0/12",
      },
    ],
  },
  {
    name: "subnet in the other site's pool",
    file: WATER,
    edit: r("qingdao: 10.16.8.0/24", "qingdao: 10.32.12.0/24"),
    expect: [
      {
        code: "cidr-outside-pool",
        message:
          "10.32.12.0/24 is outside qingdao's address pool 10.16.0.0/12 (it is in the pool of laixi)",
        line: 39,
        column: 23,
        path: "networks[0].cidrs.qingdao",
        found: '"10.32.12.0/24"',
        allowed: "a subnet inside 10.16.0.0/12",
        fix: "choose a subnet inside 10.16.0.0/12 for qingdao; check that the qingdao and laixi subnets are not swapped",
      },
    ],
  },
  {
    name: "subnets overlapping in one department",
    file: WATER,
    edit: r("qingdao: 10.16.9.0/25", "qingdao: 10.16.8.128/25"),
    expect: [
      {
        code: "cidr-overlap",
        message:
          "10.16.8.128/25 overlaps 10.16.8.0/24 at networks[0].cidrs.qingdao in departments/water.yaml",
        line: 41,
        column: 23,
        path: "networks[1].cidrs.qingdao",
        found: '"10.16.8.128/25"',
        allowed: "a subnet that shares no address with any other subnet in the city",
        fix: "use a free subnet such as 10.16.0.0/25",
      },
    ],
  },
  {
    name: "subnets overlapping across departments",
    file: HEALTH,
    edit: r("laixi: 10.32.16.0/24", "laixi: 10.32.9.0/24"),
    expect: [
      {
        code: "cidr-overlap",
        message:
          "10.32.9.0/25 overlaps 10.32.9.0/24 at networks[0].cidrs.laixi in departments/health.yaml",
        line: 41,
        column: 44,
        path: "networks[1].cidrs.laixi",
        file: "departments/water.yaml",
        found: '"10.32.9.0/25"',
        allowed: "a subnet that shares no address with any other subnet in the city",
        fix: "use a free subnet such as 10.32.0.0/25",
      },
    ],
  },
  {
    name: "ingress from that is not a CIDR",
    file: WATER,
    edit: r("from: 0.0.0.0/0", "from: anywhere"),
    expect: [
      {
        code: "invalid-cidr",
        message:
          '"anywhere" is not a valid IPv4 CIDR: it is not four numbers separated by dots followed by /prefix',
        line: 65,
        column: 43,
        path: "workloads[1].ingress[0].from",
        found: '"anywhere"',
        allowed:
          "an IPv4 CIDR such as 10.0.0.0/8, or network:<name> for a network of this department",
        fix: "write a CIDR such as 10.0.0.0/8 (a single address is a.b.c.d/32)",
      },
    ],
  },
  {
    name: "ingress from a bare address",
    file: WATER,
    edit: r("from: 10.0.0.0/8", "from: 10.1.2.3"),
    expect: [
      {
        code: "invalid-cidr",
        message: '"10.1.2.3" is not a valid IPv4 CIDR: it has no prefix length (/n)',
        line: 66,
        column: 33,
        path: "workloads[1].ingress[1].from",
        found: '"10.1.2.3"',
        allowed:
          "an IPv4 CIDR such as 10.0.0.0/8, or network:<name> for a network of this department",
        fix: "did you mean 10.1.2.3/32?",
      },
    ],
  },
  // ---- names --------------------------------------------------------------------------------
  {
    name: "duplicate network name",
    file: WATER,
    edit: r("workloads:\n", "  - name: app\n    cidrs: { qingdao: 10.16.10.0/24 }\nworkloads:\n"),
    expect: [
      {
        code: "duplicate-name",
        message: 'network name "app" is already used by networks[0].name',
        line: 42,
        column: 11,
        path: "networks[2].name",
        found: '"app"',
        allowed: "a unique network name within department water",
        fix: "rename this entry, or merge it into networks[0]",
      },
    ],
  },
  {
    name: "duplicate workload name",
    file: WATER,
    edit: r("  - name: reports", "  - name: billing"),
    expect: [
      {
        code: "duplicate-name",
        message: 'workload name "billing" is already used by workloads[1].name',
        line: 68,
        column: 11,
        path: "workloads[2].name",
        found: '"billing"',
        allowed: "a unique workload name within department water",
        fix: "rename this entry, or merge it into workloads[1]",
      },
    ],
  },
  {
    name: "duplicate volume name",
    file: WATER,
    edit: r(
      "      - { name: data, sizeGiB: 500, type: ssd-sync }\n",
      "      - { name: data, sizeGiB: 500, type: ssd-sync }\n      - { name: data, sizeGiB: 50, type: ssd-sync }\n",
    ),
    expect: [
      {
        code: "duplicate-name",
        message: 'volume name "data" is already used by workloads[0].volumes[0].name',
        line: 51,
        column: 17,
        path: "workloads[0].volumes[1].name",
        found: '"data"',
        allowed: "a unique volume name within workload meter-db",
        fix: "rename this entry, or merge it into workloads[0].volumes[0]",
      },
    ],
  },
  {
    name: "duplicate owner id",
    file: WATER,
    edit: r("  - id: li.na", "  - id: wang.fang"),
    expect: [
      {
        code: "duplicate-name",
        message: 'owner id "wang.fang" is already used by owners[0].id',
        line: 12,
        column: 9,
        path: "owners[1].id",
        found: '"wang.fang"',
        allowed: "a unique owner id within department water",
        fix: "rename this entry, or merge it into owners[0]",
      },
    ],
  },
  {
    name: "no owner with role approver",
    file: HEALTH,
    edit: r("role: approver", "role: maintainer"),
    expect: [
      {
        code: "no-approver",
        message:
          "no owner of health has role approver, so nobody in the department can approve its workloads",
        line: 9,
        column: 3,
        path: "owners",
        found: "zhao.min (all maintainers)",
        allowed: "at least one owner with role: approver",
        fix: 'set "role: approver" on zhao.min, or add an owner with that role',
      },
    ],
  },
  // ---- tier-placement -----------------------------------------------------------------------
  {
    name: "critical workload with one instance at a site",
    file: WATER,
    edit: r("replicas: { qingdao: 2, laixi: 2 }", "replicas: { qingdao: 2, laixi: 1 }"),
    expect: [
      {
        code: "too-few-replicas",
        message:
          "critical workloads run at every active site with at least 2 instances each, but laixi has 1",
        line: 48,
        column: 36,
        path: "workloads[0].replicas.laixi",
        found: "laixi: 1",
        allowed: "at least 2 at laixi",
        fix: "set replicas.laixi to 2 or more",
      },
    ],
  },
  {
    name: "critical workload missing a site",
    file: WATER,
    edit: r("replicas: { qingdao: 2, laixi: 2 }", "replicas: { qingdao: 2 }"),
    expect: [
      {
        code: "too-few-replicas",
        message:
          "critical workloads run at every active site with at least 2 instances each, but laixi has none",
        line: 48,
        column: 15,
        path: "workloads[0].replicas",
        found: "no entry for laixi",
        allowed: "at least 2 at laixi",
        fix: "set replicas.laixi to 2 or more",
      },
    ],
  },
  {
    name: "active-standby without primarySite",
    file: WATER,
    edit: r("    primarySite: qingdao\n", ""),
    expect: [
      {
        code: "missing-primary-site",
        message:
          "important workloads are active-standby and need a primarySite: the site that runs them normally",
        line: 54,
        column: 5,
        path: "workloads[1]",
        found: "no primarySite",
        allowed: "qingdao, laixi",
        fix: 'add "primarySite: qingdao" to the workload',
      },
    ],
  },
  {
    name: "active-standby without the standby site",
    file: WATER,
    edit: r("replicas: { qingdao: 2, laixi: 1 }", "replicas: { qingdao: 2 }"),
    expect: [
      {
        code: "missing-standby-site",
        message:
          "important workloads fail over to laixi, so replicas must list laixi (0 for a cold standby)",
        line: 59,
        column: 15,
        path: "workloads[1].replicas",
        found: "qingdao: 2",
        allowed: "an entry for qingdao and for laixi",
        fix: 'add "laixi: 0" (cold standby) or "laixi: 1" (warm standby) under replicas',
      },
    ],
  },
  {
    name: "active-standby with no instance at the primary",
    file: WATER,
    edit: r("replicas: { qingdao: 2, laixi: 1 }", "replicas: { qingdao: 0, laixi: 1 }"),
    expect: [
      {
        code: "too-few-replicas",
        message:
          "important workloads run at least 1 instance at their primary site, but qingdao has none",
        line: 59,
        column: 26,
        path: "workloads[1].replicas.qingdao",
        found: "qingdao: 0",
        allowed: "at least 1 at qingdao",
        fix: "set replicas.qingdao to 1 or more",
      },
    ],
  },
  {
    name: "single-site workload at two sites",
    file: WATER,
    edit: r("replicas: { qingdao: 1 }", "replicas: { qingdao: 1, laixi: 1 }"),
    expect: [
      {
        code: "single-site-spread",
        message:
          "standard workloads run at one site, but this one has instances at qingdao and laixi",
        line: 73,
        column: 15,
        path: "workloads[2].replicas",
        found: "qingdao: 1, laixi: 1",
        allowed: "instances at one site only",
        fix: "keep the instances at one site, or choose a tier that runs at two sites (critical, important)",
      },
    ],
  },
  {
    name: "single-site workload with another primarySite",
    file: WATER,
    edit: r("replicas: { qingdao: 1 }", "replicas: { qingdao: 1 }\n    primarySite: laixi"),
    expect: [
      {
        code: "primary-site-mismatch",
        message:
          "primarySite is laixi, but the instances of this single-site workload run at qingdao",
        line: 74,
        column: 18,
        path: "workloads[2].primarySite",
        found: '"laixi"',
        allowed: '"qingdao"',
        fix: 'set "primarySite: qingdao", or move the instances to laixi',
      },
    ],
  },
  {
    name: "workload without instances",
    file: WATER,
    edit: r("replicas: { qingdao: 1 }", "replicas: { qingdao: 0 }"),
    expect: [
      {
        code: "no-instances",
        message: "the workload has no instances at any site",
        line: 73,
        column: 15,
        path: "workloads[2].replicas",
        found: "qingdao: 0",
        allowed: "at least 1 instance at a site",
        fix: "set the replicas of a site to 1 or more, or remove the workload",
      },
    ],
  },
  {
    name: "network without a subnet where the workload runs",
    file: WATER,
    edit: r("qingdao: 10.16.9.0/25, laixi: 10.32.9.0/25", "qingdao: 10.16.9.0/25"),
    expect: [
      {
        code: "network-missing-site",
        message: 'network "data" has no subnet at laixi, where this workload runs 2 instances',
        line: 47,
        column: 14,
        path: "workloads[0].network",
        found: "subnets at qingdao",
        allowed: "a network with a subnet at qingdao and laixi",
        fix: "add a laixi subnet under networks[1].cidrs",
      },
    ],
  },
  {
    name: "network without a subnet at the standby site",
    file: WATER,
    edit: {
      replace: [
        ["replicas: { qingdao: 2, laixi: 1 }", "replicas: { qingdao: 2, laixi: 0 }"],
        [
          "cidrs: { qingdao: 10.16.8.0/24, laixi: 10.32.8.0/24 }",
          "cidrs: { qingdao: 10.16.8.0/24 }",
        ],
      ],
    },
    expect: [
      {
        code: "network-missing-site",
        message: 'network "app" has no subnet at laixi, which this workload fails over to',
        line: 58,
        column: 14,
        path: "workloads[1].network",
        found: "subnets at qingdao",
        allowed: "a network with a subnet at qingdao and laixi",
        fix: "add a laixi subnet under networks[0].cidrs",
      },
    ],
  },
  {
    name: "critical workload on an asynchronous volume type",
    file: WATER,
    edit: r(
      "{ name: data, sizeGiB: 500, type: ssd-sync }",
      "{ name: data, sizeGiB: 500, type: ssd-async }",
    ),
    expect: [
      {
        code: "weak-volume-replication",
        message:
          "critical workloads keep data at both sites synchronously; volume type ssd-async replicates asynchronously",
        line: 50,
        column: 43,
        path: "workloads[0].volumes[0].type",
        found: "ssd-async (replication: async)",
        allowed: "ssd-sync",
        fix: "use volume type ssd-sync",
      },
    ],
  },
  {
    name: "important workload on a local volume type",
    file: WATER,
    edit: r(
      "{ name: uploads, sizeGiB: 100, type: ssd-async }",
      "{ name: uploads, sizeGiB: 100, type: sas-local }",
    ),
    expect: [
      {
        code: "weak-volume-replication",
        message:
          "important workloads keep a copy of their data at the other site; volume type sas-local does not replicate",
        line: 63,
        column: 46,
        path: "workloads[1].volumes[0].type",
        found: "sas-local (replication: none)",
        allowed: "ssd-sync, ssd-async",
        fix: "use volume type ssd-async",
      },
    ],
  },
  // ---- catalog-fit --------------------------------------------------------------------------
  {
    name: "flavor too small for the image",
    file: WATER,
    edit: r("flavor: s1.small\n    image: kylin-v10", "flavor: s1.small\n    image: windows-2019"),
    expect: [
      {
        code: "flavor-too-small",
        message:
          "image windows-2019 needs at least 80 GiB of disk and 4 GiB of RAM, but flavor s1.small has 40 GiB and 2 GiB",
        line: 70,
        column: 13,
        path: "workloads[2].flavor",
        found: "s1.small: 40 GiB disk, 2 GiB RAM",
        allowed: "a flavor with at least 80 GiB disk and 4 GiB RAM: s1.large, db.xlarge",
        fix: "use flavor s1.large, or an image that fits s1.small",
      },
    ],
  },
  {
    name: "volume larger than its type allows",
    file: WATER,
    edit: r(
      "{ name: data, sizeGiB: 500, type: ssd-sync }",
      "{ name: data, sizeGiB: 1500, type: ssd-sync }",
    ),
    expect: [
      {
        code: "volume-too-large",
        message: "volume data is 1500 GiB but volume type ssd-sync allows at most 1024 GiB",
        line: 50,
        column: 32,
        path: "workloads[0].volumes[0].sizeGiB",
        found: "1500 GiB",
        allowed: "at most 1024 GiB for ssd-sync",
        fix: "split the data over volumes of at most 1024 GiB",
      },
    ],
  },
  {
    name: "tcp rule without port",
    file: WATER,
    edit: r("{ protocol: tcp, port: 443, from: 0.0.0.0/0 }", "{ protocol: tcp, from: 0.0.0.0/0 }"),
    expect: [
      {
        code: "missing-port",
        message: "tcp rules need a port",
        line: 65,
        column: 9,
        path: "workloads[1].ingress[0]",
        found: "no port",
        allowed: "port: 1 to 65535 (and toPort for a range)",
        fix: 'add "port: <number>" to the rule, e.g. port: 443',
      },
    ],
  },
  {
    name: "icmp rule with a port",
    file: WATER,
    edit: r(
      "{ protocol: icmp, from: 10.0.0.0/8 }",
      "{ protocol: icmp, port: 8, from: 10.0.0.0/8 }",
    ),
    expect: [
      {
        code: "icmp-with-port",
        message: "icmp rules have no ports",
        line: 66,
        column: 33,
        path: "workloads[1].ingress[1].port",
        found: "port: 8",
        allowed: "no port or toPort for icmp",
        fix: "remove port and toPort from this rule, or set protocol to tcp or udp",
      },
    ],
  },
  {
    name: "port range that ends before it starts",
    file: WATER,
    edit: r("{ protocol: tcp, port: 443, from", "{ protocol: tcp, port: 443, toPort: 80, from"),
    expect: [
      {
        code: "invalid-port-range",
        message: "the port range ends (toPort 80) before it starts (port 443)",
        line: 65,
        column: 45,
        path: "workloads[1].ingress[0].toPort",
        found: "port: 443, toPort: 80",
        allowed: "toPort from 443 to 65535",
        fix: "swap the two: port: 80, toPort: 443",
      },
    ],
  },
  // ---- approvals ----------------------------------------------------------------------------
  {
    name: "ticket in another format",
    file: WATER,
    edit: r("ticket: QD-CHG-2026-00021", "ticket: CHG-21"),
    expect: [
      {
        code: "ticket-format",
        message: 'ticket "CHG-21" is not in the platform\'s ticket format',
        line: 17,
        column: 11,
        path: "approval.ticket",
        found: '"CHG-21"',
        allowed: "^QD-(CHG|REQ)-[0-9]{4}-[0-9]{5}$ (e.g. QD-CHG-2026-00142)",
        fix: "write the ticket number as the change system issued it, e.g. QD-CHG-2026-00142",
      },
    ],
  },
  {
    name: "ticket in lower case",
    file: WATER,
    edit: r("ticket: QD-CHG-2026-00033", "ticket: qd-chg-2026-00033"),
    expect: [
      {
        code: "ticket-format",
        message: 'ticket "qd-chg-2026-00033" is not in the platform\'s ticket format',
        line: 74,
        column: 25,
        path: "workloads[2].approval.ticket",
        found: '"qd-chg-2026-00033"',
        allowed: "^QD-(CHG|REQ)-[0-9]{4}-[0-9]{5}$ (e.g. QD-CHG-2026-00142)",
        fix: 'did you mean "QD-CHG-2026-00033"?',
      },
    ],
  },
  {
    name: "date that does not exist",
    file: WATER,
    edit: r("date: 2026-01-15", "date: 2026-02-30"),
    expect: [
      {
        code: "invalid-date",
        message: "2026-02-30 is not a date: February 2026 has 28 days",
        line: 19,
        column: 9,
        path: "approval.date",
        found: '"2026-02-30"',
        allowed: "a calendar date YYYY-MM-DD",
        fix: "write the real date of the approval (February 2026 ends on the 28th)",
      },
    ],
  },
  {
    name: "date after today",
    file: WATER,
    edit: r("date: 2026-04-01", "date: 2026-12-01"),
    expect: [
      {
        code: "future-date",
        message: "the approval date 2026-12-01 is after today (2026-11-26)",
        line: 74,
        column: 50,
        path: "workloads[2].approval.date",
        found: '"2026-12-01"',
        allowed: "a date up to 2026-11-26",
        fix: "write the date the approval was given; an approval cannot be dated in the future",
      },
    ],
  },
  {
    name: "department approval without approver",
    file: WATER,
    edit: r("  approver: liu.yang\n", ""),
    expect: [
      {
        code: "missing-approver",
        message:
          "the department's approval names no approver; the platform team approves every VDC and its quota",
        line: 17,
        column: 3,
        path: "approval",
        found: "no approver",
        allowed: "liu.yang, chen.jing",
        fix: 'add "approver: <id>" with a platform approver: liu.yang, chen.jing',
      },
    ],
  },
  {
    name: "department approved by its own approver",
    file: WATER,
    edit: r("  approver: liu.yang\n", "  approver: wang.fang\n"),
    expect: [
      {
        code: "not-platform-approver",
        message:
          "wang.fang is an approver of water, not a platform approver; the platform team approves every VDC and its quota",
        line: 18,
        column: 13,
        path: "approval.approver",
        found: '"wang.fang"',
        allowed: "liu.yang, chen.jing",
        fix: "name a platform approver: liu.yang, chen.jing",
      },
    ],
  },
  {
    name: "critical workload without approver",
    file: WATER,
    edit: r("ticket: QD-CHG-2026-00031, approver: wang.fang,", "ticket: QD-CHG-2026-00031,"),
    expect: [
      {
        code: "missing-approver",
        message: "critical workloads need a named approver on their approval",
        line: 53,
        column: 15,
        path: "workloads[0].approval",
        found: "no approver",
        allowed: "wang.fang, liu.yang, chen.jing",
        fix: 'add "approver: wang.fang" or another approver (department: wang.fang; platform: liu.yang, chen.jing)',
      },
    ],
  },
  {
    name: "floating IP without approver",
    file: WATER,
    edit: r("replicas: { qingdao: 1 }", "replicas: { qingdao: 1 }\n    floatingIp: true"),
    expect: [
      {
        code: "missing-approver",
        message: "workloads with floating IPs need a named approver on their approval",
        line: 75,
        column: 15,
        path: "workloads[2].approval",
        found: "no approver",
        allowed: "wang.fang, liu.yang, chen.jing",
        fix: 'add "approver: wang.fang" or another approver (department: wang.fang; platform: liu.yang, chen.jing)',
      },
    ],
  },
  {
    name: "workload approved by a maintainer",
    file: WATER,
    edit: r(
      "ticket: QD-REQ-2026-00032, approver: wang.fang",
      "ticket: QD-REQ-2026-00032, approver: li.na",
    ),
    expect: [
      {
        code: "not-an-approver",
        message: "li.na is a maintainer of water, not an approver",
        line: 67,
        column: 54,
        path: "workloads[1].approval.approver",
        found: "li.na (maintainer)",
        allowed: "wang.fang, liu.yang, chen.jing",
        fix: "name an approver: department: wang.fang; platform: liu.yang, chen.jing",
      },
    ],
  },
  {
    name: "workload approver typo",
    file: WATER,
    edit: r(
      "ticket: QD-REQ-2026-00032, approver: wang.fang",
      "ticket: QD-REQ-2026-00032, approver: wang.fnag",
    ),
    expect: [
      {
        code: "not-an-approver",
        message: "wang.fnag is neither an approver of water nor a platform approver",
        line: 67,
        column: 54,
        path: "workloads[1].approval.approver",
        found: '"wang.fnag"',
        allowed: "wang.fang, liu.yang, chen.jing",
        fix: 'did you mean "wang.fang"?',
      },
    ],
  },
  // ---- quota-fit ----------------------------------------------------------------------------
  {
    name: "vCPUs over quota",
    file: WATER,
    edit: r("  qingdao:\n    vcpus: 32\n", "  qingdao:\n    vcpus: 20\n"),
    expect: [
      {
        code: "quota-exceeded",
        message: "workloads at qingdao need 25 vCPUs but the quota is 20",
        line: 22,
        column: 12,
        path: "quotas.qingdao.vcpus",
        found: "25 needed",
        allowed: "at most 20 (quotas.qingdao.vcpus)",
        fix: "raise quotas.qingdao.vcpus to at least 25, or reduce replicas or flavors",
      },
    ],
  },
  {
    name: "networks over quota",
    file: WATER,
    edit: r(
      "    floatingIps: 4\n    networks: 3\n  laixi:",
      "    floatingIps: 4\n    networks: 1\n  laixi:",
    ),
    expect: [
      {
        code: "quota-exceeded",
        message: "the department has 2 networks at qingdao but the quota is 1",
        line: 28,
        column: 15,
        path: "quotas.qingdao.networks",
        found: "2 needed",
        allowed: "at most 1 (quotas.qingdao.networks)",
        fix: "raise quotas.qingdao.networks to at least 2, or remove networks from the site",
      },
    ],
  },
  {
    name: "server groups over the platform default",
    file: PLATFORM,
    edit: r("serverGroups: 20", "serverGroups: 2"),
    expect: [
      {
        code: "quota-exceeded",
        message:
          "workloads at qingdao need 3 server groups (one per workload and site) but the quota is 2 (the platform default)",
        line: 22,
        column: 5,
        path: "quotas.qingdao",
        file: "departments/water.yaml",
        found: "3 needed",
        allowed: "at most 2 (quotaDefaults.serverGroups in platform.yaml)",
        fix: 'add "serverGroups: 3" (or more) to quotas.qingdao, or merge workloads',
      },
    ],
  },
  // ---- site-capacity ------------------------------------------------------------------------
  {
    name: "a site without hosts",
    file: PLATFORM,
    edit: r(
      "      - { class: small-host, count: 2 }\n  - id: quorum",
      "      - { class: small-host, count: 0 }\n  - id: quorum",
    ),
    expect: [
      {
        code: "site-over-capacity",
        message:
          "workloads at laixi need 4 instances but the site has 0 (0 hosts x 10 VMs per host); the largest consumers are water (3) and health (1)",
        line: 32,
        column: 7,
        path: "sites[1].hosts",
        found: "4 instances",
        allowed: "at most 0 instances",
        fix: "add hosts to laixi, raise capacity.vmsPerHost, or reduce replicas at laixi",
      },
      {
        code: "site-over-capacity",
        message:
          "workloads at laixi need 21 vCPUs but the site has 0 (threads of 0 hosts x cpuOvercommit 2); the largest consumers are water (20) and health (1)",
        line: 32,
        column: 7,
        path: "sites[1].hosts",
        found: "21 vCPUs",
        allowed: "at most 0 vCPUs",
        fix: "add hosts to laixi, raise capacity.cpuOvercommit, or reduce replicas or flavors",
      },
      {
        code: "site-over-capacity",
        message:
          "workloads at laixi need 138 GiB of RAM but the site has 0 (RAM of 0 hosts x ramOvercommit 1); the largest consumers are water (136) and health (2)",
        line: 32,
        column: 7,
        path: "sites[1].hosts",
        found: "138 GiB of RAM",
        allowed: "at most 0 GiB of RAM",
        fix: "add hosts to laixi, raise capacity.ramOvercommit, or reduce replicas or flavors",
      },
    ],
  },
  {
    name: "more instances than a site's hosts hold",
    file: PLATFORM,
    edit: r("vmsPerHost: 10", "vmsPerHost: 2"),
    expect: [
      {
        code: "site-over-capacity",
        message:
          "workloads at qingdao need 5 instances but the site has 4 (2 hosts x 2 VMs per host); the only consumer is water (5)",
        line: 20,
        column: 7,
        path: "sites[0].hosts",
        found: "5 instances",
        allowed: "at most 4 instances",
        fix: "add hosts to qingdao, raise capacity.vmsPerHost, or reduce replicas at qingdao",
      },
    ],
  },
  // ---- lifecycle ----------------------------------------------------------------------------
  {
    name: "earlier name that is still a workload",
    file: WATER,
    edit: r("  - name: billing\n", "  - name: billing\n    previousNames: [meter-db]\n"),
    expect: [
      {
        code: "rename-conflict",
        message:
          "workload billing lists meter-db in previousNames, but meter-db is still a workload of water; a name can belong to one workload only",
        line: 55,
        column: 21,
        path: "workloads[1].previousNames[0]",
        found: '"meter-db"',
        allowed: "a name no current workload has and no other workload lists",
        fix: 'remove "meter-db" from previousNames, or rename the other workload',
      },
    ],
  },
  {
    name: "decommission approved by a department approver",
    file: WATER,
    edit: r(
      "workloads:\n",
      "decommission: { ticket: QD-CHG-2026-00777, approver: wang.fang, date: 2026-11-02 }\nworkloads:\n",
    ),
    expect: [
      {
        code: "not-platform-approver",
        message:
          "wang.fang is an approver of water, not a platform approver; the platform team approves every decommission",
        line: 42,
        column: 54,
        path: "decommission.approver",
        found: '"wang.fang"',
        allowed: "liu.yang, chen.jing",
        fix: "name a platform approver: liu.yang, chen.jing",
      },
    ],
  },
  // ---- subnet size --------------------------------------------------------------------------
  {
    name: "subnet with fewer addresses than instances",
    file: WATER,
    edit: {
      replace: [
        [
          "cidrs: { qingdao: 10.16.8.0/24, laixi: 10.32.8.0/24 }",
          "cidrs: { qingdao: 10.16.8.0/29, laixi: 10.32.8.0/24 }",
        ],
        ["    replicas: { qingdao: 1 }", "    replicas: { qingdao: 4 }"],
      ],
    },
    expect: [
      {
        code: "subnet-too-small",
        message:
          "10.16.8.0/29 has 5 addresses for instances, but 6 instances of billing, reports are placed on app at qingdao",
        line: 39,
        column: 23,
        path: "networks[0].cidrs.qingdao",
        found: '"10.16.8.0/29"',
        allowed: "a subnet with at least 6 usable addresses (/28 or larger)",
        fix: "widen the subnet to /28, or move workloads to another network",
      },
    ],
  },
  {
    name: "security groups over the quota",
    file: WATER,
    edit: r("    networks: 3\n  laixi:", "    networks: 3\n    securityGroups: 3\n  laixi:"),
    expect: [
      {
        code: "quota-exceeded",
        message:
          "workloads at qingdao need 4 security groups (one per workload, and the project's default) but the quota is 3",
        line: 29,
        column: 21,
        path: "quotas.qingdao.securityGroups",
        found: "4 needed",
        allowed: "at most 3 (quotas.qingdao.securityGroups)",
        fix: "raise quotas.qingdao.securityGroups to at least 4, or merge workloads",
      },
    ],
  },
];
