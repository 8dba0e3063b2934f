/**
 * The fallback for a pack run from a checkout without facts in its config: the city's facts read
 * from the estate beside the pack, platform.yaml and departments/ in the parent of the pack
 * folder (the engine starts a pack with the pack folder as its working directory), as
 * `pulumi preview --policy-pack policies --policy-pack-config policy-config.json` runs it. A
 * published pack has no estate beside it: it is given its facts in its config (rule-facts.ts),
 * which `govcloud policy-config` writes. Two environment variables override what a test or a CI
 * job needs to:
 *
 * - GOVCLOUD_ESTATE_ROOT: another folder holding platform.yaml and departments/;
 * - GOVCLOUD_TODAY: today's date (YYYY-MM-DD), so that approval expiry is repeatable; it is also
 *   the day of facts given in config that name none.
 *
 * A platform that does not load stops the rules with the loader's problems: without the catalog
 * and the tiers no rule can give a verdict. No platform.yaml at all stops them with how to pass
 * the facts instead.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { PLATFORM_FILE } from "../../model/estate-files";
import { loadEstate, todayUtc } from "../../model/estate-loader";
import { cityFacts } from "./facts";
import type { CityFacts } from "./facts";

export const ESTATE_ROOT_VARIABLE = "GOVCLOUD_ESTATE_ROOT";
export const TODAY_VARIABLE = "GOVCLOUD_TODAY";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The estate root: the variable when set, else the parent of the pack folder. */
export function estateRoot(env: NodeJS.ProcessEnv, packDir: string): string {
  const given = env[ESTATE_ROOT_VARIABLE];
  return given !== undefined && given !== "" ? resolve(given) : resolve(packDir, "..");
}

/** The day the pack judges approvals on when nothing names one: GOVCLOUD_TODAY, else today. */
export function packToday(env: NodeJS.ProcessEnv = process.env): string {
  const given = env[TODAY_VARIABLE];
  if (given !== undefined && given !== "" && !DATE.test(given)) {
    throw new Error(`${TODAY_VARIABLE}=${given} is not a date; write it as YYYY-MM-DD`);
  }
  return given !== undefined && given !== "" ? given : todayUtc();
}

/** What a pack without facts says: where it looked, and the two ways to give it facts. */
export function noFactsMessage(root: string): string {
  return (
    `the govcloud policy pack has no facts: its policy config carries none (each policy's ` +
    `"facts") and there is no estate beside it (no ${join(root, PLATFORM_FILE)}). Write the ` +
    `config from the estate with govcloud policy-config --out pack-config.json and run with ` +
    `--policy-pack-config pack-config.json, or set ${ESTATE_ROOT_VARIABLE} to the folder that ` +
    `holds ${PLATFORM_FILE} and departments/.`
  );
}

export function loadCityFacts(
  env: NodeJS.ProcessEnv = process.env,
  packDir: string = process.cwd(),
): CityFacts {
  const root = estateRoot(env, packDir);
  const today = packToday(env);
  if (!existsSync(join(root, PLATFORM_FILE))) throw new Error(noFactsMessage(root));
  const { estate, problems } = loadEstate(root, { today });
  if (estate === undefined) {
    const shown = problems
      .slice(0, 10)
      .map((p) => `  ${p.file}:${p.line}:${p.column} ${p.message}`)
      .join("\n");
    throw new Error(
      `the govcloud policy pack cannot read the city's facts from ${root}: platform.yaml does ` +
        `not load (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${shown}\n` +
        `Run govcloud validate there, or set ${ESTATE_ROOT_VARIABLE} to the folder that holds ` +
        `platform.yaml and departments/.`,
    );
  }
  return cityFacts(estate, today);
}

let beside: CityFacts | undefined;

/**
 * The facts of the estate beside the pack, read the first time a rule needs them (a pack given
 * its facts in config never reads the disk) and kept for the life of the process.
 */
export function estateFacts(): CityFacts {
  beside ??= loadCityFacts();
  return beside;
}
