/**
 * The engine reads policy pack config from a file only (`--policy-pack-config`): the config of one
 * run (the city's settings and the estate's facts, check/pack-config.ts) is written to a folder of
 * its own, readable by this user only, and removed when the run ends, whatever happened.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PACK_CONFIG_FILE = "policy-pack-config.json";

export async function withPackConfigFile<T>(
  config: object,
  run: (file: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "govcloud-pack-config-"));
  try {
    const file = join(dir, PACK_CONFIG_FILE);
    writeFileSync(file, JSON.stringify(config) + "\n", { mode: 0o600 });
    return await run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
