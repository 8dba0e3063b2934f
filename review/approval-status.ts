/**
 * Whether the approvals a review names have been given on the pull or merge request: each group
 * (the platform team, each department's approvers; review/approval-groups.ts) needs the approval
 * of one of its people, a user by name or any member of a team or group by its handle. The
 * author's own approval never counts: a department cannot approve its own change.
 */
import type { ChangeApprovals } from "../codehost/change-approvals";
import type { ApproverGroup } from "./approval-groups";

export interface GroupStatus {
  group: ApproverGroup;
  /** Who approved for this group, when someone did. */
  approvedBy?: string;
  /** The handles (or ids) that may approve for it, as written in the estate. */
  candidates: string[];
}

/** How a person is known on the code host: their handle without "@", or else their login id. */
function hostName(person: ApproverGroup["people"][number]): string {
  return (person.handle ?? person.id).replace(/^@/, "").toLowerCase();
}

export async function approvalStatus(
  groups: readonly ApproverGroup[],
  approvals: ChangeApprovals,
): Promise<GroupStatus[]> {
  const approvers = approvals.approvedBy
    .map((user) => user.toLowerCase())
    .filter((user) => user !== approvals.author.toLowerCase());
  const statuses: GroupStatus[] = [];
  for (const group of groups) {
    const candidates = [...new Set(group.people.map(hostName))];
    let approvedBy: string | undefined;
    for (const candidate of candidates) {
      if (candidate.includes("/")) {
        for (const user of approvers) {
          if (await approvals.isMember(candidate, user)) {
            approvedBy = user;
            break;
          }
        }
      } else if (approvers.includes(candidate)) {
        approvedBy = candidate;
      }
      if (approvedBy !== undefined) break;
    }
    statuses.push({ group, candidates, ...(approvedBy === undefined ? {} : { approvedBy }) });
  }
  return statuses;
}
