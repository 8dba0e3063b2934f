/**
 * The difference between two plans of one stack, resource by resource, as the engine would see
 * it: a resource whose URN (or an alias of it) is on both sides is updated when its inputs
 * differ, and replaced when one of the changed inputs cannot change in place
 * (diff/replacements); the others are created or deleted. Replacements carry over to what
 * depends on them: a replaced volume gets a new id, so an attachment that names it is replaced
 * too, and a command that quotes it runs again.
 *
 * The resource options are read as the engine reads them:
 * - an alias keeps the resource, and with it its id: an input that names a renamed resource's id
 *   is the same id on both sides (the plans' ids come from names, so they differ);
 * - `ignoreChanges`: the property keeps its old value, so it neither changes nor replaces;
 * - `replaceOnChanges`: a change there replaces, whatever the provider says;
 * - `protect`: the engine refuses to delete or replace a protected resource (`refused`);
 * - `deleteBeforeReplace`: the old resource goes first (`deleteBeforeReplace` on the change).
 * What the cloud itself would refuse (diff/refusals.ts) is marked `refused` too.
 *
 * Only custom resources (cloud objects and providers) are listed: components hold nothing.
 */
import diff from "microdiff";
import type { PlannedResource, StackPlan } from "../plan/types";
import { parsePropertyPath, pathTouches, resetPath } from "./property-path";
import type { PathSegment } from "./property-path";
import { cloudRefusal } from "./refusals";
import { forcesReplacement } from "./replacements";
import type {
  ChangeCounts,
  ChangeKind,
  PropertyChange,
  RefusedChange,
  ResourceChange,
} from "./types";

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

/** The parsed paths of a list of resource options (malformed ones are skipped, as the engine does). */
function parsedPaths(paths: readonly string[] | undefined): PathSegment[][] {
  return (paths ?? [])
    .map(parsePropertyPath)
    .filter((path): path is PathSegment[] => path !== undefined);
}

/** Whether changing `path` replaces `resource`: its provider says so, or `replaceOnChanges`. */
function replaces(resource: PlannedResource, path: readonly (string | number)[]): boolean {
  return (
    forcesReplacement(resource.type, path) ||
    parsedPaths(resource.options.replaceOnChanges).some((pattern) => pathTouches(pattern, path))
  );
}

/** Whether `ignoreChanges` of `resource` covers `path`. */
function ignored(resource: PlannedResource, path: readonly (string | number)[]): boolean {
  return parsedPaths(resource.options.ignoreChanges).some(
    (pattern) => pattern.length <= path.length && pathTouches(pattern, path),
  );
}

/**
 * Replaces every id of a renamed resource by the id it keeps (the base's), inside strings too:
 * a command line quotes volume ids.
 */
function translateIds(value: unknown, ids: ReadonlyMap<string, string>, pattern: RegExp): unknown {
  if (typeof value === "string") {
    const exact = ids.get(value);
    if (exact !== undefined) return exact;
    return pattern.test(value) ? value.replace(pattern, (id) => ids.get(id) ?? id) : value;
  }
  if (Array.isArray(value)) return value.map((item) => translateIds(item, ids, pattern));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, translateIds(item, ids, pattern)]),
    );
  }
  return value;
}

/** The head's inputs as the engine diffs them against `before`'s: ids kept, ignored paths reset. */
function effectiveInputs(
  before: PlannedResource,
  after: PlannedResource,
  ids: ReadonlyMap<string, string>,
  pattern: RegExp | undefined,
): Record<string, unknown> {
  let inputs = after.inputs;
  if (pattern !== undefined) inputs = translateIds(inputs, ids, pattern) as Record<string, unknown>;
  const ignore = parsedPaths(after.options.ignoreChanges);
  if (ignore.length > 0) {
    inputs = structuredClone(inputs);
    for (const path of ignore) resetPath(before.inputs, inputs, path);
  }
  return inputs;
}

