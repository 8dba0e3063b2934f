/**
 * Every cross-file rule, in the order their findings are most useful to read: the platform
 * first (everything stands on it), then each department's identity and names, the names it
 * refers to, its addresses, the catalog, tiers and approvals, and last the sums: quotas and the
 * capacity of the sites. Each rule is a pure function in its own file; this list only composes
 * them. A rule skips what an earlier rule reports, so that one mistake gives one problem.
 */
import { allowDestroy } from "./allow-destroy";
import { approvals } from "./approvals";
import { catalogFit } from "./catalog-fit";
import { departmentIdentity } from "./department-identity";
import { names } from "./names";
import { networkCidrs } from "./network-cidrs";
import { platformConsistency } from "./platform-consistency";
import { quotaFit } from "./quota-fit";
import { references } from "./references";
import { renames } from "./renames";
import type { Rule } from "./rule";
import { siteCapacityRule } from "./site-capacity";
import { subnetSize } from "./subnet-size";
import { ticketRegister } from "./ticket-register";
import { tierPlacement } from "./tier-placement";

export const RULES: readonly Rule[] = [
  platformConsistency,
  departmentIdentity,
  names,
  renames,
  references,
  networkCidrs,
  subnetSize,
  catalogFit,
  tierPlacement,
  approvals,
  allowDestroy,
  ticketRegister,
  quotaFit,
  siteCapacityRule,
];
