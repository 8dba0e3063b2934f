/**
 * How a policy finds the city's facts (policies/lib/rule-facts.ts, through the adapter in
 * policies/lib/policy.ts): from its config's `facts` when they are there, checked against the
 * sections it declares and kept for as long as the engine configures the same object; else the
 * facts it was made with; else the estate beside the pack, and a clear stop when there is none.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ResourceValidation } from "@pulumi/policy";
import type { CityFacts } from "../../policies/lib/facts";
import { loadCityFacts } from "../../policies/lib/load-facts";
import type { RuleContext } from "../../policies/lib/policy";
import { resourcePolicy } from "../../policies/lib/policy";
import { declaredSections, factsProperty } from "../../policies/lib/rule-facts";
import { securityBaseline } from "../../policies/security-baseline";
import { validationArgs } from "./support/validation-args";

type Seen = RuleContext<{ limit: number }, Pick<CityFacts, "flavors" | "images" | "today">>;

function recordingPolicy(seen: Seen[], fixed?: CityFacts) {
  const policy = resourcePolicy(
    {
      name: "recording",
      description: "test",
      severity: "low",
      enforcementLevel: "advisory",
      remediationSteps: "none",
      config: { limit: { type: "integer", default: 1, description: "limit" } },
      facts: ["flavors", "images"] as const,
      scope: "all",
    },
    fixed,
    (_resource, context) => {
      seen.push(context);
      return [];
    },
  );
  return (config: Record<string, unknown>) =>
    (policy.validateResource as ResourceValidation)(validationArgs(config), () => undefined);
}

const FLAVORS = { "s1.small": { vcpus: 1, ramGiB: 2 } };

describe("a policy's facts", () => {
  it("come from its config, completed with the day the pack runs, frozen", () => {
    const seen: Seen[] = [];
    const saved = process.env.GOVCLOUD_TODAY;
    process.env.GOVCLOUD_TODAY = "2026-05-04";
    try {
      recordingPolicy(seen)({ limit: 3, facts: { flavors: FLAVORS, images: ["debian-12"] } });
    } finally {
      if (saved === undefined) delete process.env.GOVCLOUD_TODAY;
      else process.env.GOVCLOUD_TODAY = saved;
    }
    assert.deepEqual(seen[0].config, { limit: 3 });
    assert.deepEqual(seen[0].facts, {
      flavors: FLAVORS,
      images: ["debian-12"],
      today: "2026-05-04",
    });
    assert.ok(Object.isFrozen(seen[0].facts) && Object.isFrozen(seen[0].facts.flavors));
  });

  it("keep the day the config names, and are the very object the config holds", () => {
    const seen: Seen[] = [];
    const validate = recordingPolicy(seen);
    const facts = Object.freeze({ flavors: FLAVORS, images: [], today: "2026-01-02" });
    validate({ facts });
    validate({ facts, limit: 2 });
    assert.equal(seen[0].facts, facts);
    assert.equal(seen[1].facts, facts, "worked out again for the same facts");
  });

  it("stop the rule when a declared section is missing, saying how to write them", () => {
    const validate = recordingPolicy([]);
    assert.throws(
      () => validate({ facts: { flavors: FLAVORS } }),
      /policy recording: the facts in its config lack images; write the config again with govcloud policy-config/,
    );
  });

  it("are the ones the policy was made with when its config has none", () => {
    const seen: Seen[] = [];
    const fixed = { flavors: FLAVORS, images: ["x"], today: "2026-01-01" } as unknown as CityFacts;
    const validate = recordingPolicy(seen, fixed);
    validate({});
    validate({ facts: {} });
    assert.equal(seen[0].facts, fixed);
    assert.equal(seen[1].facts, fixed);
  });

  it("are declared in the policy's schema, for the engine to validate", () => {
    const schema = factsProperty(["flavors", "images"]);
    assert.deepEqual(schema.default, {});
    assert.deepEqual(schema.properties, {
      today: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
      flavors: { type: "object" },
      images: { type: "array" },
    });
    assert.deepEqual(declaredSections(securityBaseline()), ["flavors", "images"]);
  });

  it("without config or an estate beside the pack, stop with how to pass them", () => {
    const empty = mkdtempSync(join(tmpdir(), "govcloud-no-estate-"));
    try {
      assert.throws(
        () => loadCityFacts({}, join(empty, "pack")),
        (e: unknown) =>
          e instanceof Error &&
          e.message.includes("the govcloud policy pack has no facts") &&
          e.message.includes(join(empty, "platform.yaml")) &&
          e.message.includes("govcloud policy-config --out pack-config.json") &&
          e.message.includes("--policy-pack-config pack-config.json") &&
          e.message.includes("GOVCLOUD_ESTATE_ROOT"),
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
