/**
 * The engine's steps as `govcloud preview --steps` writes them: one outcome per resource (a
 * replacement's several steps are one `replace`), top-level properties, no inputs.
 */
import { strict as assert } from "node:assert";
import {
  EngineStepLog,
  resourceOutcomes,
  stepsReport,
  topLevelProperty,
} from "../../deploy/engine-steps";
import type { StepMetadata } from "../../deploy/engine-steps";
import { createdNetworkQuotas, NETWORK_QUOTA_TYPE } from "../../deploy/engine-run";

const PREFIX = "urn:pulumi:health::govcloud::";
const VOLUME = "openstack:blockstorage/volume:Volume";
const ATTACH = "openstack:compute/volumeAttach:VolumeAttach";

function step(op: string, type: string, name: string, extra: Partial<StepMetadata> = {}) {
  return {
    op,
    urn: `${PREFIX}${type}::${name}`,
    type,
    new: { custom: true, inputs: {} },
    ...extra,
  };
}

describe("the engine's steps", () => {
  it("keep op, diffs and the detailed diff of each step, custom or not", () => {
    const log = new EngineStepLog();
    log.add(
      step("update", VOLUME, "data", {
        diffs: ["size", "metadata"],
        detailedDiff: { size: { diffKind: "update" }, "metadata.approval": { diffKind: "update" } },
      }),
    );
    log.add({ op: "same", urn: `${PREFIX}govcloud:workload:Workload::portal`, type: "x", new: {} });
    log.add({ op: "delete", urn: `${PREFIX}${VOLUME}::old`, type: VOLUME, old: { custom: true } });
    assert.deepEqual(
      log.steps.map((s) => [s.op, s.custom, s.diffs, s.detailedDiff]),
      [
        ["update", true, ["metadata", "size"], { "metadata.approval": "update", size: "update" }],
        ["same", false, [], {}],
        ["delete", true, [], {}],
      ],
    );
  });

  it("are one outcome per resource: a replacement's create and delete steps make one replace", () => {
    const replaced = { keys: ["volumeType"], diffs: ["volumeType"] };
    const log = new EngineStepLog();
    log.add(step("create-replacement", VOLUME, "docs", replaced));
    log.add(step("replace", VOLUME, "docs", replaced));
    log.add(step("delete-replaced", VOLUME, "docs", { old: { custom: true } }));
    log.add(step("same", VOLUME, "data"));
    // The attachment of the replaced volume: its volumeId is unknown in a preview, so no diff.
    log.add(step("replace", ATTACH, "docs-attach", { keys: ["volumeId"] }));
    const outcomes = resourceOutcomes(log.steps);
    assert.deepEqual(
      outcomes.map((o) => [o.urn.slice(o.urn.lastIndexOf("::") + 2), o.verdict, o.properties]),
      [
        ["docs", "replace", ["volumeType"]],
        ["data", "same", []],
        ["docs-attach", "replace", ["volumeId"]],
      ],
    );
  });

  it("name top-level properties", () => {
    assert.equal(topLevelProperty("tags[0]"), "tags");
    assert.equal(topLevelProperty("metadata.approval"), "metadata");
    assert.equal(topLevelProperty("size"), "size");
  });

  it("are written with the stack and the operation", () => {
    const log = new EngineStepLog();
    log.add(step("create", VOLUME, "data"));
    assert.deepEqual(stepsReport("health", "preview", log.steps), {
      stack: "health",
      operation: "preview",
      steps: [
        {
          op: "create",
          urn: `${PREFIX}${VOLUME}::data`,
          type: VOLUME,
          custom: true,
          diffs: [],
          detailedDiff: {},
        },
      ],
    });
  });

  it("names the network quotas an update created, which need a second update for their zeros", () => {
    const log = new EngineStepLog();
    log.add(step("create", NETWORK_QUOTA_TYPE, "health-laixi-network-quota"));
    log.add(step("update", NETWORK_QUOTA_TYPE, "health-qingdao-network-quota"));
    log.add(
      step("create", "openstack:compute/quotaSetV2:QuotaSetV2", "health-laixi-compute-quota"),
    );
    log.add(step("create", VOLUME, "data"));
    assert.deepEqual(createdNetworkQuotas(log), [
      `${PREFIX}${NETWORK_QUOTA_TYPE}::health-laixi-network-quota`,
    ]);
  });
});
