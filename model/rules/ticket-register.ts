/**
 * A ticket in a department file is only a claim: the department writes it. When platform.yaml
 * names a ticket register (approvals.register), the platform team's own file says which tickets
 * were granted, to which department, for what, by whom and when, and every ticket a department
 * cites must be found there as cited. A department cannot approve itself by writing a ticket;
 * granting one changes the register, which only the platform team approves (CODEOWNERS).
 *
 * Tickets in the wrong form are reported by the approvals and allow-destroy rules, not again here.
 */
import { compileConfiguredPattern } from "../configured-pattern";
import type { Finding, FieldPath } from "../problem";
import { show } from "../problem";
import { didYouMean, listNames } from "../suggest";
import type { Department, TicketGrant, TicketUse } from "../types";
import { calendarError } from "./approvals";
import type { Rule } from "./rule";

/** One place a department file cites a ticket. */
interface Citation {
  path: FieldPath;
  use: TicketUse;
  ticket: string;
  approver?: string;
  date?: string;
  /** For a workload's approval: its name and earlier names (a rename keeps its grant). */
  workloadNames?: string[];
}

const USE_WORDS: Record<TicketUse, string> = {
  vdc: "the department's approval (its VDC and quota)",
  workload: "a workload's approval",
  decommission: "a decommission",
  destroy: "an allowDestroy entry",
};

export function citations(department: Department): Citation[] {
  const cited: Citation[] = [{ path: ["approval"], use: "vdc", ...department.approval }];
  department.workloads.forEach((workload, w) => {
    cited.push({
      path: ["workloads", w, "approval"],
      use: "workload",
      ...workload.approval,
      workloadNames: [workload.name, ...(workload.previousNames ?? [])],
    });
  });
  if (department.decommission !== undefined) {
    cited.push({ path: ["decommission"], use: "decommission", ...department.decommission });
  }
  (department.allowDestroy ?? []).forEach((entry, i) => {
    cited.push({ path: ["allowDestroy", i], use: "destroy", ticket: entry.ticket });
  });
  return cited;
}

export const ticketRegister: Rule = {
  name: "ticket-register",
  description: "Every cited ticket is granted in the platform's register, as cited.",
  check({ estate }) {
    const loaded = estate.register;
    // No register named, or one the loader already reported as missing or malformed.
    if (estate.platform.approvals.register === undefined || loaded === undefined) return [];
    const policy = estate.platform.approvals;
    const compiled = compileConfiguredPattern(policy.ticketPattern);
    const wellFormed = (ticket: string) => !compiled.ok || compiled.test(ticket);
    const platformApprovers = policy.approvers.map((person) => person.id);
    const findings: Finding[] = [];

    const grants = new Map<string, TicketGrant>();
    loaded.register.tickets.forEach((grant, i) => {
      const path: FieldPath = ["tickets", i];
      const department = estate.departments.find(
        (entry) => entry.department.id === grant.department,
      )?.department;
      findings.push(...grantProblems(loaded.file, path, grant, department, platformApprovers));
      if (!wellFormed(grant.ticket)) {
        findings.push({
          file: loaded.file,
          path: [...path, "ticket"],
          code: "ticket-format",
          message: `ticket "${grant.ticket}" is not in the platform's ticket format`,
          found: show(grant.ticket),
          allowed: `${policy.ticketPattern} (e.g. ${policy.ticketExample})`,
          fix: "write the ticket number as the change system issued it",
        });
      }
      // A date in the future is not the register's error but the citing file's (the approvals
      // rule finds it there): a problem here would stop every department, not the one concerned.
      const wrongDate = calendarError(grant.date);
      if (wrongDate !== undefined) {
        findings.push({
          file: loaded.file,
          path: [...path, "date"],
          code: "invalid-date",
          message: `${grant.date} is not a date: ${wrongDate.reason}`,
          found: show(grant.date),
          allowed: "a calendar date YYYY-MM-DD",
          fix: "write the date the ticket was granted",
        });
      }
      if (grants.has(grant.ticket)) {
        findings.push({
          file: loaded.file,
          path: [...path, "ticket"],
          code: "duplicate-ticket",
          message: `${grant.ticket} is granted twice`,
          found: show(grant.ticket),
          allowed: "each ticket once",
          fix: "merge the two entries: one ticket, one department, its scope listing every use",
        });
      } else {
        grants.set(grant.ticket, grant);
      }
    });

    for (const { file, department } of estate.departments) {
      for (const citation of citations(department)) {
        if (!wellFormed(citation.ticket)) continue;
        const grant = grants.get(citation.ticket);
        const problem = citationProblem(citation, grant, department.id, loaded.file);
        if (problem !== undefined) findings.push({ file, ...problem });
      }
    }
    return findings;
  },
};

