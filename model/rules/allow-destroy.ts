/**
 * `allowDestroy` entries are the declared intent behind a change that destroys data: the review
 * matches them against what the change deletes or replaces, and the platform team approves by
 * the ticket. A ticket in the wrong form, or the same thing named twice, would leave that
 * approval pointing nowhere.
 */
import { compileConfiguredPattern } from "../configured-pattern";
import type { Finding } from "../problem";
import { show } from "../problem";
import type { Rule } from "./rule";

export const allowDestroy: Rule = {
  name: "allow-destroy",
  description: "allowDestroy entries name a ticket in the platform's form, each resource once.",
  check({ estate }) {
    const policy = estate.platform.approvals;
    const compiled = compileConfiguredPattern(policy.ticketPattern);
    const findings: Finding[] = [];
    for (const { file, department } of estate.departments) {
      const seen = new Set<string>();
      (department.allowDestroy ?? []).forEach((entry, i) => {
        if (compiled.ok && !compiled.test(entry.ticket)) {
          findings.push({
            file,
            path: ["allowDestroy", i, "ticket"],
            code: "ticket-format",
            message: `ticket "${entry.ticket}" is not in the platform's ticket format`,
            found: show(entry.ticket),
            allowed: `${policy.ticketPattern} (e.g. ${policy.ticketExample})`,
            fix: `write the ticket of the change that authorises the destruction, e.g. ${policy.ticketExample}`,
          });
        }
        if (seen.has(entry.resource)) {
          findings.push({
            file,
            path: ["allowDestroy", i, "resource"],
            code: "duplicate-name",
            message: `allowDestroy names ${entry.resource} twice`,
            found: show(entry.resource),
            allowed: "each resource once",
            fix: "keep one entry per resource",
          });
        }
        seen.add(entry.resource);
      });
    }
    return findings;
  },
};
