/**
 * The drift report (`govcloud drift`): per stack, the resources whose real state in the cloud
 * differs from the stack's state (what the last `govcloud up` deployed from the code), property
 * by property, and what the next `govcloud up` does about each. Plain data: the JSON report is
 * this object as it is, and the text and Markdown renderers read nothing else.
 */

/**
 * - `drifted`: at least one resource differs from what was deployed;
 * - `clean`: every resource is as deployed;
 * - `missing`: the backend has no such stack yet (nothing deployed, nothing to compare);
 * - `failed`: the refresh could not run (the cloud or the backend did not answer, ...).
 */
export type StackDriftStatus = "drifted" | "clean" | "missing" | "failed";

/**
 * How a property differs, seen from the cloud (the engine's refresh diff):
 * - `changed`: set in both, to different values;
 * - `removed`: set in the code, gone in the cloud;
 * - `added`: set in the cloud, not in the code.
 */
export type PropertyDriftKind = "changed" | "removed" | "added";

export interface PropertyDrift {
  /** The property path as Pulumi names it: `network`, `rules[0].cidr`, `tags["a.b"]`. */
  path: string;
  kind: PropertyDriftKind;
  /** The value the code deployed (the stack's state); absent when the code does not set it. */
  inCode?: unknown;
  /** The value in the cloud; absent when the cloud no longer has it. */
  inCloud?: unknown;
  /** Whether the provider cannot set it back in place: `govcloud up` replaces the resource. */
  forcesReplacement: boolean;
  /**
   * Why the difference is expected, when it is: a quota of 0 the OpenStack provider did not
   * apply when it created the quota (docs/engine.md, "Zero quotas").
   */
  note?: string;
}

/**
 * What `govcloud up` does about a drifted resource:
 * - `update`: sets the properties back in place;
 * - `replace`: deletes and re-creates it (a property cannot change in place);
 * - `create`: re-creates it, since it was deleted in the cloud.
 */
export type UpAction = "update" | "replace" | "create";

export interface DriftedResource {
  urn: string;
  /** The Pulumi type token, e.g. `openstack:networking/secGroupRule:SecGroupRule`. */
  type: string;
  /** The logical name, which is also the name in OpenStack: `<dept>-<site>-<thing>`. */
  name: string;
  /** What kind of thing it is, in words: `security group rule`, `network quota`. */
  kind: string;
  /** The site (region) it lives at; absent for what belongs to no site (the project). */
  site?: string;
  /** Deleted in the cloud (the refresh found no resource with its id). */
  deleted: boolean;
  /** The properties that differ (empty for a deleted resource). */
  properties: PropertyDrift[];
  up: { action: UpAction; says: string };
}

export interface StackDrift {
  /** A department id, or `platform`. */
  stack: string;
  status: StackDriftStatus;
  /** Why, for a `missing` or `failed` stack. */
  message?: string;
  /** Sorted by site (no site first), then name. */
  resources: DriftedResource[];
}

export interface DriftReport {
  /** Whether any stack drifted: `govcloud drift` then exits 1. */
  drifted: boolean;
  stacks: StackDrift[];
  counts: { stacks: number; drifted: number; resources: number; missing: number; failed: number };
}
