// The govcloud CrossGuard policy pack: `pulumi preview --stack <dept> --policy-pack policies`,
// the pack published from this folder, or the offline harness in analyzer/. Rules live one a file
// next to this one; each policy finds the city's facts in its config (docs/policies.md).
import { PolicyPack } from "@pulumi/policy";
import { cityPolicies } from "./city-policies";

new PolicyPack("govcloud", {
  description: "The rules of the Qingdao e-government cloud for department stacks.",
  policies: cityPolicies(),
});
