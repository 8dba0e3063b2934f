/**
 * Who must approve a change to a stack, and why. A department's approvers (its owners with role
 * `approver`, the same people CODEOWNERS asks) approve what changes in their department; the
 * platform team approves what the platform owns: new VDCs, raised quotas, the loss of data,
 * and changes to platform.yaml, the program or the policies.
 */
import type { Estate } from "../model/estate";
import { findDepartment } from "../model/estate";
import { PLATFORM_STACK } from "../model/naming";
import type { Person } from "../model/types";
import { raisedQuotas } from "./quota-changes";
import type { ResourceChange } from "../diff/types";
import type { ApprovalRequirement, QuotaChange, ReviewAlert, StackStatus } from "./types";
import { posix } from "node:path";
import { DEPARTMENTS_DIR, STACKS_DIR, stackOfSettingsFile } from "../model/estate-files";

function people(list: readonly Person[]): ApprovalRequirement["people"] {
  return list.map((person) => ({
    id: person.id,
    name: person.name,
    ...(person.handle === undefined
      ? {}
      : { handle: person.handle.startsWith("@") ? person.handle : `@${person.handle}` }),
  }));
}

export interface ApprovalInput {
  stack: string;
  status: StackStatus;
  /** The changed files that touch this stack. */
  reasons: readonly string[];
  /** Changed files that touch every stack (platform.yaml, program, policies). */
  everyStack: readonly string[];
  /** Changed files only the platform team approves though they touch this stack (the register). */
  platformFiles?: readonly string[];
  changes: readonly ResourceChange[];
  quotas: readonly QuotaChange[];
  /** What the change destroys or decommissions (review/destruction.ts). */
  alerts?: readonly ReviewAlert[];
  base?: Estate;
  head?: Estate;
}

/**
 * The platform team's approval of changed files that no reviewed stack is built from, unless a
 * department owns them (its file, its stack settings): what CODEOWNERS gives the platform team.
 */
export function repositoryApprovals(
  files: readonly string[],
  estatePath: string,
  stacks: readonly { reasons: readonly string[] }[],
  estate: Estate | undefined,
): ApprovalRequirement[] {
  if (estate === undefined) return [];
  const prefix = estatePath === "" ? "" : `${estatePath}/`;
  const inStacks = new Set(stacks.flatMap((stack) => stack.reasons));
  const departmentOwned = (file: string) => {
    if (!file.startsWith(prefix)) return false;
    const local = file.slice(prefix.length);
    const folder = posix.dirname(local);
    if (folder === DEPARTMENTS_DIR) return local.endsWith(".yaml");
    const stack = folder === STACKS_DIR ? stackOfSettingsFile(posix.basename(local)) : undefined;
    return stack !== undefined && stack !== PLATFORM_STACK;
  };
  const owned = files.filter((file) => !inStacks.has(file) && !departmentOwned(file));
  if (owned.length === 0) return [];
  const shown =
    owned.slice(0, 5).join(", ") + (owned.length > 5 ? `, and ${owned.length - 5} more` : "");
  const reason = `changes files the platform team owns: ${shown}`;
  return [
    {
      by: "platform",
      people: people(estate.platform.approvals.approvers),
      reason,
      reasons: [reason],
    },
  ];
}

export function requiredApprovals(input: ApprovalInput): ApprovalRequirement[] {
  const estate = input.head ?? input.base;
  if (estate === undefined) return [];
  const platformReasons: string[] = [];
  const departmentReasons: string[] = [];
  const platformFiles = input.platformFiles ?? [];
  const ownFiles = input.reasons.filter(
    (file) => !input.everyStack.includes(file) && !platformFiles.includes(file),
  );
  const shared = input.reasons.filter((file) => input.everyStack.includes(file));
  const grants = input.reasons.filter((file) => platformFiles.includes(file));

  if (input.stack !== PLATFORM_STACK && ownFiles.length > 0) {
    departmentReasons.push(`changes ${ownFiles.join(", ")}`);
  }
  if (shared.length > 0) platformReasons.push(`changes ${shared.join(", ")}`);
  if (grants.length > 0) {
    platformReasons.push(`changes the tickets granted in the register (${grants.join(", ")})`);
  }
  if (input.stack === PLATFORM_STACK && ownFiles.length > 0) {
    platformReasons.push(`changes ${ownFiles.join(", ")}`);
  }
  if (input.status === "added" && input.stack !== PLATFORM_STACK) {
    platformReasons.push("creates a new virtual datacenter");
  }
  for (const quota of input.quotas) {
    const raised = raisedQuotas(quota);
    if (raised.length > 0)
      platformReasons.push(`raises the quota at ${quota.site}: ${raised.join(", ")}`);
  }
  const lost = input.changes.filter(
    (change) =>
      (change.kind === "replace" && change.losesData === true) ||
      (change.kind === "delete" && change.protect),
  );
  if (lost.length > 0) {
    const reason = `replaces or deletes ${lost.length} resource${lost.length === 1 ? "" : "s"} holding data or protected (${lost
      .slice(0, 3)
      .map((change) => change.name)
      .join(", ")}${lost.length > 3 ? ", …" : ""})`;
    platformReasons.push(reason);
    if (input.stack !== PLATFORM_STACK) departmentReasons.push(reason);
  }

  const alerts = input.alerts ?? [];
  for (const alert of alerts) {
    if (alert.kind === "decommission") {
      platformReasons.unshift(
        `decommissions the virtual datacenter (${alert.ticket ?? "no ticket"})`,
      );
    }
  }
  const declared = alerts.filter((alert) => alert.kind === "declared-destruction");
  if (declared.length > 0) {
    const tickets = [...new Set(declared.map((alert) => alert.ticket ?? "no ticket"))];
    const lostIndex = platformReasons.findIndex((reason) =>
      reason.startsWith("replaces or deletes"),
    );
    // The declaration says what is lost and under which ticket: it replaces the generic count.
    const reason = `destroys data as allowDestroy declares (${tickets.join(", ")})`;
    if (lostIndex >= 0) platformReasons[lostIndex] = reason;
    else platformReasons.push(reason);
  }

  const approvals: ApprovalRequirement[] = [];
  if (departmentReasons.length > 0 && input.stack !== PLATFORM_STACK) {
    const department =
      (input.head && findDepartment(input.head, input.stack)) ??
      (input.base && findDepartment(input.base, input.stack));
    const approvers =
      department?.department.owners.filter((owner) => owner.role === "approver") ?? [];
    approvals.push({
      by: "department",
      people: people(approvers),
      reason: departmentReasons.join("; "),
      reasons: departmentReasons,
    });
  }
  if (platformReasons.length > 0) {
    approvals.push({
      by: "platform",
      people: people(estate.platform.approvals.approvers),
      reason: platformReasons.join("; "),
      reasons: platformReasons,
    });
  }
  return approvals;
}
