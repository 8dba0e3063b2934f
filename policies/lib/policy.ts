/**
 * Turns a pure rule into a CrossGuard policy object. A rule is a function of plain data:
 *
 *   (resource view | every resource view of the stack, { config, facts, stack }) -> verdict
 *
 * and the adapter does the rest: it copies the SDK's proxied properties into plain views (see
 * resource-view.ts), merges the policy's config with its schema defaults, tells the rule which
 * stack it judges (from the URN, which is the engine's own word for it), and reports the verdict.
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
import type { CityFacts } from "./facts";
import type { ResourceView } from "./resource-view";
import { resourceView, stackViews } from "./resource-view";

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

export interface RuleContext<C> {
  config: C;
  facts: CityFacts;
  /** The stack under analysis: a department id, or `platform`. */
  stack: string;
}

export type ResourceRule<C> = (resource: ResourceView, context: RuleContext<C>) => Verdict;
export type StackRule<C> = (resources: ResourceView[], context: RuleContext<C>) => Verdict;

/** A config property's schema; every property has a default. */
export type ConfigProperty<V> = PolicyConfigJSONSchema & { default: V; description: string };
export type ConfigSchema<C> = { [K in keyof C]: ConfigProperty<C[K]> };

export interface PolicyMeta<C> {
  name: string;
  description: string;
  severity: Severity;
  enforcementLevel: EnforcementLevel;
  remediationSteps: string;
  config: ConfigSchema<C>;
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

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
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

/**
 * configWithDefaults for one policy, made once per configuration instead of once per resource:
 * the policy SDK hands every resource a fresh copy of the same config object, whose values are
 * the very same ones until the pack is configured again. The result is frozen, since every
 * resource shares it: a rule that tried to change its config would fail loudly (rules are pure).
 */
function configCache<C>(schema: ConfigSchema<C>): (given: object) => C {
  let last: { given: object; config: C } | undefined;
  return (given) => {
    if (last === undefined || !sameEntries(last.given, given)) {
      // A copy is frozen, never the SDK's own objects.
      last = { given, config: deepFreeze(configWithDefaults(schema, structuredClone(given))) };
    }
    return last.config;
  };
}

function configSchema<C>(meta: PolicyMeta<C>): PolicyConfigSchema {
  return { properties: { ...(meta.config as Record<string, PolicyConfigJSONSchema>) } };
}

function metadata<C>(meta: PolicyMeta<C>) {
  return {
    name: meta.name,
    description: meta.description,
    severity: meta.severity,
    enforcementLevel: meta.enforcementLevel,
    remediationSteps: meta.remediationSteps,
    configSchema: configSchema(meta),
  };
}

function outOfScope<C>(meta: PolicyMeta<C>, stack: string): NotApplicable | undefined {
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

export function resourcePolicy<C>(
  meta: PolicyMeta<C>,
  facts: CityFacts,
  rule: ResourceRule<C>,
): ResourceValidationPolicy {
  const configOf = configCache(meta.config);
  return {
    ...metadata(meta),
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      const stack = stackOfUrn(args.urn);
      const config = configOf(args.getConfig<object>());
      const verdict = outOfScope(meta, stack) ?? rule(resourceView(args), { config, facts, stack });
      report(verdict, reportViolation, (reason) => args.notApplicable(reason), false);
    },
  };
}

export function stackPolicy<C>(
  meta: PolicyMeta<C>,
  facts: CityFacts,
  rule: StackRule<C>,
): StackValidationPolicy {
  const configOf = configCache(meta.config);
  return {
    ...metadata(meta),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const first = args.resources[0];
      if (first === undefined) args.notApplicable("the stack has no resources");
      const stack = stackOfUrn(first.urn);
      const config = configOf(args.getConfig<object>());
      const verdict = outOfScope(meta, stack) ?? rule(stackViews(args), { config, facts, stack });
      report(verdict, reportViolation, (reason) => args.notApplicable(reason), true);
    },
  };
}
