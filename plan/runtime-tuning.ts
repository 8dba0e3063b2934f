/**
 * What the Pulumi Node SDK does for every resource and promise to help debug a program or to
 * talk to the engine, and a plan has no use for, switched off while a plan runs (planStack with
 * asShipped unset):
 *
 * - debuggablePromise (runtime/debuggable.js) stamps every promise with an id, a context and a
 *   stack trace in three defineProperty calls, and tracks it in a set to report leaked promises
 *   at exit, behind a then and a catch (which adds `promise` to an error). It is called four
 *   times for every property of every resource; while planning it returns the promise itself.
 *   Values and rejections are the same and arrive two microtask ticks sooner, which can change
 *   the order in which the program's registrations reach the monitor, never what is registered;
 *   the pretend cloud's answers do not depend on that order (plan/mock-cloud.ts; tests compare
 *   plans with the ones the SDK as shipped gives).
 * - Resource.callsites (resource.js) captures and parses the whole stack with an unlimited
 *   Error.stackTraceLimit for every resource, for the source position the engine shows. A plan
 *   does not record it: while planning there are no call sites, so requests carry no position.
 * - Struct.fromJavaScript (google-protobuf) builds a protobuf Value per property of every
 *   request and response the SDK exchanges with the monitor, which under the mock runtime is in
 *   this very process and reads them straight back with toJavaScript(). While planning it makes
 *   a PlainStruct (analyzer/struct.ts) instead: the same map handed back as it is, the protobuf
 *   fields built only if something asks for them. Its keys keep their order rather than the
 *   sorted order of a Struct; every consumer of a plan sorts them (plan/wire-values.ts).
 *
 * - transferProperties (runtime/rpc.js) gives every property of a resource an Output as the
 *   resource is constructed; while planning each is made on first read instead
 *   (plan/lazy-outputs.ts), since a program reads few of the forty-odd properties of an
 *   instance. This took planning from about 2.7 s to about 1.9 s for the bundled estate.
 *
 * - serializeResourceProperties and serializeProperty (runtime/rpc.js) walk every input of a
 *   resource asynchronously, an await per value, to wait for outputs and promises; most inputs
 *   are plain (an OpenStack resource passes each of its inputs, most of them undefined). While
 *   planning, plain values are copied at once (plan/plain-serialization.ts) and only the others
 *   go through the SDK's walk; and getAllTransitivelyReferencedResourceURNs (runtime/dependsOn.js),
 *   which the SDK calls for every input, answers an empty set of resources without its own
 *   chain of promises. With the mocks' state copied the same way (plan/mock-registration.ts),
 *   promises per resource fell from about 350 to about 240, the plans unchanged.
 *
 * The program and the SDK's logic are untouched; only these functions are replaced, by
 * wrappers that call the originals outside a plan. Installed once per process.
 */
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { WireObject } from "../wire/encode";
import { PlainStruct } from "../wire/struct";
import { transferPropertiesLazily } from "./lazy-outputs";
import {
  NOT_PLAIN,
  serializePlain,
  serializeResourcePropertiesLeanly,
  type SerializeResourceProperties,
} from "./plain-serialization";

type DebuggablePromise = <T>(p: Promise<T>, ctx: unknown) => Promise<T>;

interface DebuggableModule {
  debuggablePromise: DebuggablePromise;
}

interface RpcModule {
  transferProperties: typeof transferPropertiesLazily;
  serializeProperty: (ctx: string, prop: unknown, ...rest: unknown[]) => Promise<unknown>;
  serializeResourceProperties: SerializeResourceProperties;
}

interface DependsOnModule {
  getAllTransitivelyReferencedResourceURNs: (
    resources: Iterable<unknown> | undefined,
    exclude: Set<unknown>,
  ) => Promise<Set<string>>;
}

function isEmpty(values: Iterable<unknown> | undefined): boolean {
  if (values === undefined) return true;
  for (const _ of values) return false;
  return true;
}

interface ResourceStatics {
  callsites: () => unknown[];
}

let planning = 0;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
  const original = debuggable.debuggablePromise;
  debuggable.debuggablePromise = ((p: Promise<unknown>, ctx: unknown) =>
    planning > 0 ? p : original(p, ctx)) as DebuggablePromise;

  const struct = Struct as unknown as { fromJavaScript: (obj: WireObject) => Struct };
  const fromJavaScript = struct.fromJavaScript.bind(Struct);
  struct.fromJavaScript = Object.assign(
    (obj: WireObject) => (planning > 0 ? new PlainStruct(obj) : fromJavaScript(obj)),
    { original: fromJavaScript },
  );

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rpc = require("@pulumi/pulumi/runtime/rpc") as RpcModule;
  const transferProperties = rpc.transferProperties;
  rpc.transferProperties = (onto, label, props) =>
    planning > 0
      ? transferPropertiesLazily(onto, label, props)
      : transferProperties(onto, label, props);

  const serializeProperty = rpc.serializeProperty;
  rpc.serializeProperty = (ctx, prop, ...rest) => {
    if (planning > 0) {
      const plain = serializePlain(prop);
      if (plain !== NOT_PLAIN) return Promise.resolve(plain);
    }
    return serializeProperty(ctx, prop, ...rest);
  };
  const serializeResourceProperties = rpc.serializeResourceProperties;
  rpc.serializeResourceProperties = (label, props, opts) =>
    planning > 0
      ? serializeResourcePropertiesLeanly(serializeResourceProperties, label, props, opts)
      : serializeResourceProperties(label, props, opts);

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dependsOn = require("@pulumi/pulumi/runtime/dependsOn") as DependsOnModule;
  const referencedUrns = dependsOn.getAllTransitivelyReferencedResourceURNs;
  dependsOn.getAllTransitivelyReferencedResourceURNs = (resources, exclude) =>
    planning > 0 && isEmpty(resources)
      ? Promise.resolve(new Set<string>())
      : referencedUrns(resources, exclude);

  const resource = pulumi.Resource as unknown as ResourceStatics;
  const callsites = resource.callsites.bind(resource);
  resource.callsites = () => (planning > 0 ? [] : callsites());
}

/**
 * Turns the SDK's debugging aids off (see above) until the returned function is called. The
 * caller ends it when the plan ends, also when the plan failed and its promises never settle
 * (planStack gives up on them): the mode must never outlive the plan, or the Structs that gRPC
 * later serializes for an out-of-process pack would be PlainStructs.
 */
export function enterLeanRuntime(): () => void {
  install();
  planning++;
  let left = false;
  return () => {
    if (left) return;
    left = true;
    planning--;
  };
}
