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
 * left alone: a remediation returns changed properties. The wrapper is installed once per
 * process; a pack whose SDK has no such module keeps decoding per policy.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

type Deserialize = (struct: object, proxySecrets: boolean) => unknown;

interface DeserializeModule {
  deserializeProperties: Deserialize & { shared?: true };
}

/** Wraps deserializeProperties of the @pulumi/policy in `policyDir`; false when it cannot. */
export function shareDecoding(policyDir: string): boolean {
  const file = join(policyDir, "deserialize.js");
  if (!existsSync(file)) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(file) as Partial<DeserializeModule>;
  const original = module.deserializeProperties;
  if (typeof original !== "function") return false;
  if (original.shared) return true;
  const decoded = new WeakMap<object, unknown>();
  const shared: DeserializeModule["deserializeProperties"] = (struct, proxySecrets) => {
    if (proxySecrets || typeof struct !== "object" || struct === null) {
      return original(struct, proxySecrets);
    }
    if (!decoded.has(struct)) decoded.set(struct, original(struct, proxySecrets));
    return decoded.get(struct);
  };
  shared.shared = true;
  module.deserializeProperties = shared;
  return true;
}