function propertyChanges(
  before: PlannedResource,
  after: PlannedResource,
  inputs: Record<string, unknown>,
): PropertyChange[] {
  return diff(before.inputs, inputs)
    .map((difference): PropertyChange => {
      const change: PropertyChange = {
        path: formatPropertyPath(difference.path),
        forcesReplacement: replaces(after, difference.path),
      };
      if (difference.type !== "CREATE") change.before = difference.oldValue;
      if (difference.type !== "REMOVE") change.after = difference.value;
      return change;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

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

/** The id a plan gives a custom resource, when it has a known one. */
function idOf(resource: PlannedResource): string | undefined {
  const id = resource.outputs.id;
  return typeof id === "string" && id !== "" && !id.includes("unknown") ? id : undefined;
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

  // Which base resource each head resource continues: the same URN, or an alias of it.
  const previousOf = new Map<string, PlannedResource>();
  const renamed = new Map<string, string>();
  const matched = new Set<string>();
  for (const resource of headResources) {
    if (baseByUrn.has(resource.urn)) {
      previousOf.set(resource.urn, baseByUrn.get(resource.urn)!);
      matched.add(resource.urn);
    }
  }
  for (const resource of headResources) {
    if (previousOf.has(resource.urn)) continue;
    for (const alias of resource.options.aliases) {
      const urn = aliasUrn(resource.urn, alias);
      const candidate = baseByUrn.get(urn);
      if (candidate !== undefined && !matched.has(urn)) {
        previousOf.set(resource.urn, candidate);
        renamed.set(resource.urn, urn);
        matched.add(urn);
        break;
      }
    }
  }

  // A renamed resource keeps its id in the cloud: the head's plan named it after the new name.
  const ids = new Map<string, string>();
  for (const resource of headResources) {
    const previous = previousOf.get(resource.urn);
    if (previous === undefined) continue;
    const [from, to] = [idOf(resource), idOf(previous)];
    if (from !== undefined && to !== undefined && from !== to) ids.set(from, to);
  }
  const idPattern =
    ids.size === 0 ? undefined : new RegExp([...ids.keys()].map(escapeRegExp).join("|"), "g");

  const effective = new Map<string, Record<string, unknown>>();
  for (const resource of headResources) {
    const previous = previousOf.get(resource.urn);
    if (previous === undefined) {
      changes.set(resource.urn, entry("create", resource));
      continue;
    }
    const renamedFrom = renamed.get(resource.urn);
    const inputs = effectiveInputs(previous, resource, ids, idPattern);
    effective.set(resource.urn, inputs);
    const properties = propertyChanges(previous, resource, inputs);
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
    // A renamed resource whose inputs stay is the engine's `same` step: its URN changes in the
    // state through the alias, and nothing is sent to the cloud.
    if (properties.length === 0) {
      same++;
      continue;
    }
    const kind = properties.some((property) => property.forcesReplacement) ? "replace" : "update";
    const change = entry(kind, resource, properties);
    if (renamedFrom !== undefined) change.renamedFrom = renamedFrom;
    if (lifted) change.protectionLifted = true;
    changes.set(resource.urn, change);
  }

  same -= cascadeReplacements({ headResources, changes, previousOf, effective, entry });

  const deletions = baseResources
    .filter((resource) => !matched.has(resource.urn))
    .map((resource) => {
      const change = entry("delete", resource);
      // The engine refuses to delete what its state protects.
      if (resource.options.protect) change.refused = protectedRefusal("delete", resource.name);
      return change;
    });
  const headByUrn = new Map(headResources.map((resource) => [resource.urn, resource]));
  const all = [...changes.values(), ...deletions];
  for (const change of all) {
    if (change.kind !== "replace") continue;
    if (DATA_TYPES.has(change.type)) change.losesData = true;
    const resource = headByUrn.get(change.urn)!;
    const previous = previousOf.get(change.urn)!;
    if (resource.options.deleteBeforeReplace === true) change.deleteBeforeReplace = true;
    // Lifting the protection and replacing in one update is allowed; replacing what stays
    // protected is not (the engine checks both sides).
    if (previous.options.protect && resource.options.protect) {
      change.refused = protectedRefusal("replace", change.name);
    } else {
      const refusal = cloudRefusal(previous, resource, change.deleteBeforeReplace === true);
      if (refusal !== undefined) change.refused = refusal;
    }
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

function protectedRefusal(kind: "delete" | "replace", name: string): RefusedChange {
  return {
    by: "engine",
    reason: `${name} is protected: pulumi up stops with "unable to ${kind} resource ... as it is currently marked for protection"`,
    fix:
      kind === "delete"
        ? "lift the protection in an earlier change (for a department, its decommission block), deploy it, then delete"
        : "avoid the replacement, or lift the protection in an earlier change and deploy it first",
  };
}

/** `value` with the ids in `labels` (old id -> what replaces it) spelled out, inside strings too. */
function withNewIds(value: unknown, labels: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") {
    let text = value;
    for (const [id, label] of labels) text = text.split(id).join(label);
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => withNewIds(item, labels));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withNewIds(item, labels)]),
    );
  }
  return value;
}

