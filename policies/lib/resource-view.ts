/**
 * Plain views of the resources a policy is given. @pulumi/policy hands a policy its properties
 * behind a proxy that throws UnknownValueError when a value is not known yet (during a preview,
 * anything computed from another resource's outputs); the SDK turns that exception into an
 * advisory "can't run policy during preview" and the policy's verdict is lost. The rules here
 * never see the proxy: every property is copied into plain data first, and a value that is not
 * known becomes an `Unknown` that the rules handle explicitly (most of them report it: a rule
 * that cannot evaluate is not a pass).
 */
import type {
  PolicyProviderResource,
  PolicyResource,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { UnknownValueError } from "@pulumi/policy";
import { UNKNOWN } from "../../wire/markers";

/** A property value that is not known during a preview. `path` is where it was found. */
export class Unknown {
  constructor(readonly path: string) {}
}

export type Plain = null | boolean | number | string | Unknown | Plain[] | PlainObject;
export interface PlainObject {
  [key: string]: Plain;
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isUnknown(value);
}

function join(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;
}

/** Reads `read()`; an unknown value becomes an Unknown at `path` instead of an exception. */
function guarded(read: () => unknown, path: string): unknown {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnknownValueError) return new Unknown(path);
    throw error;
  }
}

/** A deep plain copy of a value read through the SDK's unknown-checking proxy (or of plain data). */
export function toPlain(value: unknown, path = ""): Plain {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
    return value;
  }
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) {
    const length = guarded(() => value.length, path);
    if (isUnknown(length)) return length;
    const out: Plain[] = [];
    for (let i = 0; i < (length as number); i++) {
      const element = guarded(() => value[i], join(path, i));
      out.push(toPlain(element, join(path, i)));
    }
    return out;
  }
  if (typeof value === "object") {
    const out: PlainObject = {};
    for (const key of Object.keys(value)) {
      const element = guarded(() => (value as Record<string, unknown>)[key], join(path, key));
      if (element === undefined) continue;
      out[key] = toPlain(element, join(path, key));
    }
    return out;
  }
  return null;
}

/**
 * The policy SDK's proxy hands out the object it wraps under this key (proxy.js
 * getSpecialProxyTarget); a plain object has no such property.
 */
const PROXY_TARGET = "__getSpecialProxyTarget";

/** The sentinels the proxy throws UnknownValueError for (analyzer/wire.ts, checked by a test). */
const SENTINELS = new Set<unknown>(Object.values(UNKNOWN));

/**
 * toPlain of the object behind the SDK's proxy, read directly: the same result (a field holding
 * an unknown sentinel is what the proxy throws for, and becomes an Unknown at its path) without a
 * proxy, an array of path segments and sometimes an exception per property read. The path is
 * worked out only for an Unknown: most values are known, and most resources have none.
 */
function rawToPlain(value: unknown, path: () => string): Plain {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
    return value;
  }
  if (Array.isArray(value)) {
    const out: Plain[] = [];
    for (let i = 0; i < value.length; i++) out.push(rawElement(value[i], path, i));
    return out;
  }
  if (typeof value === "object") {
    const out: PlainObject = {};
    for (const key of Object.keys(value)) {
      const element = (value as Record<string, unknown>)[key];
      if (element !== undefined) out[key] = rawElement(element, path, key);
    }
    return out;
  }
  return null;
}

/** rawToPlain of the element `key` of a value at `path`. */
function rawElement(element: unknown, path: () => string, key: string | number): Plain {
  if (typeof element === "string") {
    return SENTINELS.has(element) ? new Unknown(join(path(), key)) : element;
  }
  if (typeof element !== "object" || element === null) return rawToPlain(element, path);
  return rawToPlain(element, () => join(path(), key));
}

/**
 * Plain properties per object the SDK decoded: when the SDK hands every policy the same decoded
 * object (the harness's in-process mode), they are copied once and shared by every rule, which
 * reads them and never changes them. Out of process each policy gets its own object anyway.
 */
const plainOf = new WeakMap<object, PlainObject>();

/** The object the SDK decoded, behind its proxy; undefined for anything else. */
function decodedTarget(value: unknown): object | undefined {
  const target =
    typeof value === "object" && value !== null
      ? (value as Record<string, unknown>)[PROXY_TARGET]
      : undefined;
  return typeof target === "object" && target !== null && !Array.isArray(target)
    ? target
    : undefined;
}

export function toPlainObject(value: unknown): PlainObject {
  const target = decodedTarget(value);
  if (target === undefined) {
    const plain = toPlain(value);
    return isPlainObject(plain) ? plain : {};
  }
  let plain = plainOf.get(target);
  if (plain === undefined) {
    const copied = rawToPlain(target, () => "");
    plain = isPlainObject(copied) ? copied : {};
    plainOf.set(target, plain);
  }
  return plain;
}

/**
 * A view per decoded properties object, like plainOf: the SDK hands every policy of a request the
 * same decoded object for a resource, with the same options, provider and dependencies, so each
 * resource's view is made once for all resource policies, and once for all stack policies (six
 * of them, each given every resource of the stack). Rules read views and never change them.
 */
function sharedView<R>(cache: WeakMap<object, ResourceView>, make: (resource: R) => ResourceView) {
  return (resource: R & { props: unknown }): ResourceView => {
    const target = decodedTarget(resource.props);
    if (target === undefined) return make(resource);
    let view = cache.get(target);
    if (view === undefined) {
      view = make(resource);
      cache.set(target, view);
    }
    return view;
  };
}

