import { strict as assert } from "node:assert";
import {
  formatPolicyEvents,
  levelOf,
  policyCounts,
  PolicyEventLog,
  type EnginePolicyEvent,
} from "../../deploy/policy-events";

const URN =
  "urn:pulumi:health::govcloud::govcloud:vdc:DepartmentVdc$openstack:networking/secGroupRule:SecGroupRule::health-qingdao-portal-tcp-22-from-0.0.0.0-0";

function event(
  enforcementLevel: string,
  policyName: string,
  message: string,
  resourceUrn?: string,
) {
  const base: EnginePolicyEvent = {
    message,
    policyName,
    policyPackName: "govcloud",
    policyPackVersion: "0.1.0",
    enforcementLevel,
  };
  return resourceUrn === undefined ? base : { ...base, resourceUrn };
}

describe("policy events from the engine", () => {
  it("reads every level the engine sends, not only the two the SDK declares", () => {
    assert.deepEqual(
      ["mandatory", "warning", "advisory", "remediate", "disabled"].map((level) =>
        levelOf(event(level, "p", "m")),
      ),
      ["mandatory", "advisory", "advisory", "remediated", "other"],
    );
  });

  it("keeps each event once, lists mandatory first, with the file and line when known", () => {
    const log = new PolicyEventLog();
    log.add(event("warning", "naming-tagging", "name does not follow <dept>-<site>-<thing>"));
    log.add(
      event(
        "mandatory",
        "security-baseline",
        "<{%fg 1%}>opens tcp port 22<{%reset%}>\nnarrow it",
        URN,
      ),
    );
    log.add(
      event(
        "mandatory",
        "security-baseline",
        "<{%fg 1%}>opens tcp port 22<{%reset%}>\nnarrow it",
        URN,
      ),
    );
    log.add(event("remediate", "approval-tags", "labels added", URN));
    const sources = new Map([
      [URN, { file: "departments/health.yaml", path: "workloads[6]", line: 150, column: 5 }],
    ]);
    assert.equal(
      formatPolicyEvents(log, sources),
      [
        "departments/health.yaml:150:5 (workloads[6]): mandatory [security-baseline] health-qingdao-portal-tcp-22-from-0.0.0.0-0",
        "    opens tcp port 22",
        "    narrow it",
        "departments/health.yaml:150:5 (workloads[6]): remediate [approval-tags] health-qingdao-portal-tcp-22-from-0.0.0.0-0",
        "    labels added",
        "stack: warning [naming-tagging]",
        "    name does not follow <dept>-<site>-<thing>",
      ].join("\n"),
    );
    assert.equal(policyCounts(log), "1 mandatory, 1 advisory, 1 remediated policy violations");
  });

  it("shows the URN when the offline check does not know the resource", () => {
    const log = new PolicyEventLog();
    log.add(event("mandatory", "department-quota", "over quota", URN));
    assert.match(
      formatPolicyEvents(log, new Map()),
      new RegExp(`^${URN.replace(/\$/g, "\\$")}: mandatory`),
    );
    assert.equal(policyCounts(new PolicyEventLog()), "0 mandatory, 0 advisory policy violations");
  });
});
