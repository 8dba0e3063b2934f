import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { WireObject } from "../../wire/encode";
import { inStructOrder, PlainStruct, toStruct } from "../../wire/struct";
import { enterLeanRuntime } from "../../plan/runtime-tuning";

const unsorted: WireObject = {
  zone: "qingdao",
  10: "ten",
  9: "nine",
  metadata: { team: "ops", department: "health", nested: [{ b: 1, a: null }, "x", true] },
  Name: "web",
};

describe("analyzer PlainStruct (in-process property maps)", () => {
  it("hands back what a Struct round trip gives, keys in the same order", () => {
    const expected = Struct.deserializeBinary(toStruct(unsorted).serializeBinary()).toJavaScript();
    const actual = PlainStruct.of(unsorted).toJavaScript();
    assert.deepEqual(actual, expected);
    assert.equal(JSON.stringify(actual), JSON.stringify(expected));
  });

  it("serializes to the same bytes as Struct.fromJavaScript", () => {
    assert.deepEqual(
      PlainStruct.of(unsorted).serializeBinary(),
      toStruct(unsorted).serializeBinary(),
    );
  });

  it("keeps a map whose keys are already in order as it is, without copying", () => {
    const sorted: WireObject = { a: [{ x: 1, y: 2 }], b: { c: "d" } };
    assert.equal(inStructOrder(sorted), sorted);
    assert.equal(PlainStruct.of(sorted).toJavaScript(), sorted);
    assert.notEqual(inStructOrder(unsorted), unsorted);
  });

  it("serializes while a plan runs, when Struct.fromJavaScript makes PlainStructs", () => {
    const leave = enterLeanRuntime();
    try {
      assert.ok(Struct.fromJavaScript(unsorted as never) instanceof PlainStruct);
      assert.deepEqual(
        PlainStruct.of(unsorted).serializeBinary(),
        Struct.deserializeBinary(toStruct(unsorted).serializeBinary()).serializeBinary(),
      );
    } finally {
      leave();
    }
    assert.ok(!(Struct.fromJavaScript(unsorted as never) instanceof PlainStruct));
  });
});
