/**
 * Two plans of one stack compared as the engine compares them (diff/plan-diff.ts): per resource
 * whether it is created, updated, replaced or deleted, which properties change, and what the
 * engine or the cloud would refuse. The review reports these; the check tells the approval
 * policies what a change creates or alters from them.
 */
import type { SourcePointer } from "../plan/source-map";

export type ChangeKind = "create" | "update" | "replace" | "delete";

/** One property of a resource's inputs that differs between base and head. */
export interface PropertyChange {
  /** Path in the inputs, dotted with indexes: `size`, `networks[0].port`, `metadata.approval`. */
  path: string;
  /** Absent when the property is new on the head. */
  before?: unknown;
  /** Absent when the property is gone on the head. */
  after?: unknown;
  /** OpenStack (or the provider) cannot change this in place: the resource is replaced. */
  forcesReplacement: boolean;
}

export interface ResourceChange {
  kind: ChangeKind;
  /** The head's URN (the base's for a deletion). */
  urn: string;
  type: string;
  /** Logical name, `<department>-<site>-<thing>`. */
  name: string;
  /** The site the resource lives at; absent for department-wide resources (project, providers). */
  site?: string;
  /** false for govcloud components (they hold no cloud resource of their own). */
  custom: boolean;
  /** Updates and replacements: the properties that change (sorted by path). */
  properties: PropertyChange[];
  /** The base URN, when the resource was renamed (an alias keeps it: no replacement). */
  renamedFrom?: string;
  /** The resource is protected (deleting or replacing it needs the protection lifted first). */
  protect: boolean;
  /**
   * Replacements only: the resource holds data or runs a workload (volume, instance), so the
   * replacement loses what is on it.
   */
  losesData?: boolean;
  /** Where in the estate the resource comes from (head's file, or the base's for a deletion). */
  source?: SourcePointer;
  /**
   * The base protects the resource and the head does not (a decommission): nothing changes in
   * the cloud yet, but the next `pulumi destroy` can delete it. Listed as an update.
   */
  protectionLifted?: boolean;
  /** Replacements: the old resource is deleted before the new one is created. */
  deleteBeforeReplace?: boolean;
  /** The engine or the cloud will not carry this out: `pulumi up` stops there. */
  refused?: RefusedChange;
}

/** A deletion or replacement that will not happen as planned, and what to do instead. */
export interface RefusedChange {
  /** "engine": Pulumi refuses (a protected resource); "cloud": OpenStack refuses the request. */
  by: "engine" | "cloud";
  /** What happens, in a sentence. */
  reason: string;
  fix: string;
}

export interface ChangeCounts {
  create: number;
  update: number;
  replace: number;
  delete: number;
  /** Resources present and equal on both sides. */
  same: number;
}
