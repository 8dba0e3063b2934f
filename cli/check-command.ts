/**
 * `govcloud check <dept...|--all>`: plans each stack offline and runs the city's policy pack on
 * it the way `pulumi preview --policy-pack policies` does, then prints per department and site
 * the resources, quota use and policy results. Exit 1 on any mandatory violation, crashed policy
 * or stack that could not be planned.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { AnalysisReport } from "../analyzer/types";
import { findDepartment } from "../model/estate";
import { ESTATE_ROOT_VARIABLE, TODAY_VARIABLE } from "../policies/lib/load-facts";
import type { LoadResult } from "../model/estate-loader";
import { departmentUsage, emptyUsage } from "../model/usage";
import type { StackPlan } from "../plan/types";
import type { StackCheck } from "../render/check-report";
import {
  formatCheckSummary,
  formatCheckTable,
  formatViolations,
  stackPassed,
} from "../render/check-report";
import { formatProblemText } from "../render/problems";
import { planStacks } from "./plan-command";
import { selectStacks } from "./stack-selection";
import { UsageError } from "./usage-error";

export const DEFAULT_PACK_DIR = "policies";
export const DEFAULT_POLICY_CONFIG = "policy-config.json";

export interface CheckOptions {
  all: boolean;
  packDir?: string;
  policyConfig?: string;
  format: "text" | "json";
  /** YYYY-MM-DD the policies check approval expiry against (default: today). */
  today?: string;
}

function stackCheck(loaded: LoadResult, plan: StackPlan, report: AnalysisReport): StackCheck {
  const byUrn = new Map(plan.resources.map((resource) => [resource.urn, resource]));
  const diagnostics = report.diagnostics.map((diagnostic) => {
    const resource = byUrn.get(diagnostic.urn);
    return {
      ...diagnostic,
      ...(resource?.source === undefined ? {} : { source: resource.source }),
      ...(resource === undefined ? {} : { resourceName: resource.name }),
    };
  });
  const entry = loaded.estate === undefined ? undefined : findDepartment(loaded.estate, plan.stack);
  const sites =
    entry === undefined || loaded.estate === undefined
      ? []
      : (() => {
          const usage = departmentUsage(entry.department, loaded.estate.platform);
          return Object.keys(entry.department.quotas).map((site) => ({
            site,
            resources: plan.resources.filter((r) => r.name.startsWith(`${plan.stack}-${site}-`))
              .length,
            usage: usage.get(site) ?? emptyUsage(),
            quota: entry.department.quotas[site],
          }));
        })();
  return {
    stack: plan.stack,
    resources: plan.resources.length,
    sites,
    diagnostics,
    crashes: report.crashes,
  };
}

function resolveInRoot(
  root: string,
  cwd: string,
  given: string | undefined,
  fallback: string,
): string {
  return given === undefined ? join(root, fallback) : resolve(cwd, given);
}

export async function runCheck(
  root: string,
  loaded: LoadResult,
  names: string[],
  options: CheckOptions,
  cwd = process.cwd(),
): Promise<{ exitCode: number; stdout: string }> {
  const started = performance.now();
  if (loaded.estate === undefined) {
    return {
      exitCode: 1,
      stdout:
        [
          ...loaded.problems.map(formatProblemText),
          "govcloud check: platform.yaml is not valid",
        ].join("\n") + "\n",
    };
  }
  const stacks = selectStacks(names, options.all, loaded.estate, loaded.files);
  const packDir = resolveInRoot(root, cwd, options.packDir, DEFAULT_PACK_DIR);
  if (!existsSync(join(packDir, "PulumiPolicy.yaml"))) {
    throw new UsageError(`${packDir} is not a policy pack (no PulumiPolicy.yaml)`);
  }
  const configFile = resolveInRoot(root, cwd, options.policyConfig, DEFAULT_POLICY_CONFIG);
  if (options.policyConfig !== undefined && !existsSync(configFile)) {
    throw new UsageError(`policy config ${configFile} does not exist`);
  }

  // The pack reads the city's facts itself when it starts: point it at this estate and date.
  process.env[ESTATE_ROOT_VARIABLE] = root;
  if (options.today !== undefined) process.env[TODAY_VARIABLE] = options.today;
  const { plans, failures } = await planStacks(loaded, stacks);
  const { analyzeStacks } = await import("../analyzer");
  const reports = await analyzeStacks(plans, {
    packDir,
    ...(existsSync(configFile) ? { configFile } : {}),
    dryRun: true,
  });
  const checks: StackCheck[] = plans.map((plan, i) => stackCheck(loaded, plan, reports[i]));
  for (const failure of failures) {
    checks.push({
      stack: failure.stack,
      resources: 0,
      sites: [],
      diagnostics: [],
      crashes: [],
      failure: failure.message,
    });
  }
  checks.sort((a, b) => stacks.indexOf(a.stack) - stacks.indexOf(b.stack));
  const exitCode = checks.every(stackPassed) ? 0 : 1;
  const elapsed = performance.now() - started;
  if (options.format === "json") {
    return { exitCode, stdout: JSON.stringify({ passed: exitCode === 0, checks }, null, 2) + "\n" };
  }
  const parts = [formatCheckTable(checks)];
  const violations = formatViolations(checks);
  if (violations !== "") parts.push("", violations);
  parts.push("", formatCheckSummary(checks, elapsed));
  return { exitCode, stdout: parts.join("\n") + "\n" };
}
