/**
 * What a change destroys, said the way a department officer reads it, and whether the change
 * declares it. Deleting or replacing what holds data or identity (instances, volumes, replicated
 * pairs, the project, networks that ports use) loses it for good, so the review refuses it
 * unless the same change adds an `allowDestroy` entry naming it, with a ticket; the platform team
 * then approves. A decommission is declared by its own block (ticket, platform approver) and is
 * reported first, with everything the following `pulumi destroy` will delete.
 *
 * Pure: works on the diff, the two plans and the two department files, nothing else.
 */
import type { LoadedDepartment } from "../model/estate";
import { missingDepartmentFix, missingDepartmentReason } from "../model/lifecycle";
import type { FieldPath } from "../model/problem";
import type { AllowDestroy, Department } from "../model/types";
import type { PlannedResource, StackPlan } from "../plan/types";
import type { ResourceChange } from "../diff/types";
import type { ReviewAlert } from "./types";

const INSTANCE_TYPES = new Set([
  "openstack:compute/instance:Instance",
  "libvirt:index/domain:Domain",
]);
const VOLUME_TYPES = new Set([
  "openstack:blockstorage/volume:Volume",
  "libvirt:index/volume:Volume",
]);
const PROJECT_TYPE = "openstack:identity/project:Project";
const NETWORK_TYPES = new Set([
  "openstack:networking/network:Network",
  "openstack:networking/subnet:Subnet",
]);
const PORT_TYPE = "openstack:networking/port:Port";
const PAIRING_TYPE = "command:local:Command";

type What = "instance" | "volume" | "pair" | "project" | "network";

function isPairing(resource: { type: string; name: string }): boolean {
  return resource.type === PAIRING_TYPE && resource.name.endsWith("-pairing");
}

/** What a resource holds, when losing it loses data or identity; undefined otherwise. */
function holds(resource: { type: string; name: string }): What | undefined {
  if (INSTANCE_TYPES.has(resource.type)) return "instance";
  if (VOLUME_TYPES.has(resource.type)) return "volume";
  if (isPairing(resource)) return "pair";
  if (resource.type === PROJECT_TYPE) return "project";
  if (NETWORK_TYPES.has(resource.type)) return "network";
  return undefined;
}

/** URNs of networks and subnets that a port of the base uses. */
function networksInUse(plan: StackPlan | undefined): Set<string> {
  const used = new Set<string>();
  for (const resource of plan?.resources ?? []) {
    if (resource.type === PORT_TYPE) for (const urn of resource.dependencies) used.add(urn);
  }
  return used;
}

/** A change that needs declared intent: it deletes or replaces what holds data or identity. */
function needsIntent(change: ResourceChange, inUse: ReadonlySet<string>): What | undefined {
  if (!change.custom || (change.kind !== "delete" && change.kind !== "replace")) return undefined;
  const what = holds(change);
  switch (what) {
    case "instance":
    case "volume":
      return change.kind === "delete" || change.losesData === true ? what : undefined;
    case "pair":
      // A replaced pairing runs again for a replaced volume, which is reported itself.
      return change.kind === "delete" ? what : undefined;
    case "project":
      return what;
    case "network":
      return inUse.has(change.urn) ? what : undefined;
    default:
      return undefined;
  }
}

/** The workload or network a change belongs to, from its source in the department file. */
interface Subject {
  /** "workload", "network", or "resource" when the change belongs to neither. */
  kind: "workload" | "network" | "project" | "resource";
  name: string;
  /** For volumes, pairs and replicas: the workload's volume name. */
  volume?: string;
}

function subjectOf(change: ResourceChange, stack: string, dept: Department | undefined): Subject {
  if (change.type === PROJECT_TYPE) return { kind: "project", name: stack };
  const match = /^(workloads|networks)\[(\d+)\]/.exec(change.source?.path ?? "");
  if (match !== null && dept !== undefined) {
    const index = Number(match[2]);
    if (match[1] === "networks") {
      const network = dept.networks[index];
      if (network !== undefined) return { kind: "network", name: network.name };
    } else {
      const workload = dept.workloads[index];
      if (workload !== undefined) {
        const volume = (workload.volumes ?? []).find((candidate) =>
          new RegExp(
            `^${escape(stack)}-[a-z0-9-]+?-${escape(workload.name)}-\\d+-${escape(candidate.name)}(-from-[a-z0-9-]+|-pairing)?$`,
          ).test(change.name),
        );
        return {
          kind: "workload",
          name: workload.name,
          ...(volume === undefined ? {} : { volume: volume.name }),
        };
      }
    }
  }
  return { kind: "resource", name: change.name };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function allows(entry: AllowDestroy, change: ResourceChange, subject: Subject): boolean {
  if (entry.resource === change.name) return true;
  if (subject.kind === "workload") {
    return (
      entry.resource === subject.name ||
      (subject.volume !== undefined && entry.resource === `${subject.name}/${subject.volume}`)
    );
  }
  return subject.kind === "network" && entry.resource === subject.name;
}

/** Entries the change adds: on the head, and not the same on the base. */
function newEntries(
  base: Department | undefined,
  head: Department | undefined,
): { entry: AllowDestroy; index: number }[] {
  const before = new Set((base?.allowDestroy ?? []).map((entry) => JSON.stringify(entry)));
  return (head?.allowDestroy ?? [])
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => !before.has(JSON.stringify(entry)));
}

