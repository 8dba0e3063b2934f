/**
 * The difference between two plans of one stack, resource by resource, as the engine would see
 * it: a resource whose URN (or an alias of it) is on both sides is updated when its inputs
 * differ, and replaced when one of the changed inputs cannot change in place
 * (review/replacements); the others are created or deleted. Replacements carry over to what
 * depends on them: a replaced volume gets a new id, so an attachment that names it is replaced
 * too, and a command that quotes it runs again.
 *
 * Only custom resources (cloud objects and providers) are listed: components hold nothing.
 */
import diff from "microdiff";
import type { PlannedResource, StackPlan } from "../plan/types";
import { forcesReplacement } from "./replacements";
import type { ChangeCounts, ChangeKind, PropertyChange, ResourceChange } from "./types";

/** Types whose replacement loses what is on them: data on a volume, a running server. */
const DATA_TYPES = new Set([
  "openstack:blockstorage/volume:Volume",
  "openstack:compute/instance:Instance",
  "libvirt:index/volume:Volume",
  "libvirt:index/domain:Domain",
]);

/** The pseudo-property that shows a change of the resource's `protect` option. */
export const PROTECT_PATH = "options.protect";

export function formatPropertyPath(path: readonly (string | number)[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? segment : `.${segment}`;
  }
  return text;
}

function propertyChanges(before: PlannedResource, after: PlannedResource): PropertyChange[] {
  return diff(before.inputs, after.inputs)
    .map((difference): PropertyChange => {
      const change: PropertyChange = {
        path: formatPropertyPath(difference.path),
        forcesReplacement: forcesReplacement(after.type, difference.path),
      };
      if (difference.type !== "CREATE") change.before = difference.oldValue;
      if (difference.type !== "REMOVE") change.after = difference.value;
      return change;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The site in a `<stack>-<site>-...` name, if any. */
function siteOf(stack: string, name: string, sites: readonly string[]): string | undefined {
  return sites.find((site) => name.startsWith(`${stack}-${site}-`));
}

/** The URN an alias name stands for: the same type chain under an earlier name. */
function aliasUrn(urn: string, name: string): string {
  return urn.slice(0, urn.lastIndexOf("::") + 2) + name;
}

export interface PlanDiff {
  changes: ResourceChange[];
  counts: ChangeCounts;
}

/**
 * @param base the stack's plan on the base (undefined: a new stack)
 * @param head the stack's plan on the head (undefined: a removed stack)
 * @param sites the platform's site ids, to group resources by site
 */
export function diffPlans(
  base: StackPlan | undefined,
  head: StackPlan | undefined,
  sites: readonly string[],
): PlanDiff {
  const stack = head?.stack ?? base?.stack ?? "";
  const baseResources = (base?.resources ?? []).filter((resource) => resource.custom);
  const headResources = (head?.resources ?? []).filter((resource) => resource.custom);
  const baseByUrn = new Map(baseResources.map((resource) => [resource.urn, resource]));
  const matched = new Set<string>();
  const changes = new Map<string, ResourceChange>();
  let same = 0;

  const entry = (
    kind: ChangeKind,
    resource: PlannedResource,
    properties: PropertyChange[] = [],
  ): ResourceChange => {
    const change: ResourceChange = {
      kind,
      urn: resource.urn,
      type: resource.type,
      name: resource.name,
      custom: resource.custom,
      properties,
      protect: resource.options.protect,
    };
    const site = siteOf(stack, resource.name, sites);
    if (site !== undefined) change.site = site;
    if (resource.source !== undefined) change.source = resource.source;
    return change;
  };

  for (const resource of headResources) {
    let previous = baseByUrn.get(resource.urn);
    let renamedFrom: string | undefined;
    if (previous === undefined) {
      for (const alias of resource.options.aliases) {
        const urn = aliasUrn(resource.urn, alias);
        const candidate = baseByUrn.get(urn);
        if (candidate !== undefined && !matched.has(urn)) {
          previous = candidate;
          renamedFrom = urn;
          break;
        }
      }
    }
    if (previous === undefined) {
      changes.set(resource.urn, entry("create", resource));
      continue;
    }
    matched.add(previous.urn);
    const properties = propertyChanges(previous, resource);
    // Protection is an option, not an input: compared apart so that lifting it is never "same".
    const lifted = previous.options.protect && !resource.options.protect;
    if (previous.options.protect !== resource.options.protect) {
      properties.push({
        path: PROTECT_PATH,
        before: previous.options.protect,
        after: resource.options.protect,
        forcesReplacement: false,
      });
    }
    if (properties.length === 0 && renamedFrom === undefined) {
      same++;
      continue;
    }
    const kind = properties.some((property) => property.forcesReplacement) ? "replace" : "update";
    const change = entry(kind, resource, properties);
    if (renamedFrom !== undefined) change.renamedFrom = renamedFrom;
    if (lifted) change.protectionLifted = true;
    changes.set(resource.urn, change);
  }

  same -= cascadeReplacements(headResources, changes, baseByUrn, entry);

  const deletions = baseResources
    .filter((resource) => !matched.has(resource.urn))
    .map((resource) => entry("delete", resource));
  const all = [...changes.values(), ...deletions];
  for (const change of all) {
    if (change.kind === "replace" && DATA_TYPES.has(change.type)) change.losesData = true;
  }
  all.sort(
    (a, b) =>
      (a.site ?? "").localeCompare(b.site ?? "") ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
  );
  const counts: ChangeCounts = { create: 0, update: 0, replace: 0, delete: 0, same };
  for (const change of all) counts[change.kind]++;
  return { changes: all, counts };
}

/**
 * Resources that take an input from a replaced resource see a new id: replaced themselves when
 * that input cannot change in place, updated otherwise. Repeated until nothing more changes
 * (a replaced volume replaces its attachment, ...). Returns how many unchanged resources became
 * changes.
 */
function cascadeReplacements(
  headResources: readonly PlannedResource[],
  changes: Map<string, ResourceChange>,
  baseByUrn: ReadonlyMap<string, PlannedResource>,
  entry: (
    kind: ChangeKind,
    resource: PlannedResource,
    properties?: PropertyChange[],
  ) => ResourceChange,
): number {
  let promoted = 0;
  let grew = true;
  while (grew) {
    grew = false;
    for (const resource of headResources) {
      const current = changes.get(resource.urn);
      if (current?.kind === "create" || current?.kind === "replace") continue;
      if (!baseByUrn.has(resource.urn) && current?.renamedFrom === undefined) continue;
      const added: PropertyChange[] = [];
      for (const [property, sources] of Object.entries(resource.propertyDependencies)) {
        const replaced = sources.find((urn) => changes.get(urn)?.kind === "replace");
        if (replaced === undefined) continue;
        if (current?.properties.some((change) => change.path === property)) continue;
        const name = changes.get(replaced)!.name;
        added.push({
          path: property,
          before: resource.inputs[property],
          after: `(new id of ${name}, known after it is replaced)`,
          forcesReplacement: forcesReplacement(resource.type, [property]),
        });
      }
      if (added.length === 0) continue;
      const properties = [...(current?.properties ?? []), ...added].sort((a, b) =>
        a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
      );
      const kind = properties.some((property) => property.forcesReplacement) ? "replace" : "update";
      const change = entry(kind, resource, properties);
      if (current?.renamedFrom !== undefined) change.renamedFrom = current.renamedFrom;
      if (current?.protectionLifted === true) change.protectionLifted = true;
      if (current === undefined) promoted++;
      changes.set(resource.urn, change);
      grew = true;
    }
  }
  return promoted;
}
