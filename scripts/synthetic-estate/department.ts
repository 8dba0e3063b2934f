/**
 * One synthetic department: owners, networks cut from the department's address blocks, a few
 * business systems at a mix of tiers, operations workloads, and quotas with headroom over what
 * the workloads use. Every choice keeps to the rules in model/rules/, so that a generated estate
 * validates without problems; in particular only HTTPS to a DMZ portal with a floating IP and
 * a named approver is open to the internet, never SSH, RDP or a database port.
 */
import { activeSites, findTier } from "../../model/catalog";
import { formatCidr } from "../../model/rules/ipv4";
import type {
  Approval,
  DataVolume,
  Department,
  IngressRule,
  LocalizedName,
  Network,
  Owner,
  Platform,
  SiteQuota,
  Workload,
} from "../../model/types";
import { departmentUsage } from "../../model/usage";
import type { BusinessSystem } from "./names";
import { personName, SYSTEMS } from "./names";
import type { Random } from "./random";

/** Each department owns one /21 (2048 addresses) per active site. */
export const BLOCK_PREFIX = 21;

/** Approval dates: VDCs are approved in the first quarter, workloads from then on. */
const FIRST_DATE = "2026-01-05";
const LAST_VDC_DATE = "2026-03-31";
const LAST_DATE = "2026-11-20";

/** Sources of traffic: internal ranges only, except HTTPS to portals. */
const GOV_NETWORK = "10.0.0.0/8";
const OPS_VPN = "10.8.0.0/16";
const INTERNET = "0.0.0.0/0";

const SERVER_IMAGES = ["kylin-server-v10-sp3", "uos-server-20-1070e", "openeuler-22.03-lts-sp4"];

const DATABASES = [
  { port: 5236, what: "DM8 database" },
  { port: 5432, what: "PostgreSQL" },
  { port: 3306, what: "MySQL" },
  { port: 1521, what: "Oracle listener" },
];

export interface DepartmentSpec {
  id: string;
  name: LocalizedName;
  costCentre: string;
  /** First address of the department's /21 at each active site. */
  blocks: Record<string, number>;
}

export type TicketKind = "CHG" | "REQ";

/** An approval whose ticket is numbered later, once every approval of the estate is known. */
export interface PendingApproval {
  approval: Approval;
  kind: TicketKind;
}

export interface GeneratedDepartment {
  department: Department;
  approvals: PendingApproval[];
}

/** `taken` holds the login ids used so far in the estate; the department's owners join it. */
export function buildDepartment(
  spec: DepartmentSpec,
  platform: Platform,
  rng: Random,
  taken: Set<string>,
): GeneratedDepartment {
  return new DepartmentBuilder(spec, platform, rng, taken).build();
}

class DepartmentBuilder {
  private readonly home: string;
  private readonly away: string;
  private readonly owners: Owner[];
  private readonly approval: Approval;
  private readonly networks: Network[];
  private readonly workloads: Workload[] = [];
  private readonly approvals: PendingApproval[] = [];

  constructor(
    private readonly spec: DepartmentSpec,
    private readonly platform: Platform,
    private readonly rng: Random,
    taken: Set<string>,
  ) {
    // Most work runs at the first site (Qingdao); the second is the failover site.
    [this.home, this.away] = activeSites(platform).map((site) => site.id);
    this.owners = this.makeOwners(taken);
    this.approval = {
      ticket: "",
      approver: rng.pick(platform.approvals.approvers).id,
      date: weekdayBetween(rng, FIRST_DATE, LAST_VDC_DATE),
    };
    this.approvals.push({ approval: this.approval, kind: "CHG" });
    this.networks = this.makeNetworks();
  }

  build(): GeneratedDepartment {
    const systems = this.rng.shuffle(SYSTEMS).slice(0, this.rng.int(3, 6));
    systems.forEach((system, i) => this.addSystem(system, i === 0));
    if (this.hasNetwork("dmz")) this.addPortal();
    if (this.hasNetwork("mgmt")) this.addOperations();
    this.addExtras(systems[0]);

    const department: Department = {
      id: this.spec.id,
      name: this.spec.name,
      description: sentence(systems.map((system) => system.what)),
      costCentre: this.spec.costCentre,
      owners: this.owners,
      approval: this.approval,
      quotas: {},
      networks: this.networks,
      workloads: this.workloads,
    };
    department.quotas = this.quotasFor(department);
    return { department, approvals: this.approvals };
  }