export function gib(value: number): string {
  return `${value.toLocaleString("en-US")} GiB`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 instances, 2 volumes of 4,000 GiB and 2 replicated pairs". */
export function describeHoldings(
  resources: readonly { type: string; name: string; size?: number }[],
): string {
  const instances = resources.filter((r) => holds(r) === "instance").length;
  const volumes = resources.filter((r) => holds(r) === "volume");
  const pairs = resources.filter((r) => holds(r) === "pair").length;
  const networks = resources.filter((r) => r.type === "openstack:networking/network:Network");
  const subnets = resources.filter((r) => r.type === "openstack:networking/subnet:Subnet");
  const projects = resources.filter((r) => holds(r) === "project").length;
  const parts: string[] = [];
  if (projects > 0) parts.push("the project (every login and resource in it)");
  if (instances > 0) parts.push(count(instances, "instance"));
  // A replica is the copy at this site of a volume whose primary is at the other site.
  const replica = (volume: { name: string }) => /-from-[a-z0-9-]+$/.test(volume.name);
  const sized = (list: readonly { size?: number }[], one: string, many: string) => {
    const sizes = list.map((volume) => volume.size ?? 0);
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total === 0) return count(list.length, one, many);
    return sizes.every((size) => size === sizes[0])
      ? `${count(list.length, one, many)} of ${gib(sizes[0])}`
      : `${count(list.length, one, many)} (${gib(total)} in all)`;
  };
  const primaries = volumes.filter((volume) => !replica(volume));
  const replicas = volumes.filter(replica);
  if (primaries.length > 0) parts.push(sized(primaries, "volume", "volumes"));
  if (replicas.length > 0) {
    parts.push(sized(replicas, "volume replica", "volume replicas"));
  }
  if (pairs > 0) parts.push(count(pairs, "replicated pair"));
  if (networks.length > 0) parts.push(count(networks.length, "network"));
  else if (subnets.length > 0) parts.push(count(subnets.length, "subnet"));
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function sizeOf(resource: PlannedResource | undefined): number | undefined {
  const size = resource?.inputs["size"];
  return typeof size === "number" ? size : undefined;
}

export interface DestructionInput {
  stack: string;
  changes: readonly ResourceChange[];
  basePlan?: StackPlan;
  headPlan?: StackPlan;
  base?: LoadedDepartment;
  head?: LoadedDepartment;
  /** Line of a field in a head file, for annotations. */
  locate?: (file: string, path: FieldPath) => { line: number } | undefined;
}

/**
 * The destruction alerts of one stack that exists on the head: a decommission this change
 * starts, then each group of data or identity destroyed (by workload or network, site and
 * kind), undeclared groups first.
 */
export function destructionAlerts(input: DestructionInput): ReviewAlert[] {
  const { stack, base, head } = input;
  const alerts: ReviewAlert[] = [];
  const line = (file: string | undefined, path: FieldPath) =>
    file === undefined ? undefined : input.locate?.(file, path)?.line;

  const marker = head?.department.decommission;
  if (marker !== undefined && base?.department.decommission === undefined) {
    alerts.push(
      decommissionAlert(stack, head!, input.headPlan, line(head!.file, ["decommission"])),
    );
  }

  const inUse = networksInUse(input.basePlan);
  const baseByUrn = new Map((input.basePlan?.resources ?? []).map((r) => [r.urn, r]));
  const headByUrn = new Map((input.headPlan?.resources ?? []).map((r) => [r.urn, r]));
  const entries = newEntries(base?.department, head?.department);
  interface Group {
    subject: Subject;
    site?: string;
    kind: "delete" | "replace";
    allowed?: { entry: AllowDestroy; index: number };
    changes: ResourceChange[];
  }
  const groups = new Map<string, Group>();
  for (const change of input.changes) {
    if (needsIntent(change, inUse) === undefined) continue;
    const kind = change.kind as "delete" | "replace";
    const dept = kind === "delete" ? base?.department : head?.department;
    const subject = subjectOf(change, stack, dept);
    const allowed = entries.find(({ entry }) => allows(entry, change, subject));
    const group = { subject: { kind: subject.kind, name: subject.name } };
    const key = JSON.stringify([group.subject, change.site, kind, allowed?.index]);
    const found: Group = groups.get(key) ?? {
      subject: group.subject,
      ...(change.site === undefined ? {} : { site: change.site }),
      kind,
      ...(allowed === undefined ? {} : { allowed }),
      changes: [],
    };
    found.changes.push(change);
    groups.set(key, found);
  }
  const file = head?.file ?? base?.file;
  const destroyed: ReviewAlert[] = [];
  for (const group of groups.values()) {
    const held = group.changes.map((change) => ({
      type: change.type,
      name: change.name,
      size: sizeOf(baseByUrn.get(change.urn) ?? headByUrn.get(change.urn)),
    }));
    const of =
      group.subject.kind === "workload"
        ? ` of workload ${group.subject.name}`
        : group.subject.kind === "network"
          ? ` of network ${group.subject.name}`
          : group.subject.kind === "project"
            ? ` of ${stack}`
            : "";
    const at = group.site === undefined ? "" : ` at ${group.site}`;
    const verb =
      group.kind === "delete"
        ? "will be deleted and their data lost"
        : "will be replaced: deleted and created again empty, their data lost";
    const what = describeHoldings(held);
    const headline = `${what}${group.subject.kind === "resource" ? ` (${group.subject.name})` : of}${at} ${verb}`;
    const alert: ReviewAlert = {
      kind: group.allowed === undefined ? "undeclared-destruction" : "declared-destruction",
      stack,
      blocks: group.allowed === undefined,
      headline: headline.charAt(0).toUpperCase() + headline.slice(1),
      details: group.changes.map((change) => change.name),
      resources: group.changes.map((change) => change.name),
    };
    if (file !== undefined) alert.file = file;
    if (group.allowed !== undefined) {
      alert.ticket = group.allowed.entry.ticket;
      alert.reason = group.allowed.entry.reason;
      const at = line(head?.file, ["allowDestroy", group.allowed.index]);
      if (at !== undefined) alert.line = at;
    } else {
      alert.fix = undeclaredFix(group.subject, group.kind, head?.department, file ?? stack);
      const at =
        group.kind === "replace"
          ? group.changes[0]?.source?.line
          : line(head?.file, group.subject.kind === "network" ? ["networks"] : ["workloads"]);
      if (at !== undefined) alert.line = at;
    }
    destroyed.push(alert);
  }
  destroyed.sort((a, b) => Number(b.blocks) - Number(a.blocks));
  return [...alerts, ...destroyed];
}

function undeclaredFix(
  subject: Subject,
  kind: "delete" | "replace",
  head: Department | undefined,
  file: string,
): string {
  const name = subject.name;
  const renamed =
    kind === "delete" &&
    subject.kind === "workload" &&
    head !== undefined &&
    !head.workloads.some((workload) => workload.name === name)
      ? `If ${name} was renamed, add "previousNames: [${name}]" to the renamed workload: its instances and volumes are then kept. `
      : "";
  return (
    `${renamed}If the loss is intended, add to ${file}: ` +
    `allowDestroy: [{ resource: ${name}, ticket: <change ticket>, reason: <why> }], ` +
    `and the platform team approves the change.`
  );
}

/** Everything of a department's plan that a destroy deletes, one line per site. */
export function holdingsBySite(plan: StackPlan | undefined, sites: readonly string[]): string[] {
  const resources = (plan?.resources ?? []).filter((r) => r.custom && holds(r) !== undefined);
  const lines: string[] = [];
  const project = resources.filter((r) => holds(r) === "project");
  if (project.length > 0) lines.push(describeHoldings(project));
  for (const site of sites) {
    const here = resources.filter(
      (r) => holds(r) !== "project" && r.name.startsWith(`${plan!.stack}-${site}-`),
    );
    if (here.length === 0) continue;
    lines.push(
      `${site}: ${describeHoldings(here.map((r) => ({ type: r.type, name: r.name, size: sizeOf(r) })))}`,
    );
  }
  return lines;
}

function decommissionAlert(
  stack: string,
  head: LoadedDepartment,
  plan: StackPlan | undefined,
  line: number | undefined,
): ReviewAlert {
  const marker = head.department.decommission!;
  const sites = Object.keys(head.department.quotas);
  const protectedCount = (plan?.resources ?? []).filter(
    (r) => r.custom && (holds(r) === "volume" || holds(r) === "project"),
  ).length;
  const alert: ReviewAlert = {
    kind: "decommission",
    stack,
    blocks: false,
    headline:
      `Department ${stack} (${head.department.name.en}) is being decommissioned: this change lifts ` +
      `the protection of its project and volumes (${protectedCount} resources), and the next step, ` +
      `pulumi destroy --stack ${stack}, deletes everything below; its data is lost`,
    details: holdingsBySite(plan, sites),
    ticket: marker.ticket,
    resources: [],
    file: head.file,
  };
  if (marker.reason !== undefined) alert.reason = marker.reason;
  if (line !== undefined) alert.line = line;
  return alert;
}

/** A department whose file is gone on the head while it was never decommissioned. */
export function missingDepartmentAlert(
  stack: string,
  file: string,
  basePlan: StackPlan | undefined,
  sites: readonly string[],
  settingsFile?: string,
): ReviewAlert {
  const alert: ReviewAlert = {
    kind: "department-file-missing",
    stack,
    blocks: true,
    headline: missingDepartmentReason(stack, file),
    details: holdingsBySite(basePlan, sites),
    fix: missingDepartmentFix(stack, file),
    resources: [],
    file: settingsFile ?? file,
  };
  if (settingsFile !== undefined) alert.line = 1;
  return alert;
}
