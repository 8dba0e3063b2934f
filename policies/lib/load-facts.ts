/**
 * Reads the city's facts when the pack loads. The estate is the one the Pulumi program deploys:
 * platform.yaml and departments/ in the repository root, which is the parent of the pack folder
 * (the engine starts a pack with the pack folder as its working directory). Two environment
 * variables override what a test or a CI job needs to:
 *
 * - GOVCLOUD_ESTATE_ROOT: another folder holding platform.yaml and departments/;
 * - GOVCLOUD_TODAY: today's date (YYYY-MM-DD), so that approval expiry is repeatable.
 *
 * A harness that loads the pack into its own process and has already read the same estate can
 * hand it over (handEstateToPack) instead of having it read and validated again; the pack uses it
 * only when it is what it would read itself: the same root, platform.yaml and the department
 * files on disk, none from elsewhere. Started by the engine, nothing is handed over.
 *
 * A platform that does not load stops the pack with the loader's problems: without the catalog
 * and the tiers no rule can give a verdict, and a pack that fails to start fails the preview.
 */
import { resolve } from "node:path";
import type { Estate } from "../../model/estate";
import { DEPARTMENTS_DIR, PLATFORM_FILE } from "../../model/estate-files";
import { loadEstate, todayUtc } from "../../model/estate-loader";
import { cityFacts } from "./facts";
import type { CityFacts } from "./facts";

export const ESTATE_ROOT_VARIABLE = "GOVCLOUD_ESTATE_ROOT";
export const TODAY_VARIABLE = "GOVCLOUD_TODAY";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An estate as model/estate-loader.ts loaded it: the estate and every file it read. */
export interface LoadedEstate {
  estate?: Estate;
  files: readonly string[];
}

/** A process-wide slot: the harness and the pack may hold different copies of this module. */
const HANDED = Symbol.for("govcloud.policies.handed-estate");
type Slot = { [HANDED]?: LoadedEstate };

/** Offers an estate already loaded in this process to the pack about to load here. */
export function handEstateToPack(loaded: LoadedEstate | undefined): void {
  if (loaded === undefined) delete (globalThis as Slot)[HANDED];
  else (globalThis as Slot)[HANDED] = loaded;
}

const DEPARTMENT_FILE = new RegExp(`^${DEPARTMENTS_DIR}/[^/]+$`);

/** The handed estate, when it is the one at `root` on disk, read from nowhere else. */
function handedEstate(root: string): Estate | undefined {
  const handed = (globalThis as Slot)[HANDED];
  const estate = handed?.estate;
  if (estate === undefined || resolve(estate.root) !== root) return undefined;
  const own = handed!.files.every((file) => file === PLATFORM_FILE || DEPARTMENT_FILE.test(file));
  return own ? estate : undefined;
}

/** The estate root: the variable when set, else the parent of the pack folder. */
export function estateRoot(env: NodeJS.ProcessEnv, packDir: string): string {
  const given = env[ESTATE_ROOT_VARIABLE];
  return given !== undefined && given !== "" ? resolve(given) : resolve(packDir, "..");
}

export function loadCityFacts(
  env: NodeJS.ProcessEnv = process.env,
  packDir: string = process.cwd(),
): CityFacts {
  const root = estateRoot(env, packDir);
  const given = env[TODAY_VARIABLE];
  if (given !== undefined && given !== "" && !DATE.test(given)) {
    throw new Error(`${TODAY_VARIABLE}=${given} is not a date; write it as YYYY-MM-DD`);
  }
  const today = given !== undefined && given !== "" ? given : todayUtc();
  const handed = handedEstate(root);
  if (handed !== undefined) return cityFacts(handed, today);
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
