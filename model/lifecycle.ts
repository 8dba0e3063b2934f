/**
 * Renames and decommissioning: the two ways a change to the files could delete data by
 * accident, and the explicit markers that make them safe.
 *
 * - A workload renamed in its file keeps its resources when it lists its earlier names in
 *   `previousNames`: the program then gives every resource of the workload a Pulumi alias from
 *   the old name, so volumes (and instances) are renamed in place instead of replaced.
 * - A department leaves only through a `decommission` block in its file (ticket, approver,
 *   date). The block lifts the protection of its project and replicated volumes; deleting the
 *   file instead is refused.
 *
 * Both fields are read defensively, so that the code works whether or not the schema and the
 * typed model carry them yet.
 */
import type { Approval, Department, Workload } from "./types";

export interface DecommissionMarker extends Approval {
  reason?: string;
}

/** Earlier names of a workload, oldest first; empty when it was never renamed. */
export function previousNames(workload: Workload): string[] {
  const value = (workload as Workload & { previousNames?: unknown }).previousNames;
  return Array.isArray(value)
    ? value.filter((name): name is string => typeof name === "string")
    : [];
}

export function decommissionMarker(dept: Department): DecommissionMarker | undefined {
  const value = (dept as Department & { decommission?: unknown }).decommission;
  if (value === null || typeof value !== "object") return undefined;
  const marker = value as Partial<DecommissionMarker>;
  if (typeof marker.ticket !== "string" || typeof marker.date !== "string") return undefined;
  return marker as DecommissionMarker;
}

/**
 * What is wrong with the rename history of a department's workloads: an earlier name that is
 * also a current workload, or that two workloads both claim, would alias two resources to one.
 */
export function renameProblems(dept: Department): string[] {
  const problems: string[] = [];
  const current = new Set(dept.workloads.map((workload) => workload.name));
  const claimedBy = new Map<string, string>();
  for (const workload of dept.workloads) {
    for (const old of previousNames(workload)) {
      if (old === workload.name) {
        problems.push(`workload ${workload.name} lists its own name in previousNames; remove it`);
      } else if (current.has(old)) {
        problems.push(
          `workload ${workload.name} lists ${old} in previousNames, but ${old} is still a ` +
            `workload of ${dept.id}; a name can belong to one workload only: remove it from ` +
            `previousNames, or rename the other workload`,
        );
      } else if (claimedBy.has(old)) {
        problems.push(
          `workloads ${claimedBy.get(old)} and ${workload.name} both list ${old} in ` +
            `previousNames; only the workload that was called ${old} may list it`,
        );
      } else {
        claimedBy.set(old, workload.name);
      }
    }
  }
  return problems;
}

/** The steps to take a department out of service; quoted wherever a removal is refused. */
export function decommissionSteps(id: string, file: string): string {
  return [
    `To decommission ${id}:`,
    `  1. keep ${file} and add a decommission block approved by a platform approver:`,
    `       decommission: { ticket: QD-CHG-YYYY-NNNNN, approver: <platform approver>, date: YYYY-MM-DD }`,
    `  2. pulumi up --stack ${id}        (lifts the protection of the project and replicated volumes)`,
    `  3. pulumi destroy --stack ${id}   (deletes the VDC at every site)`,
    `  4. pulumi stack rm ${id}, then delete ${file} and stacks/Pulumi.${id}.yaml in one change`,
  ].join("\n");
}

/** Why the stack of a department whose file is gone refuses to run. */
export function missingDepartmentMessage(id: string, file: string): string {
  return [
    `${file} does not exist, but stack ${id} is being deployed.`,
    `Deleting a department file does not remove its VDC: that would delete its instances and ` +
      `data as a side effect. Restore the file.`,
    decommissionSteps(id, file),
  ].join("\n");
}
