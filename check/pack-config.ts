/**
 * The policy pack config of a run, in the `--policy-pack-config` format: the city's settings
 * (policy-config.json) with, in every policy's entry, the facts of the estate being checked that
 * policy reads (policies/lib/rule-facts.ts), so that the pack judges this estate whoever runs it
 * and wherever it is installed. The offline check hands it to the pack it loads (the very
 * objects), the engine gets it as a file (deploy/engine-run.ts), `govcloud policy-config` prints
 * it.
 *
 *   { "site-capacity": { "enforcementLevel": "mandatory", "headroomPercent": 0,
 *                        "facts": { "departments": {...}, "flavors": {...}, "sites": {...} } } }
 *
 * The facts are written with their keys sorted, as a protobuf Struct hands them to a pack the
 * engine configures: every way of running the pack sees them in the same order.
 */
import { resolve } from "node:path";
import { parsePolicyConfigFile, readPolicyConfigText } from "../analyzer/policy-config";
import type { Estate } from "../model/estate";
import { todayUtc } from "../model/estate-loader";
import { cityPolicies } from "../policies/city-policies";
import type { CityFacts, FactSection } from "../policies/lib/facts";
import { cityFacts } from "../policies/lib/facts";
import { deepFreeze } from "../policies/lib/freeze";
import { declaredSections } from "../policies/lib/rule-facts";
import type { WireObject } from "../wire/encode";
import { inStructOrder } from "../wire/struct";

/** A settings entry: a level, or a level and properties (the engine's config file format). */
type Entry = string | Record<string, unknown>;

export interface PackConfigOptions {
  /** The day of the change (YYYY-MM-DD); absent, the pack uses the day it runs. */
  today?: string;
}

function narrowed(
  facts: CityFacts,
  sections: readonly FactSection[],
  today: string | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // In struct order (sorted keys), like everything in the facts.
  for (const key of [...sections, ...(today === undefined ? [] : ["today"])].sort()) {
    out[key] = key === "today" ? today : facts[key as FactSection];
  }
  return out;
}

/**
 * `settings` (the parsed content of a policy config file, or undefined) with each policy's facts.
 * The result is frozen: the offline check shares its facts with the pack, which must not and
 * cannot change them. A policy's `facts` given in `settings` are replaced by these.
 */
export function packConfig(
  settings: Readonly<Record<string, Entry>> | undefined,
  facts: CityFacts,
  options: PackConfigOptions = {},
): PackConfig {
  const ordered = inStructOrder(facts as unknown as WireObject) as unknown as CityFacts;
  const config: Record<string, Entry> = { ...settings };
  for (const policy of cityPolicies()) {
    const sections = declaredSections(policy);
    if (sections.length === 0) continue;
    const given = config[policy.name];
    const entry = typeof given === "string" ? { enforcementLevel: given } : { ...given };
    config[policy.name] = { ...entry, facts: narrowed(ordered, sections, options.today) };
  }
  return deepFreeze(config);
}

export type PackConfig = Record<string, Entry>;

/**
 * The settings in a policy config file, checked as the engine reads such a file (its errors are
 * the engine's); undefined without a file, or for an empty one.
 */
export function readPolicySettings(configFile: string | undefined): PackConfig | undefined {
  if (configFile === undefined) return undefined;
  const file = resolve(configFile);
  const text = readPolicyConfigText(file);
  if (parsePolicyConfigFile(text, file) === undefined) return undefined;
  return JSON.parse(text) as PackConfig;
}

/** The pack config for `estate`: the settings of `configFile` and the estate's facts. */
export function estatePackConfig(
  estate: Estate,
  configFile: string | undefined,
  today?: string,
): PackConfig {
  const facts = cityFacts(estate, today ?? todayUtc());
  return packConfig(readPolicySettings(configFile), facts, today === undefined ? {} : { today });
}
