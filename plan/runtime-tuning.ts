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
 * - transferProperties (runtime/rpc.js) gives every property of a resource an Output as the
 *   resource is constructed; while planning each is made on first read instead
 *   (plan/lazy-outputs.ts), since a program reads few of the forty-odd properties of an
 *   instance. This took planning from about 2.7 s to about 1.9 s for the bundled estate.
 *
 * Four more were measured and dropped, each within the noise of a check of the bundled estate
 * once the ones above are in (docs/benchmarks.md): copying plain inputs and the mocks' state
 * without the SDK's asynchronous walk, answering an empty set of dependencies at once, and a
 * plain answer from the mock monitor (its Struct is a PlainStruct already).
 *
 * The program and the SDK's logic are untouched; only these functions are replaced, by
 * wrappers that call the originals outside a plan. Each is a patch of its own under the guard
 * of plan/sdk-patches.ts (versions, shapes, GOVCLOUD_SDK_PATCHES), applied once per process.
 */
import { dirname } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { WireObject } from "../wire/encode";
import { PlainStruct } from "../wire/struct";
import { transferPropertiesLazily } from "./lazy-outputs";
import { applySdkPatch, functionPatch, type SdkPatch } from "./sdk-patches";

/** The releases these patches were written against. */
const PULUMI = { package: "@pulumi/pulumi", versions: ["3.248.0"] } as const;
const PROTOBUF = { package: "google-protobuf", versions: ["3.21.4"] } as const;

type DebuggablePromise = <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
type TransferProperties = typeof transferPropertiesLazily;
type FromJavaScript = ((obj: WireObject) => Struct) & { original?: (obj: WireObject) => Struct };

/** An SDK module, required where the SDK itself has it. */
function sdk(path: string): () => object {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return () => require(`@pulumi/pulumi/${path}`) as object;
}

const SDK_DIR = dirname(require.resolve("@pulumi/pulumi"));
const STRUCT_MODULE = "google-protobuf/google/protobuf/struct_pb";

/** `patch`, refused when the SDK builds its Structs with another google-protobuf than this module. */
function sameStructs(patch: SdkPatch): SdkPatch {
  return {
    ...patch,
    shape: () =>
      require.resolve(STRUCT_MODULE, { paths: [SDK_DIR] }) === require.resolve(STRUCT_MODULE)
        ? patch.shape()
        : "@pulumi/pulumi builds its Structs with another copy of google-protobuf",
  };
}

let planning = 0;

/** Every patch of this module, by the name GOVCLOUD_SDK_PATCHES knows it by. */
export const PLANNING_PATCHES: readonly SdkPatch[] = [
  functionPatch<DebuggablePromise>({
    ...PULUMI,
    name: "debuggable-promise",
    where: "runtime/debuggable.js debuggablePromise",
    owner: sdk("runtime/debuggable"),
    key: "debuggablePromise",
    arity: 2,
    replace: (original) =>
      ((p: Promise<unknown>, ctx: unknown) =>
        planning > 0 ? p : original(p, ctx)) as DebuggablePromise,
  }),
  sameStructs(
    functionPatch<FromJavaScript>({
      ...PROTOBUF,
      from: SDK_DIR,
      name: "plain-struct",
      where: "google/protobuf/struct_pb.js Struct.fromJavaScript",
      owner: () => Struct,
      key: "fromJavaScript",
      arity: 1,
      replace: (original) => {
        const unbound = original.bind(Struct);
        return Object.assign(
          (obj: WireObject) => (planning > 0 ? new PlainStruct(obj) : unbound(obj)),
          { original: unbound },
        );
      },
    }),
  ),
  functionPatch<TransferProperties>({
    ...PULUMI,
    name: "lazy-outputs",
    where: "runtime/rpc.js transferProperties",
    owner: sdk("runtime/rpc"),
    key: "transferProperties",
    arity: 3,
    replace: (original) => (onto, label, props) =>
      planning > 0 ? transferPropertiesLazily(onto, label, props) : original(onto, label, props),
  }),
  functionPatch<() => unknown[]>({
    ...PULUMI,
    name: "no-callsites",
    where: "resource.js Resource.callsites",
    owner: () => pulumi.Resource,
    key: "callsites",
    arity: 0,
    replace: (original) => {
      const bound = original.bind(pulumi.Resource);
      return () => (planning > 0 ? [] : bound());
    },
  }),
];

/**
 * Turns the SDK's debugging aids off (see above) until the returned function is called. The
 * caller ends it when the plan ends, also when the plan failed and its promises never settle
 * (planStack gives up on them): the mode must never outlive the plan, or the Structs that gRPC
 * later serializes for an out-of-process pack would be PlainStructs.
 */
export function enterLeanRuntime(): () => void {
  for (const patch of PLANNING_PATCHES) applySdkPatch(patch);
  planning++;
  let left = false;
  return () => {
    if (left) return;
    left = true;
    planning--;
  };
}
