/**
 * The bundled estate's files (platform.yaml, its ticket register and departments/), copied into a
 * test's folder: the estate as a user's repository holds it, without the program around it.
 */
import { cpSync } from "node:fs";
import { join } from "node:path";

const REPO = join(__dirname, "..", "..");

export const ESTATE_FILES = ["platform.yaml", "tickets.yaml", "departments"];

export function copyBundledEstate(root: string): void {
  for (const entry of ESTATE_FILES) {
    cpSync(join(REPO, entry), join(root, entry), { recursive: true });
  }
}
