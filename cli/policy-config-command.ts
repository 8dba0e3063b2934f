/**
 * `govcloud policy-config [--policy-config <file>] [--out <file>]`: the config that runs the city's
 * policy pack away from this estate, a published pack above all: the settings (the estate's
 * policy-config.json by default) with, in each policy's entry, the city's facts it reads
 * (docs/policies.md, "The city's facts"). Pass it to the engine with --policy-pack-config.
 * Without --today the pack judges approvals on the day it runs; with it, on that day.
 */
import { resolve } from "node:path";
import { PolicyConfigError } from "../analyzer/policy-config";
import { estatePackConfig } from "../check/pack-config";
import type { LoadResult } from "../model/estate-loader";
import { invalidPlatformOutput, policySetup } from "./check-command";
import { writeReportFile } from "./output";
import { UsageError } from "./usage-error";

export interface PolicyConfigOptions {
  policyConfig?: string;
  out?: string;
  today?: string;
}

export function runPolicyConfig(
  root: string,
  loaded: LoadResult,
  options: PolicyConfigOptions,
  cwd = process.cwd(),
): { exitCode: number; stdout: string } {
  if (loaded.estate === undefined) return invalidPlatformOutput("policy-config", loaded);
  const { configFile } = policySetup(root, cwd, options);
  let config;
  try {
    config = estatePackConfig(loaded.estate, configFile, options.today);
  } catch (error) {
    if (error instanceof PolicyConfigError) throw new UsageError(error.message);
    throw error;
  }
  const text = JSON.stringify(config, null, 2) + "\n";
  if (options.out === undefined) return { exitCode: 0, stdout: text };
  const file = resolve(cwd, options.out);
  writeReportFile(file, text);
  return { exitCode: 0, stdout: `govcloud policy-config: wrote ${file}\n` };
}
