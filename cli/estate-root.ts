/** Finds the estate: the folder --root names, or the nearest one upwards that holds platform.yaml. */
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PLATFORM_FILE } from "../model/estate-files";
import { UsageError } from "./usage-error";

export function findEstateRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, PLATFORM_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

/**
 * The estate's folder: --root when given (which must be a folder: a mistyped --root is a usage
 * error, not an estate with no platform.yaml), the nearest estate upwards otherwise.
 */
export function resolveEstateRoot(root: string | undefined, cwd = process.cwd()): string {
  if (root === undefined) return findEstateRoot(cwd);
  const dir = resolve(cwd, root);
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(
      `--root ${root}: no such folder (name the folder that holds ${PLATFORM_FILE})`,
    );
  }
  if (!isFolder) {
    throw new UsageError(
      `--root ${root} is not a folder (name the folder that holds ${PLATFORM_FILE})`,
    );
  }
  return dir;
}
