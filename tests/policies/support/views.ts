/**
 * Resources as the rules receive them (policies/lib/resource-view.ts), built by hand: plain
 * properties, the provider whose region says where a resource lives, and dependencies. Each
 * builder gives a resource of the test department (fixtures/estate/departments/police.yaml) the
 * name, labels and properties the program gives it, so that it passes every rule until a test
 * changes it with set, unset or relabel. policeStack() puts the department's stack together.
 */
import { T } from "../../../policies/lib/resource-types";
import type { Plain, PlainObject, ResourceView } from "../../../policies/lib/resource-view";
import { Unknown } from "../../../policies/lib/resource-view";
import { STACK } from "./estate";

export { T };

interface Approval {
  ticket: string;
  date: string;
  approver?: string;
}

/** The department's approval, which covers its VDC, networks and quotas. */
const VDC_APPROVAL: Approval = {
  ticket: "QD-CHG-2026-00011",
  date: "2026-02-10",
  approver: "liu.yang",
};

/** The department file's workloads, as far as names and labels go. */
const WORKLOADS = {
  "case-db": {
    tier: "critical",
    flavor: "db.xlarge",
    approval: { ticket: "QD-CHG-2026-00153", date: "2026-03-02", approver: "zhang.wei" },
  },
  portal: {
    tier: "important",
    flavor: "s1.large",
    approval: { ticket: "QD-REQ-2026-00871", date: "2026-05-18", approver: "zhang.wei" },
  },
  bastion: {
    tier: "standard",
    flavor: "s1.medium",
    approval: { ticket: "QD-CHG-2026-00232", date: "2026-02-17" },
  },
} as const satisfies Record<string, { tier: string; flavor: string; approval: Approval }>;

export type Workload = keyof typeof WORKLOADS;
type Site = "qingdao" | "laixi";
const IMAGE = "kylin-server-v10-sp3";

function otherSite(site: Site): Site {
  return site === "qingdao" ? "laixi" : "qingdao";
}

export function urnOf(type: string, name: string, stack = STACK): string {
  return `urn:pulumi:${stack}::govcloud::${type}::${name}`;
}

/** The resource name of a URN. */
export function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The labels the program writes on a resource of `workload` (shared: none) at `site`. */
function labelsOf(site: string, workload?: Workload): Record<string, string> {
  const approval: Approval = workload === undefined ? VDC_APPROVAL : WORKLOADS[workload].approval;
  return {
    department: STACK,
    site,
    // Shared resources carry the department's highest tier.
    tier: workload === undefined ? "critical" : WORKLOADS[workload].tier,
    owner: "zhang.wei",
    "cost-centre": "QD-1101",
    approval: approval.ticket,
    "approved-on": approval.date,
    ...(approval.approver === undefined ? {} : { approver: approval.approver }),
    ...(workload === undefined ? {} : { workload }),
  };
}

