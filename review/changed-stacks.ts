/**
 * The stacks a change touches, from git alone (nothing is planned): for the merge pipeline,
 * which runs `pulumi up` for exactly these, the platform first.
 */
import { missingDepartmentFix, missingDepartmentReason } from "../model/lifecycle";
import { openRevisions } from "./revisions";

export interface ChangedStacks {
  /** Stacks on the head that the change touches: the platform first, then departments by id. */
  stacks: string[];
  /** Stacks the change touches that are gone on the head (nothing to deploy for them). */
  removed: string[];
  /** The changed files, relative to the repository top. */
  files: string[];
  /**
   * Departments whose file is gone without a decommission: the merge must not deploy anything
   * until the file is restored or the department is decommissioned (exit 1).
   */
  missingDepartments: { stack: string; file: string; message: string; fix: string }[];
}

export function changedStacks(options: {
  estateRoot: string;
  base: string;
  head?: string;
}): ChangedStacks {
  const revisions = openRevisions(options);
  try {
    const touched = [...revisions.touched.keys()];
    return {
      stacks: touched.filter((stack) => revisions.onHead.has(stack)),
      removed: touched.filter((stack) => !revisions.onHead.has(stack)),
      files: revisions.files,
      missingDepartments: revisions.missingDepartments.map(({ stack, file }) => ({
        stack,
        file,
        message: missingDepartmentReason(stack, file),
        fix: missingDepartmentFix(stack, file),
      })),
    };
  } finally {
    revisions.close();
  }
}
