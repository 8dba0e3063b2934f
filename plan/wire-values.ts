/**
 * Turns the values the Pulumi SDK sends to the engine (a protobuf Struct with signature objects
 * for secrets, resource references, assets and unknowns) into plain plan JSON. Secrets become
 * `{ "[secret]": true }` so that a plan never holds one in clear.
 */
import * as pulumi from "@pulumi/pulumi";

const runtime = pulumi.runtime as unknown as {
  specialSigKey: string;
  specialSecretSig: string;
  specialResourceSig: string;
  specialAssetSig: string;
  specialArchiveSig: string;
  unknownValue: string;
};

export const SECRET_MARKER = "[secret]";
export const UNKNOWN_MARKER = "[unknown]";

/** Resolves a mock URN (the mock monitor's own form) to the URN the engine would give. */
export type UrnResolver = (urn: string) => string;

export function toPlanValue(value: unknown, resolveUrn: UrnResolver): unknown {
  if (value === runtime.unknownValue) return UNKNOWN_MARKER;
  if (Array.isArray(value)) return value.map((item) => toPlanValue(item, resolveUrn));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const sig = record[runtime.specialSigKey];
  if (sig === runtime.specialSecretSig) return { [SECRET_MARKER]: true };
  if (sig === runtime.specialResourceSig) {
    // The engine flattens references to the URN (or id) before a policy sees them.
    return typeof record.urn === "string" ? resolveUrn(record.urn) : record.id;
  }
  if (sig === runtime.specialAssetSig || sig === runtime.specialArchiveSig) {
    const rest = Object.fromEntries(
      Object.entries(record).filter(([key]) => key !== runtime.specialSigKey),
    );
    return { [sig === runtime.specialAssetSig ? "[asset]" : "[archive]"]: rest };
  }
  const out: Record<string, unknown> = {};
  for (const key of sortedKeys(record)) out[key] = toPlanValue(record[key], resolveUrn);
  return out;
}

/**
 * The keys of `record` in sorted order. The SDKs of the providers pass a resource's inputs in
 * sorted order already, so the keys are checked before they are sorted.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) return keys.sort();
  }
  return keys;
}
