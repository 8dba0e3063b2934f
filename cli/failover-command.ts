/**
 * `govcloud failover --lose <site> | --all`: what losing an active site does to the estate, as
 * the tiers in platform.yaml promise it (model/failover.ts): per department and for the estate
 * what keeps running, what starts at the other site, the vCPUs, RAM and VM slots that site then
 * needs against its hosts under capacity.emergency, what is down and for how long, and what the
 * storage quorum decides when the witness or the link between the sites is lost too.
 *
 * Which tiers must survive and the headroom kept free are the site-failover policy's settings
 * in the estate's policy-config.json, so the command and the check agree. Exit 1 when a
 * surviving site cannot take what the tiers promise, 2 on a usage error.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Estate } from "../model/estate";
import type { LoadResult } from "../model/estate-loader";
import { failoverInput, linkLoss, quorumReport, siteLoss } from "../model/failover";
import type { FailoverReport } from "../render/failover-report";
import {
  formatFailoverJson,
  formatFailoverMarkdown,
  formatFailoverText,
} from "../render/failover-report";
import { formatProblemText } from "../model/problem";
import { DEFAULT_POLICY_CONFIG, invalidPlatformOutput } from "./check-command";
import { failoverSettings } from "./failover-settings";
import { UsageError } from "./usage-error";

export type FailoverFormat = "text" | "markdown" | "json";

export interface FailoverOptions {
  lose?: string;
  all: boolean;
  format: FailoverFormat;
  /** Policy config to read site-failover's settings from (default: the estate's). */
  policyConfig?: string;
}

/** The policy config a command reads: the given file, or the estate's policy-config.json. */
export function failoverConfigFile(root: string, given: string | undefined, cwd: string): string {
  if (given === undefined) return join(root, DEFAULT_POLICY_CONFIG);
  const file = resolve(cwd, given);
  if (!existsSync(file)) throw new UsageError(`policy config ${file} does not exist`);
  return file;
}

function lostSites(estate: Estate, options: FailoverOptions): string[] {
  const active = estate.platform.sites.filter((site) => site.role === "active");
  const names = active.map((site) => site.id).join(", ");
  if (options.all && options.lose !== undefined) {
    throw new UsageError("give either --lose <site> or --all, not both");
  }
  if (options.all) return active.map((site) => site.id);
  if (options.lose === undefined) {
    throw new UsageError(`name the site to lose: --lose <site> (one of ${names}), or --all`);
  }
  const site = estate.platform.sites.find((candidate) => candidate.id === options.lose);
  if (site === undefined) {
    throw new UsageError(`--lose ${options.lose}: no such site in platform.yaml (${names})`);
  }
  if (site.role !== "active") {
    throw new UsageError(
      `--lose ${options.lose}: ${site.id} is the ${site.role} site and runs no workloads; ` +
        `lose one of ${names} (the report says what losing the witness as well does)`,
    );
  }
  return [site.id];
}

export function runFailover(
  root: string,
  loaded: LoadResult,
  options: FailoverOptions,
  cwd = process.cwd(),
): { exitCode: number; stdout: string } {
  if (loaded.estate === undefined) return invalidPlatformOutput("failover", loaded);
  const estate = loaded.estate;
  const lost = lostSites(estate, options);
  const settings = failoverSettings(failoverConfigFile(root, options.policyConfig, cwd));
  const errors = loaded.problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) {
    return {
      exitCode: 1,
      stdout:
        [
          ...errors.map(formatProblemText),
          "govcloud failover: fix the estate first (govcloud validate)",
        ].join("\n") + "\n",
    };
  }
  const input = failoverInput(estate);
  const link = linkLoss(input, settings);
  const report: FailoverReport = { passed: true, cases: [] };
  for (const site of lost) {
    const loss = siteLoss(input, site, settings);
    if (loss === undefined) continue;
    if (loss.shortfalls.length > 0) report.passed = false;
    report.cases.push({
      loss,
      quorum: quorumReport(input, site),
      ...(link === undefined ? {} : { link }),
    });
  }
  const exitCode = report.passed ? 0 : 1;
  switch (options.format) {
    case "json":
      return { exitCode, stdout: formatFailoverJson(report) };
    case "markdown":
      return { exitCode, stdout: formatFailoverMarkdown(report) };
    default:
      return { exitCode, stdout: formatFailoverText(report) };
  }
}
