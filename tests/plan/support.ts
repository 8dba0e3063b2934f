/**
 * Shared by the planner's tests: the bundled estate, departments written in TS, plans made one at
 * a time (the Pulumi runtime is one per process) and cached, and small readers of a plan.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { Document, Node } from "yaml";
import { loadEstate } from "../../model/estate-loader";
import type { LoadResult } from "../../model/estate-loader";
import type { FieldPath } from "../../model/problem";
import type { Department } from "../../model/types";
import { planStack } from "../../plan/run-plan";
import type { PlanOptions } from "../../plan/run-plan";
import type { PlannedResource, StackPlan } from "../../plan/types";
import { estateWith, police as policeDepartment, REPO_ROOT } from "../components/fixtures";

export { REPO_ROOT };

/** Approvals expire: a fixed date keeps the bundled estate free of expiry errors. */
export const TODAY = "2026-11-26";

export const T = {
  vdc: "govcloud:vdc:DepartmentVdc",
  foundation: "govcloud:vdc:SiteFoundation",
  workload: "govcloud:workload:Workload",
  instance: "openstack:compute/instance:Instance",
  port: "openstack:networking/port:Port",
  subnet: "openstack:networking/subnet:Subnet",
  network: "openstack:networking/network:Network",
  fip: "openstack:networking/floatingIp:FloatingIp",
  secGroup: "openstack:networking/secGroup:SecGroup",
  project: "openstack:identity/project:Project",
  openstackProvider: "pulumi:providers:openstack",
  quotas: [
    "openstack:compute/quotaSetV2:QuotaSetV2",
    "openstack:networking/quotaV2:QuotaV2",
    "openstack:blockstorage/quoteSetV3:QuoteSetV3",
  ],
};

/** RFC 4122 layout: 8-4-4-4-12 hex digits, a version digit and the variant bits. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let bundled: LoadResult | undefined;

/** The estate under departments/ and platform.yaml, loaded once. */
export function bundledEstate(): LoadResult {
  bundled ??= loadEstate(REPO_ROOT, { today: TODAY });
  return bundled;
}

/** An estate of departments written in TS: no files behind them, so no lines to point at. */
export function estateOf(...departments: Department[]): LoadResult {
  return { estate: estateWith(...departments), problems: [], files: [], locate: () => undefined };
}

let queue: Promise<unknown> = Promise.resolve();

/** Plans a stack after every plan asked for before it has finished: never two at once. */
export function plan(
  loaded: LoadResult,
  stack: string,
  options: PlanOptions = {},
): Promise<StackPlan> {
  const next = queue.then(() => planStack(loaded, stack, options));
  queue = next.catch(() => undefined);
  return next;
}

const cache = new Map<string, Promise<StackPlan>>();

/** A plan of the bundled estate, made once per test run and shared by the test files. */
export function bundledPlan(stack: string): Promise<StackPlan> {
  let cached = cache.get(stack);
  if (cached === undefined) {
    cached = plan(bundledEstate(), stack);
    cache.set(stack, cached);
  }
  return cached;
}

let police: Promise<StackPlan> | undefined;

/** The plan of the police department of the component tests (tests/components/fixtures.ts). */
export function policePlan(): Promise<StackPlan> {
  police ??= plan(estateOf(policeDepartment()), "police");
  return police;
}

/**
 * The police department with small subnets at qingdao. app is a /28 and video-index grows to 8
 * replicas on it: after the network and gateway addresses and those the cloud reserves, the
 * subnet has exactly 8 addresses free, so ports must be placed around each other. dmz is a /29,
 * the smallest subnet the rules allow (network-cidrs), for hukou-portal's 2 replicas.
 */
export function crowdedPolice(): Department {
  const department = policeDepartment();
  department.networks.find((n) => n.name === "app")!.cidrs.qingdao = "10.16.0.0/28";
  department.networks.find((n) => n.name === "dmz")!.cidrs.qingdao = "10.16.2.0/29";
  department.workloads.find((w) => w.name === "video-index")!.replicas = { qingdao: 8 };
  return department;
}

/** `urn:pulumi:<stack>::<project>::<type chain>::<name>` taken apart. */
export function urnParts(urn: string): {
  stack: string;
  project: string;
  typeChain: string;
  name: string;
} {
  const parts = urn.split("::");
  return {
    stack: parts[0].replace(/^urn:pulumi:/, ""),
    project: parts[1],
    typeChain: parts[2],
    name: parts.slice(3).join("::"),
  };
}

/** The URN part of a provider reference `<urn>::<id>`. */
export function providerUrn(reference: string): string {
  return reference.slice(0, reference.lastIndexOf("::"));
}

export function byUrn(p: StackPlan): Map<string, PlannedResource> {
  return new Map(p.resources.map((r) => [r.urn, r]));
}

/** Custom resources by the id the pretend cloud gave them. */
export function byId(p: StackPlan): Map<unknown, PlannedResource> {
  return new Map(p.resources.filter((r) => r.custom).map((r) => [r.outputs.id, r]));
}

export function ofType(p: StackPlan, type: string): PlannedResource[] {
  return p.resources.filter((r) => r.type === type);
}

export function named(p: StackPlan, type: string, name: string): PlannedResource {
  const found = p.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`${found.length} resources ${type} ${name}`);
  return found[0];
}

/** Every string anywhere in a JSON value, keys included. */
export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  }
  return [];
}

/** Line and column (1-based) where the value at `path` starts in a YAML text. */
export function positionIn(text: string, path: FieldPath): { line: number; column: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return position(doc, lineCounter, path);
}

function position(
  doc: Document,
  lineCounter: LineCounter,
  path: FieldPath,
): { line: number; column: number } {
  const node = doc.getIn(path, true) as Node | undefined;
  if (node?.range === undefined || node.range === null) {
    throw new Error(`nothing at ${path.join(".")}`);
  }
  const { line, col } = lineCounter.linePos(node.range[0]);
  return { line, column: col };
}

const parsed = new Map<string, { doc: Document; lineCounter: LineCounter }>();

/** The same, for a file of the repository (parsed once). */
export function yamlPosition(file: string, path: FieldPath): { line: number; column: number } {
  let entry = parsed.get(file);
  if (entry === undefined) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(join(REPO_ROOT, file), "utf8"), { lineCounter });
    entry = { doc, lineCounter };
    parsed.set(file, entry);
  }
  return position(entry.doc, entry.lineCounter, path);
}
