/**
 * The site-failover policy's settings (which tiers must survive, the headroom kept free) as the
 * commands outside the pack read them, so that `govcloud failover` and the headroom lines of
 * `govcloud check` say what the policy judges.
 */
import { lstatSync } from "node:fs";
import { readPolicyConfigText } from "../analyzer/policy-config";
import { jsonErrorPlace, parseJsonText } from "../model/json-text";
import type { Estate } from "../model/estate";
import type { SiteLoss, SiteLossOptions } from "../model/failover";
import { failoverInput, siteLoss } from "../model/failover";
// The config alone: the policy itself would load the policy SDK (and the Pulumi SDK with it).
import { SITE_FAILOVER_CONFIG } from "../policies/site-failover-config";
import { UsageError } from "./usage-error";

const POLICY = "site-failover";

/** Whether anything is at `path`: a link counts even when what it points at is not there. */
function isThere(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false; // a path through a file (ENOTDIR): nothing there
  }
}

/**
 * site-failover's tiers and headroom from a policy config file (the --policy-pack-config
 * format), over the policy's defaults. A file that is missing gives the defaults; a setting of
 * the wrong type is a usage error, as the check would refuse it.
 */
export function failoverSettings(configFile: string | undefined): SiteLossOptions {
  const tiers = SITE_FAILOVER_CONFIG.tiers.default;
  let headroomPercent = SITE_FAILOVER_CONFIG.headroomPercent.default;
  let chosen: string[] = [...tiers];
  if (configFile !== undefined && isThere(configFile)) {
    // A file that cannot be read throws PolicyConfigError, reported as a usage error is.
    const json = parseJsonText(readPolicyConfigText(configFile));
    if (!json.ok) {
      throw new UsageError(`${jsonErrorPlace(configFile, json)}: invalid JSON: ${json.reason}`);
    }
    const parsed = json.value;
    const entry =
      typeof parsed === "object" && parsed !== null
        ? (parsed as Record<string, unknown>)[POLICY]
        : undefined;
    if (typeof entry === "object" && entry !== null) {
      const given = entry as { tiers?: unknown; headroomPercent?: unknown };
      if (given.tiers !== undefined) {
        if (!Array.isArray(given.tiers) || !given.tiers.every((t) => typeof t === "string")) {
          throw new UsageError(`${configFile}: ${POLICY}.tiers must be a list of tier names`);
        }
        chosen = [...(given.tiers as string[])];
      }
      if (given.headroomPercent !== undefined) {
        const value = given.headroomPercent;
        if (typeof value !== "number" || !(value >= 0 && value <= 90)) {
          throw new UsageError(
            `${configFile}: ${POLICY}.headroomPercent must be a number from 0 to 90`,
          );
        }
        headroomPercent = value;
      }
    }
  }
  return {
    ...(chosen.length === 0 ? {} : { survivingTiers: chosen }),
    headroomPercent,
  };
}

/** Each active site lost in turn (for `govcloud check`'s headroom lines). */
export function estateSiteLosses(estate: Estate, settings: SiteLossOptions): SiteLoss[] {
  const input = failoverInput(estate);
  return input.sites
    .filter((site) => site.role === "active")
    .map((site) => siteLoss(input, site.id, settings))
    .filter((loss): loss is SiteLoss => loss !== undefined);
}
