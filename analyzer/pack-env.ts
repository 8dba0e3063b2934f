/**
 * The command line and environment the engine gives a Node policy pack
 * (analyzer_plugin.go NewPolicyAnalyzer and constructEnv; the `pulumi-analyzer-policy` shim):
 *   node <run-policy-pack> <engine address> . [-<option>=<value> ...]   (cwd = the pack directory)
 * with the engine's own environment plus PULUMI_CONFIG (the decrypted stack config as JSON),
 * PULUMI_NODEJS_{ORGANIZATION,PROJECT,STACK,DRY_RUN} and PULUMI_{ORGANIZATION,PROJECT,STACK,DRY_RUN},
 * each only when not empty. Pure.
 */

export interface PackLaunchSettings {
  organization: string;
  project: string;
  stack: string;
  dryRun: boolean;
  /** Decrypted stack config, keys "project:key"; absent means PULUMI_CONFIG is not set. */
  config?: Record<string, string>;
}

/** Variables the harness owns: inherited values are dropped so the pack sees only what it is given. */
const OWNED =
  /^(PULUMI_NODEJS_|PULUMI_CONFIG$|PULUMI_CONFIG_SECRET_KEYS$|PULUMI_(ORGANIZATION|PROJECT|STACK|DRY_RUN)$)/;

export function packEnvironment(
  base: NodeJS.ProcessEnv,
  settings: PackLaunchSettings,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && !OWNED.test(key)) env[key] = value;
  }
  const set = (key: string, value: string) => {
    if (value !== "") env[key] = value;
  };
  if (settings.config) set("PULUMI_CONFIG", JSON.stringify(settings.config));
  const dryRun = String(settings.dryRun);
  set("PULUMI_NODEJS_ORGANIZATION", settings.organization);
  set("PULUMI_NODEJS_PROJECT", settings.project);
  set("PULUMI_NODEJS_STACK", settings.stack);
  set("PULUMI_NODEJS_DRY_RUN", dryRun);
  set("PULUMI_ORGANIZATION", settings.organization);
  set("PULUMI_PROJECT", settings.project);
  set("PULUMI_STACK", settings.stack);
  set("PULUMI_DRY_RUN", dryRun);
  return env;
}

/** Arguments after the node binary. Runtime options become `-key=value` (empty values dropped). */
export function packArguments(
  runPolicyPack: string,
  engineAddress: string,
  runtimeOptions: Record<string, unknown> = {},
): string[] {
  const args = [runPolicyPack, engineAddress, "."];
  for (const key of Object.keys(runtimeOptions).sort()) {
    const value = String(runtimeOptions[key] ?? "");
    if (value !== "") args.push(`-${key}=${value}`);
  }
  return args;
}