export interface ProviderView {
  type: string;
  urn: string;
  name: string;
  props: PlainObject;
}

/** A resource as the rules see it: plain properties, and what it depends on (stack policies only). */
export interface ResourceView {
  type: string;
  urn: string;
  /** The Pulumi (logical) name. */
  name: string;
  /** Inputs for resource policies, outputs for stack policies (what the engine sends each). */
  props: PlainObject;
  provider?: ProviderView;
  /** URN of the parent, if any. */
  parent?: string;
  /** Properties the engine told the policy to ignore changes of (`ignoreChanges`). */
  ignoreChanges: string[];
  /** URNs this resource depends on (empty for resource policies: the engine sends none). */
  dependencies: string[];
  /** Per property, the URNs its value came from (stack policies only). */
  propertyDependencies: Record<string, string[]>;
}

function providerView(provider: PolicyProviderResource | undefined): ProviderView | undefined {
  if (provider === undefined) return undefined;
  return {
    type: provider.type,
    urn: provider.urn,
    name: provider.name,
    props: toPlainObject(provider.props),
  };
}

function makeResourceView(args: ResourceValidationArgs): ResourceView {
  const view: ResourceView = {
    type: args.type,
    urn: args.urn,
    name: args.name,
    props: toPlainObject(args.props),
    ignoreChanges: [...(args.opts?.ignoreChanges ?? [])],
    dependencies: [],
    propertyDependencies: {},
  };
  const provider = providerView(args.provider);
  if (provider !== undefined) view.provider = provider;
  if (args.opts?.parent) view.parent = args.opts.parent;
  return view;
}

function makeStackResourceView(resource: PolicyResource): ResourceView {
  const view: ResourceView = {
    type: resource.type,
    urn: resource.urn,
    name: resource.name,
    props: toPlainObject(resource.props),
    ignoreChanges: [...(resource.opts?.ignoreChanges ?? [])],
    dependencies: resource.dependencies.map((d) => d.urn),
    propertyDependencies: {},
  };
  for (const [key, resources] of Object.entries(resource.propertyDependencies ?? {})) {
    view.propertyDependencies[key] = resources.map((d) => d.urn);
  }
  const provider = providerView(resource.provider);
  if (provider !== undefined) view.provider = provider;
  if (resource.parent !== undefined) view.parent = resource.parent.urn;
  return view;
}

export const resourceView = sharedView(new WeakMap(), makeResourceView);
const stackResourceView = sharedView(new WeakMap(), makeStackResourceView);

export function stackViews(args: StackValidationArgs): ResourceView[] {
  return args.resources.map(stackResourceView);
}

// ---------------------------------------------------------------------------------------------
// Reading properties
// ---------------------------------------------------------------------------------------------

/** A property as a rule reads it: its value, absent (undefined), or not known yet. */
export type Read<T> = T | undefined | Unknown;

/** The parts of each path the rules read (a few dozen, each read for most resources). */
const pathParts = new Map<string, readonly string[]>();

function partsOf(path: string): readonly string[] {
  let parts = pathParts.get(path);
  if (parts === undefined) {
    parts = path.split(/\.|\[|\]/).filter((p) => p !== "");
    pathParts.set(path, parts);
  }
  return parts;
}

/** The value at a dotted path (`a.b`, `a[0].b`); Unknown if it or a parent is not known. */
export function at(props: PlainObject, path: string): Plain | undefined {
  let current: Plain | undefined = props;
  for (const part of partsOf(path)) {
    if (isUnknown(current)) return current;
    if (Array.isArray(current)) {
      current = current[Number(part)];
    } else if (isPlainObject(current)) {
      current = Object.prototype.hasOwnProperty.call(current, part) ? current[part] : undefined;
    } else {
      return undefined;
    }
  }
  return current === null ? undefined : current;
}

/** A string property; values of other types read as absent. */
export function readString(props: PlainObject, path: string): Read<string> {
  const value = at(props, path);
  if (isUnknown(value)) return value;
  return typeof value === "string" ? value : undefined;
}

/** A number property (numeric strings are accepted, as the engine may send them). */
export function readNumber(props: PlainObject, path: string): Read<number> {
  const value = at(props, path);
  if (isUnknown(value)) return value;
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
}

export function readArray(props: PlainObject, path: string): Read<Plain[]> {
  const value = at(props, path);
  if (isUnknown(value)) return value;
  return Array.isArray(value) ? value : undefined;
}

export function readObject(props: PlainObject, path: string): Read<PlainObject> {
  const value = at(props, path);
  if (isUnknown(value)) return value;
  return isPlainObject(value) ? value : undefined;
}

/** `resource name (type)` for messages. */
export function identify(resource: ResourceView): string {
  return `${resource.name} (${shortType(resource.type)})`;
}

/** `openstack:compute/instance:Instance` -> `compute.Instance`. */
export function shortType(type: string): string {
  const match = /^[^:]+:([^/:]+)\/[^:]*:(.+)$/.exec(type);
  return match === null ? type : `${match[1]}.${match[2]}`;
}

/** Why a value could not be checked, for messages: `.flavorName is not known during the preview`. */
export function unknownReason(value: Unknown): string {
  return `.${value.path} is not known during the preview (it is computed from another resource)`;
}
