/**
 * Expired approvals of a stack, one per approval: every resource of a workload carries the same
 * ticket and date (model/tags.ts), so an expired ticket is one decision to renew, not one per
 * resource. Shared by change-approval (what a change creates or alters needs an approval valid on
 * the day of the change) and approval-recertification (what already runs is recertified every so
 * often); which resources a change creates or alters is their `changedResources` config.
 *
 * Only well-formed approvals are judged here: a missing or malformed ticket or date, and a date in
 * the future, are approval-tags' findings. Pure.
 */
import { calendarError } from "../../model/rules/approvals";
import type { RuleFacts } from "./facts";
import { label, readLabels } from "./labels";
import type { ConfigSchema } from "./policy";
import { isTaggable, T } from "./resource-types";
import type { ResourceView } from "./resource-view";

export interface ApprovalExpiryConfig {
  validityDays: number;
  today: string;
  changedResources: string[];
}

/** The sections of the city's facts both expiry policies read. */
export const APPROVAL_EXPIRY_FACTS = ["approvals"] as const;
export type ApprovalExpiryFacts = RuleFacts<(typeof APPROVAL_EXPIRY_FACTS)[number]>;

/**
 * The schema both expiry policies share; `validityDays` describes what it means for each. Its
 * default, 0, stands for platform.yaml's approvals.validityDays: the schema is the same whatever
 * the estate (the pack states it before it is given any facts).
 */
export function approvalExpiryConfig(
  validityDescription: string,
): ConfigSchema<ApprovalExpiryConfig> {
  return {
    validityDays: {
      type: "integer",
      minimum: 0,
      default: 0,
      description: validityDescription,
    },
    today: {
      type: "string",
      pattern: "^(\\d{4}-\\d{2}-\\d{2})?$",
      default: "",
      description:
        "Today's date (YYYY-MM-DD), the day of the change; empty: the day the pack started " +
        "(or GOVCLOUD_TODAY).",
    },
    changedResources: {
      type: "array",
      items: { type: "string", minLength: 1 },
      default: [],
      description:
        "URNs of the resources the change being judged creates or alters (govcloud review " +
        "lists them from the plans of both sides); empty: nothing changes, everything runs as it is.",
    },
  };
}

const addedDays = new Map<string, string>();

/** YYYY-MM-DD plus `days` (remembered: every resource of a workload carries the same date). */
export function addDays(date: string, days: number): string {
  const key = `${date}+${days}`;
  let result = addedDays.get(key);
  if (result === undefined) {
    const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
    result = new Date(time).toISOString().slice(0, 10);
    addedDays.set(key, result);
  }
  return result;
}

/** One expired approval and what carries it. */
export interface ExpiredApproval {
  ticket: string;
  date: string;
  /** The last day it was valid. */
  until: string;
  /** Every resource that carries it, in the stack's order. */
  resources: ResourceView[];
  /** Those of them the change creates or alters. */
  changed: ResourceView[];
}

/** Days an approval is valid: the config's, else platform.yaml's. */
export function validityDays(config: ApprovalExpiryConfig, facts: ApprovalExpiryFacts): number {
  return config.validityDays > 0 ? config.validityDays : facts.approvals.validityDays;
}

/** The approvals of `resources` that were no longer valid on `today`, in order of first use. */
export function expiredApprovals(
  resources: readonly ResourceView[],
  config: ApprovalExpiryConfig,
  facts: ApprovalExpiryFacts,
): ExpiredApproval[] {
  const validity = validityDays(config, facts);
  const today = config.today !== "" ? config.today : facts.today;
  const changed = new Set(config.changedResources);
  const groups = new Map<string, ExpiredApproval | null>();
  for (const resource of resources) {
    if (!isTaggable(resource.type)) continue;
    const labels = readLabels(resource);
    if (labels.unknown !== undefined) continue;
    const ticket = label(labels, "approval");
    const date = label(labels, "approved-on");
    if (ticket === undefined || date === undefined) continue;
    const key = `${ticket}\n${date}`;
    let group = groups.get(key);
    if (group === undefined) {
      const until =
        calendarError(date) === undefined && date <= today ? addDays(date, validity) : undefined;
      group =
        until !== undefined && until < today
          ? { ticket, date, until, resources: [], changed: [] }
          : null;
      groups.set(key, group);
    }
    if (group === null) continue;
    group.resources.push(resource);
    if (changed.has(resource.urn)) group.changed.push(resource);
  }
  return [...groups.values()].filter((group): group is ExpiredApproval => group !== null);
}

const NAMES_SHOWN = 5;

/** `a, b, c and 4 more`: the first names of a list that can run to hundreds. */
export function someNames(resources: readonly ResourceView[]): string {
  const names = resources.slice(0, NAMES_SHOWN).map((resource) => resource.name);
  const more = resources.length - names.length;
  return more > 0 ? `${names.join(", ")} and ${more} more` : names.join(", ");
}

/** What an approval covers: `workload case-db` or `the department's shared resources`. */
export function coveredWork(resources: readonly ResourceView[]): string {
  const workloads = [
    ...new Set(
      resources
        .map((resource) => label(readLabels(resource), "workload"))
        .filter((name): name is string => name !== undefined),
    ),
  ];
  const parts: string[] = [];
  if (workloads.length > 0) {
    parts.push(`workload${workloads.length === 1 ? "" : "s"} ${workloads.join(", ")}`);
  }
  if (
    workloads.length === 0 ||
    resources.some((r) => label(readLabels(r), "workload") === undefined)
  ) {
    parts.push("the department's shared resources (its VDC, networks and quota)");
  }
  return parts.join(" and ");
}

/** `14 resources` / `1 resource`. */
export function resourceCount(count: number): string {
  return `${count} resource${count === 1 ? "" : "s"}`;
}

/**
 * The resource a finding is shown at: an instance points at its workload in the department file,
 * the project at the department itself; otherwise the first one.
 */
export function shownAt(resources: readonly ResourceView[]): ResourceView {
  return (
    resources.find((resource) => resource.type === T.instance) ??
    resources.find((resource) => resource.type === T.project) ??
    resources[0]
  );
}
