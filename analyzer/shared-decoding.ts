/**
 * In-process mode only: the policy SDK deserializes a resource's properties (Struct to plain
 * values, deserialize.js) once for every policy that looks at it, and once per stack policy for
 * every resource of AnalyzeStack. Here the SDK's deserializeProperties is wrapped so that the
 * same Struct gives the same result to every policy: one decoding per resource and request.
 *
 * The result is shared, so a policy that changed `args.props` in place would change what the
 * next policy sees; the govcloud rules never do (they copy the properties into their own views,
 * policies/lib/resource-view.ts), and the in-process contract test compares every report with
 * the process mode, where each policy gets its own copy. Remediation (proxySecrets = true) is
 * left alone: a remediation returns changed properties. A patch under the guard of
 * plan/sdk-patches.ts, applied once per process: a pack whose policy SDK is another version or
 * has no such function keeps decoding per policy.
 */
import { join } from "node:path";
import { applySdkPatch, functionPatch, type SdkPatch } from "../plan/sdk-patches";

type Deserialize = (struct: object, proxySecrets: boolean) => unknown;

/** The patch for the @pulumi/policy in `policyDir`. */
export function sharedDecodingPatch(policyDir: string): SdkPatch {
  return functionPatch<Deserialize>({
    name: "shared-decoding",
    package: "@pulumi/policy",
    versions: ["v1.21.0"],
    from: policyDir,
    where: "deserialize.js deserializeProperties",
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    owner: () => require(join(policyDir, "deserialize.js")) as object,
    key: "deserializeProperties",
    arity: 2,
    replace: (original) => {
      const decoded = new WeakMap<object, unknown>();
      return (struct, proxySecrets) => {
        if (proxySecrets || typeof struct !== "object" || struct === null) {
          return original(struct, proxySecrets);
        }
        if (!decoded.has(struct)) decoded.set(struct, original(struct, proxySecrets));
        return decoded.get(struct);
      };
    },
  });
}

/** Shares the decoding of the @pulumi/policy in `policyDir` when the guard allows; whether it does. */
export function shareDecoding(policyDir: string): boolean {
  return applySdkPatch(sharedDecodingPatch(policyDir));
}
