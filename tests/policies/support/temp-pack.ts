/** Policy packs written to a temporary folder, run by the harness like the real one. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./estate";

const made: string[] = [];

/** A pack folder with `files`, whose node_modules is the project's (as for policies/). */
export function tempPack(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "govcloud-policies-"));
  made.push(dir);
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export function removeTempPacks(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
