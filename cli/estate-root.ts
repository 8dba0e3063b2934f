/** Finds the estate: the nearest folder, from here upwards, that holds platform.yaml. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PLATFORM_FILE } from "../model/estate-files";

export function findEstateRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, PLATFORM_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}
