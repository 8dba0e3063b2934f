/**
 * sameReconciledConfig (analyzer/policy-config.ts): when the next stack's config is the one the
 * pack already holds, the session does not configure it again. Frozen values count as the same
 * only when they are the very same object; the small values the reconciliation copies, by value.
 */
import { strict as assert } from "node:assert";
import { sameReconciledConfig } from "../../analyzer/policy-config";
import type { PolicyConfig } from "../../analyzer/types";

const facts = Object.freeze({ flavors: Object.freeze({ small: Object.freeze({ vcpus: 1 }) }) });

function config(overrides: Partial<PolicyConfig> = {}): Record<string, PolicyConfig> {
  return {
    quota: {
      enforcementLevel: "mandatory",
      properties: { dimensions: ["vcpus"], facts },
      ...overrides,
    },
  };
}

describe("analyzer: the same reconciled config", () => {
  it("is the same with copied small values and the very same frozen facts", () => {
    assert.equal(sameReconciledConfig(config(), config()), true);
  });

  it("is another with no config before, another level, property or value", () => {
    assert.equal(sameReconciledConfig(undefined, config()), false);
    assert.equal(sameReconciledConfig(config(), config({ enforcementLevel: "advisory" })), false);
    assert.equal(
      sameReconciledConfig(config(), config({ properties: { dimensions: ["ram"], facts } })),
      false,
    );
    assert.equal(
      sameReconciledConfig(config(), config({ properties: { dimensions: ["vcpus"] } })),
      false,
    );
    assert.equal(sameReconciledConfig(config(), { ...config(), other: config().quota }), false);
  });

  it("is another with equal facts that are not the very same object", () => {
    const copy = Object.freeze(structuredClone(facts));
    const other = config({ properties: { dimensions: ["vcpus"], facts: copy } });
    assert.equal(sameReconciledConfig(config(), other), false);
  });
});
