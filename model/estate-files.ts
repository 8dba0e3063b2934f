/** Where the estate's files live, shared by the loader and the rules. */
import { basename } from "node:path";

export const PLATFORM_FILE = "platform.yaml";
export const DEPARTMENTS_DIR = "departments";

/** The department id a file should declare: its name without .yaml. */
export function expectedIdFor(file: string): string {
  return basename(file).replace(/\.yaml$/, "");
}