  private makeOwners(taken: Set<string>): Owner[] {
    const count = this.rng.int(2, 4);
    const owners: Owner[] = [];
    for (let i = 0; i < count; i++) {
      // At least one approver, so that the department can approve its own workloads.
      const role = i === 0 || (i === 1 && this.rng.chance(0.5)) ? "approver" : "maintainer";
      const person = personName(this.rng, taken);
      owners.push({
        id: person.id,
        name: person.display,
        email: `${person.id}@${this.spec.id}.qingdao.gov.cn`,
        handle:
          role === "approver"
            ? `qd-${this.spec.id}/it-approvers`
            : `${person.plain}-${this.spec.id}`,
        role,
      });
    }
    return owners;
  }

  /** Two to four networks: app and data always, dmz and mgmt often. */
  private makeNetworks(): Network[] {
    const wanted: [string, number, string][] = [
      ["app", 24, "Application servers"],
      ["data", 24, "Databases, reachable from the application network only"],
    ];
    if (this.rng.chance(0.5)) wanted.push(["dmz", 25, "Public-facing services for residents"]);
    if (this.rng.chance(0.6)) {
      wanted.push(["mgmt", 25, "Bastion hosts, log collection and monitoring"]);
    }
    // Subnets are laid out from the start of the block, each aligned to its own size.
    let offset = 0;
    return wanted.map(([name, prefix, description]) => {
      const size = 2 ** (32 - prefix);
      offset = Math.ceil(offset / size) * size;
      const cidrs: Record<string, string> = {};
      for (const [site, start] of Object.entries(this.spec.blocks)) {
        cidrs[site] = formatCidr(start + offset, prefix);
      }
      offset += size;
      return { name, description, cidrs };
    });
  }

  private hasNetwork(name: string): boolean {
    return this.networks.some((network) => network.name === name);
  }

  /** An application tier and usually its database. The first system always has a database. */
  private addSystem(system: BusinessSystem, first: boolean): void {
    const { rng } = this;
    const roll = rng.next();
    const tier = roll < 0.3 ? "critical" : roll < 0.7 || first ? "important" : "standard";
    const database = rng.pick(DATABASES);
    const fromGov: IngressRule = {
      protocol: "tcp",
      port: 8443,
      from: GOV_NETWORK,
      description: "HTTPS from the government network",
    };
    const fromApp: IngressRule = {
      protocol: "tcp",
      port: database.port,
      from: "network:app",
      description: `${database.what} from the application tier`,
    };

    if (tier === "critical") {
      this.add({
        name: `${system.name}-app`,
        description: `Application servers for ${lowerFirst(system.what)}`,
        tier,
        flavor: rng.pick(["s1.xlarge", "m1.large", "m1.xlarge"]),
        image: rng.pick(SERVER_IMAGES),
        network: "app",
        replicas: this.bothSites(rng.int(2, 3)),
        volumes: rng.chance(0.3) ? [volume("logs", rng.pick([100, 200]), "ssd-sync")] : undefined,
        ingress: [fromGov],
      });
      this.add({
        name: `${system.name}-db`,
        description: `Database cluster for ${lowerFirst(system.what)}`,
        tier,
        flavor: rng.pick(["db.xlarge", "db.2xlarge"]),
        image: "kylin-server-v10-sp3",
        network: "data",
        replicas: this.bothSites(2),
        volumes: [volume("data", rng.pick([500, 1000, 2000, 4000]), "ssd-sync")],
        ingress: [fromApp],
      });
      return;
    }

    if (tier === "important") {
      const primary = rng.chance(0.8) ? this.home : this.away;
      this.add({
        name: `${system.name}-app`,
        description: `Application servers for ${lowerFirst(system.what)}`,
        tier,
        flavor: rng.pick(["s1.large", "s1.xlarge", "m1.large"]),
        image: rng.pick(SERVER_IMAGES),
        network: "app",
        ...this.standby(primary, rng.int(1, 3), rng.int(0, 1)),
        volumes: rng.chance(0.6)
          ? [volume("data", rng.pick([200, 500, 1000]), rng.pick(["ssd-async", "sas-async"]))]
          : undefined,
        ingress: [fromGov],
      });
      if (first || rng.chance(0.7)) {
        this.add({
          name: `${system.name}-db`,
          description: `Database for ${lowerFirst(system.what)}`,
          tier,
          flavor: "db.xlarge",
          image: "kylin-server-v10-sp3",
          network: "data",
          ...this.standby(primary, 1, 1),
          volumes: [volume("data", rng.pick([500, 1000, 2000]), "ssd-async")],
          ingress: [fromApp],
        });
      }
      return;
    }

    this.add({
      name: `${system.name}-app`,
      description: `${system.what}, restored from backup after a site failure`,
      tier,
      flavor: rng.pick(["s1.large", "m1.large", "m1.xlarge"]),
      image: rng.pick(SERVER_IMAGES),
      network: "app",
      replicas: this.oneSite(rng.int(1, 2)),
      volumes: rng.chance(0.4)
        ? [volume("data", rng.pick([500, 1000, 2000, 4000]), "sas-local")]
        : undefined,
      ingress: rng.chance(0.7) ? [fromGov] : undefined,
    });
  }