/** What is wrong with one entry of the register itself, beyond its ticket and date. */
function grantProblems(
  file: string,
  path: FieldPath,
  grant: TicketGrant,
  department: Department | undefined,
  platformApprovers: string[],
): Finding[] {
  const findings: Finding[] = [];
  if (grant.workloads !== undefined && !grant.scope.includes("workload")) {
    findings.push({
      file,
      path: [...path, "workloads"],
      code: "workloads-without-scope",
      message: "workloads are listed, but the scope does not include workload",
      found: `scope ${grant.scope.join(", ")}`,
      allowed: "workloads only with scope workload",
      fix: "add workload to the scope, or remove the workloads list",
    });
  }
  // A department gone from the estate keeps its grants on record; only a present one is checked.
  if (department === undefined) return findings;
  const departmentApprovers = department.owners
    .filter((owner) => owner.role === "approver")
    .map((owner) => owner.id);
  // The VDC, its decommission and destruction are the platform team's to grant.
  const platformOnly = grant.scope.some((use) => use !== "workload");
  const may = platformOnly
    ? platformApprovers
    : [...new Set([...departmentApprovers, ...platformApprovers])];
  if (!may.includes(grant.approver)) {
    findings.push({
      file,
      path: [...path, "approver"],
      code: "not-an-approver",
      message: platformOnly
        ? `${grant.approver} is not a platform approver; only the platform team grants ${grant.scope
            .filter((use) => use !== "workload")
            .join(", ")} tickets`
        : `${grant.approver} is neither an approver of ${department.id} nor a platform approver`,
      found: show(grant.approver),
      allowed: listNames(may),
      fix: didYouMean(grant.approver, may, `name who granted it: ${listNames(may)}`),
    });
  }
  return findings;
}

/** Why a ticket cited in a department file is not granted as cited, or undefined when it is. */
function citationProblem(
  citation: Citation,
  grant: TicketGrant | undefined,
  departmentId: string,
  registerFile: string,
): Omit<Finding, "file"> | undefined {
  const ticketPath: FieldPath = [...citation.path, "ticket"];
  if (grant === undefined) {
    return {
      path: ticketPath,
      code: "unregistered-ticket",
      message: `ticket ${citation.ticket} is not in the platform team's ticket register`,
      found: show(citation.ticket),
      allowed: `a ticket the register grants to ${departmentId}`,
      fix: `ask the platform team to grant it in ${registerFile} (their approval of that change is the approval), or cite a ticket granted to ${departmentId}`,
    };
  }
  if (grant.department !== departmentId) {
    return {
      path: ticketPath,
      code: "ticket-of-another-department",
      message: `ticket ${citation.ticket} was granted to ${grant.department}, not to ${departmentId}`,
      found: show(citation.ticket),
      allowed: `a ticket the register grants to ${departmentId}`,
      fix: "cite this department's own ticket; a ticket covers the department it was granted to",
    };
  }
  if (!grant.scope.includes(citation.use)) {
    return {
      path: ticketPath,
      code: "ticket-out-of-scope",
      message: `ticket ${citation.ticket} was not granted for ${USE_WORDS[citation.use]}`,
      found: `scope ${grant.scope.join(", ")}`,
      allowed: `a ticket whose scope includes ${citation.use}`,
      fix: `cite a ticket granted for ${citation.use}, or ask the platform team to widen this one in ${registerFile}`,
    };
  }
  if (
    citation.workloadNames !== undefined &&
    grant.workloads !== undefined &&
    !citation.workloadNames.some((name) => grant.workloads!.includes(name))
  ) {
    return {
      path: ticketPath,
      code: "ticket-out-of-scope",
      message: `ticket ${citation.ticket} was granted for ${listNames(grant.workloads)}, not for ${citation.workloadNames[0]}`,
      found: show(citation.workloadNames[0]),
      allowed: listNames(grant.workloads),
      fix: "cite the ticket granted for this workload (a renamed workload lists its old name in previousNames)",
    };
  }
  // The approver and the date, as the register records them.
  for (const [field, words] of [
    ["approver", "granted by"],
    ["date", "granted on"],
  ] as const) {
    const cited = citation[field];
    if (cited === undefined || cited === grant[field]) continue;
    return {
      path: [...citation.path, field],
      code: `ticket-${field}-mismatch`,
      message: `the register records ${citation.ticket} as ${words} ${grant[field]}, the file says ${cited}`,
      found: show(cited),
      allowed: show(grant[field]),
      fix: `write ${field}: ${grant[field]}, as the register records it`,
    };
  }
  return undefined;
}
