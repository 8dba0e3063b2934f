import { strict as assert } from "node:assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { UNKNOWN } from "../../wire/markers";
import { toPlain, toPlainObject, Unknown } from "../../policies/lib/resource-view";

const props = {
  name: "health-qingdao-web",
  flavorName: UNKNOWN.string,
  ports: [22, UNKNOWN.number, { cidr: UNKNOWN.string, protocol: "tcp" }],
  metadata: { department: "health", owner: UNKNOWN.string },
  empty: null,
  tags: UNKNOWN.array,
};

describe("policies resource views", () => {
  it("reads the object behind the SDK's proxy as reading through the proxy does", () => {
    const expected = toPlain(unknownCheckingProxy(structuredClone(props)));
    const actual = toPlainObject(unknownCheckingProxy(structuredClone(props)));
    assert.deepEqual(actual, expected);
    assert.deepEqual(actual.flavorName, new Unknown("flavorName"));
    assert.deepEqual((actual.ports as unknown[])[1], new Unknown("ports[1]"));
    assert.deepEqual(actual.metadata, {
      department: "health",
      owner: new Unknown("metadata.owner"),
    });
  });

  it("copies an object the SDK decoded once for all the policies that read it", () => {
    const decoded = structuredClone(props);
    const first = toPlainObject(unknownCheckingProxy(decoded));
    assert.equal(toPlainObject(unknownCheckingProxy(decoded)), first);
    assert.notEqual(toPlainObject(unknownCheckingProxy(structuredClone(props))), first);
  });

  it("copies plain data (no proxy) as it is, sentinels included", () => {
    assert.deepEqual(toPlainObject({ a: [1, { b: "c" }], d: UNKNOWN.string }), {
      a: [1, { b: "c" }],
      d: UNKNOWN.string,
    });
  });
});
