/**
 * What the policy SDK passes a resource policy's validateResource, for calling an adapted policy
 * directly: one instance, with getConfig returning a fresh copy of `config` on each call (as the
 * SDK does), and notApplicable throwing its reason so that a test sees it.
 */
import type { ResourceValidationArgs } from "@pulumi/policy";

export function validationArgs(config: Record<string, unknown>): ResourceValidationArgs {
  return {
    urn: "urn:pulumi:health::govcloud::openstack:compute/instance:Instance::health-web",
    type: "openstack:compute/instance:Instance",
    name: "health-web",
    props: {},
    getConfig: () => ({ ...config }),
    notApplicable: (reason: string) => {
      throw new Error(reason);
    },
  } as unknown as ResourceValidationArgs;
}
