/**
 * The SDK's serialization of plain data, done without its asynchronous walk.
 *
 * `serializeProperty` (@pulumi/pulumi runtime/rpc.js) is an async function that visits every
 * value, awaiting each one, so that it can wait for promises and outputs and collect the
 * resources they depend on. Most of what it is given while planning holds none of those: an
 * OpenStack resource's constructor sets each of its forty-odd inputs, most of them undefined, and
 * the pretend cloud's state is plain JSON. For such a value the result is a copy made by a few
 * rules, which `serializePlain` applies synchronously: undefined and functions are dropped from
 * objects and become null in arrays, other primitives stay as they are. Anything that is not
 * plain (an Output, a promise, a resource, an asset, an unknown, an instance of some class) is
 * left to the SDK, whole.
 *
 * One difference, on purpose: a key `__proto__` (JSON and YAML readers give it as an ordinary
 * key) stays an own key of the copy. The SDK's walk assigns it, which makes its value the copy's
 * prototype and loses the key.
 */

/**
 * The members by which the SDK recognises its own values (utils.isInstance) whatever their
 * class: a plain object that carries one of them is not plain to the SDK either.
 */
const SDK_MARKERS = [
  "__pulumiOutput",
  "__pulumiUnknown",
  "__pulumiAsset",
  "__pulumiArchive",
  "__pulumiResource",
  "__pulumiCustomResource",
  "__pulumiComponentResource",
] as const;

/**
 * Sets `key` as an own, enumerable data property. Plain assignment would not do for the key
 * `__proto__`: `out["__proto__"] = value` replaces the copy's prototype (or does nothing when the
 * value is not an object), so the key would vanish from the copy, and any keys of its value would
 * seem to belong to the copy itself to code that walks it with for...in.
 */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** Returned by serializePlain when the value must go through the SDK. */
export const NOT_PLAIN: unique symbol = Symbol("not plain data");

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const marker of SDK_MARKERS) {
    if ((value as Record<string, unknown>)[marker] === true) return false;
  }
  return true;
}

/**
 * What the SDK's serializeProperty gives for `value` (undefined for a function or undefined), or
 * NOT_PLAIN when the value holds anything the SDK must wait for or translate.
 */
export function serializePlain(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "function":
      return undefined;
    case "object":
      break;
    default:
      // bigint and symbol: whatever the SDK makes of them, it is the SDK's to say.
      return NOT_PLAIN;
  }
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const element = serializePlain(value[i]);
      if (element === NOT_PLAIN) return NOT_PLAIN;
      out[i] = element === undefined ? null : element;
    }
    return out;
  }
  if (!isPlainObject(value)) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const element = serializePlain(value[key]);
    if (element === NOT_PLAIN) return NOT_PLAIN;
    if (element !== undefined) setOwn(out, key, element);
  }
  return out;
}

/** A resource's serialized inputs, and per input the resources its value depends on. */
export type SerializedProperties = [Record<string, unknown>, Map<string, Set<unknown>>];

/** The SDK's serializeResourceProperties (runtime/rpc.js). */
export type SerializeResourceProperties = (
  label: string,
  props: Record<string, unknown>,
  opts?: unknown,
) => Promise<SerializedProperties>;

/**
 * serializeResourceProperties with plain inputs copied at once and the rest, together and in
 * their order, left to the SDK's own function: the same result, the same property dependencies,
 * the same errors.
 */
export async function serializeResourcePropertiesLeanly(
  original: SerializeResourceProperties,
  label: string,
  props: Record<string, unknown>,
  opts: unknown,
): Promise<SerializedProperties> {
  const keys = Object.keys(props).filter((key) => key !== "id" && key !== "urn");
  const plain = new Map<string, unknown>();
  let others: Record<string, unknown> | undefined;
  for (const key of keys) {
    const value = props[key];
    const serialized = serializePlain(value);
    if (serialized === NOT_PLAIN) setOwn((others ??= {}), key, value);
    else plain.set(key, serialized);
  }
  const [serializedOthers, othersDependencies] =
    others === undefined
      ? [{} as Record<string, unknown>, new Map<string, Set<unknown>>()]
      : await original(label, others, opts);
  const result: Record<string, unknown> = {};
  const dependencies = new Map<string, Set<unknown>>();
  for (const key of keys) {
    const fromSdk = othersDependencies.get(key);
    if (fromSdk !== undefined) {
      setOwn(result, key, serializedOthers[key]);
      dependencies.set(key, fromSdk);
    } else if (plain.get(key) !== undefined) {
      setOwn(result, key, plain.get(key));
      dependencies.set(key, new Set());
    }
  }
  return [result, dependencies];
}
