/** The whole estate as loaded: the platform and every department, with the files they came from. */
import type { Department, Platform, TicketRegister } from "./types";

export interface LoadedDepartment {
  /** File path relative to the estate root, e.g. departments/health.yaml. */
  file: string;
  department: Department;
}

export interface Estate {
  /** Absolute path of the folder holding platform.yaml and departments/. */
  root: string;
  platformFile: string;
  platform: Platform;
  departments: LoadedDepartment[];
  /** The ticket register, when platform.yaml names one (approvals.register) and it loaded. */
  register?: { file: string; register: TicketRegister };
}

export function findDepartment(estate: Estate, id: string): LoadedDepartment | undefined {
  return estate.departments.find((entry) => entry.department.id === id);
}
