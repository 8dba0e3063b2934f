/**
 * Turns a pure rule into a CrossGuard policy object. A rule is a function of plain data:
 *
 *   (resource view | every resource view of the stack, { config, facts, stack }) -> verdict
 *
 * and the adapter does the rest: it copies the SDK's proxied properties into plain views (see
 * resource-view.ts), merges the policy's config with its schema defaults, finds the city's facts
 * the rule declared (its config's `facts`, see rule-facts.ts), tells the rule which stack it
 * judges (from the URN, which is the engine's own word for it), and reports the verdict.
 * It never catches what a rule throws: a crash reaches the engine as a crash ("failed to run
 * policy"), which stops the preview, and is never mistaken for a pass.
 */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { PLATFORM_STACK } from "../../model/naming";
import type { CityFacts, FactSection, RuleFacts } from "./facts";
import { deepFreeze } from "./freeze";
import type { ResourceView } from "./resource-view";
import { resourceView, stackViews } from "./resource-view";
import { FACT_SECTIONS, factsProperty, ruleFacts } from "./rule-facts";

/** One violation; `urn` attributes a stack policy's violation to one resource. */
export interface Violation {
  message: string;
  urn?: string;
}

/** The rule does not apply to what it was given (reported to the engine as "not applicable"). */
export class NotApplicable {
  constructor(readonly reason: string) {}
}

export type Verdict = Violation[] | NotApplicable;

/** What a rule is given; `F` is the facts it declared (a full CityFacts satisfies every rule). */
export interface RuleContext<C, F = CityFacts> {
  config: C;
  facts: F;
  /** The stack under analysis: a department id, or `platform`. */
  stack: string;
}

export type ResourceRule<C, F = CityFacts> = (
  resource: ResourceView,
  context: RuleContext<C, F>,
) => Verdict;
export type StackRule<C, F = CityFacts> = (
  resources: ResourceView[],
  context: RuleContext<C, F>,
) => Verdict;

/** A config property's schema; every property has a default. */
export type ConfigProperty<V> = PolicyConfigJSONSchema & { default: V; description: string };
export type ConfigSchema<C> = { [K in keyof C]: ConfigProperty<C[K]> };

