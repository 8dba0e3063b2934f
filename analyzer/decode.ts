/**
 * Wire values back to plan JSON (the planner's markers, see wire.ts), for reporting what a
 * remediation changed: secrets become the secret marker whatever they hold (their values never
 * reach a report), unknown sentinels become unknown markers, assets and archives their markers.
 * Pure functions.
 */
import type { WireValue } from "../wire/encode";
import {
  ARCHIVE_SIG,
  ASSET_SIG,
  PLAN_ARCHIVE_MARKER,
  PLAN_ASSET_MARKER,
  PLAN_SECRET_MARKER,
  PLAN_UNKNOWN_MARKER,
  SECRET_SIG,
  SIG_KEY,
  unknownTypeOf,
} from "../wire/markers";

export type PlanValue =
  null | boolean | number | string | PlanValue[] | { [key: string]: PlanValue };

function decodeObject(
  value: { [key: string]: WireValue },
  dropSignature = false,
): { [key: string]: PlanValue } {
  const out: { [key: string]: PlanValue } = {};
  for (const key of Object.keys(value)) {
    if (!(dropSignature && key === SIG_KEY)) out[key] = decodeValue(value[key]);
  }
  return out;
}

export function decodeValue(value: WireValue): PlanValue {
  if (typeof value === "string") {
    const unknown = unknownTypeOf(value);
    if (unknown === undefined) return value;
    return unknown === "string" ? PLAN_UNKNOWN_MARKER : { [PLAN_UNKNOWN_MARKER]: unknown };
  }
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  switch (value[SIG_KEY]) {
    case SECRET_SIG:
      return { [PLAN_SECRET_MARKER]: true };
    case ASSET_SIG:
      return { [PLAN_ASSET_MARKER]: decodeObject(value, true) };
    case ARCHIVE_SIG:
      return { [PLAN_ARCHIVE_MARKER]: decodeObject(value, true) };
    default:
      return decodeObject(value);
  }
}

export function decodeProperties(props: Record<string, WireValue>): Record<string, PlanValue> {
  const out: Record<string, PlanValue> = {};
  for (const key of Object.keys(props)) out[key] = decodeValue(props[key]);
  return out;
}
