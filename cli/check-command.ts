/**
 * `govcloud check <dept...|--all>`: plans each stack offline and runs the city's policy pack on
 * it the way `pulumi preview --policy-pack policies` does, then prints per department and site
 * the resources, quota use and policy results. Exit 1 on any mandatory violation, crashed policy
 * or stack that could not be planned.
 *
 * How the pack is run (in-process over workers, or isolated as the engine does):
 * check/check-stacks.ts.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkStacks } from "../check/check-stacks";
import type { LoadResult } from "../model/estate-loader";
import { stackPassed } from "../check/stack-result";
import { formatCheckSummary, formatCheckTable, formatViolations } from "../render/check-report";
import { formatFailoverHeadroom } from "../render/failover-report";
import { formatProblemText } from "../model/problem";
import { estateSiteLosses, failoverSettings } from "./failover-settings";
import { BUNDLED_PACK_DIR, bundledPackDir } from "./installed-program";
import { selectStacks } from "./stack-selection";
import { UsageError } from "./usage-error";

export const DEFAULT_PACK_DIR = BUNDLED_PACK_DIR;
export const DEFAULT_POLICY_CONFIG = "policy-config.json";

export interface CheckOptions {
  all: boolean;
  packDir?: string;
  policyConfig?: string;
  format: "text" | "json";
  /** YYYY-MM-DD the policies check approval expiry against (default: today). */
  today?: string;
  /** Run the pack out of process, as the engine does (slower; no in-process shortcuts). */
  isolated?: boolean;
  /** Worker processes for the fast path (default: one per core; 0 or 1: this process only). */
  workers?: number;
}

/**
 * The pack folder and config file a command uses, checked: usage errors when they are wrong.
 * Given ones are relative to the working folder. By default the pack is the one installed with
 * the program (it is part of the program, whatever estate --root names), and the config is the
 * estate's: the city sets its levels and knobs next to its platform.yaml.
 */
export function policySetup(
  root: string,
  cwd: string,
  options: { packDir?: string; policyConfig?: string },
): { packDir: string; configFile?: string } {
  const packDir = options.packDir === undefined ? bundledPackDir() : resolve(cwd, options.packDir);
  if (!existsSync(join(packDir, "PulumiPolicy.yaml"))) {
    throw new UsageError(`${packDir} is not a policy pack (no PulumiPolicy.yaml)`);
  }
  const configFile =
    options.policyConfig === undefined
      ? join(root, DEFAULT_POLICY_CONFIG)
      : resolve(cwd, options.policyConfig);
  if (options.policyConfig !== undefined && !existsSync(configFile)) {
    throw new UsageError(`policy config ${configFile} does not exist`);
  }
  return existsSync(configFile) ? { packDir, configFile } : { packDir };
}

/** What a command prints when platform.yaml itself is invalid (nothing can be planned). */
export function invalidPlatformOutput(
  command: string,
  loaded: LoadResult,
): { exitCode: number; stdout: string } {
  return {
    exitCode: 1,
    stdout:
      [
        ...loaded.problems.map(formatProblemText),
        `govcloud ${command}: platform.yaml is not valid`,
      ].join("\n") + "\n",
  };
}

export async function runCheck(
  root: string,
  loaded: LoadResult,
  names: string[],
  options: CheckOptions,
  cwd = process.cwd(),
): Promise<{ exitCode: number; stdout: string }> {
  const started = performance.now();
  if (loaded.estate === undefined) return invalidPlatformOutput("check", loaded);
  const stacks = selectStacks(
    names,
    options.all,
    loaded.estate,
    loaded.files,
    loaded.missingDepartments,
  );
  const setup = policySetup(root, cwd, options);
  const checked = await checkStacks(root, loaded, stacks, {
    ...setup,
    ...(options.today === undefined ? {} : { today: options.today }),
    ...(options.isolated === undefined ? {} : { isolated: options.isolated }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  });
  const checks = checked.map((entry) => entry.check);
  const exitCode = checks.every(stackPassed) ? 0 : 1;
  const elapsed = performance.now() - started;
  if (options.format === "json") {
    return { exitCode, stdout: JSON.stringify({ passed: exitCode === 0, checks }, null, 2) + "\n" };
  }
  const parts = [formatCheckTable(checks)];
  // What each site needs when the other is lost, with the settings site-failover judges by.
  const failover = formatFailoverHeadroom(
    estateSiteLosses(loaded.estate, failoverSettings(setup.configFile)),
  );
  if (failover !== "") parts.push("", failover);
  const violations = formatViolations(checks);
  if (violations !== "") parts.push("", violations);
  parts.push("", formatCheckSummary(checks, elapsed));
  return { exitCode, stdout: parts.join("\n") + "\n" };
}