function tagsOf(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`);
}

export interface ViewOptions {
  /** Where it lives: the region of its provider (the program's provider of that site). */
  site?: string;
  props?: PlainObject;
  dependsOn?: readonly ResourceView[];
  ignoreChanges?: string[];
}

/** Any resource; the builders below fill in what the program would. */
export function view(type: string, name: string, options: ViewOptions = {}): ResourceView {
  const resource: ResourceView = {
    type,
    urn: urnOf(type, name),
    name,
    props: options.props ?? {},
    ignoreChanges: options.ignoreChanges ?? [],
    dependencies: (options.dependsOn ?? []).map((r) => r.urn),
    propertyDependencies: {},
  };
  if (options.site !== undefined) {
    const provider = `${STACK}-${options.site}-project`;
    resource.provider = {
      type: T.openstackProvider,
      urn: urnOf(T.openstackProvider, provider),
      name: provider,
      props: { region: options.site },
    };
  }
  return resource;
}

// ---------------------------------------------------------------------------------------------
// Changing a view: one change per failing case
// ---------------------------------------------------------------------------------------------

/** Sets properties of the resource. */
export function set(resource: ResourceView, props: PlainObject): ResourceView {
  Object.assign(resource.props, props);
  return resource;
}

/** Removes properties of the resource. */
export function unset(resource: ResourceView, ...keys: string[]): ResourceView {
  for (const key of keys) delete resource.props[key];
  return resource;
}

/** A value that is not known during the preview, at `path`. */
export function unknown(path: string): Unknown {
  return new Unknown(path);
}

/** Sets (or with `undefined` removes) labels, in the tags and the metadata the resource has. */
export function relabel(
  resource: ResourceView,
  changes: Record<string, string | undefined>,
): ResourceView {
  for (const [key, value] of Object.entries(changes)) {
    const { tags, metadata } = resource.props;
    if (Array.isArray(tags)) {
      const kept = tags.filter((tag) => typeof tag !== "string" || !tag.startsWith(`${key}=`));
      resource.props.tags = value === undefined ? kept : [...kept, `${key}=${value}`];
    }
    if (typeof metadata === "object" && metadata !== null && !Array.isArray(metadata)) {
      const map = metadata as PlainObject;
      if (value === undefined) delete map[key];
      else map[key] = value;
    }
  }
  return resource;
}

/** Moves the resource to the provider of another site (or a region that is no site). */
export function moveTo(resource: ResourceView, site: string): ResourceView {
  const moved = view(resource.type, resource.name, { site });
  if (moved.provider !== undefined) resource.provider = moved.provider;
  return resource;
}

// ---------------------------------------------------------------------------------------------
// Resources of the test department
// ---------------------------------------------------------------------------------------------

export function project(): ResourceView {
  return view(T.project, `${STACK}-project`, {
    site: "qingdao",
    props: { name: STACK, tags: tagsOf(labelsOf("all")) },
  });
}

/** A quota at `site`, with the department file's limits unless `fields` says otherwise. */
export function quota(
  kind: "compute" | "volume" | "network",
  site: Site,
  fields: PlainObject = {},
): ResourceView {
  const types = { compute: T.computeQuota, volume: T.volumeQuota, network: T.networkQuota };
  const limits: Record<typeof kind, PlainObject> = {
    compute: { cores: 40, ram: 200 * 1024, instances: 8 },
    volume: { volumes: 10, gigabytes: 3000 },
    network: { floatingip: 2, network: 3 },
  };
  return view(types[kind], `${STACK}-${site}-${kind}-quota`, {
    site,
    props: { ...limits[kind], ...fields },
  });
}

/** A shared resource of the department (network, router, subnet) at `site`. */
export function shared(type: string, name: string, site: Site): ResourceView {
  return view(type, name, { site, props: { name, tags: tagsOf(labelsOf(site)) } });
}

export function network(name: string, site: Site): ResourceView {
  return shared(T.network, `${STACK}-${site}-${name}`, site);
}

/** A resource of one workload that carries tags (port, security group, floating IP). */
export function workloadPart(
  type: string,
  name: string,
  workload: Workload,
  site: Site,
): ResourceView {
  const props: PlainObject = { tags: tagsOf(labelsOf(site, workload)) };
  if (type !== T.floatingIp) props.name = name;
  return view(type, name, { site, props });
}

export function floatingIp(workload: Workload, site: Site, n: number): ResourceView {
  return workloadPart(T.floatingIp, `${STACK}-${site}-${workload}-${n}-fip`, workload, site);
}

export function serverGroup(
  workload: Workload,
  site: Site,
  policies: Plain[] = ["anti-affinity"],
): ResourceView {
  const name = `${STACK}-${site}-${workload}`;
  // The program keeps a server group's first name: its policies cannot change in place.
  return view(T.serverGroup, name, { site, props: { name, policies }, ignoreChanges: ["name"] });
}

/**
 * Instance `n` of `workload` at `site`. With `group`, it carries that server group's scheduler
 * hint as a preview shows it: the group's id is not known yet, the dependency on it is.
 */
export function instance(
  workload: Workload,
  site: Site,
  n: number,
  group?: ResourceView,
): ResourceView {
  const name = `${STACK}-${site}-${workload}-${n}`;
  const labels = labelsOf(site, workload);
  const props: PlainObject = {
    name,
    flavorName: WORKLOADS[workload].flavor,
    imageName: IMAGE,
    tags: tagsOf(labels),
    metadata: { ...labels },
  };
  if (group !== undefined) props.schedulerHints = [{ group: unknown("schedulerHints[0].group") }];
  return view(T.instance, name, { site, props, dependsOn: group === undefined ? [] : [group] });
}

/** A volume of `workload` at `site` that is not replicated. */
export function volume(
  name: string,
  workload: Workload,
  site: Site,
  size: number,
  volumeType: string,
): ResourceView {
  return view(T.volume, name, {
    site,
    props: { name, size, volumeType, metadata: labelsOf(site, workload) },
  });
}

export interface Pair {
  primary: ResourceView;
  replica: ResourceView;
  /** The command that pairs them on the storage; it depends on both. */
  pairing: ResourceView;
}

/** Volume `disk` of instance `n` of `workload` at `site`, replicated to the other site. */
export function replicatedPair(
  workload: Workload,
  site: Site,
  n: number,
  disk: string,
  size: number,
  volumeType: string,
): Pair {
  const other = otherSite(site);
  const primaryName = `${STACK}-${site}-${workload}-${n}-${disk}`;
  const replicaName = `${STACK}-${other}-${workload}-${n}-${disk}-from-${site}`;
  const half = (volumeName: string, at: Site, role: string) => {
    const half = volume(volumeName, workload, at, size, volumeType);
    Object.assign(half.props.metadata as PlainObject, {
      "replication-role": role,
      "replication-primary": primaryName,
      "replication-secondary": replicaName,
    });
    return half;
  };
  const primary = half(primaryName, site, "primary");
  const replica = half(replicaName, other, "secondary");
  const pairing = view(T.command, `${primaryName}-pairing`, {
    props: { create: unknown("create") },
    dependsOn: [primary, replica],
  });
  return { primary, replica, pairing };
}

export function ingressRule(
  name: string,
  site: Site,
  rule: { protocol?: string; port: number; from: string },
): ResourceView {
  return view(T.secGroupRule, name, {
    site,
    props: {
      direction: "ingress",
      ethertype: "IPv4",
      protocol: rule.protocol ?? "tcp",
      portRangeMin: rule.port,
      portRangeMax: rule.port,
      remoteIpPrefix: rule.from,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The department's stack
// ---------------------------------------------------------------------------------------------

/**
 * What the stack rules look at in the test department's stack, as the program builds it: the
 * project, quotas and networks of both sites; case-db (critical, db.xlarge: 2 + 2 instances, one
 * 500 GiB ssd-sync volume each, replicated to the other site), portal (important, s1.large: 2 at
 * qingdao, the primary, and a standby at laixi; 100 GiB ssd-async uploads at qingdao, replicated;
 * a floating IP each) and bastion (standard, s1.medium: 1 at qingdao with 50 GiB of sas-local).
 * At qingdao: 5 instances, 26 vCPUs, 148 GiB of RAM, 7 volumes (2250 GiB), 2 floating IPs and 3
 * networks; at laixi: 3 instances, 20 vCPUs, 136 GiB, 6 volumes (2200 GiB), 1 floating IP, 3
 * networks. Fresh on every call: tests change it.
 */
export function policeStack(): ResourceView[] {
  const resources: ResourceView[] = [project()];
  for (const site of ["qingdao", "laixi"] as const) {
    resources.push(quota("compute", site), quota("volume", site), quota("network", site));
    for (const name of ["app", "data", "mgmt"]) resources.push(network(name, site));
  }
  for (const site of ["qingdao", "laixi"] as const) {
    const group = serverGroup("case-db", site);
    resources.push(group);
    for (const n of [0, 1]) {
      const pair = replicatedPair("case-db", site, n, "data", 500, "ssd-sync");
      resources.push(instance("case-db", site, n, group), pair.primary, pair.replica, pair.pairing);
    }
  }
  const portalGroups = {
    qingdao: serverGroup("portal", "qingdao"),
    laixi: serverGroup("portal", "laixi"),
  };
  resources.push(portalGroups.qingdao, portalGroups.laixi);
  for (const n of [0, 1]) {
    const pair = replicatedPair("portal", "qingdao", n, "uploads", 100, "ssd-async");
    resources.push(instance("portal", "qingdao", n, portalGroups.qingdao));
    resources.push(pair.primary, pair.replica, pair.pairing, floatingIp("portal", "qingdao", n));
  }
  resources.push(
    instance("portal", "laixi", 0, portalGroups.laixi),
    floatingIp("portal", "laixi", 0),
  );
  const bastionGroup = serverGroup("bastion", "qingdao", ["soft-anti-affinity"]);
  resources.push(bastionGroup, instance("bastion", "qingdao", 0, bastionGroup));
  resources.push(volume(`${STACK}-qingdao-bastion-0-logs`, "bastion", "qingdao", 50, "sas-local"));
  return resources;
}

/** The one resource called `name` (of `type`) in `resources`. */
export function named(
  resources: readonly ResourceView[],
  name: string,
  type?: string,
): ResourceView {
  const found = resources.filter((r) => r.name === name && (type === undefined || r.type === type));
  if (found.length !== 1) {
    throw new Error(
      `expected one resource ${name}${type ? ` of ${type}` : ""}, found ${found.length}`,
    );
  }
  return found[0];
}

/** `resources` without the named ones. */
export function without(resources: readonly ResourceView[], ...names: string[]): ResourceView[] {
  for (const name of names) named(resources, name);
  return resources.filter((r) => !names.includes(r.name));
}

/** A deep copy of plain data that keeps Unknown values Unknown (structuredClone would not). */
function clone<V>(value: V): V {
  if (value instanceof Unknown) return new Unknown(value.path) as V;
  if (Array.isArray(value)) return value.map(clone) as V;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as V;
  }
  return value;
}

/** A copy of a resource under a new name (and URN), its OpenStack name following. */
export function copyAs(resource: ResourceView, name: string): ResourceView {
  const twin = clone(resource);
  twin.name = name;
  twin.urn = urnOf(resource.type, name);
  if (twin.props.name === resource.name) twin.props.name = name;
  return twin;
}
