/**
 * Constants of the Pulumi wire format, as the engine marshals property values for analyzers
 * (pulumi/pulumi sdk/go/common/resource/plugin/rpc.go and sig/sig.go; the same values are in
 * @pulumi/pulumi runtime/rpc.js and @pulumi/policy proxy.js). A test checks these against the
 * installed SDK so that an upgrade that changes them cannot go unnoticed.
 */

/** Key of the signature property that marks a special object (secret, asset, archive, ...). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** The typed sentinel strings that stand for a value not known during a preview. */
export const UNKNOWN = {
  bool: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  asset: "030794c1-ac77-496b-92df-f27374a8bd58",
  archive: "e48ece36-62e2-4504-bad9-02848725956a",
  object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
} as const;

export type UnknownType = keyof typeof UNKNOWN;

const UNKNOWN_BY_SENTINEL = new Map<string, UnknownType>(
  (Object.keys(UNKNOWN) as UnknownType[]).map((k) => [UNKNOWN[k], k]),
);

/** The type an unknown sentinel stands for, or undefined if the string is an ordinary value. */
export function unknownTypeOf(value: string): UnknownType | undefined {
  return UNKNOWN_BY_SENTINEL.get(value);
}

/**
 * Markers of the plan JSON (plan/wire-values.ts, docs/plan-format.md):
 * - a secret is `{ "[secret]": true }`; its value is never written to the plan;
 * - a value not known at plan time is the string `"[unknown]"`; the harness also accepts
 *   `{ "[unknown]": <type> }` with <type> a key of UNKNOWN, for a typed unknown;
 * - an asset is `{ "[asset]": { text | path | uri, hash? } }`, an archive
 *   `{ "[archive]": { assets | path | uri, hash? } }`.
 */
export const PLAN_SECRET_MARKER = "[secret]";
export const PLAN_UNKNOWN_MARKER = "[unknown]";
export const PLAN_ASSET_MARKER = "[asset]";
export const PLAN_ARCHIVE_MARKER = "[archive]";
