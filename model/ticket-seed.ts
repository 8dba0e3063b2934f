/**
 * A ticket register that grants every ticket the department files cite, as they cite them: the
 * starting point when a platform team begins to keep a register (docs/approvals.md), and the
 * register of generated estates. A ticket cited twice in one department is granted once with
 * both uses; one cited by two departments is contested and left out.
 */
import { stringify } from "yaml";
import { citations } from "./rules/ticket-register";
import type { Department, Platform, TicketGrant } from "./types";

export function seedGrants(
  departments: readonly Department[],
  platform: Platform,
): { grants: TicketGrant[]; contested: string[] } {
  const grants = new Map<string, TicketGrant>();
  const contested = new Set<string>();
  for (const department of departments) {
    for (const citation of citations(department)) {
      const known = grants.get(citation.ticket);
      if (known !== undefined && known.department !== department.id) {
        contested.add(citation.ticket);
        continue;
      }
      const grant: TicketGrant = known ?? {
        ticket: citation.ticket,
        department: department.id,
        scope: [],
        approver: citation.approver ?? platform.approvals.approvers[0]?.id ?? "platform-team",
        date: citation.date ?? department.approval.date,
      };
      if (!grant.scope.includes(citation.use)) grant.scope.push(citation.use);
      if (citation.workloadNames !== undefined) {
        grant.workloads = [...(grant.workloads ?? []), citation.workloadNames[0]];
      }
      grants.set(citation.ticket, grant);
    }
  }
  for (const ticket of contested) grants.delete(ticket);
  return {
    grants: [...grants.values()].sort((a, b) => (a.ticket < b.ticket ? -1 : 1)),
    contested: [...contested].sort(),
  };
}

/** tickets.yaml: one line a grant, as the register is read and reviewed one ticket at a time. */
export function registerText(grants: readonly TicketGrant[]): string {
  return [
    "# yaml-language-server: $schema=schema/tickets.schema.json",
    "# The change tickets the platform team has granted (docs/approvals.md). Owned by the",
    "# platform team: a department's file may cite only what is granted here, as granted.",
    "tickets:",
    ...grants.map(
      (grant) => `  - ${stringify(grant, { collectionStyle: "flow", lineWidth: 0 }).trim()}`,
    ),
    "",
  ].join("\n");
}
