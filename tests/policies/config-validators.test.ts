/**
 * The config validators compiled at build time (scripts/compile-schemas.ts into
 * generated/policy-config-validators.ts): every policy the pack declares must find one, and each must
 * judge config exactly as ajv compiling the same schema at run time does.
 */
import { strict as assert } from "node:assert";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import {
  CONFIG_AJV_OPTIONS,
  configValidationSchema,
  validationKey,
} from "../../analyzer/policy-config";
import type { PolicyConfigSchema } from "../../analyzer/types";
import { COMPILED_VALIDATORS } from "../../generated/policy-config-validators";
import { FIXTURE_ROOT, STACK } from "./support/estate";
import { analyze, fixturePack } from "./support/pack";
import { programPlan } from "./support/program-plan";

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

/** Values of every JSON type, and numbers and strings at the edges config schemas use. */
const SAMPLES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  90,
  91,
  65536,
  "",
  "x",
  "^QD-[0-9]+$",
  [],
  [1],
  ["x"],
  ["x", "x"],
  ["instances", "vcpus"],
  [22, 22],
  {},
  { a: 1 },
];

describe("config validators compiled at build time", function () {
  this.timeout(120_000);
  let schemas: { name: string; schema: PolicyConfigSchema }[] = [];

  before(async () => {
    await analyze(await programPlan(FIXTURE_ROOT, STACK));
    const info = (await fixturePack()).packInfo;
    assert.ok(info !== undefined, "the pack gave no analyzer info");
    schemas = info.policies.flatMap((policy) =>
      policy.configSchema === undefined ? [] : [{ name: policy.name, schema: policy.configSchema }],
    );
  });

  it("has one for every policy of the pack", () => {
    assert.equal(schemas.length, 9);
    for (const { name, schema } of schemas) {
      assert.ok(
        COMPILED_VALIDATORS.has(validationKey(configValidationSchema(schema))),
        `${name}: no compiled validator (run npm run build)`,
      );
    }
  });

  it("judges every sample as ajv does at run time, with the same errors", () => {
    const ajv = new Ajv(CONFIG_AJV_OPTIONS);
    addFormats(ajv);
    let judged = 0;
    for (const { name, schema } of schemas) {
      const full = configValidationSchema(schema);
      const compiled = COMPILED_VALIDATORS.get(validationKey(full)) as Validate;
      const runtime = ajv.compile(full) as Validate;
      const properties = Object.keys(schema.properties);
      const configs: unknown[] = [{}, { unknownProperty: 1 }, ...SAMPLES];
      for (const property of properties) {
        for (const value of SAMPLES) configs.push({ [property]: value });
      }
      let rejected = 0;
      for (const config of configs) {
        const expected = runtime(config);
        assert.equal(compiled(config), expected, `${name} ${JSON.stringify(config)}`);
        assert.deepEqual(compiled.errors, runtime.errors, `${name} ${JSON.stringify(config)}`);
        if (!expected) rejected++;
        judged++;
      }
      // The samples exercise the schema: each policy rejects some of them.
      assert.ok(rejected > properties.length, `${name}: only ${rejected} samples rejected`);
    }
    assert.ok(judged > 400, `${judged} configs judged`);
  });
});

describe("validationKey", () => {
  const schema = {
    type: "object",
    properties: {
      ports: { type: "array", items: { type: "integer", minimum: 1, description: "a port" } },
      default: { type: "string", default: "x", description: "a property named default" },
    },
  };

  it("ignores defaults and descriptions, which change nothing a validator does", () => {
    const annotated = structuredClone(schema);
    annotated.properties.ports.items.description = "another text";
    annotated.properties.default.default = "y";
    assert.equal(validationKey(annotated), validationKey(schema));
  });

  it("keeps every validation keyword, and a property that happens to be named default", () => {
    const narrower = structuredClone(schema);
    narrower.properties.ports.items.minimum = 2;
    assert.notEqual(validationKey(narrower), validationKey(schema));
    const withoutProperty = structuredClone(schema) as { properties: Record<string, unknown> };
    delete withoutProperty.properties.default;
    assert.notEqual(validationKey(withoutProperty), validationKey(schema));
  });

  it("does not depend on the order of keys", () => {
    const reordered = { properties: schema.properties, type: "object" };
    assert.equal(validationKey(reordered), validationKey(schema));
  });
});
