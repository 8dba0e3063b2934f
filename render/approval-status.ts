/**
 * `govcloud approvals` output: per group who approved or who is still awaited, and why the
 * group's approval is needed; as text for the job log, or JSON.
 */
import type { ApproverGroup } from "../review/approval-groups";
import type { ApprovalRequirement } from "../review/types";

/** What the renderer needs of a group's status (review/approval-status.ts GroupStatus). */
export interface GroupStatusView {
  group: ApproverGroup;
  approvedBy?: string;
}

function who(group: ApproverGroup): string {
  return group.by === "platform"
    ? "platform team"
    : `${group.stacks.join(", ")} department approvers`;
}

function people(list: ApprovalRequirement["people"]): string {
  return list.length === 0 ? "nobody is listed" : [...new Set(list.map(approverName))].join(" or ");
}

export function approvalStatusText(change: string, statuses: readonly GroupStatusView[]): string {
  const given = statuses.filter((status) => status.approvedBy !== undefined).length;
  if (statuses.length === 0) {
    return `govcloud approvals: ${change} needs no approval beyond the usual review\n`;
  }
  const lines = [
    `govcloud approvals: ${change}: ${given} of ${statuses.length} approval${statuses.length === 1 ? "" : "s"} given`,
  ];
  for (const { group, approvedBy } of statuses) {
    lines.push(
      approvedBy === undefined
        ? `  waiting   ${who(group)}: one of ${people(group.people)}`
        : `  approved  ${who(group)}: by @${approvedBy}`,
    );
    for (const [reason, stacks] of group.reasons) {
      const where = stacks.length > 0 && group.by === "platform" ? ` (${stacks.join(", ")})` : "";
      lines.push(`              - ${reason}${where}`);
    }
    if (approvedBy === undefined && group.people.length === 0) {
      lines.push(
        "              fix: give the department an owner with role approver and a handle, or ask the platform team",
      );
    }
  }
  if (given < statuses.length) {
    lines.push(
      "The change may merge once every group above has approved it; approvals of earlier pushes do not count.",
    );
  }
  return lines.join("\n") + "\n";
}

export function approvalStatusJson(change: string, statuses: readonly GroupStatusView[]): string {
  return (
    JSON.stringify(
      {
        change,
        approved: statuses.every((status) => status.approvedBy !== undefined),
        groups: statuses.map(({ group, approvedBy }) => ({
          by: group.by,
          stacks: group.stacks,
          people: group.people,
          reasons: [...group.reasons.entries()].map(([reason, stacks]) => ({ reason, stacks })),
          ...(approvedBy === undefined ? {} : { approvedBy }),
        })),
      },
      null,
      2,
    ) + "\n"
  );
}

/** "@team" for a handle, "Name (id)" otherwise: how a person is named to reviewers. */
export function approverName(person: ApprovalRequirement["people"][number]): string {
  if (person.handle !== undefined && person.handle !== "") {
    return `@${person.handle.replace(/^@/, "")}`;
  }
  return `${person.name} (${person.id})`;
}
