/**
 * The policies of the city's pack, in the order the pack serves them. Plain policy objects:
 * making them reads no facts and binds nothing, so the config writer (pack-config.ts) and the
 * build (scripts/compile-schemas.ts) read their schemas here; index.ts serves them.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { approvalRecertification } from "./approval-recertification";
import { approvalTags } from "./approval-tags";
import { changeApproval } from "./change-approval";
import { departmentQuota } from "./department-quota";
import { disasterRecovery } from "./disaster-recovery";
import type { CityFacts } from "./lib/facts";
import { namingTagging } from "./naming-tagging";
import { securityBaseline } from "./security-baseline";
import { siteCapacity } from "./site-capacity";
import { siteFailover } from "./site-failover";

/** Every policy; `facts` stand in for config that carries none (tests). */
export function cityPolicies(
  facts?: CityFacts,
): (ResourceValidationPolicy | StackValidationPolicy)[] {
  return [
    departmentQuota(facts),
    siteCapacity(facts),
    siteFailover(facts),
    approvalTags(facts),
    changeApproval(facts),
    approvalRecertification(facts),
    disasterRecovery(facts),
    securityBaseline(facts),
    namingTagging(facts),
  ];
}
