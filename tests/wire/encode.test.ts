import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { decodeProperties, decodeValue } from "../../analyzer/decode";
import { EncodeError, encodeProperties, encodeValue } from "../../wire/encode";
import { fromStruct, toStruct } from "../../wire/struct";
import {
  ARCHIVE_SIG,
  ASSET_SIG,
  OUTPUT_VALUE_SIG,
  RESOURCE_REFERENCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN,
} from "../../wire/markers";

const analyze = { skipInternalKeys: true };
const remediate = { skipInternalKeys: false };

describe("analyzer encode (plan JSON to wire values)", () => {
  it("passes plain JSON through unchanged", () => {
    const props = {
      name: "web",
      size: 20,
      on: true,
      none: null,
      tags: ["a", "b"],
      nested: { x: 1 },
    };
    assert.deepEqual(encodeProperties(props, analyze), props);
  });

  it("sends a secret marker as a secret wrapping the unknown string sentinel", () => {
    assert.deepEqual(encodeValue({ "[secret]": true }, analyze), {
      [SIG_KEY]: SECRET_SIG,
      value: UNKNOWN.string,
    });
  });

  it("sends a secret marker with a chosen placeholder when asked", () => {
    assert.deepEqual(
      encodeValue({ "[secret]": true }, { ...analyze, secretPlaceholder: "[secret]" }),
      {
        [SIG_KEY]: SECRET_SIG,
        value: "[secret]",
      },
    );
  });

  it("keeps a value carried under the marker inside the secret wrapper, never bare", () => {
    const wire = encodeProperties({ password: { "[secret]": "s3cr3t-value" } }, analyze);
    assert.deepEqual(wire.password, { [SIG_KEY]: SECRET_SIG, value: "s3cr3t-value" });
  });

  it("sends the plan's unknown marker as the string sentinel, as the Node SDK sends unknowns", () => {
    assert.deepEqual(encodeProperties({ ip: "[unknown]", list: ["[unknown]", "x"] }, analyze), {
      ip: UNKNOWN.string,
      list: [UNKNOWN.string, "x"],
    });
  });

  it("sends typed unknown markers as the typed sentinels", () => {
    const wire = encodeProperties(
      {
        s: { "[unknown]": "string" },
        b: { "[unknown]": "bool" },
        n: { "[unknown]": "number" },
        a: { "[unknown]": "array" },
        o: { "[unknown]": "object" },
        any: { "[unknown]": true },
      },
      analyze,
    );
    assert.deepEqual(wire, {
      s: UNKNOWN.string,
      b: UNKNOWN.bool,
      n: UNKNOWN.number,
      a: UNKNOWN.array,
      o: UNKNOWN.object,
      any: UNKNOWN.string,
    });
  });

  it("rejects an unknown marker of no known type, naming the property", () => {
    assert.throws(
      () => encodeProperties({ spec: { x: { "[unknown]": "integer" } } }, analyze),
      (e: unknown) => e instanceof EncodeError && e.path === "spec.x" && /integer/.test(e.message),
    );
  });

  it("flattens resource references to their id, or urn for components, or unknown", () => {
    const ref = (extra: Record<string, unknown>) => ({
      [SIG_KEY]: RESOURCE_REFERENCE_SIG,
      urn: "urn:pulumi:s::p::t::n",
      ...extra,
    });
    assert.equal(encodeValue(ref({ id: "abc" }), analyze), "abc");
    assert.equal(encodeValue(ref({}), analyze), "urn:pulumi:s::p::t::n");
    assert.equal(encodeValue(ref({ id: "" }), analyze), UNKNOWN.string);
  });

  it("reads output values as their value, secret when marked, unknown without one", () => {
    assert.equal(encodeValue({ [SIG_KEY]: OUTPUT_VALUE_SIG, value: 3 }, analyze), 3);
    assert.deepEqual(
      encodeValue({ [SIG_KEY]: OUTPUT_VALUE_SIG, value: "x", secret: true }, analyze),
      {
        [SIG_KEY]: SECRET_SIG,
        value: "x",
      },
    );
    assert.equal(encodeValue({ [SIG_KEY]: OUTPUT_VALUE_SIG }, analyze), UNKNOWN.string);
  });

  it("keeps assets and archives with their signatures", () => {
    const asset = { [SIG_KEY]: ASSET_SIG, text: "#cloud-config" };
    const archive = { [SIG_KEY]: ARCHIVE_SIG, assets: { "a.txt": asset } };
    assert.deepEqual(encodeValue(archive, analyze), archive);
  });

  it("sends the plan's asset and archive markers with their signatures", () => {
    const plan = {
      "[archive]": { assets: { "a.txt": { "[asset]": { text: "#cloud-config", hash: "h" } } } },
    };
    assert.deepEqual(encodeValue(plan, analyze), {
      [SIG_KEY]: ARCHIVE_SIG,
      assets: { "a.txt": { [SIG_KEY]: ASSET_SIG, text: "#cloud-config", hash: "h" } },
    });
    assert.deepEqual(decodeValue(encodeValue(plan, analyze)!), plan);
  });

  it("fails on a signature it does not know, as the engine does", () => {
    assert.throws(
      () => encodeValue({ [SIG_KEY]: "nope" }, analyze),
      /unrecognized signature 'nope'/,
    );
  });

  it("drops internal __ keys for Analyze but keeps them for Remediate", () => {
    const props = { __defaults: ["name"], name: "x", nested: { __meta: 1, y: 2 } };
    assert.deepEqual(encodeProperties(props, analyze), { name: "x", nested: { y: 2 } });
    assert.deepEqual(encodeProperties(props, remediate), props);
  });

  it("drops undefined members and turns undefined array items into null", () => {
    assert.deepEqual(encodeProperties({ a: undefined, b: [1, undefined] }, analyze), {
      b: [1, null],
    });
  });

  it("rejects values JSON cannot carry", () => {
    assert.throws(
      () => encodeProperties({ n: Number.NaN }, analyze),
      /n: NaN is not a finite number/,
    );
    assert.throws(
      () => encodeProperties({ f: () => 1 }, analyze),
      /unsupported value of type function/,
    );
  });

  it("survives the google.protobuf.Struct round trip unchanged", () => {
    const wire = encodeProperties(
      { a: { "[secret]": true }, b: [{ "[unknown]": "number" }, null, 1.5], c: { d: "e" } },
      analyze,
    );
    const struct = Struct.deserializeBinary(toStruct(wire).serializeBinary());
    assert.deepEqual(fromStruct(struct), wire);
  });
});

describe("analyzer decode (wire values to plan JSON)", () => {
  it("masks secrets whatever they hold and names unknowns", () => {
    const wire = {
      pass: { [SIG_KEY]: SECRET_SIG, value: "hunter2" },
      ip: UNKNOWN.string,
      list: [UNKNOWN.array, "x"],
    };
    const plan = decodeProperties(wire);
    assert.deepEqual(plan, {
      pass: { "[secret]": true },
      ip: "[unknown]",
      list: [{ "[unknown]": "array" }, "x"],
    });
    assert.ok(!JSON.stringify(plan).includes("hunter2"));
  });

  it("is the inverse of encode for markers", () => {
    const plan = {
      s: { "[secret]": true },
      u: { "[unknown]": "object" },
      v: "[unknown]",
      x: { y: [1, "z"] },
    };
    assert.deepEqual(decodeValue(encodeProperties(plan, analyze)), plan);
  });
});
