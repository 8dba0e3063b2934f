/**
 * CIDR parsing and the overlap sweep of the network-cidrs rule, called directly on estates built
 * in memory: which subnet of an overlapping pair is reported, and that thousands of networks are
 * checked quickly.
 */
import { strict as assert } from "node:assert";
import type { Estate } from "../../model/estate";
import type { Department } from "../../model/types";
import { firstFreeBlock, parseCidr } from "../../model/rules/ipv4";
import { networkCidrs } from "../../model/rules/network-cidrs";
import { loadWith, TODAY } from "./support";

describe("parseCidr", () => {
  const table: [string, string][] = [
    ["10.16.4.0/24", "ok 10.16.4.0-10.16.4.255"],
    ["0.0.0.0/0", "ok 0.0.0.0-255.255.255.255"],
    ["10.16.4.7/32", "ok 10.16.4.7-10.16.4.7"],
    ["10.16.4.0", "no-prefix: it has no prefix length (/n) -> 10.16.4.0/24"],
    ["10.16.0.0", "no-prefix: it has no prefix length (/n) -> 10.16.0.0/16"],
    ["10.1.2.3", "no-prefix: it has no prefix length (/n) -> 10.1.2.3/32"],
    ["10.16.300.0/24", "invalid: 300 is more than 255"],
    ["10.16.4.0/33", "invalid: the prefix length /33 is more than 32"],
    ["10.16.4.0/024", "invalid: the prefix length /024 has a leading zero"],
    ["010.16.4.0/24", "invalid: 010 has a leading zero, which some tools read as octal"],
    ["10.16.4.5/24", "host-bits: a /24 network starts at 10.16.4.0 -> 10.16.4.0/24"],
    [" 10.16.4.0/24", "invalid: it has spaces around it -> 10.16.4.0/24"],
    ["fd00::/64", "invalid: it is not IPv4 (govcloud networks are IPv4 only)"],
    ["10.16.4/24", "invalid: it is not four numbers separated by dots followed by /prefix"],
    ["", "invalid: it is not four numbers separated by dots followed by /prefix"],
  ];
  for (const [text, expected] of table) {
    it(JSON.stringify(text), () => {
      const parsed = parseCidr(text);
      const toAddress = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
      const actual = parsed.ok
        ? `ok ${toAddress(parsed.cidr.start)}-${toAddress(parsed.cidr.end)}`
        : `${parsed.kind}: ${parsed.reason}${parsed.suggestion ? ` -> ${parsed.suggestion}` : ""}`;
      assert.equal(actual, expected);
    });
  }

  it("finds the first free block of a prefix in a pool", () => {
    const cidr = (text: string) => {
      const parsed = parseCidr(text);
      assert.ok(parsed.ok);
      return parsed.cidr;
    };
    const pool = cidr("10.16.0.0/12");
    const used = ["10.16.0.0/24", "10.16.1.0/25", "10.16.2.0/23"].map(cidr);
    assert.equal(firstFreeBlock(pool, 24, used), "10.16.4.0/24");
    assert.equal(firstFreeBlock(pool, 25, used), "10.16.1.128/25");
    assert.equal(firstFreeBlock(pool, 16, used), "10.17.0.0/16");
    assert.equal(firstFreeBlock(cidr("10.16.0.0/24"), 24, used), undefined);
    assert.equal(firstFreeBlock(pool, 8, used), undefined);
  });
});

