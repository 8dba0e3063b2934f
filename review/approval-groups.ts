/**
 * The approvals a review asks for, grouped by who gives them: the platform team once, each
 * department's approvers once, and under each group every reason once with the stacks it applies
 * to. The review comment lists these groups, and `govcloud approvals` checks each of them against
 * the approvals on the pull or merge request, so both always name the same people.
 */
import type { ApprovalRequirement, ReviewReport } from "./types";

export interface ApproverGroup {
  by: ApprovalRequirement["by"];
  people: ApprovalRequirement["people"];
  /** The stacks whose changes need this group's approval (none for repository files). */
  stacks: string[];
  /** Each reason once, with the stacks it applies to. */
  reasons: Map<string, string[]>;
}

export function approverGroups(report: ReviewReport): ApproverGroup[] {
  const groups = new Map<string, ApproverGroup>();
  const add = (requirement: ApprovalRequirement, stack: string | undefined) => {
    const key = JSON.stringify([
      requirement.by,
      requirement.people.map((p) => [p.id, p.handle ?? ""]),
    ]);
    const group: ApproverGroup = groups.get(key) ?? {
      by: requirement.by,
      people: requirement.people,
      stacks: [],
      reasons: new Map(),
    };
    if (stack !== undefined && !group.stacks.includes(stack)) group.stacks.push(stack);
    for (const reason of requirement.reasons ?? [requirement.reason]) {
      const stacks = group.reasons.get(reason) ?? [];
      if (stack !== undefined) stacks.push(stack);
      group.reasons.set(reason, stacks);
    }
    groups.set(key, group);
  };
  for (const stack of report.stacks) {
    for (const requirement of stack.approvals) add(requirement, stack.stack);
  }
  for (const requirement of report.approvals ?? []) add(requirement, undefined);
  // The platform team first: it approves what cannot be undone.
  return [...groups.values()].sort(
    (a, b) => Number(b.by === "platform") - Number(a.by === "platform"),
  );
}
