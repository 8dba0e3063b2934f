/** Freezes a value and everything in it: rules are pure, and a rule that tried to change its config or its facts fails loudly. Frozen parts are left as they are. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
