/**
 * The site-failover policy's config schema and defaults, apart from the policy so that
 * `govcloud check` and `govcloud failover` can read them without loading the policy SDK.
 */
import type { ConfigSchema } from "./lib/policy";

export interface SiteFailoverConfig {
  tiers: string[];
  headroomPercent: number;
}

export const SITE_FAILOVER_CONFIG: ConfigSchema<SiteFailoverConfig> = {
  tiers: {
    type: "array",
    items: { type: "string" },
    default: [],
    description:
      "Tiers whose workloads must keep their full load when a site is lost (platform.yaml " +
      "tiers[].failover says how much); empty: every tier placed on both sites (active-active " +
      "and active-standby).",
  },
  headroomPercent: {
    type: "number",
    minimum: 0,
    maximum: 90,
    default: 0,
    description:
      "Share of the surviving site's emergency capacity kept free after a failover (for " +
      "restoring single-site workloads, or a host failing during the failover).",
  },
};