const samePath = (property: string) => (change: PropertyChange) =>
  change.path === property ||
  change.path.startsWith(`${property}.`) ||
  change.path.startsWith(`${property}[`);

/**
 * Resources that take an input from a replaced resource see a new id: replaced themselves when
 * that input cannot change in place, updated otherwise; unless `ignoreChanges` keeps the old
 * value. The input is shown with the new ids spelled out (a command line that quotes a replaced
 * volume's id shows both its old and its new line). Repeated until nothing more changes (a
 * replaced volume replaces its attachment, ...). Returns how many unchanged resources became
 * changes.
 */
function cascadeReplacements(args: {
  headResources: readonly PlannedResource[];
  changes: Map<string, ResourceChange>;
  previousOf: ReadonlyMap<string, PlannedResource>;
  effective: ReadonlyMap<string, Record<string, unknown>>;
  entry: (
    kind: ChangeKind,
    resource: PlannedResource,
    properties?: PropertyChange[],
  ) => ResourceChange;
}): number {
  const { headResources, changes, previousOf, effective, entry } = args;
  let promoted = 0;
  let grew = true;
  while (grew) {
    grew = false;
    for (const resource of headResources) {
      const current = changes.get(resource.urn);
      // A replaced resource is looked at too: its inputs are shown with the new ids.
      if (current?.kind === "create") continue;
      const previous = previousOf.get(resource.urn);
      if (previous === undefined) continue;
      let properties = [...(current?.properties ?? [])];
      let added = false;
      for (const [property, sources] of Object.entries(resource.propertyDependencies)) {
        const replaced = sources.filter((urn) => changes.get(urn)?.kind === "replace");
        if (replaced.length === 0) continue;
        if (ignored(resource, [property])) continue;
        const labels = new Map<string, string>();
        for (const urn of replaced) {
          const id = idOf(previousOf.get(urn)!);
          if (id !== undefined) labels.set(id, `(new id of ${changes.get(urn)!.name})`);
        }
        const value = effective.get(resource.urn)?.[property];
        const spelled = withNewIds(value, labels);
        const after =
          JSON.stringify(spelled) !== JSON.stringify(value)
            ? spelled
            : `(new id of ${changes.get(replaced[0])!.name}, known after it is replaced)`;
        const shown = JSON.stringify(after);
        if (
          properties.some(
            (change) => samePath(property)(change) && JSON.stringify(change.after) === shown,
          )
        ) {
          continue;
        }
        properties = properties.filter((change) => !samePath(property)(change));
        properties.push({
          path: property,
          before: previous.inputs[property],
          after,
          forcesReplacement: replaces(resource, [property]),
        });
        added = true;
      }
      if (!added) continue;
      properties.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