  /** The one workload open to the internet: HTTPS only, behind floating IPs, named approver. */
  private addPortal(): void {
    const { rng } = this;
    const critical = rng.chance(0.3);
    this.add(
      {
        name: "portal",
        description: "Online services for residents and companies",
        tier: critical ? "critical" : "important",
        flavor: rng.pick(["s1.large", "s1.xlarge"]),
        image: "uos-server-20-1070e",
        network: "dmz",
        ...(critical ? { replicas: this.bothSites(2) } : this.standby(this.home, 2, rng.int(1, 2))),
        floatingIp: true,
        volumes: rng.chance(0.5)
          ? [volume("uploads", rng.pick([200, 500]), critical ? "ssd-sync" : "ssd-async")]
          : undefined,
        ingress: [
          { protocol: "tcp", port: 443, from: INTERNET, description: "HTTPS for residents" },
        ],
      },
      "REQ",
    );
  }

  /** Bastions, log collection and monitoring on the management network. */
  private addOperations(): void {
    const { rng } = this;
    const ssh: IngressRule = {
      protocol: "tcp",
      port: 22,
      from: OPS_VPN,
      description: "SSH from the city operations VPN",
    };
    for (const site of rng.chance(0.5) ? [this.home, this.away] : [this.home]) {
      this.add({
        name: site === this.home ? "bastion" : `bastion-${site}`,
        description: `Bastion host for administrators at ${this.siteName(site)}`,
        tier: "standard",
        flavor: "s1.medium",
        image: "kylin-server-v10-sp3",
        network: "mgmt",
        replicas: { [site]: 1 },
        ingress: [ssh],
      });
    }
    if (rng.chance(0.6)) {
      this.add({
        name: "log-audit",
        description: "Central log collection and security audit",
        tier: "standard",
        flavor: "s1.xlarge",
        image: "openeuler-22.03-lts-sp4",
        network: "mgmt",
        replicas: { [this.home]: rng.int(1, 2) },
        volumes: [volume("logs", rng.pick([1000, 2000, 3000]), "sas-local")],
        // Syslog from the department's own address blocks at every site.
        ingress: Object.entries(this.spec.blocks).map(([site, start]) => ({
          protocol: "udp",
          port: 514,
          from: formatCidr(start, BLOCK_PREFIX),
          description: `Syslog from the department's networks at ${this.siteName(site)}`,
        })),
      });
    }
    if (rng.chance(0.4)) {
      this.add({
        name: "monitoring",
        description: "Monitoring of the department's workloads",
        tier: "standard",
        flavor: "s1.xlarge",
        image: "openeuler-22.03-lts-sp4",
        network: "mgmt",
        replicas: { [this.home]: 1 },
        volumes: [volume("tsdb", 500, "ssd-local")],
        ingress: [
          {
            protocol: "tcp",
            port: 3000,
            from: OPS_VPN,
            description: "Dashboards from the city operations VPN",
          },
        ],
      });
    }
  }

  /** Pre-production, a Windows-only vendor package and a legacy system, now and then. */
  private addExtras(system: BusinessSystem): void {
    const { rng } = this;
    if (rng.chance(0.3)) {
      this.add({
        name: `${system.name}-uat`,
        description: `Pre-production environment for ${lowerFirst(system.what)}`,
        tier: "standard",
        flavor: "m1.large",
        image: "kylin-server-v10-sp3",
        network: "app",
        replicas: { [this.away]: rng.int(1, 3) },
      });
    }
    if (rng.chance(0.15)) {
      this.add({
        name: "doc-scanner",
        description: "Document scanning and OCR (Windows-only vendor software)",
        tier: "standard",
        flavor: "s1.large",
        image: "windows-server-2019",
        network: "app",
        replicas: { [this.home]: 1 },
        ingress: [
          { protocol: "tcp", port: 443, from: GOV_NETWORK, description: "Uploads from offices" },
          {
            protocol: "tcp",
            port: 3389,
            from: OPS_VPN,
            description: "Remote desktop from the city operations VPN",
          },
        ],
      });
    }
    if (rng.chance(0.15)) {
      this.add({
        name: `${system.name}-legacy`,
        description: `Legacy system for ${lowerFirst(system.what)}, until it moves to a supported OS`,
        tier: "standard",
        flavor: "s1.medium",
        image: "centos-7.9",
        network: "app",
        replicas: this.oneSite(1),
        ingress: [
          {
            protocol: "tcp",
            port: 8080,
            from: GOV_NETWORK,
            description: "HTTP from the government network",
          },
        ],
      });
    }
  }

