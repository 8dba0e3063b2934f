/**
 * What the program brings with it, found where the program is installed, never in the estate:
 * `--root` may name any folder that holds platform.yaml and departments/ (a copy of the estate,
 * another repository's), and such a folder has no policy pack or build of its own. The program's
 * folder is the nearest one upwards from this module that holds govcloud's package.json: the
 * project folder both for the built command (dist/cli/) and when run from source (cli/).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const PACKAGE_NAME = "govcloud";

/** The folder of the policy pack that comes with the program. */
export const BUNDLED_PACK_DIR = "policies";

function isProgramFolder(dir: string): boolean {
  const file = join(dir, "package.json");
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** The folder the running govcloud program is installed in. */
export function programRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (isProgramFolder(dir)) return dir;
    if (dirname(dir) === dir) {
      throw new Error(`cannot find govcloud's package.json in ${from} or any folder above it`);
    }
  }
}

/** The policy pack the program comes with (the default of --policy-pack). */
export function bundledPackDir(): string {
  return join(programRoot(), BUNDLED_PACK_DIR);
}
