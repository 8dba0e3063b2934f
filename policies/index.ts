// The govcloud CrossGuard policy pack: `pulumi preview --stack <dept> --policy-pack policies`,
// or the offline harness in analyzer/. Rules live one a file next to this one; docs/policies.md.
import { PolicyPack } from "@pulumi/policy";
import { approvalRecertification } from "./approval-recertification";
import { approvalTags } from "./approval-tags";
import { changeApproval } from "./change-approval";
import { departmentQuota } from "./department-quota";
import { disasterRecovery } from "./disaster-recovery";
import { loadCityFacts } from "./lib/load-facts";
import { namingTagging } from "./naming-tagging";
import { securityBaseline } from "./security-baseline";
import { siteCapacity } from "./site-capacity";
import { siteFailover } from "./site-failover";

const facts = loadCityFacts();

new PolicyPack("govcloud", {
  description: "The rules of the Qingdao e-government cloud for department stacks.",
  policies: [
    departmentQuota(facts),
    siteCapacity(facts),
    siteFailover(facts),
    approvalTags(facts),
    changeApproval(facts),
    approvalRecertification(facts),
    disasterRecovery(facts),
    securityBaseline(facts),
    namingTagging(facts),
  ],
});
