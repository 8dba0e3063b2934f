/**
 * From the engine events of `pulumi refresh --preview-only` to the drifted resources of one stack.
 *
 * The engine reports each refreshed resource once planned (`resOutputsEvent`) with the refresh's
 * result: `same`, `update` (the cloud differs) or `delete` (the cloud no longer has it). Since
 * Pulumi 3.1xx the update's diff is the provider's own Diff between the refreshed resource and the
 * inputs in the state, inverted: it is what the next `pulumi up` changes, told from the cloud's
 * side (`add` is set in the cloud only, `delete` is gone from the cloud), with `-replace` on the
 * properties the provider cannot change in place. The old state holds what the code deployed; the
 * new one what the provider read from the cloud.
 *
 * Pure: the events are plain objects (recorded ones in the tests), only their types come from the
 * SDK.
 */
import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import { parsePropertyPath } from "../diff/property-path";
import type { DriftedResource, PropertyDrift, PropertyDriftKind, UpAction } from "./drift-types";
import { resourceKind } from "./drift-kinds";
import { upSays } from "./drift-up";

/** `urn:pulumi:<stack>::<project>::<type chain>::<name>` → the name. */
function urnName(urn: string): string {
  const at = urn.lastIndexOf("::");
  return at < 0 ? urn : urn.slice(at + 2);
}

/**
 * The site of a resource: from its name (`<stack>-<site>-...`, as every per-site name is built:
 * model/naming.ts), else from its provider's name, since each site has its own providers.
 */
export function siteOfResource(
  stack: string,
  name: string,
  provider: string | undefined,
  sites: readonly string[],
): string | undefined {
  const fromName = sites.find((site) => name.startsWith(`${stack}-${site}-`));
  if (fromName !== undefined) return fromName;
  if (provider === undefined || provider === "") return undefined;
  // `<provider urn>::<provider id>`: the name is the last part of the URN.
  const providerUrn = provider.slice(0, provider.lastIndexOf("::"));
  const providerName = urnName(providerUrn);
  return sites.find((site) => providerName.startsWith(`${stack}-${site}-`));
}

/** The value at a Pulumi property path, or undefined when it is not there. */
export function valueAt(object: unknown, path: string): unknown {
  const segments = parsePropertyPath(path);
  if (segments === undefined) return undefined;
  let value: unknown = object;
  for (const segment of segments) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

const KINDS: Record<string, PropertyDriftKind> = {
  update: "changed",
  "update-replace": "changed",
  add: "added",
  "add-replace": "added",
  delete: "removed",
  "delete-replace": "removed",
};

/** Quota types whose fields of 0 the provider leaves out when it creates them (docs/engine.md). */
const ZERO_QUOTA_TYPES = new Set([
  "openstack:compute/quotaSetV2:QuotaSetV2",
  "openstack:networking/quotaV2:QuotaV2",
]);

const ZERO_QUOTA_NOTE =
  "a quota of 0 the OpenStack provider does not apply when it creates the quota; " +
  "govcloud up applies it (docs/engine.md, Zero quotas)";

function propertyDrifts(metadata: StepEventMetadata): PropertyDrift[] {
  const diff = metadata.detailedDiff ?? {};
  const paths = Object.keys(diff).length > 0 ? Object.keys(diff) : (metadata.diffs ?? []);
  return paths
    .map((path): PropertyDrift => {
      const entry = diff[path] as { diffKind?: string } | undefined;
      const known = KINDS[entry?.diffKind ?? ""];
      // The refresh diffs the cloud against the inputs in the state: the code's value is the old
      // input (the old output is what the cloud had right after the last update, which for a
      // quota field of 0 the provider skipped is already the service's default), the cloud's is
      // the new output. Either side falls back to the other half of its state, unless the diff
      // says that side has no value.
      const inCode =
        known === "added"
          ? undefined
          : (valueAt(metadata.old?.inputs, path) ?? valueAt(metadata.old?.outputs, path));
      const inCloud =
        known === "removed"
          ? undefined
          : (valueAt(metadata.new?.outputs, path) ?? valueAt(metadata.new?.inputs, path));
      const kind =
        known ?? (inCode === undefined ? "added" : inCloud === undefined ? "removed" : "changed");
      const drift: PropertyDrift = {
        path,
        kind,
        forcesReplacement: entry?.diffKind?.endsWith("-replace") === true,
      };
      if (inCode !== undefined) drift.inCode = inCode;
      if (inCloud !== undefined) drift.inCloud = inCloud;
      if (ZERO_QUOTA_TYPES.has(metadata.type) && inCode === 0) drift.note = ZERO_QUOTA_NOTE;
      return drift;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The refresh's result for one resource, when it is not `same`. */
function driftOf(
  stack: string,
  metadata: StepEventMetadata,
  sites: readonly string[],
): DriftedResource | undefined {
  const op = metadata.op as string;
  if (op !== "update" && op !== "delete") return undefined;
  const name = urnName(metadata.urn);
  const deleted = op === "delete";
  const properties = deleted ? [] : propertyDrifts(metadata);
  const action: UpAction = deleted
    ? "create"
    : properties.some((p) => p.forcesReplacement)
      ? "replace"
      : "update";
  const kind = resourceKind(metadata.type);
  const resource: DriftedResource = {
    urn: metadata.urn,
    type: metadata.type,
    name,
    kind,
    deleted,
    properties,
    up: { action, says: upSays(action, kind, properties) },
  };
  const site = siteOfResource(stack, name, metadata.provider ?? metadata.old?.provider, sites);
  if (site !== undefined) resource.site = site;
  return resource;
}

/**
 * The resources of `stack` the refresh found changed or deleted in the cloud, sorted by site (no
 * site first), then name. Component resources and providers never drift (the engine keeps them).
 */
export function driftFromEvents(
  stack: string,
  events: readonly EngineEvent[],
  sites: readonly string[],
): DriftedResource[] {
  const byUrn = new Map<string, DriftedResource>();
  for (const event of events) {
    const metadata = event.resOutputsEvent?.metadata;
    if (metadata === undefined) continue;
    const drift = driftOf(stack, metadata, sites);
    if (drift !== undefined) byUrn.set(drift.urn, drift);
  }
  return [...byUrn.values()].sort(
    (a, b) => (a.site ?? "").localeCompare(b.site ?? "") || a.name.localeCompare(b.name),
  );
}
