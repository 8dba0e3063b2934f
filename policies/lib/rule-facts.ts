/**
 * How a policy gets the city's facts. CrossGuard has no pack-wide config, so each policy's own
 * config carries the sections it reads, under `facts` (written by `govcloud policy-config`, and
 * by govcloud for every run of the engine and of the offline check):
 *
 *   "site-capacity": { "headroomPercent": 0, "facts": { "sites": {...}, "flavors": {...}, ... } }
 *
 * With no facts in its config a policy uses the facts it was made with (tests), else the estate
 * beside the pack (a checkout; load-facts.ts), else it stops with how to pass them. A published
 * pack is always given its facts.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { CityFacts, FactSection, RuleFacts } from "./facts";
import { deepFreeze } from "./freeze";
import type * as LoadFacts from "./load-facts";

/**
 * load-facts.ts, loaded when a policy first needs it: it brings the estate loader, which a pack
 * given its facts with a day never needs, and which the build's schema compiler cannot load (it
 * reads the policies' schemas before it writes the estate's validators).
 */
function loadFacts(): typeof LoadFacts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./load-facts") as typeof LoadFacts;
}

/** The JSON type of each section, for the config schema (the engine validates config with it). */
const SECTION_TYPES: Record<FactSection, "object" | "array"> = {
  sites: "object",
  flavors: "object",
  images: "array",
  volumeTypes: "object",
  tiers: "object",
  approvals: "object",
  departments: "object",
  failover: "object",
};

export const FACT_SECTIONS = Object.keys(SECTION_TYPES) as readonly FactSection[];

/** The `facts` property of a policy's config schema: the sections it reads. */
export function factsProperty(
  sections: readonly FactSection[],
): PolicyConfigJSONSchema & { default: object; description: string } {
  const properties: Record<string, PolicyConfigJSONSchema> = {
    today: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
  };
  for (const section of sections) properties[section] = { type: SECTION_TYPES[section] };
  return {
    type: "object",
    properties,
    default: {},
    description:
      `The city's facts this policy reads (${sections.join(", ")}; today, the day of the ` +
      `change, optional), as govcloud policy-config writes them; empty: read platform.yaml ` +
      `and departments/ beside the pack.`,
  };
}

/** The sections a policy's config schema declares under `facts` (none: it takes no facts). */
export function declaredSections(policy: {
  configSchema?: { properties?: Record<string, unknown> };
}): FactSection[] {
  const facts = policy.configSchema?.properties?.facts as
    { properties?: Record<string, unknown> } | undefined;
  return FACT_SECTIONS.filter((section) => facts?.properties?.[section] !== undefined);
}

function isGiven(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.keys(value).length > 0
  );
}

// Facts given in config, by the very object the config held: the offline check hands every stack
// the same one, so they are checked and completed once, not once per stack.
const resolved = new WeakMap<object, CityFacts>();

function fromConfig(
  policy: string,
  sections: readonly FactSection[],
  given: Record<string, unknown>,
): CityFacts {
  const known = resolved.get(given);
  if (known !== undefined) return known;
  const missing = sections.filter((section) => given[section] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `policy ${policy}: the facts in its config lack ${missing.join(", ")}; write the config ` +
        `again with govcloud policy-config, from the govcloud that matches this pack`,
    );
  }
  // Only the declared sections are there: RuleFacts<S> lets the rule read no other.
  const facts = deepFreeze(
    typeof given.today === "string" ? given : { ...given, today: loadFacts().packToday() },
  ) as unknown as CityFacts;
  resolved.set(given, facts);
  return facts;
}

/**
 * The facts a policy judges by, for the `facts` its config holds (undefined or `{}` when it
 * holds none). Throws, so that the rule crashes and the preview stops, when there are none.
 */
export function ruleFacts<S extends FactSection>(
  policy: string,
  sections: readonly S[],
  given: unknown,
  fixed?: CityFacts,
): RuleFacts<S> {
  if (isGiven(given)) return fromConfig(policy, sections, given);
  return fixed ?? loadFacts().estateFacts();
}
