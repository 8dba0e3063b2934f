/** google.protobuf.Struct conversions, exactly as the SDKs do them (Struct.fromJavaScript). */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { WireObject, WireValue } from "./encode";

/** How a property map becomes the Struct of a request (see PlainStruct for the in-process one). */
export type StructFactory = (obj: WireObject) => Struct;

type FromJavaScript = typeof Struct.fromJavaScript;

/**
 * Struct.fromJavaScript as google-protobuf ships it: while planning, the planner makes it return
 * PlainStructs (plan/runtime-tuning.ts), and a PlainStruct filling its fields with one would
 * never end.
 */
const fromJavaScript: FromJavaScript = (
  (Struct.fromJavaScript as FromJavaScript & { original?: FromJavaScript }).original ??
  Struct.fromJavaScript
).bind(Struct);

export function toStruct(obj: WireObject): Struct {
  return fromJavaScript(obj as Parameters<FromJavaScript>[0]);
}

export function fromStruct(struct: Struct | undefined): WireObject {
  return struct === undefined ? {} : (struct.toJavaScript() as WireObject);
}

/** Whether every key comes after the one before it, as a Struct's map iterates them. */
function sortedKeys(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] >= keys[i]) return false;
  return true;
}

// Deeply frozen values found in order: they cannot change, so the city's facts the offline check
// hands the pack with every stack's config are walked once, not once per stack.
const frozenInOrder = new WeakSet<object>();

function isKnownInOrder(value: WireValue): boolean {
  return value === null || typeof value !== "object" || frozenInOrder.has(value);
}

function inOrder(value: WireValue): boolean {
  if (value === null || typeof value !== "object") return true;
  if (frozenInOrder.has(value)) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  const ordered =
    (Array.isArray(value) || sortedKeys(Object.keys(value))) && children.every(inOrder);
  if (ordered && Object.isFrozen(value) && children.every(isKnownInOrder)) {
    frozenInOrder.add(value);
  }
  return ordered;
}

/** `value` in struct order; what already is (a subtree, or the whole) is kept, not copied. */
function reorder(value: WireValue): WireValue {
  if (value === null || typeof value !== "object" || frozenInOrder.has(value)) return value;
  if (Array.isArray(value)) {
    const items = value.map(reorder);
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  const keys = Object.keys(value);
  let changed = !sortedKeys(keys);
  const out: WireObject = {};
  for (const key of [...keys].sort()) {
    out[key] = reorder(value[key]);
    changed ||= out[key] !== value[key];
  }
  return changed ? out : value;
}

/**
 * `value` with its keys in the order Struct.toJavaScript() gives them (a Struct's map iterates
 * its keys sorted), so that a policy sees the same order in every mode; copied only when needed
 * (plans come sorted).
 */
export function inStructOrder(value: WireObject): WireObject {
  return inOrder(value) ? value : (reorder(value) as WireObject);
}

/**
 * A Struct that keeps the property map it was made from and hands it back from toJavaScript()
 * as it is, for a request that is passed to the pack's handler as an object (in-process) instead
 * of being serialized: the pack calls toJavaScript() once per policy, and building and walking a
 * Struct's Values each time is most of what the analysis of a resource costs. The map is shared,
 * never copied: neither side may change it (the policy SDK copies it as it deserializes).
 * Anything else that reads the fields (serializeBinary, toObject) gets the same fields as
 * Struct.fromJavaScript would have built, built on first use. The planner uses it for the same
 * reason between the SDK and its mock monitor (plan/runtime-tuning.ts).
 */
export class PlainStruct extends Struct {
  private filled = false;

  constructor(private readonly plain: WireObject) {
    super();
  }

  static of(obj: WireObject): Struct {
    return new PlainStruct(inStructOrder(obj));
  }

  override toJavaScript(): ReturnType<Struct["toJavaScript"]> {
    return this.plain as ReturnType<Struct["toJavaScript"]>;
  }

  // Also called as getFieldsMap(true) by the serializer: once filled, the map always exists.
  override getFieldsMap(): ReturnType<Struct["getFieldsMap"]> {
    const fields = super.getFieldsMap();
    if (!this.filled) {
      this.filled = true;
      toStruct(this.plain)
        .getFieldsMap()
        .forEach((value, key) => fields.set(key, value));
    }
    return fields;
  }
}
