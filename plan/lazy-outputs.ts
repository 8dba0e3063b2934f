/**
 * The SDK gives every property of a resource an output as the resource is constructed
 * (runtime/rpc.js transferProperties): an Output with about a dozen promises and a proxy for
 * each of the forty-odd properties of an OpenStack instance, most of which a program never
 * reads. While planning (plan/runtime-tuning.ts), each property instead gets an accessor that
 * makes the very same Output the first time it is read, and the resolver the SDK calls when the
 * registration comes back either resolves that Output or, when none was made yet, keeps the
 * answer for the moment one is. A program sees the same values, secretness, dependencies and
 * errors; an output made after the answer came resolves at once.
 */
import * as pulumi from "@pulumi/pulumi";

type Resolver = (
  value: unknown,
  isKnown: boolean,
  isSecret: boolean,
  deps?: unknown[],
  err?: unknown,
) => void;

interface Settlers {
  resolve(value: unknown, isKnown: boolean, isSecret: boolean, deps: unknown[]): void;
  reject(err: unknown): void;
}

type OutputConstructor = new (
  resources: unknown,
  promise: Promise<unknown>,
  isKnown: Promise<boolean>,
  isSecret: Promise<boolean>,
  allResources: Promise<unknown[]>,
) => unknown;

interface ErrorsModule {
  isGrpcError(err: unknown): boolean;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const errors = require("@pulumi/pulumi/errors") as ErrorsModule;
const Output = pulumi.Output as unknown as OutputConstructor;

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(err: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An Output of `onto` with its four promises, as the SDK makes it, and what settles them. */
function newOutput(onto: object): { output: unknown; settlers: Settlers } {
  const value = deferred<unknown>();
  const known = deferred<boolean>();
  const secret = deferred<boolean>();
  const deps = deferred<unknown[]>();
  const all = [value, known, secret, deps] as Deferred<unknown>[];
  return {
    output: new Output(onto, value.promise, known.promise, secret.promise, deps.promise),
    settlers: {
      resolve: (v, isKnown, isSecret, dependencies) => {
        value.resolve(v);
        known.resolve(isKnown);
        secret.resolve(isSecret);
        deps.resolve(dependencies);
      },
      reject: (err) => {
        for (const d of all) d.reject(err);
      },
    },
  };
}

type Answer =
  { value: unknown; isKnown: boolean; isSecret: boolean; deps: unknown[] } | { err: unknown };

function settle(settlers: Settlers, answer: Answer): void {
  if ("err" in answer) settlers.reject(answer.err);
  else settlers.resolve(answer.value, answer.isKnown, answer.isSecret, answer.deps);
}

/** What a resource's lazy properties hold: per key, the output made or the answer kept. */
interface LazyState {
  made: Map<string, { output: unknown; settlers: Settlers }>;
  answers: Map<string, Answer>;
}

/** Where a resource keeps its LazyState (a symbol: no program or serializer sees it). */
const LAZY_STATE = Symbol("govcloud.lazyOutputs");

function stateOf(onto: object): LazyState {
  return (onto as { [LAZY_STATE]: LazyState })[LAZY_STATE];
}

/**
 * The accessor of a lazy property `key`, one for all resources (a resource has forty-odd such
 * properties; closures per resource and property cost more than the outputs they stand for).
 */
const accessors = new Map<string, PropertyDescriptor>();

function accessorFor(key: string): PropertyDescriptor {
  let accessor = accessors.get(key);
  if (accessor === undefined) {
    accessor = {
      configurable: true,
      enumerable: true,
      get(this: object) {
        const state = stateOf(this);
        let made = state.made.get(key);
        if (made === undefined) {
          made = newOutput(this);
          state.made.set(key, made);
          const answer = state.answers.get(key);
          if (answer !== undefined) {
            state.answers.delete(key);
            settle(made.settlers, answer);
          }
        }
        return made.output;
      },
      set(this: object, value: unknown) {
        Object.defineProperty(this, key, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      },
    };
    accessors.set(key, accessor);
  }
  return accessor;
}

/** transferProperties with an output made on first read (see above). */
export function transferPropertiesLazily(
  onto: Record<string, unknown>,
  label: string,
  props: Record<string, unknown>,
): Record<string, Resolver> {
  const resolvers: Record<string, Resolver> = {};
  const state: LazyState = { made: new Map(), answers: new Map() };
  Object.defineProperty(onto, LAZY_STATE, { value: state });
  for (const key of Object.keys(props)) {
    if (key === "id" || key === "urn") continue;
    if (Object.prototype.hasOwnProperty.call(onto, key)) {
      throw new Error(`Property '${key}' is already initialized on target '${label}`);
    }
    Object.defineProperty(onto, key, accessorFor(key));
    resolvers[key] = (value, isKnown, isSecret, deps = [], err) => {
      // As the SDK does: a gRPC error (the monitor going away) is not the output's failure.
      if (err && errors.isGrpcError(err)) return;
      const settled: Answer = err ? { err } : { value, isKnown, isSecret, deps };
      const made = state.made.get(key);
      if (made !== undefined) settle(made.settlers, settled);
      else state.answers.set(key, settled);
    };
  }
  return resolvers;
}
