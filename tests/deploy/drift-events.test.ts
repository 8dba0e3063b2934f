/**
 * From the engine events of a preview-only refresh to the drift model: recorded events of the
 * loopback cloud (tests/fixtures/drift: health after its first deployment, and after its compute
 * quota was raised and a security group rule deleted through the OpenStack API), and constructed
 * ones for what the cloud did not show (a replacement, a property only the cloud has, a resource
 * placed by its provider).
 */
import { strict as assert } from "node:assert";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { driftFromEvents, siteOfResource, valueAt } from "../../deploy/drift-events";
import {
  driftExitCode,
  driftReport,
  refreshedStack,
  unrefreshedStack,
} from "../../deploy/drift-report";
import { recorded } from "./drift-fixtures";

const SITES = ["qingdao", "laixi", "witness"];

const VOLUME = "openstack:blockstorage/volume:Volume";

/** One refreshed resource as the engine reports it. */
function refreshed(
  op: string,
  name: string,
  type: string,
  old: Record<string, unknown>,
  now: Record<string, unknown> | undefined,
  detailedDiff: Record<string, { diffKind: string; inputDiff: boolean }> = {},
  provider = "urn:pulumi:water::govcloud::pulumi:providers:openstack::water-qingdao-admin::1",
): EngineEvent {
  return {
    sequence: 1,
    timestamp: 0,
    resOutputsEvent: {
      metadata: {
        op: op as never,
        urn: `urn:pulumi:water::govcloud::${type}::${name}`,
        type,
        provider,
        detailedDiff: detailedDiff as never,
        diffs: Object.keys(detailedDiff),
        old: { type, urn: "", id: "1", parent: "", provider, inputs: old, outputs: old },
        ...(now === undefined
          ? {}
          : { new: { type, urn: "", id: "1", parent: "", provider, inputs: now, outputs: now } }),
      },
    },
  };
}

describe("drift from refresh events", () => {
  it("names the raised quota and the deleted rule, at their site, with what up does", () => {
    const resources = driftFromEvents(
      "health",
      recorded("health-quota-raised-rule-deleted"),
      SITES,
    );
    assert.deepEqual(
      resources.map((r) => [r.site, r.name, r.kind, r.deleted, r.up.action, r.up.says]),
      [
        [
          "laixi",
          "health-laixi-compute-quota",
          "compute quota",
          false,
          "update",
          "up --refresh sets cores back to 8",
        ],
        [
          "laixi",
          "health-laixi-portal-tcp-443-from-10.0.0.0-8",
          "security group rule",
          true,
          "create",
          "up --refresh re-creates the security group rule",
        ],
      ],
    );
    assert.deepEqual(resources[0].properties, [
      { path: "cores", kind: "changed", inCode: 8, inCloud: 20, forcesReplacement: false },
    ]);
    assert.deepEqual(resources[1].properties, []);
  });

  it("reports the quota fields of 0 the provider did not apply on create, with the reason", () => {
    const [quota, ...others] = driftFromEvents(
      "health",
      recorded("health-first-deployment"),
      SITES,
    );
    assert.deepEqual(others, []);
    assert.equal(quota.name, "health-laixi-network-quota");
    // The code's value is the old input (0), not the old output (already the service default).
    assert.deepEqual(
      quota.properties.map((p) => [p.path, p.inCode, p.inCloud, p.note !== undefined]),
      [
        ["floatingip", 0, 50, true],
        ["rbacPolicy", 0, 10, true],
        ["subnetpool", 0, -1, true],
      ],
    );
    assert.equal(
      quota.up.says,
      "up --refresh sets floatingip to 0, rbacPolicy to 0 and subnetpool to 0",
    );
  });

  it("says a replacement, and names the properties that force it", () => {
    const [volume] = driftFromEvents(
      "water",
      [
        refreshed(
          "update",
          "water-qingdao-db-0-data",
          VOLUME,
          { size: 500, volumeType: "ssd" },
          {
            size: 500,
            volumeType: "sas",
          },
          { volumeType: { diffKind: "update-replace", inputDiff: true } },
        ),
      ],
      SITES,
    );
    assert.equal(volume.up.action, "replace");
    assert.match(
      volume.up.says,
      /^up --refresh replaces the volume .*: volumeType cannot change in place$/,
    );
    assert.equal(volume.properties[0].forcesReplacement, true);
  });

  it("tells a property only the cloud has from one the cloud lost", () => {
    const [group] = driftFromEvents(
      "water",
      [
        refreshed(
          "update",
          "water-qingdao-billing",
          "openstack:networking/secGroup:SecGroup",
          { description: "billing", tags: ["a"] },
          { tags: ["a"], extra: "x" },
          {
            description: { diffKind: "delete", inputDiff: true },
            extra: { diffKind: "add", inputDiff: true },
          },
        ),
      ],
      SITES,
    );
    assert.deepEqual(
      group.properties.map((p) => [p.path, p.kind, p.inCode, p.inCloud]),
      [
        ["description", "removed", "billing", undefined],
        ["extra", "added", undefined, "x"],
      ],
    );
    assert.equal(
      group.up.says,
      'up --refresh sets description back to "billing" and removes extra',
    );
  });

  it("leaves out what the refresh found the same", () => {
    const same = refreshed(
      "same",
      "water-qingdao-web",
      "openstack:networking/network:Network",
      {},
      {},
    );
    assert.deepEqual(driftFromEvents("water", [same], SITES), []);
  });

  it("places a resource by its name, else by its provider, else at no site", () => {
    assert.equal(siteOfResource("water", "water-laixi-db", undefined, SITES), "laixi");
    assert.equal(
      siteOfResource(
        "water",
        "water-db-pair",
        "urn:pulumi:water::govcloud::pulumi:providers:openstack::water-laixi-admin::9",
        SITES,
      ),
      "laixi",
    );
    assert.equal(
      siteOfResource(
        "water",
        "water-project",
        "urn:pulumi:water::govcloud::pulumi:providers:openstack::water-admin::9",
        SITES,
      ),
      undefined,
    );
    // A department whose id starts like a site's name is not placed by the prefix alone.
    assert.equal(siteOfResource("laixi-port", "laixi-port-project", undefined, SITES), undefined);
  });

  it("reads values at Pulumi property paths", () => {
    const value = { rules: [{ cidr: "10.0.0.0/8" }], tags: { "a.b": 1 } };
    assert.equal(valueAt(value, "rules[0].cidr"), "10.0.0.0/8");
    assert.equal(valueAt(value, 'tags["a.b"]'), 1);
    assert.equal(valueAt(value, "rules[1].cidr"), undefined);
    assert.equal(valueAt(undefined, "x"), undefined);
  });

  it("exits 0 without drift, 1 with drift, 2 when a stack could not be refreshed", () => {
    const drifted = refreshedStack("health", recorded("health-quota-raised-rule-deleted"), SITES);
    const clean = refreshedStack("platform", [], SITES);
    const missing = unrefreshedStack("water", "missing", "not deployed");
    const failed = unrefreshedStack("transport", "failed", "the refresh failed");
    assert.equal(driftExitCode(driftReport([clean])), 0);
    assert.equal(driftExitCode(driftReport([clean, missing])), 0);
    assert.equal(driftExitCode(driftReport([clean, drifted, missing])), 1);
    assert.equal(driftExitCode(driftReport([drifted, failed])), 2);
    assert.deepEqual(driftReport([clean, drifted, missing, failed]).counts, {
      stacks: 4,
      drifted: 1,
      resources: 2,
      missing: 1,
      failed: 1,
    });
  });
});
