/**
 * The city runs one routed government network: every department subnet at every site must be a
 * real IPv4 network inside its site's address pool and must share no address with any other
 * subnet anywhere, or traffic for one department ends up at another. Overlaps are found with
 * one sort and a sweep, so that an estate of thousands of subnets is checked in milliseconds.
 */
import type { Finding, FieldPath } from "../problem";
import { formatPath, show } from "../problem";
import type { Cidr, CidrParse } from "./ipv4";
import { contains, describeInvalid, firstFreeBlock, formatCidr, parseCidr } from "./ipv4";
import type { Rule } from "./rule";

/** Smallest and largest subnet a department network may have. */
export const MIN_PREFIX = 16;
export const MAX_PREFIX = 29;

interface Subnet {
  /** Position in file order: platform.yaml first, then departments by file, then field order. */
  order: number;
  file: string;
  path: FieldPath;
  site: string;
  cidr: Cidr;
  /** Only department subnets are reported; the platform's are checked by platform-consistency. */
  department: boolean;
}

export const networkCidrs: Rule = {
  name: "network-cidrs",
  description:
    "Network CIDRs are valid, inside their site's pool and overlap no other subnet; ingress sources are CIDRs.",
  check({ estate }) {
    const { platform } = estate;
    const findings: Finding[] = [];
    const pools = new Map<string, Cidr>();
    for (const site of platform.sites) {
      const parsed = parseCidr(site.addressPool);
      if (site.role === "active" && parsed.ok && !pools.has(site.id))
        pools.set(site.id, parsed.cidr);
    }
    const poolOf = (site: string): Cidr | undefined => pools.get(site);

    const subnets: Subnet[] = [];
    /** Subnets whose CIDR is wrong in itself; reported once the free blocks are known. */
    const invalid: {
      file: string;
      path: FieldPath;
      site: string;
      text: string;
      parsed: Extract<CidrParse, { ok: false }>;
    }[] = [];

    platform.kvmHosts.forEach((host, h) => {
      const parsed = parseCidr(host.network.cidr);
      if (!parsed.ok) return;
      subnets.push({
        order: subnets.length,
        file: estate.platformFile,
        path: ["kvmHosts", h, "network", "cidr"],
        site: host.site,
        cidr: parsed.cidr,
        department: false,
      });
    });

    for (const { file, department } of estate.departments) {
      department.networks.forEach((network, n) => {
        for (const [site, text] of Object.entries(network.cidrs)) {
          const path = ["networks", n, "cidrs", site];
          const parsed = parseCidr(text);
          if (!parsed.ok) {
            invalid.push({ file, path, site, text, parsed });
            continue;
          }
          const { cidr } = parsed;
          if (cidr.prefix < MIN_PREFIX || cidr.prefix > MAX_PREFIX) {
            findings.push(prefixFinding(file, path, cidr));
            continue;
          }
          const pool = poolOf(site);
          if (pool !== undefined && !contains(pool, cidr)) {
            findings.push(outsidePoolFinding(file, path, site, cidr, pool, pools));
            continue;
          }
          subnets.push({ order: subnets.length, file, path, site, cidr, department: true });
        }
      });
    }

    const sorted = subnets.slice().sort(byAddress);
    const used = sorted.map((subnet) => subnet.cidr);
    const freeExample = (site: string, prefix: number): string | undefined => {
      const pool = poolOf(site);
      return pool === undefined ? undefined : firstFreeBlock(pool, prefix, used);
    };

    for (const { file, path, site, text, parsed } of invalid) {
      const pool = poolOf(site);
      const example = freeExample(site, 24) ?? "10.16.4.0/24";
      findings.push({
        file,
        path,
        code: parsed.kind === "host-bits" ? "cidr-host-bits" : "invalid-cidr",
        message: describeInvalid("", text, parsed),
        found: show(text),
        allowed:
          pool === undefined
            ? "an IPv4 subnet a.b.c.d/n"
            : `an IPv4 subnet a.b.c.d/n inside ${site}'s address pool ${pool.text}`,
        fix:
          parsed.suggestion !== undefined
            ? `did you mean ${parsed.suggestion}?`
            : `write the subnet as four numbers from 0 to 255 and a prefix length, e.g. ${example}`,
      });
    }

    for (const [subnet, other] of overlapsInFileOrder(sorted)) {
      if (!subnet.department) continue;
      const free = freeExample(subnet.site, subnet.cidr.prefix);
      findings.push({
        file: subnet.file,
        path: subnet.path,
        code: "cidr-overlap",
        message:
          `${subnet.cidr.text} overlaps ${other.cidr.text} at ${formatPath(other.path)} ` +
          `in ${other.file}`,
        found: show(subnet.cidr.text),
        allowed: "a subnet that shares no address with any other subnet in the city",
        fix:
          free === undefined
            ? "choose a subnet that no other network uses"
            : `use a free subnet such as ${free}`,
      });
    }

    for (const { file, department } of estate.departments) {
      department.workloads.forEach((workload, w) => {
        (workload.ingress ?? []).forEach((rule, r) => {
          if (rule.from.startsWith("network:")) return;
          const parsed = parseCidr(rule.from);
          if (parsed.ok) return;
          findings.push({
            file,
            path: ["workloads", w, "ingress", r, "from"],
            code: parsed.kind === "host-bits" ? "cidr-host-bits" : "invalid-cidr",
            message: describeInvalid("", rule.from, parsed),
            found: show(rule.from),
            allowed:
              "an IPv4 CIDR such as 10.0.0.0/8, or network:<name> for a network of this department",
            fix:
              parsed.suggestion !== undefined
                ? `did you mean ${parsed.suggestion}?`
                : "write a CIDR such as 10.0.0.0/8 (a single address is a.b.c.d/32)",
          });
        });
      });
    }
    return findings;
  },
};