describe("network-cidrs overlaps", () => {
  let base: Estate;
  before(() => {
    const loaded = loadWith({}).estate;
    assert.ok(loaded);
    base = loaded;
  });

  /** An estate of departments d000, d001, ... each with the given qingdao subnets. */
  function estateWith(subnets: string[][]): Estate {
    const template = base.departments.find((entry) => entry.department.id === "water");
    assert.ok(template);
    const departments = subnets.map((cidrs, d) => {
      const id = `d${String(d).padStart(3, "0")}`;
      const department: Department = {
        ...structuredClone(template.department),
        id,
        networks: cidrs.map((cidr, n) => ({ name: `net-${n}`, cidrs: { qingdao: cidr } })),
        workloads: [],
      };
      return { file: `departments/${id}.yaml`, department };
    });
    return { ...base, departments };
  }

  const overlaps = (estate: Estate) =>
    networkCidrs
      .check({ estate, today: TODAY })
      .map((f) => `${f.file.replace("departments/", "")} ${f.path.join(".")}: ${f.message}`);

  it("reports an overlap once, on the later of the two in file order", () => {
    assert.deepEqual(overlaps(estateWith([["10.16.0.0/23"], ["10.16.1.0/24"]])), [
      "d001.yaml networks.0.cidrs.qingdao: 10.16.1.0/24 overlaps 10.16.0.0/23 at networks[0].cidrs.qingdao in departments/d000.yaml",
    ]);
    assert.deepEqual(overlaps(estateWith([["10.16.1.0/24"], ["10.16.0.0/23"]])), [
      "d001.yaml networks.0.cidrs.qingdao: 10.16.0.0/23 overlaps 10.16.1.0/24 at networks[0].cidrs.qingdao in departments/d000.yaml",
    ]);
  });

  it("names the earliest subnet a later one overlaps, nested or identical", () => {
    assert.deepEqual(
      overlaps(
        estateWith([
          ["10.16.2.0/24"],
          ["10.16.0.0/22"],
          ["10.16.2.128/25", "10.16.0.0/22"],
          ["10.16.8.0/24"],
        ]),
      ),
      [
        "d001.yaml networks.0.cidrs.qingdao: 10.16.0.0/22 overlaps 10.16.2.0/24 at networks[0].cidrs.qingdao in departments/d000.yaml",
        "d002.yaml networks.0.cidrs.qingdao: 10.16.2.128/25 overlaps 10.16.2.0/24 at networks[0].cidrs.qingdao in departments/d000.yaml",
        "d002.yaml networks.1.cidrs.qingdao: 10.16.0.0/22 overlaps 10.16.2.0/24 at networks[0].cidrs.qingdao in departments/d000.yaml",
      ],
    );
  });

  it("checks 5,000 subnets with a few overlaps in well under a second of CPU", () => {
    // Department d, network n: the (10d+n)-th /25 of qingdao's pool.
    const subnet = (index: number) =>
      `10.${16 + (index >> 9)}.${(index >> 1) & 255}.${(index & 1) * 128}/25`;
    const subnets: string[][] = [];
    for (let d = 0; d < 500; d++) {
      subnets.push(Array.from({ length: 10 }, (_, n) => subnet(d * 10 + n)));
    }
    subnets[499][9] = subnet(7); // the same as d000's net-7
    subnets[250][0] = "10.17.0.0/16"; // holds the 512 subnets of d051 (net-2) to d102 (net-3)
    const estate = estateWith(subnets);
    // CPU time, not wall time: on a busy machine the wall clock also counts the time this
    // process waits for a core, which says nothing about the check. Comparing every pair would
    // take seconds of CPU; sorting takes a few dozen milliseconds.
    const started = process.cpuUsage();
    const found = overlaps(estate);
    const used = process.cpuUsage(started);
    const millis = (used.user + used.system) / 1000;
    assert.ok(millis < 1000, `took ${millis} ms of CPU`);
    assert.deepEqual(found, [
      "d250.yaml networks.0.cidrs.qingdao: 10.17.0.0/16 overlaps 10.17.0.0/25 at networks[2].cidrs.qingdao in departments/d051.yaml",
      "d499.yaml networks.9.cidrs.qingdao: 10.16.3.128/25 overlaps 10.16.3.128/25 at networks[7].cidrs.qingdao in departments/d000.yaml",
    ]);
  });
});
