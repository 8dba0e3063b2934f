/**
 * Finds the Pulumi CLI without running it, so that a missing CLI is reported before anything else
 * happens. Order: an explicit `--pulumi <path>`, then PATH, then `$PULUMI_HOME/bin` (default
 * `~/.pulumi/bin`), where the install script puts it: a shell opened before the install has not
 * got that folder on its PATH yet.
 */
import { homedir } from "node:os";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

export interface PulumiLookup {
  /** The `--pulumi` option: the executable, or a folder holding it (or holding bin/ with it). */
  explicit?: string;
  env: NodeJS.ProcessEnv;
  home: string;
  platform: NodeJS.Platform;
}

export type PulumiLocation =
  { found: true; command: string } | { found: false; lookedIn: string[]; explicit?: string };

function executableNames(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform !== "win32") return ["pulumi"];
  const extensions = (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").filter((ext) => ext !== "");
  return extensions.map((ext) => `pulumi${ext.toLowerCase()}`);
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    // Windows has no execute bit; the extension decides.
    if (platform !== "win32") accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findIn(dirs: readonly string[], names: readonly string[], platform: NodeJS.Platform) {
  for (const dir of dirs) {
    for (const name of names) {
      const file = join(dir, name);
      if (isExecutableFile(file, platform)) return file;
    }
  }
  return undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function pulumiHomeBin(lookup: PulumiLookup): string {
  return join(lookup.env.PULUMI_HOME || join(lookup.home, ".pulumi"), "bin");
}

export function locatePulumi(lookup: PulumiLookup): PulumiLocation {
  const names = executableNames(lookup.platform, lookup.env);
  if (lookup.explicit !== undefined) {
    const given = lookup.explicit;
    const command = isDirectory(given)
      ? findIn([given, join(given, "bin")], names, lookup.platform)
      : isExecutableFile(given, lookup.platform)
        ? given
        : undefined;
    return command === undefined
      ? { found: false, lookedIn: [given], explicit: given }
      : { found: true, command };
  }
  const pathDirs = (lookup.env.PATH ?? lookup.env.Path ?? "")
    .split(delimiter)
    .filter((dir) => dir !== "");
  const homeBin = pulumiHomeBin(lookup);
  const command = findIn([...pathDirs, homeBin], names, lookup.platform);
  if (command !== undefined) return { found: true, command };
  return { found: false, lookedIn: ["PATH", homeBin] };
}

/** The Pulumi CLI as this process finds it: `explicit` (--pulumi), or PATH and PULUMI_HOME. */
export function locatePulumiHere(explicit: string | undefined): PulumiLocation {
  return locatePulumi({
    ...(explicit === undefined ? {} : { explicit }),
    env: process.env,
    home: homedir(),
    platform: process.platform,
  });
}