function byAddress(a: Subnet, b: Subnet): number {
  return a.cidr.start - b.cidr.start || b.cidr.end - a.cidr.end || a.order - b.order;
}

function earlier(a: Subnet | undefined, b: Subnet | undefined): Subnet | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.order <= b.order ? a : b;
}

/**
 * Each subnet that overlaps a subnet earlier in file order, paired with the earliest such subnet:
 * an overlap is reported once, on the later of the two.
 *
 * CIDR blocks either nest or are disjoint, so in address order (start ascending, larger first)
 * the blocks containing the current one are exactly those on a stack, and the blocks it contains
 * follow it directly. One pass keeps, for every block, the earliest of its ancestors (on the
 * stack) and of its descendants (handed up when a block is popped): O(n log n) for the sort.
 */
function overlapsInFileOrder(sorted: readonly Subnet[]): [Subnet, Subnet][] {
  const ancestors: (Subnet | undefined)[] = new Array(sorted.length);
  const descendants: (Subnet | undefined)[] = new Array(sorted.length);
  const stack: { index: number; earliest: Subnet }[] = [];
  const pop = () => {
    const top = stack.pop();
    if (top === undefined) return;
    const parent = stack[stack.length - 1];
    if (parent === undefined) return;
    descendants[parent.index] = earlier(
      descendants[parent.index],
      earlier(descendants[top.index], sorted[top.index]),
    );
  };
  sorted.forEach((subnet, i) => {
    while (stack.length > 0 && sorted[stack[stack.length - 1].index].cidr.end < subnet.cidr.start) {
      pop();
    }
    const above = stack[stack.length - 1]?.earliest;
    ancestors[i] = above;
    stack.push({ index: i, earliest: earlier(above, subnet) ?? subnet });
  });
  while (stack.length > 0) pop();

  const pairs: [Subnet, Subnet][] = [];
  sorted.forEach((subnet, i) => {
    const other = earlier(ancestors[i], descendants[i]);
    if (other !== undefined && other.order < subnet.order) pairs.push([subnet, other]);
  });
  return pairs.sort(([a], [b]) => a.order - b.order);
}

function prefixFinding(file: string, path: FieldPath, cidr: Cidr): Finding {
  const small = cidr.prefix > MAX_PREFIX;
  const size = small ? MAX_PREFIX : MIN_PREFIX;
  const mask = (0xffffffff << (32 - size)) >>> 0;
  const example = formatCidr((cidr.start & mask) >>> 0, size);
  return {
    file,
    path,
    code: "cidr-prefix-range",
    message: small
      ? `${cidr.text} is a /${cidr.prefix} subnet, smaller than the smallest allowed (/${MAX_PREFIX}, 8 addresses)`
      : `${cidr.text} is a /${cidr.prefix} subnet, larger than the largest allowed (/${MIN_PREFIX}, 65536 addresses)`,
    found: show(cidr.text),
    allowed: `a prefix length from /${MIN_PREFIX} to /${MAX_PREFIX}`,
    fix: `use a prefix length from /${MIN_PREFIX} to /${MAX_PREFIX}, e.g. ${example}`,
  };
}

function outsidePoolFinding(
  file: string,
  path: FieldPath,
  site: string,
  cidr: Cidr,
  pool: Cidr,
  pools: Map<string, Cidr>,
): Finding {
  const owner = [...pools].find(
    ([other, otherPool]) => other !== site && contains(otherPool, cidr),
  );
  return {
    file,
    path,
    code: "cidr-outside-pool",
    message:
      `${cidr.text} is outside ${site}'s address pool ${pool.text}` +
      (owner === undefined ? "" : ` (it is in the pool of ${owner[0]})`),
    found: show(cidr.text),
    allowed: `a subnet inside ${pool.text}`,
    fix:
      owner === undefined
        ? `choose a subnet inside ${pool.text}`
        : `choose a subnet inside ${pool.text} for ${site}; check that the ${site} and ${owner[0]} subnets are not swapped`,
  };
}
