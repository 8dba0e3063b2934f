/**
 * What the Pulumi Node SDK does for every resource and promise to help debug a program or to
 * talk to the engine, and a plan has no use for, switched off while a plan runs (planStack with
 * keepStackTraces unset):
 *
 * - debuggablePromise (runtime/debuggable.js) stamps every promise with an id, a context and a
 *   stack trace in three defineProperty calls, and tracks it in a set to report leaked promises
 *   at exit. While planning, the promise gets the same chain (a then and a catch that adds
 *   `promise` to the error, so values and rejections arrive exactly as before, on the same tick)
 *   without the stamps and the tracking.
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
 * The program and the SDK's logic are untouched; only these three functions are replaced, by
 * wrappers that call the originals outside a plan. Installed once per process.
 */
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { WireObject } from "../analyzer/encode";
import { PlainStruct } from "../analyzer/struct";

type DebuggablePromise = <T>(p: Promise<T>, ctx: unknown) => Promise<T>;

interface DebuggableModule {
  debuggablePromise: DebuggablePromise;
}

interface ResourceStatics {
  callsites: () => unknown[];
}

let planning = 0;
let installed = false;

function leanPromise<T>(p: Promise<T>): Promise<T> {
  return p
    .then((value) => value)
    .catch((err: unknown) => {
      (err as { promise?: unknown }).promise = p;
      throw err;
    });
}

function install(): void {
  if (installed) return;
  installed = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
  const original = debuggable.debuggablePromise;
  debuggable.debuggablePromise = ((p: Promise<unknown>, ctx: unknown) =>
    planning > 0 ? leanPromise(p) : original(p, ctx)) as DebuggablePromise;

  const struct = Struct as unknown as { fromJavaScript: (obj: WireObject) => Struct };
  const fromJavaScript = struct.fromJavaScript.bind(Struct);
  struct.fromJavaScript = (obj) => (planning > 0 ? new PlainStruct(obj) : fromJavaScript(obj));

  const resource = pulumi.Resource as unknown as ResourceStatics;
  const callsites = resource.callsites.bind(resource);
  resource.callsites = () => (planning > 0 ? [] : callsites());
}

/** Runs `plan` with the SDK's debugging aids off (see above). */
export async function withLeanRuntime<T>(plan: () => Promise<T>): Promise<T> {
  install();
  planning++;
  try {
    return await plan();
  } finally {
    planning--;
  }
}
