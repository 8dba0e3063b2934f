/** Test packs and process checks for the harness tests. */
import {
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");
export const FIXTURES = join(ROOT, "tests/fixtures/policy-packs");
export const TEST_PACK = join(FIXTURES, "govcloud-test");
export const TS_PACK = join(FIXTURES, "ts-pack");

const made: string[] = [];

/**
 * A pack written to a temporary directory. With `linkModules` its node_modules points at the
 * project's, so @pulumi/policy and run-policy-pack resolve as from a real pack.
 */
export function tempPack(files: Record<string, string>, linkModules = true): string {
  const dir = mkdtempSync(join(tmpdir(), "govcloud-pack-"));
  made.push(dir);
  if (linkModules) symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export function removeTempPacks(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const POLICY_YAML = "runtime: nodejs\n";
export const PACKAGE_JSON = JSON.stringify({ name: "p", version: "1.0.0", main: "index.js" });

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Processes whose parent is this process and whose command line runs run-policy-pack, read from
 * /proc (Linux). Undefined where /proc is not available.
 */
export function childPackProcesses(): number[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return undefined;
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes("run-policy-pack")) found.push(Number(entry));
    } catch {
      // the process went away while we looked
    }
  }
  return found;
}
