/**
 * While planning, plain inputs are serialized without the SDK's asynchronous walk
 * (plan/plain-serialization.ts). For plain data the result must be the SDK's, exactly; anything
 * else must be left to the SDK; and a resource's serialized inputs, their dependencies and the
 * errors must be the SDK's too.
 */
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { MockCloud } from "../../plan/mock-cloud";
import {
  NOT_PLAIN,
  serializePlain,
  serializeResourcePropertiesLeanly,
  type SerializeResourceProperties,
  type SerializedProperties,
} from "../../plan/plain-serialization";
import { settle } from "../../plan/run-plan";

interface RpcModule {
  serializeProperty(ctx: string, prop: unknown, deps: Set<unknown>, opts: object): Promise<unknown>;
  serializeResourceProperties: SerializeResourceProperties;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc") as RpcModule;

/** The SDK's own serialization (outside a plan the planner's replacements call it). */
function sdkSerialize(value: unknown): Promise<unknown> {
  return rpc.serializeProperty("value", value, new Set(), { keepOutputValues: false });
}

/** Plain data as a program gives it: JSON, with undefined, functions, holes and odd numbers. */
const plainData = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(undefined, null, true, false, 0, -0, NaN, Infinity, () => 1),
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.sparseArray(tie("value")),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 3, noNullPrototype: false }),
  ),
})).value;

/** Whether an object anywhere in `value` has an own key `__proto__`. */
function hasProtoKey(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, "__proto__")) {
    return true;
  }
  return Object.values(value).some(hasProtoKey);
}

/**
 * What serializePlain should give for plain data, built with own properties only: the SDK's
 * rules (undefined and functions dropped from objects, null in arrays) without its loss of a
 * `__proto__` key.
 */
function expectedCopy(value: unknown): unknown {
  if (typeof value === "function") return undefined;
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    return Array.from(value, (element) => expectedCopy(element) ?? null);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const element = expectedCopy((value as Record<string, unknown>)[key]);
    if (element !== undefined) {
      Object.defineProperty(out, key, {
        value: element,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return out;
}

describe("serializing plain data while planning", () => {
  it("gives what the SDK's serializeProperty gives, for any plain data", async () => {
    await fc.assert(
      fc.asyncProperty(plainData, async (value) => {
        // The SDK assigns each key, so a `__proto__` key becomes the copy's prototype and is
        // lost; that case has its own property below.
        fc.pre(!hasProtoKey(value));
        assert.deepStrictEqual(serializePlain(value), await sdkSerialize(value));
      }),
      { numRuns: 400 },
    );
  });

  it("keeps every key as an own property of an ordinary object, __proto__ too", () => {
    fc.assert(
      fc.property(plainData, (value) => {
        assert.deepStrictEqual(serializePlain(value), expectedCopy(value));
      }),
      { numRuns: 400 },
    );
  });

  it("keeps a __proto__ key as data instead of making it the copy's prototype", () => {
    // The counterexample fast-check found (seed 562834505): {["__proto__"]: {}}.
    const copy = serializePlain(JSON.parse('{"__proto__":{}}')) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.deepEqual(Object.keys(copy), ["__proto__"]);
    assert.deepStrictEqual(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value, {});

    // Nested, beside other keys, with a value whose keys must not seem to be the copy's own.
    const nested = serializePlain(
      JSON.parse('{"labels":{"__proto__":{"owner":"x"},"tier":"gold"},"n":[{"__proto__":1}]}'),
    ) as { labels: Record<string, unknown>; n: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(nested.labels), ["__proto__", "tier"]);
    assert.equal(Object.getPrototypeOf(nested.labels), Object.prototype);
    assert.equal(nested.labels.owner, undefined);
    assert.equal(
      JSON.stringify(nested),
      '{"labels":{"__proto__":{"owner":"x"},"tier":"gold"},"n":[{"__proto__":1}]}',
    );
  });

  it("leaves to the SDK whatever it must wait for or translate, however deep", () => {
    class Custom {
      field = 1;
    }
    class List extends Array<unknown> {}
    const notPlain: [string, unknown][] = [
      ["an output", pulumi.output(1)],
      ["a secret", pulumi.secret("s")],
      ["a promise", Promise.resolve(1)],
      ["an asset", new pulumi.asset.StringAsset("text")],
      ["a date", new Date(0)],
      ["a map", new Map()],
      ["an instance of a class", new Custom()],
      ["an array subclass", List.from([1])],
      ["a plain object marked as an output", { __pulumiOutput: true }],
      ["a plain object marked as a resource", { __pulumiCustomResource: true }],
      ["a bigint", BigInt(1)],
      ["an output inside an array", [1, "a", pulumi.output(2)]],
      ["an output inside an object", { a: { b: [pulumi.output(3)] } }],
    ];
    for (const [what, value] of notPlain) {
      assert.equal(serializePlain(value), NOT_PLAIN, what);
    }
  });
});

class Group extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Group", name);
    this.registerOutputs({});
  }
}

class Thing extends pulumi.CustomResource {
  constructor(name: string, parent: pulumi.Resource) {
    super("test:index:Thing", name, {}, { parent });
  }
}

/** The URN of a resource, once registered. */
function urnOf(resource: pulumi.Resource): Promise<string> {
  return (resource.urn as unknown as { promise(): Promise<string> }).promise();
}

describe("serializing a resource's inputs while planning", () => {
  let original: SerializeResourceProperties;
  let resources: { thing: pulumi.CustomResource; group: pulumi.ComponentResource };

  before(async () => {
    await pulumi.runtime.setMocks(new MockCloud().mocks, "govcloud", "serialize", false);
    original = rpc.serializeResourceProperties;
    const group = new Group("group");
    const thing = new Thing("thing", group);
    resources = { thing, group };
    await settle();
  });

  /** The result with each dependency named by URN, comparable with deepStrictEqual. */
  async function named([result, dependencies]: SerializedProperties) {
    const urns = new Map<string, string[]>();
    for (const [key, set] of dependencies) {
      const list: string[] = [];
      for (const resource of set) list.push(await urnOf(resource as pulumi.Resource));
      urns.set(key, list);
    }
    return { keys: Object.keys(result), result, urns };
  }

  it("gives the SDK's inputs, order and dependencies for plain, missing and other values", async () => {
    const { thing, group } = resources;
    const props = (): Record<string, unknown> => ({
      id: "not an input",
      urn: "not an input",
      name: "web",
      missing: undefined,
      callback: () => 1,
      size: 40,
      network: thing.id,
      tags: { owner: "health", empty: undefined },
      password: pulumi.secret("s3cret"),
      list: [1, undefined, "a"],
      mixed: [thing.urn, 2, { deep: thing.id }],
      component: group,
      resource: thing,
      later: Promise.resolve("resolved"),
      nothing: pulumi.output(undefined),
    });
    const lean = await named(await serializeResourcePropertiesLeanly(original, "r", props(), {}));
    const sdk = await named(await original("r", props(), {}));
    assert.deepStrictEqual(lean, sdk);
    assert.ok(lean.urns.get("network")?.length === 1, "the output's resource is a dependency");
  });

  it("fails as the SDK does, naming the property", async () => {
    const props = () => ({ name: "web", broken: Promise.reject(new Error("no such network")) });
    const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
    const lean = await serializeResourcePropertiesLeanly(original, "r", props(), {}).then(
      () => "no error",
      message,
    );
    const sdk = await original("r", props(), {}).then(() => "no error", message);
    assert.equal(lean, sdk);
    assert.match(lean, /error serializing property "broken": no such network/);
  });
});
