/**
 * Ids, names and cost centres identify one department only (that each file is named after its
 * id is checked as files are loaded): they become Pulumi stack names, OpenStack project names and CODEOWNERS lines.
 */
import { PLATFORM_STACK } from "../naming";
import type { Finding } from "../problem";
import { show } from "../problem";
import type { Rule } from "./rule";

/** Stack names that belong to the platform, not to a department. */
const RESERVED_IDS: readonly string[] = [PLATFORM_STACK];

export const departmentIdentity: Rule = {
  name: "department-identity",
  description: "File name matches the id; ids and names are unique across the estate.",
  check({ estate }) {
    const findings: Finding[] = [];
    const firstById = new Map<string, string>();
    const firstByZh = new Map<string, string>();
    const firstByEn = new Map<string, string>();
    for (const { file, department } of estate.departments) {
      if (RESERVED_IDS.includes(department.id)) {
        findings.push({
          file,
          path: ["id"],
          code: "reserved-id",
          message: `"${department.id}" is reserved: it is the name of the platform's own Pulumi stack`,
          found: show(department.id),
          allowed: "any other id",
          fix: `choose a department id such as "${department.id}-office" and rename the file to match`,
        });
      }
      const unique = (map: Map<string, string>, key: string, path: string[], what: string) => {
        const first = map.get(key);
        if (first === undefined) {
          map.set(key, file);
          return;
        }
        findings.push({
          file,
          path,
          code: "duplicate-department",
          message: `${what} is already used by ${first}`,
          found: show(key),
          allowed: `${/^[aeiou]/i.test(what) ? "an" : "a"} ${what} that no other department uses`,
          fix: `choose another ${what}, or merge this file into ${first}`,
        });
      };
      unique(firstById, department.id, ["id"], "id");
      unique(firstByZh, department.name.zh, ["name", "zh"], "Chinese name");
      unique(firstByEn, department.name.en.toLowerCase(), ["name", "en"], "English name");
    }
    return findings;
  },
};
