/**
 * The policy pack config govcloud writes (check/pack-config.ts): the settings kept as the engine
 * reads them, and in each policy's entry exactly the facts it declares, in struct order, shared
 * and frozen.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PolicyConfigError } from "../../analyzer/policy-config";
import { estatePackConfig, packConfig, readPolicySettings } from "../../check/pack-config";
import { cityPolicies } from "../../policies/city-policies";
import { cityFacts } from "../../policies/lib/facts";
import { declaredSections } from "../../policies/lib/rule-facts";
import { estateAt, FIXTURE_ROOT, TODAY } from "../policies/support/estate";

type Entry = Record<string, unknown> & { facts: Record<string, unknown> };

describe("the policy pack config govcloud writes", () => {
  const facts = () => cityFacts(estateAt(FIXTURE_ROOT), TODAY);

  it("gives each policy the facts it declares, and no other", () => {
    const config = packConfig(undefined, facts());
    const policies = cityPolicies();
    assert.deepEqual(Object.keys(config).sort(), policies.map((p) => p.name).sort());
    for (const policy of policies) {
      const entry = config[policy.name] as Entry;
      assert.deepEqual(Object.keys(entry), ["facts"], policy.name);
      assert.deepEqual(Object.keys(entry.facts), [...declaredSections(policy)].sort());
    }
    assert.deepEqual(Object.keys((config["site-failover"] as Entry).facts), ["failover"]);
    assert.deepEqual(Object.keys((config["security-baseline"] as Entry).facts), [
      "flavors",
      "images",
    ]);
  });

  it("names the day of the change only when given one", () => {
    const dated = packConfig(undefined, facts(), { today: "2026-12-01" });
    assert.equal((dated["change-approval"] as Entry).facts.today, "2026-12-01");
    assert.equal(
      (packConfig(undefined, facts())["change-approval"] as Entry).facts.today,
      undefined,
    );
  });

  it("keeps the settings: levels, properties and `all`, and replaces facts given there", () => {
    const config = packConfig(
      {
        all: "advisory",
        "site-capacity": "mandatory",
        "site-failover": { enforcementLevel: "disabled", headroomPercent: 5, facts: { x: 1 } },
        elsewhere: { enforcementLevel: "advisory" },
      },
      facts(),
    );
    assert.equal(config.all, "advisory");
    assert.deepEqual(config.elsewhere, { enforcementLevel: "advisory" });
    const capacity = config["site-capacity"] as Entry;
    assert.equal(capacity.enforcementLevel, "mandatory");
    const failover = config["site-failover"] as Entry;
    assert.equal(failover.enforcementLevel, "disabled");
    assert.equal(failover.headroomPercent, 5);
    assert.deepEqual(Object.keys(failover.facts), ["failover"]);
  });

  it("writes the facts in struct order, frozen, each section once for every policy", () => {
    const config = packConfig(undefined, facts());
    const quota = (config["department-quota"] as Entry).facts;
    const capacity = (config["site-capacity"] as Entry).facts;
    assert.equal(quota.departments, capacity.departments, "a section is shared, not copied");
    const sorted = (value: unknown): boolean =>
      value === null || typeof value !== "object"
        ? true
        : Array.isArray(value)
          ? value.every(sorted)
          : Object.keys(value).join("\n") === Object.keys(value).sort().join("\n") &&
            Object.values(value).every(sorted);
    for (const [name, entry] of Object.entries(config)) {
      assert.ok(sorted((entry as Entry).facts), `${name}: facts in struct order`);
    }
    assert.ok(Object.isFrozen(config) && Object.isFrozen(quota.departments));
    assert.throws(() => {
      (quota as Record<string, unknown>).sites = {};
    }, TypeError);
  });

  it("is plain JSON: what the engine reads back is what the offline check hands over", () => {
    const config = packConfig({ "site-capacity": "mandatory" }, facts(), { today: TODAY });
    assert.deepEqual(JSON.parse(JSON.stringify(config)), config);
  });

  describe("reading the settings file", () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "govcloud-pack-config-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("takes the file as it is, or nothing when there is none or it is empty", () => {
      const file = join(dir, "policy-config.json");
      writeFileSync(file, '{ "site-capacity": "mandatory", "all": "advisory" }');
      assert.deepEqual(readPolicySettings(file), { "site-capacity": "mandatory", all: "advisory" });
      writeFileSync(file, "  \n");
      assert.equal(readPolicySettings(file), undefined);
      assert.equal(readPolicySettings(undefined), undefined);
    });

    it("refuses what the engine refuses, in its words", () => {
      const file = join(dir, "policy-config.json");
      writeFileSync(file, '{ "site-capacity": "strict" }');
      assert.throws(
        () => readPolicySettings(file),
        (e: unknown) =>
          e instanceof PolicyConfigError &&
          /"site-capacity": "strict" is not a valid enforcement level/.test(e.message),
      );
      assert.throws(() => readPolicySettings(join(dir, "missing.json")), PolicyConfigError);
    });

    it("makes the config of an estate from its settings file and facts", () => {
      const file = join(dir, "policy-config.json");
      writeFileSync(file, '{ "site-capacity": { "headroomPercent": 10 } }');
      const config = estatePackConfig(estateAt(FIXTURE_ROOT), file, TODAY);
      const capacity = config["site-capacity"] as Entry;
      assert.equal(capacity.headroomPercent, 10);
      assert.equal(capacity.facts.today, TODAY);
      assert.deepEqual(
        Object.keys(capacity.facts.sites as object).sort(),
        Object.keys(facts().sites).sort(),
      );
    });
  });
});
