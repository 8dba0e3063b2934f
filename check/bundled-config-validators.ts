/**
 * The config validators of the bundled policy pack, compiled at build time
 * (scripts/compile-schemas.ts into generated/policy-config-validators.ts), handed to this process's
 * analyzer so that it does not load ajv and compile them when the pack is configured. Another
 * pack, or a changed schema that was not rebuilt, is simply compiled at run time.
 */
import type { ValidateFunction } from "ajv";
import { useCompiledValidators } from "../analyzer/policy-config";
import { COMPILED_VALIDATORS } from "../generated/policy-config-validators";

export function useBundledConfigValidators(): void {
  useCompiledValidators(COMPILED_VALIDATORS as unknown as ReadonlyMap<string, ValidateFunction>);
}
