/** Totals of an estate for the one-line summary: departments, workloads and VMs per site. */
import { activeSites } from "./catalog";
import type { Estate } from "./estate";
import { placeWorkload } from "./placement";

export interface EstateSummary {
  departments: number;
  workloads: number;
  vmsPerSite: Record<string, number>;
}

export function summarizeEstate(estate: Estate): EstateSummary {
  const vmsPerSite: Record<string, number> = {};
  for (const site of activeSites(estate.platform)) vmsPerSite[site.id] = 0;
  let workloads = 0;
  for (const { department } of estate.departments) {
    for (const workload of department.workloads) {
      workloads += 1;
      for (const instance of placeWorkload(department, workload, estate.platform).instances) {
        vmsPerSite[instance.site] = (vmsPerSite[instance.site] ?? 0) + 1;
      }
    }
  }
  return { departments: estate.departments.length, workloads, vmsPerSite };
}
