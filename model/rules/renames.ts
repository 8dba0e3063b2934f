/**
 * A workload's earlier names become Pulumi aliases of its resources. A name claimed by two
 * workloads, or still in use, would alias two resources to one identity and replace or delete
 * the wrong volumes, so the history must be unambiguous.
 */
import { renameConflicts } from "../lifecycle";
import type { Finding } from "../problem";
import { show } from "../problem";
import type { Rule } from "./rule";

export const renames: Rule = {
  name: "renames",
  description: "Earlier workload names (previousNames) are unambiguous.",
  check({ estate }) {
    const findings: Finding[] = [];
    for (const { file, department } of estate.departments) {
      for (const conflict of renameConflicts(department)) {
        findings.push({
          file,
          path: conflict.path,
          code: "rename-conflict",
          message: conflict.message,
          found: show(conflict.name),
          allowed: "a name no current workload has and no other workload lists",
          fix: conflict.fix,
        });
      }
    }
    return findings;
  },
};
