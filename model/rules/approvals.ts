/**
 * Auditors read who approved what, under which ticket and when: an approval must name a ticket
 * in the platform's format, a real date that has already happened and, where the platform asks
 * for one, a person who may approve. The department's VDC and quota are approved by the platform
 * team; workloads by the department's approvers or the platform team. (Whether an approval has
 * expired is a deployment policy, not a property of the file, and is not checked here.)
 */
import { compileConfiguredPattern } from "../configured-pattern";
import { findTier } from "../catalog";
import type { Finding, FieldPath } from "../problem";
import { show } from "../problem";
import { didYouMean, listNames } from "../suggest";
import type { Approval } from "../types";
import type { Rule } from "./rule";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export const approvals: Rule = {
  name: "approvals",
  description:
    "Tickets match the platform's pattern, dates are real and past, approvers may approve.",
  check({ estate, today }) {
    const { platform } = estate;
    const policy = platform.approvals;
    const findings: Finding[] = [];
    // RE2, so that no ticket can make the check hang; platform-consistency reports a bad pattern.
    const compiled = compileConfiguredPattern(policy.ticketPattern);
    const pattern = compiled.ok ? compiled : undefined;
    const platformApprovers = policy.approvers.map((person) => person.id);

    for (const { file, department } of estate.departments) {
      const ownerRole = new Map(department.owners.map((owner) => [owner.id, owner.role]));
      const departmentApprovers = department.owners
        .filter((owner) => owner.role === "approver")
        .map((owner) => owner.id);
      const mayApproveWorkloads = [...new Set([...departmentApprovers, ...platformApprovers])];

      const checkTicketAndDate = (approval: Approval, path: FieldPath) => {
        if (pattern !== undefined && !pattern.test(approval.ticket)) {
          const normalized = approval.ticket.trim().toUpperCase();
          findings.push({
            file,
            path: [...path, "ticket"],
            code: "ticket-format",
            message: `ticket "${approval.ticket}" is not in the platform's ticket format`,
            found: show(approval.ticket),
            allowed: `${policy.ticketPattern} (e.g. ${policy.ticketExample})`,
            fix:
              normalized !== approval.ticket && pattern.test(normalized)
                ? `did you mean "${normalized}"?`
                : `write the ticket number as the change system issued it, e.g. ${policy.ticketExample}`,
          });
        }
        const wrong = calendarError(approval.date);
        if (wrong !== undefined) {
          findings.push({
            file,
            path: [...path, "date"],
            code: "invalid-date",
            message: `${approval.date} is not a date: ${wrong.reason}`,
            found: show(approval.date),
            allowed: "a calendar date YYYY-MM-DD",
            fix: `write the real date of the approval${wrong.hint}`,
          });
        } else if (approval.date > today) {
          findings.push({
            file,
            path: [...path, "date"],
            code: "future-date",
            message: `the approval date ${approval.date} is after today (${today})`,
            found: show(approval.date),
            allowed: `a date up to ${today}`,
            fix: "write the date the approval was given; an approval cannot be dated in the future",
          });
        }
      };

      /** The VDC and its quota, and its decommission: approved by the platform team. */
      const checkPlatformApproval = (
        approval: Approval,
        path: FieldPath,
        subject: string,
        reason: string,
      ) => {
        checkTicketAndDate(approval, path);
        const approver = approval.approver;
        if (approver === undefined) {
          findings.push({
            file,
            path,
            code: "missing-approver",
            message: `${subject} names no approver; ${reason}`,
            found: "no approver",
            allowed: listNames(platformApprovers),
            fix: `add "approver: <id>" with a platform approver: ${listNames(platformApprovers)}`,
          });
        } else if (!platformApprovers.includes(approver)) {
          const role = ownerRole.get(approver);
          findings.push({
            file,
            path: [...path, "approver"],
            code: "not-platform-approver",
            message:
              role === undefined
                ? `${approver} is not a platform approver; ${reason}`
                : `${approver} is ${role === "approver" ? "an approver" : "a maintainer"} of ${department.id}, not a platform approver; ${reason}`,
            found: show(approver),
            allowed: listNames(platformApprovers),
            fix: didYouMean(
              approver,
              platformApprovers,
              `name a platform approver: ${listNames(platformApprovers)}`,
            ),
          });
        }
      };
      checkPlatformApproval(
        department.approval,
        ["approval"],
        "the department's approval",
        "the platform team approves every VDC and its quota",
      );
      if (department.decommission !== undefined) {
        checkPlatformApproval(
          department.decommission,
          ["decommission"],
          "the decommission",
          "the platform team approves every decommission",
        );
      }

      department.workloads.forEach((workload, w) => {
        const path: FieldPath = ["workloads", w, "approval"];
        checkTicketAndDate(workload.approval, path);
        const approver = workload.approval.approver;
        if (approver === undefined) {
          const tier = findTier(platform, workload.tier);
          const reasons: string[] = [];
          if (tier?.requiresApprover === true) reasons.push(`${tier.name} workloads`);
          if (workload.floatingIp === true) reasons.push("workloads with floating IPs");
          if (reasons.length === 0) return;
          findings.push({
            file,
            path,
            code: "missing-approver",
            message: `${reasons.join(" and ")} need a named approver on their approval`,
            found: "no approver",
            allowed: listNames(mayApproveWorkloads),
            fix: `add "approver: ${mayApproveWorkloads[0]}" or another approver (${approverList(departmentApprovers, platformApprovers)})`,
          });
          return;
        }
        if (mayApproveWorkloads.includes(approver)) return;
        const role = ownerRole.get(approver);
        findings.push({
          file,
          path: [...path, "approver"],
          code: "not-an-approver",
          message:
            role === "maintainer"
              ? `${approver} is a maintainer of ${department.id}, not an approver`
              : `${approver} is neither an approver of ${department.id} nor a platform approver`,
          found: role === "maintainer" ? `${approver} (maintainer)` : show(approver),
          allowed: listNames(mayApproveWorkloads),
          fix:
            role === "maintainer"
              ? `name an approver: ${approverList(departmentApprovers, platformApprovers)}`
              : didYouMean(
                  approver,
                  mayApproveWorkloads,
                  `name an approver: ${approverList(departmentApprovers, platformApprovers)}`,
                ),
        });
      });
    }
    return findings;
  },
};

function approverList(department: string[], platform: string[]): string {
  const parts: string[] = [];
  if (department.length > 0) parts.push(`department: ${listNames(department)}`);
  parts.push(`platform: ${listNames(platform)}`);
  return parts.join("; ");
}

/** Why a YYYY-MM-DD string is not a calendar date, or undefined when it is one. */
export function calendarError(date: string): { reason: string; hint: string } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return { reason: "it is not in the form YYYY-MM-DD", hint: " as YYYY-MM-DD" };
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12) {
    return { reason: `there is no month ${match[2]}`, hint: " (months run from 01 to 12)" };
  }
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  const name = MONTHS[month - 1];
  if (day < 1) return { reason: "there is no day 00", hint: " (days start at 01)" };
  if (day > days) {
    return {
      reason: `${name} ${year} has ${days} days`,
      hint: ` (${name} ${year} ends on the ${days}${days === 31 ? "st" : "th"})`,
    };
  }
  return undefined;
}
