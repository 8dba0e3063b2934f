/**
 * Renames and decommissioning: the two ways a change to the files could delete data by
 * accident, and the explicit markers that make them safe.
 *
 * - A workload renamed in its file keeps its resources when it lists its earlier names in
 *   `previousNames`: the program then gives every resource of the workload a Pulumi alias from
 *   the old name, so volumes (and instances) are renamed in place instead of replaced.
 * - A department leaves only through a `decommission` block in its file (ticket, approver,
 *   date). The block lifts the protection of its project and replicated volumes; deleting the
 *   file instead is refused. Offline, a department that existed is known by its stack settings
 *   file (stacks/Pulumi.<id>.yaml), which every deployed department has and the decommission
 *   removes last, and in a review by the base having the file.
 *
 */
import type { FieldPath } from "./problem";
import type { Decommission, Department, Workload } from "./types";

/** Earlier names of a workload, oldest first; empty when it was never renamed. */
export function previousNames(workload: Workload): string[] {
  return workload.previousNames ?? [];
}

export function decommissionMarker(dept: Department): Decommission | undefined {
  return dept.decommission;
}

export interface RenameConflict {
  /** Field of the offending entry: workloads[w].previousNames[n]. */
  path: FieldPath;
  name: string;
  message: string;
  fix: string;
}

/**
 * What is wrong with the rename history of a department's workloads: an earlier name that is
 * also a current workload, or that two workloads both claim, would alias two resources to one.
 */
export function renameConflicts(dept: Department): RenameConflict[] {
  const conflicts: RenameConflict[] = [];
  const current = new Set(dept.workloads.map((workload) => workload.name));
  const claimedBy = new Map<string, string>();
  dept.workloads.forEach((workload, w) => {
    previousNames(workload).forEach((old, n) => {
      const path = ["workloads", w, "previousNames", n];
      if (old === workload.name) {
        conflicts.push({
          path,
          name: old,
          message: `workload ${workload.name} lists its own name in previousNames`,
          fix: `remove "${old}" from previousNames`,
        });
      } else if (current.has(old)) {
        conflicts.push({
          path,
          name: old,
          message:
            `workload ${workload.name} lists ${old} in previousNames, but ${old} is still a ` +
            `workload of ${dept.id}; a name can belong to one workload only`,
          fix: `remove "${old}" from previousNames, or rename the other workload`,
        });
      } else if (claimedBy.has(old)) {
        conflicts.push({
          path,
          name: old,
          message: `workloads ${claimedBy.get(old)} and ${workload.name} both list ${old} in previousNames`,
          fix: `keep "${old}" only in the workload that was called ${old}`,
        });
      } else {
        claimedBy.set(old, workload.name);
      }
    });
  });
  return conflicts;
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

/** The fix for a department file that is gone without a decommission, on one line. */
export function missingDepartmentFix(id: string, file: string): string {
  return (
    `restore ${file}; to take ${id} out of service, decommission it instead: add a decommission ` +
    `block (ticket, platform approver, date) to ${file}, pulumi up --stack ${id}, pulumi destroy ` +
    `--stack ${id}, pulumi stack rm ${id}, then delete ${file} and stacks/Pulumi.${id}.yaml in one change`
  );
}

/** Why a department file that is gone without a decommission is refused, in a sentence. */
export function missingDepartmentReason(id: string, file: string): string {
  return (
    `${file} is gone but department ${id} was not decommissioned: its VDC (instances, volumes, ` +
    `networks) would keep running with nothing managing it, or be deleted with its data`
  );
}
