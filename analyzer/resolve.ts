/**
 * Where a pack's `@pulumi/pulumi/cmd/run-policy-pack` is: resolved with Node's own resolution
 * starting at the pack directory, as the engine's `pulumi-analyzer-policy` shim does
 * (`node -e "require.resolve('@pulumi/pulumi/cmd/run-policy-pack')"` run in the pack directory).
 */
export const RUN_POLICY_PACK = "@pulumi/pulumi/cmd/run-policy-pack";

export function resolveRunPolicyPack(packDir: string): string {
  try {
    return require.resolve(RUN_POLICY_PACK, { paths: [packDir] });
  } catch {
    // The engine's words for errRunPolicyModuleNotFound.
    throw new Error(
      `it looks like the policy pack's dependencies are not installed; try running npm install or yarn install in "${packDir}" (cannot resolve ${RUN_POLICY_PACK} from there)`,
    );
  }
}
