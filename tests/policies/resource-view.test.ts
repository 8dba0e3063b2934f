import { strict as assert } from "node:assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { UNKNOWN } from "../../wire/markers";
import type { PolicyResource, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import {
  resourceView,
  stackViews,
  toPlain,
  toPlainObject,
  Unknown,
} from "../../policies/lib/resource-view";

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

  it("makes one view of a resource for all the policies the SDK hands the same decoded object", () => {
    const decoded = structuredClone(props);
    const args = (object: object) =>
      ({
        type: "openstack:compute/instance:Instance",
        urn: "urn:pulumi:health::govcloud::openstack:compute/instance:Instance::web",
        name: "web",
        props: unknownCheckingProxy(object),
        opts: { ignoreChanges: ["metadata"], parent: "urn:parent" },
      }) as unknown as ResourceValidationArgs;
    const first = resourceView(args(decoded));
    assert.equal(resourceView(args(decoded)), first);
    assert.deepEqual(first.ignoreChanges, ["metadata"]);
    assert.equal(first.parent, "urn:parent");
    const other = resourceView(args(structuredClone(props)));
    assert.notEqual(other, first);
    assert.deepEqual(other, first);

    const resource = (object: object) =>
      ({
        type: "openstack:compute/instance:Instance",
        urn: "urn:pulumi:health::govcloud::openstack:compute/instance:Instance::web",
        name: "web",
        props: unknownCheckingProxy(object),
        opts: {},
        dependencies: [{ urn: "urn:network" }],
        propertyDependencies: { networkId: [{ urn: "urn:network" }] },
      }) as unknown as PolicyResource;
    const stack = (object: object) =>
      ({ resources: [resource(object)] }) as unknown as StackValidationArgs;
    const [view] = stackViews(stack(decoded));
    assert.notEqual(view, first, "a stack view is not a resource view");
    assert.equal(stackViews(stack(decoded))[0], view);
    assert.deepEqual(view.dependencies, ["urn:network"]);
    assert.deepEqual(view.propertyDependencies, { networkId: ["urn:network"] });
  });
});
