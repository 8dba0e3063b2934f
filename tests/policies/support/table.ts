/**
 * A rule's cases as a table, each run as one test: the input (a resource, or a stack's resources)
 * built for the case, the config over the policy's defaults, the facts (the test estate's unless
 * the case brings its own), the stack judged (the test department unless the case says) and the
 * verdict expected. Rules are pure, so a case is a function call: no pack, no program.
 */
import type { Verdict } from "../../../policies/lib/policy";
import type { CityFacts } from "../../../policies/lib/facts";
import { STACK } from "./estate";
import { testFacts } from "./facts";
import type { Expected } from "./verdicts";
import { assertVerdict } from "./verdicts";

export interface Case<Input, Config> {
  name: string;
  input: () => Input;
  config?: Partial<Config>;
  facts?: () => CityFacts;
  stack?: string;
  expect: Expected;
}

/** What a rule is given besides its input (policies/lib/policy.ts RuleContext). */
interface Context<Config> {
  config: Config;
  facts: CityFacts;
  stack: string;
}

function deepFreeze<V>(value: V): V {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export function table<Input, Config extends object>(
  rule: (input: Input, context: Context<Config>) => Verdict,
  defaults: Config,
  cases: readonly Case<Input, Config>[],
): void {
  for (const c of cases) {
    it(c.name, () => {
      // Frozen as the pack's adapter freezes it: a rule never changes its config.
      const config = deepFreeze({ ...structuredClone(defaults), ...c.config });
      const facts = c.facts === undefined ? testFacts() : c.facts();
      assertVerdict(rule(c.input(), { config, facts, stack: c.stack ?? STACK }), c.expect);
    });
  }
}
