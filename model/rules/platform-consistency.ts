/**
 * platform.yaml is the ground every department stands on: a duplicate flavor, a third active
 * site or a ticket pattern that does not compile would make every department check meaningless
 * or misleading. This rule checks what the schema cannot: uniqueness, the two-site design,
 * references inside the platform and the address plan.
 */
import type { Finding, FieldPath } from "../problem";
import { formatPath, show } from "../problem";
import { didYouMean, listNames } from "../suggest";
import { compileConfiguredPattern, PATTERN_SYNTAX } from "../configured-pattern";
import type { Site } from "../types";
import type { Cidr, CidrParse } from "./ipv4";
import { contains, describeInvalid, overlaps, parseCidr } from "./ipv4";
import { repeatedNames } from "./repeats";
import type { Rule } from "./rule";

export const platformConsistency: Rule = {
  name: "platform-consistency",
  description: "Unique names, two active sites, host classes, ticket pattern and address pools.",
  check({ estate }) {
    const { platform, platformFile: file } = estate;
    const findings: Finding[] = [];
    const push = (finding: Omit<Finding, "file">) => findings.push({ file, ...finding });

    const unique = <T>(
      items: readonly T[],
      nameOf: (item: T) => string,
      path: (index: number) => FieldPath,
      what: string,
    ) => {
      for (const { name, index, earlier } of repeatedNames(items, nameOf)) {
        push({
          path: path(index),
          code: "duplicate-name",
          message: `${what} "${name}" is already defined at ${formatPath(path(earlier))}`,
          found: show(name),
          allowed: `a unique ${what}`,
          fix: `rename it or remove the entry`,
        });
      }
    };

    unique(
      platform.sites,
      (s) => s.id,
      (i) => ["sites", i, "id"],
      "site id",
    );
    unique(
      platform.hostClasses,
      (c) => c.name,
      (i) => ["hostClasses", i, "name"],
      "host class",
    );
    const catalog = platform.catalog;
    unique(
      catalog.flavors,
      (f) => f.name,
      (i) => ["catalog", "flavors", i, "name"],
      "flavor",
    );
    unique(
      catalog.images,
      (m) => m.name,
      (i) => ["catalog", "images", i, "name"],
      "image",
    );
    unique(
      catalog.volumeTypes,
      (t) => t.name,
      (i) => ["catalog", "volumeTypes", i, "name"],
      "volume type",
    );
    unique(
      platform.tiers,
      (t) => t.name,
      (i) => ["tiers", i, "name"],
      "tier",
    );
    unique(
      platform.approvals.approvers,
      (a) => a.id,
      (i) => ["approvals", "approvers", i, "id"],
      "approver id",
    );
    unique(
      platform.kvmHosts,
      (h) => h.name,
      (i) => ["kvmHosts", i, "name"],
      "KVM host",
    );

    // The two-site design: placement, replication and failover all assume one peer site.
    const active = platform.sites.filter((site) => site.role === "active");
    if (active.length !== 2) {
      push({
        path: ["sites"],
        code: "active-site-count",
        message:
          `the platform has ${active.length} active site${active.length === 1 ? "" : "s"}, ` +
          "but govcloud is a two-site active-active design with exactly two active sites",
        found: active.length === 0 ? "none" : active.map((site) => site.id).join(", "),
        allowed: "exactly 2 sites with role: active (and any number of witness sites)",
        fix:
          active.length < 2
            ? "set role: active on the second datacenter"
            : "set role: witness on the sites that only hold the storage quorum",
      });
    }
    // The preferred site decides which copy of a synchronous pair writes when the sites are
    // cut apart: a witness or unknown site there would leave no writer at all.
    const preferred = platform.storagePairing.preferredSite;
    if (
      preferred !== undefined &&
      active.length > 0 &&
      !active.some((site) => site.id === preferred)
    ) {
      push({
        path: ["storagePairing", "preferredSite"],
        code: "preferred-site-not-active",
        message: `storagePairing.preferredSite "${preferred}" is not an active site, so no site would keep writing when the two are cut apart`,
        found: show(preferred),
        allowed: listNames(active.map((site) => site.id)),
        fix: didYouMean(
          preferred,
          active.map((site) => site.id),
          "name one of the active sites",
        ),
      });
    }
    platform.sites.forEach((site, s) => {
      if (site.role !== "active") return;
      const missing = (field: string, what: string, example: string) =>
        push({
          path: ["sites", s],
          code: "active-site-incomplete",
          message: `active site "${site.id}" has no ${field}, so no workload can run there`,
          found: "nothing",
          allowed: what,
          fix: `add ${example} to site ${site.id}`,
        });
      if (site.openstack === undefined) {
        missing(
          "openstack endpoint",
          "openstack: region, cloud and authUrl",
          `"openstack:" with region, cloud and authUrl`,
        );
      }
      if (site.externalNetwork === undefined) {
        missing(
          "external network",
          "the name of the site's provider network",
          `"externalNetwork: <provider network>"`,
        );
      }
      if (site.availabilityZones.length === 0) {
        push({
          path: ["sites", s, "availabilityZones"],
          code: "active-site-incomplete",
          message: `active site "${site.id}" has no availability zone, so no instance can be placed`,
          found: "[]",
          allowed: "at least one availability zone",
          fix: `list the Nova availability zones of ${site.id}, e.g. [${site.id}-az1, ${site.id}-az2]`,
        });
      }
    });

    // Host groups name host classes.
    const classNames = platform.hostClasses.map((hostClass) => hostClass.name);
    platform.sites.forEach((site, s) => {
      site.hosts.forEach((group, g) => {
        if (classNames.includes(group.class)) return;
        push({
          path: ["sites", s, "hosts", g, "class"],
          code: "unknown-host-class",
          message: `host class "${group.class}" is not defined under hostClasses`,
          found: show(group.class),
          allowed: listNames(classNames),
          fix: didYouMean(group.class, classNames, "add the host class under hostClasses"),
        });
      });
    });

    // Tickets: the pattern must compile (on RE2, so that no ticket can make a command hang)
    // and the example must be a ticket.
    const compiled = compileConfiguredPattern(platform.approvals.ticketPattern);
    const pattern = compiled.ok ? compiled : undefined;
    if (!compiled.ok) {
      push({
        path: ["approvals", "ticketPattern"],
        code: "invalid-ticket-pattern",
        message: `the ticket pattern is not a regular expression govcloud can run: ${compiled.reason}`,
        found: show(platform.approvals.ticketPattern),
        allowed: `${PATTERN_SYNTAX}, e.g. ^QD-(CHG|REQ)-[0-9]{4}-[0-9]{5}$`,
        fix: "escape special characters with \\ and balance brackets and parentheses; write look-arounds and back-references as plain alternatives",
      });
    }
    if (pattern !== undefined && !pattern.test(platform.approvals.ticketExample)) {
      push({
        path: ["approvals", "ticketExample"],
        code: "ticket-example-mismatch",
        message: "the ticket example does not match the ticket pattern",
        found: show(platform.approvals.ticketExample),
        allowed: `a ticket matching ${platform.approvals.ticketPattern}`,
        fix: "correct the example, or the pattern if tickets really look like this",
      });
    }

    // Address pools: valid and disjoint, so that a subnet belongs to exactly one site.
    const pools = new Map<string, Cidr>();
    const poolsInOrder: { site: Site; index: number; cidr: Cidr }[] = [];
    platform.sites.forEach((site, s) => {
      const path = ["sites", s, "addressPool"];
      const parsed = parseCidr(site.addressPool);
      if (!parsed.ok) {
        push({
          path,
          code: parsed.kind === "host-bits" ? "cidr-host-bits" : "invalid-cidr",
          message: describeInvalid("address pool", site.addressPool, parsed),
          found: show(site.addressPool),
          allowed: "an IPv4 network in CIDR form, e.g. 10.16.0.0/12",
          fix: cidrFix(parsed, "write the pool as a.b.c.d/n, e.g. 10.16.0.0/12"),
        });
        return;
      }
      const other = poolsInOrder.find((entry) => overlaps(entry.cidr, parsed.cidr));
      if (other !== undefined) {
        push({
          path,
          code: "cidr-overlap",
          message:
            `address pool ${site.addressPool} overlaps the pool ${other.cidr.text} of site ` +
            `"${other.site.id}" (sites[${other.index}].addressPool)`,
          found: show(site.addressPool),
          allowed: "a pool that shares no address with another site's pool",
          fix: "give every site its own address range",
        });
      }
      poolsInOrder.push({ site, index: s, cidr: parsed.cidr });
      if (!pools.has(site.id)) pools.set(site.id, parsed.cidr);
    });

    // KVM hosts: at a site that exists, on a network inside that site's pool.
    const siteIds = platform.sites.map((site) => site.id);
    platform.kvmHosts.forEach((host, h) => {
      const at = (...rest: (string | number)[]): FieldPath => ["kvmHosts", h, ...rest];
      const siteKnown = siteIds.includes(host.site);
      if (!siteKnown) {
        push({
          path: at("site"),
          code: "unknown-site",
          message: `site "${host.site}" is not a site in platform.yaml`,
          found: show(host.site),
          allowed: listNames(siteIds),
          fix: didYouMean(host.site, siteIds, "use the id of one of the sites"),
        });
      }
      const parsed = parseCidr(host.network.cidr);
      if (!parsed.ok) {
        push({
          path: at("network", "cidr"),
          code: parsed.kind === "host-bits" ? "cidr-host-bits" : "invalid-cidr",
          message: describeInvalid("", host.network.cidr, parsed),
          found: show(host.network.cidr),
          allowed: "an IPv4 network in CIDR form, e.g. 10.99.10.0/24",
          fix: cidrFix(parsed, "write the network as a.b.c.d/n, e.g. 10.99.10.0/24"),
        });
      } else {
        const pool = siteKnown ? pools.get(host.site) : undefined;
        if (pool !== undefined && !contains(pool, parsed.cidr)) {
          push({
            path: at("network", "cidr"),
            code: "cidr-outside-pool",
            message: `${host.network.cidr} is outside the address pool ${pool.text} of site "${host.site}"`,
            found: show(host.network.cidr),
            allowed: `a subnet inside ${pool.text}`,
            fix: `choose a subnet inside ${pool.text}, or put the host at the site that owns this range`,
          });
        }
      }
      unique(
        host.domains,
        (d) => d.name,
        (d) => at("domains", d, "name"),
        "domain name",
      );
    });
    return findings;
  },
};

/**
 * A pool or host network without a prefix is not a typo of a known value: suggest a prefix
 * rather than asking "did you mean".
 */
function cidrFix(parsed: Extract<CidrParse, { ok: false }>, fallback: string): string {
  if (parsed.suggestion === undefined) return fallback;
  return parsed.kind === "no-prefix"
    ? `add the prefix length, e.g. ${parsed.suggestion}`
    : `did you mean ${parsed.suggestion}?`;
}