  /**
   * Adds a workload with its approval: dated after the VDC's approval, with a department
   * approver where the tier or a floating IP asks for one.
   */
  private add(workload: Omit<Workload, "approval">, kind: TicketKind = "CHG"): void {
    const tier = findTier(this.platform, workload.tier);
    const needsApprover = tier?.requiresApprover === true || workload.floatingIp === true;
    const approvers = this.owners.filter((owner) => owner.role === "approver");
    const approval: Approval = {
      ticket: "",
      ...(needsApprover ? { approver: this.rng.pick(approvers).id } : {}),
      date: weekdayBetween(this.rng, this.approval.date, LAST_DATE),
    };
    this.workloads.push({ ...workload, approval });
    this.approvals.push({ approval, kind });
  }

  private siteName(id: string): string {
    return this.platform.sites.find((site) => site.id === id)?.name.en ?? id;
  }

  private bothSites(count: number): Record<string, number> {
    return { [this.home]: count, [this.away]: count };
  }

  /** Active-standby: instances at the primary site, a warm (or, with 0, cold) standby. */
  private standby(primary: string, count: number, standbyCount: number) {
    const standbySite = primary === this.home ? this.away : this.home;
    const replicas = { [primary]: count, [standbySite]: standbyCount };
    return {
      replicas: { [this.home]: replicas[this.home], [this.away]: replicas[this.away] },
      primarySite: primary,
    };
  }

  /** Single-site workloads mostly run at the home site. */
  private oneSite(count: number): Record<string, number> {
    return { [this.rng.chance(0.7) ? this.home : this.away]: count };
  }

  /**
   * Quotas are what the workloads use plus a quarter, rounded. Server and security groups (one
   * per workload and site) get their own quota once they come close to the platform default.
   */
  private quotasFor(department: Department): Record<string, SiteQuota> {
    const quotas: Record<string, SiteQuota> = {};
    const defaults = this.platform.quotaDefaults;
    for (const [site, used] of departmentUsage(department, this.platform)) {
      const quota: SiteQuota = {
        vcpus: headroom(used.vcpus),
        ramGiB: headroom(used.ramGiB),
        instances: headroom(used.instances),
        volumes: headroom(used.volumes),
        volumeGiB: headroom(used.volumeGiB),
        floatingIps: headroom(used.floatingIps),
        networks: headroom(used.networks),
      };
      if (used.serverGroups > 0.8 * Math.min(defaults.serverGroups, defaults.securityGroups)) {
        quota.serverGroups = headroom(used.serverGroups);
        quota.securityGroups = headroom(used.serverGroups + 1); // and the project's default group
      }
      quotas[site] = quota;
    }
    return quotas;
  }
}

function volume(name: string, sizeGiB: number, type: string): DataVolume {
  return { name, sizeGiB, type };
}

/** 25% above `used`, rounded up to a step that suits its size (0 stays 0). */
function headroom(used: number): number {
  const wanted = used * 1.25;
  const step = wanted <= 20 ? 1 : wanted <= 100 ? 5 : wanted <= 1000 ? 10 : 100;
  return Math.ceil(wanted / step) * step;
}

/** "A; b; c." from phrases that each start with a capital: the phrases may contain "and". */
function sentence(phrases: string[]): string {
  return `${phrases.map((phrase, i) => (i === 0 ? phrase : lowerFirst(phrase))).join("; ")}.`;
}

function lowerFirst(text: string): string {
  return text[0].toLowerCase() + text.slice(1);
}

const DAY_MS = 86_400_000;

/** A Monday-to-Friday date from `from` to `to` (YYYY-MM-DD, both included). */
function weekdayBetween(rng: Random, from: string, to: string): string {
  const first = Date.parse(`${from}T00:00:00Z`) / DAY_MS;
  const last = Date.parse(`${to}T00:00:00Z`) / DAY_MS;
  for (;;) {
    const day = new Date(rng.int(first, last) * DAY_MS);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) return day.toISOString().slice(0, 10);
  }
}