export interface PolicyMeta<C, S extends FactSection = FactSection> {
  name: string;
  description: string;
  severity: Severity;
  enforcementLevel: EnforcementLevel;
  remediationSteps: string;
  config: ConfigSchema<C>;
  /**
   * The sections of the city's facts the rule reads; its config's `facts` carries them (default:
   * every section).
   */
  facts?: readonly S[];
  /** `departments`: not applicable to the platform stack, which holds no department resources. */
  scope: "departments" | "all";
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` -> `<stack>`. */
export function stackOfUrn(urn: string): string {
  const rest = urn.startsWith("urn:pulumi:") ? urn.slice("urn:pulumi:".length) : urn;
  const end = rest.indexOf("::");
  return end < 0 ? rest : rest.slice(0, end);
}

/** The schema's defaults, overridden by what the engine configured. */
export function configWithDefaults<C>(schema: ConfigSchema<C>, given: object): C {
  const config: Record<string, unknown> = {};
  for (const key of Object.keys(schema) as (keyof C & string)[]) {
    config[key] = structuredClone(schema[key].default);
  }
  for (const [key, value] of Object.entries(given)) {
    if (key in config && value !== undefined && value !== null) config[key] = value;
  }
  return config as C;
}

/** Whether two configs the engine gave hold the very same values under the same keys. */
function sameEntries(a: object, b: object): boolean {
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (key) =>
      Object.prototype.hasOwnProperty.call(b, key) &&
      (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key],
  );
}

function sectionsOf<C, S extends FactSection>(meta: PolicyMeta<C, S>): readonly S[] {
  return meta.facts ?? (FACT_SECTIONS as readonly S[]);
}

/** A policy's config as a rule sees it: the settings with their defaults, and the facts. */
interface Configured<C, S extends FactSection> {
  config: C;
  facts: RuleFacts<S>;
}

/**
 * The config and facts of one policy, made once per configuration instead of once per resource:
 * the policy SDK hands every resource a fresh copy of the same config object, whose values are
 * the very same ones until the pack is configured again. The settings are copied and frozen,
 * since every resource shares them; the facts are frozen where they are (rule-facts.ts), never
 * copied: they are most of the config, and the offline check hands every stack the same ones.
 */
function configCache<C, S extends FactSection>(
  meta: PolicyMeta<C, S>,
  fixed: CityFacts | undefined,
): (given: object) => Configured<C, S> {
  let last: { given: object; configured: Configured<C, S> } | undefined;
  return (given) => {
    if (last === undefined || !sameEntries(last.given, given)) {
      const { facts, ...settings } = given as { facts?: unknown };
      last = {
        given,
        configured: {
          // A copy is frozen, never the SDK's own objects.
          config: deepFreeze(configWithDefaults(meta.config, structuredClone(settings))),
          facts: ruleFacts(meta.name, sectionsOf(meta), facts, fixed),
        },
      };
    }
    return last.configured;
  };
}

function configSchema<C, S extends FactSection>(meta: PolicyMeta<C, S>): PolicyConfigSchema {
  return {
    properties: {
      ...(meta.config as Record<string, PolicyConfigJSONSchema>),
      facts: factsProperty(sectionsOf(meta)),
    },
  };
}

function metadata<C, S extends FactSection>(meta: PolicyMeta<C, S>) {
  return {
    name: meta.name,
    description: meta.description,
    severity: meta.severity,
    enforcementLevel: meta.enforcementLevel,
    remediationSteps: meta.remediationSteps,
    configSchema: configSchema(meta),
  };
}

function outOfScope<C, S extends FactSection>(
  meta: PolicyMeta<C, S>,
  stack: string,
): NotApplicable | undefined {
  if (meta.scope === "departments" && stack === PLATFORM_STACK) {
    return new NotApplicable(`stack ${stack} holds no department resources`);
  }
  return undefined;
}

function report(
  verdict: Verdict,
  reportViolation: ReportViolation,
  notApplicable: (reason: string) => never,
  attribute: boolean,
): void {
  if (verdict instanceof NotApplicable) notApplicable(verdict.reason);
  else {
    for (const violation of verdict) {
      if (attribute && violation.urn !== undefined)
        reportViolation(violation.message, violation.urn);
      else reportViolation(violation.message);
    }
  }
}

/**
 * A resource policy of `rule`. `facts` are what it judges by when its config carries none
 * (tests); the pack passes none: then the estate beside the pack (rule-facts.ts).
 */
export function resourcePolicy<C, S extends FactSection = FactSection>(
  meta: PolicyMeta<C, S>,
  facts: CityFacts | undefined,
  rule: ResourceRule<C, RuleFacts<S>>,
): ResourceValidationPolicy {
  const configOf = configCache(meta, facts);
  return {
    ...metadata(meta),
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      const stack = stackOfUrn(args.urn);
      const verdict =
        outOfScope(meta, stack) ??
        rule(resourceView(args), { ...configOf(args.getConfig<object>()), stack });
      report(verdict, reportViolation, (reason) => args.notApplicable(reason), false);
    },
  };
}

/** A stack policy of `rule`; `facts` as for resourcePolicy. */
export function stackPolicy<C, S extends FactSection = FactSection>(
  meta: PolicyMeta<C, S>,
  facts: CityFacts | undefined,
  rule: StackRule<C, RuleFacts<S>>,
): StackValidationPolicy {
  const configOf = configCache(meta, facts);
  return {
    ...metadata(meta),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const first = args.resources[0];
      if (first === undefined) args.notApplicable("the stack has no resources");
      const stack = stackOfUrn(first.urn);
      const verdict =
        outOfScope(meta, stack) ??
        rule(stackViews(args), { ...configOf(args.getConfig<object>()), stack });
      report(verdict, reportViolation, (reason) => args.notApplicable(reason), true);
    },
  };
}
