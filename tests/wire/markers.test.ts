import { strict as assert } from "node:assert";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import {
  ARCHIVE_SIG,
  ASSET_SIG,
  OUTPUT_VALUE_SIG,
  RESOURCE_REFERENCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN,
  unknownTypeOf,
} from "../../wire/markers";

// The policy SDK's sentinels are @internal exports of its proxy module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as Record<string, string>;

describe("analyzer wire constants", () => {
  it("match the signatures of the installed Node SDK", () => {
    assert.equal(SIG_KEY, rpc.specialSigKey);
    assert.equal(SECRET_SIG, rpc.specialSecretSig);
    assert.equal(ASSET_SIG, rpc.specialAssetSig);
    assert.equal(ARCHIVE_SIG, rpc.specialArchiveSig);
    assert.equal(RESOURCE_REFERENCE_SIG, rpc.specialResourceSig);
    assert.equal(OUTPUT_VALUE_SIG, rpc.specialOutputValueSig);
    assert.equal(UNKNOWN.string, rpc.unknownValue);
  });

  it("match the unknown sentinels the policy SDK recognizes", () => {
    assert.deepEqual(UNKNOWN, {
      bool: proxy.unknownBooleanValue,
      number: proxy.unknownNumberValue,
      string: proxy.unknownStringValue,
      array: proxy.unknownArrayValue,
      asset: proxy.unknownAssetValue,
      archive: proxy.unknownArchiveValue,
      object: proxy.unknownObjectValue,
    });
  });

  it("tells sentinels from ordinary strings", () => {
    assert.equal(unknownTypeOf(UNKNOWN.number), "number");
    assert.equal(unknownTypeOf("04da6b54"), undefined);
  });
});
