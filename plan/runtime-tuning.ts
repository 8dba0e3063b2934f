/**
 * What the Pulumi Node SDK does for every resource and promise to help debug a program, and a
 * plan has no use for, switched off while a plan runs (planStack with keepStackTraces unset):
 *
 * - debuggablePromise (runtime/debuggable.js) stamps every promise with an id, a context and a
 *   stack trace in three defineProperty calls, and tracks it in a set to report leaked promises
 *   at exit. While planning, the promise gets the same chain (a then and a catch that adds
 *   `promise` to the error, so values and rejections arrive exactly as before, on the same tick)
 *   without the stamps and the tracking.
 * - Resource.callsites (resource.js) captures and parses the whole stack with an unlimited
 *   Error.stackTraceLimit for every resource, for the source position the engine shows. A plan
 *   does not record it: while planning there are no call sites, so requests carry no position.
 *
 * The program and the SDK's logic are untouched; only these two functions are replaced, by
 * wrappers that call the originals outside a plan. Installed once per process.
 */
import * as pulumi from "@pulumi/pulumi";

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
