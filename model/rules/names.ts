/**
 * Names inside a department become OpenStack and Pulumi names (`<dept>-<site>-<workload>-<n>`,
 * `<instance>-<volume>`) and approval lookups: two networks, workloads, volumes or owners with
 * one name would silently replace each other. And a department without an approver cannot
 * approve its own workloads, so every change would stall.
 */
import type { Finding, FieldPath } from "../problem";
import { formatPath, show } from "../problem";
import { listNames } from "../suggest";
import { repeatedNames } from "./repeats";
import type { Rule } from "./rule";

export const names: Rule = {
  name: "names",
  description:
    "Network, workload, volume and owner names are unique in their department; it has an approver.",
  check({ estate }) {
    const findings: Finding[] = [];
    for (const { file, department } of estate.departments) {
      const unique = <T>(
        items: readonly T[],
        nameOf: (item: T) => string,
        path: (index: number) => FieldPath,
        what: string,
        scope: string,
      ) => {
        for (const { name, index, earlier } of repeatedNames(items, nameOf)) {
          findings.push({
            file,
            path: path(index),
            code: "duplicate-name",
            message: `${what} "${name}" is already used by ${formatPath(path(earlier))}`,
            found: show(name),
            allowed: `a unique ${what} within ${scope}`,
            fix: `rename this entry, or merge it into ${formatPath(path(earlier)).replace(/\.(name|id)$/, "")}`,
          });
        }
      };
      const scope = `department ${department.id}`;
      unique(
        department.owners,
        (o) => o.id,
        (i) => ["owners", i, "id"],
        "owner id",
        scope,
      );
      unique(
        department.networks,
        (n) => n.name,
        (i) => ["networks", i, "name"],
        "network name",
        scope,
      );
      unique(
        department.workloads,
        (w) => w.name,
        (i) => ["workloads", i, "name"],
        "workload name",
        scope,
      );
      department.workloads.forEach((workload, w) => {
        unique(
          workload.volumes ?? [],
          (v) => v.name,
          (i) => ["workloads", w, "volumes", i, "name"],
          "volume name",
          `workload ${workload.name}`,
        );
      });

      if (!department.owners.some((owner) => owner.role === "approver")) {
        const ids = department.owners.map((owner) => owner.id);
        findings.push({
          file,
          path: ["owners"],
          code: "no-approver",
          message: `no owner of ${department.id} has role approver, so nobody in the department can approve its workloads`,
          found: `${ids.join(", ")} (all maintainers)`,
          allowed: "at least one owner with role: approver",
          fix:
            ids.length === 1
              ? `set "role: approver" on ${ids[0]}, or add an owner with that role`
              : `set "role: approver" on the owner who signs off changes (one of ${listNames(ids)}), or add such an owner`,
        });
      }
    }
    return findings;
  },
};
