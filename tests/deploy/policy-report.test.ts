/**
 * The policy report of preview and up: the offline check's results and the engine's, the
 * engine's with its colour marks removed and its levels named as the offline check names them,
 * both in one order.
 */
import { strict as assert } from "node:assert";
import type { OfflineCheck } from "../../deploy/offline-check";
import { policyReport } from "../../deploy/policy-report";

const URN = "urn:pulumi:health::govcloud::openstack:networking/secGroupRule:SecGroupRule::ssh";

const offline = {
  check: {
    diagnostics: [
      {
        policyName: "security-baseline",
        policyPackName: "govcloud",
        policyPackVersion: "0.1.0",
        description: "No ingress from the whole internet to SSH.",
        message: "No ingress from the whole internet to SSH.\nssh opens tcp port 22 to 0.0.0.0/0.",
        enforcementLevel: "mandatory",
        urn: URN,
        phase: "resource",
      },
    ],
  },
} as unknown as OfflineCheck;

describe("policy report", () => {
  it("puts both sides in the same words and order", () => {
    // The policy SDK's diagnostic message holds the description and the violation, as the
    // engine's event does.
    const report = policyReport("health", offline, [
      {
        resourceUrn: URN,
        message:
          "<{%fg 1%}>No ingress from the whole internet to SSH.\nssh opens tcp port 22 to 0.0.0.0/0.<{%reset%}>\n",
        policyName: "security-baseline",
        policyPackName: "govcloud",
        policyPackVersion: "0.1.0",
        enforcementLevel: "mandatory",
      },
      {
        message: "labels were fixed up",
        policyName: "naming-tagging",
        policyPackName: "govcloud",
        policyPackVersion: "0.1.0",
        enforcementLevel: "warning",
      },
    ]);
    assert.equal(report.stack, "health");
    assert.deepEqual(report.offline, [
      {
        policy: "security-baseline",
        level: "mandatory",
        urn: URN,
        message: "No ingress from the whole internet to SSH.\nssh opens tcp port 22 to 0.0.0.0/0.",
      },
    ]);
    assert.deepEqual(report.engine, [
      { policy: "naming-tagging", level: "advisory", urn: "", message: "labels were fixed up" },
      report.offline[0],
    ]);
  });
});
