/**
 * The adapter from pure rules to CrossGuard policies (policies/lib/policy.ts), called as the
 * policy SDK calls it: config with the schema's defaults, worked out once per configuration
 * (the SDK hands each resource a fresh copy of the same config), frozen because every resource
 * shares it, and worked out again when the engine configures the pack differently.
 */
import { strict as assert } from "node:assert";
import type { ResourceValidation } from "@pulumi/policy";
import type { CityFacts } from "../../policies/lib/facts";
import type { ConfigSchema, RuleContext } from "../../policies/lib/policy";
import { resourcePolicy } from "../../policies/lib/policy";
import { validationArgs } from "./support/validation-args";

interface Limits {
  ports: number[];
  maximum: number;
}

const SCHEMA: ConfigSchema<Limits> = {
  ports: { type: "array", items: { type: "integer" }, default: [22], description: "ports" },
  maximum: { type: "integer", default: 4, description: "maximum" },
};

describe("the policy adapter's config", () => {
  const seen: Limits[] = [];
  const policy = resourcePolicy<Limits>(
    {
      name: "limits",
      description: "test",
      severity: "low",
      enforcementLevel: "advisory",
      remediationSteps: "none",
      config: SCHEMA,
      scope: "all",
    },
    {} as CityFacts,
    (_resource, context: RuleContext<Limits>) => {
      seen.push(context.config);
      return [];
    },
  );
  const validate = (config: Record<string, unknown>) =>
    (policy.validateResource as ResourceValidation)(validationArgs(config), () => undefined);

  it("fills in defaults and is shared, frozen, by every resource of one configuration", () => {
    const ports = [80, 443];
    validate({ ports });
    validate({ ports });
    assert.deepEqual(seen[0], { ports: [80, 443], maximum: 4 });
    assert.equal(seen[1], seen[0]);
    assert.ok(Object.isFrozen(seen[0]) && Object.isFrozen(seen[0].ports));
    assert.throws(() => seen[0].ports.push(8080), TypeError);
    assert.ok(!Object.isFrozen(ports), "the engine's own value was frozen");
  });

  it("is worked out again when the engine's config changes", () => {
    seen.length = 0;
    validate({ maximum: 2 });
    validate({ maximum: 3 });
    validate({});
    assert.deepEqual(seen, [
      { ports: [22], maximum: 2 },
      { ports: [22], maximum: 3 },
      { ports: [22], maximum: 4 },
    ]);
  });
});
