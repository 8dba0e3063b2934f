import { strict as assert } from "node:assert";
import { dirname } from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { shareDecoding, sharedDecodingPatch } from "../../analyzer/shared-decoding";
import { applySdkPatch, rearmSdkPatchWarning, sdkPatchOutcomes } from "../../plan/sdk-patches";

describe("analyzer shared decoding (in-process)", () => {
  const policyDir = dirname(require.resolve("@pulumi/policy"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const deserialize = () => require(`${policyDir}/deserialize`);

  it("decodes a Struct once for every policy that reads it", () => {
    assert.equal(shareDecoding(policyDir), true);
    assert.equal(shareDecoding(policyDir), true); // installed once
    assert.equal(sdkPatchOutcomes().get("shared-decoding"), true);
    const struct = Struct.fromJavaScript({ name: "web", ports: [22, 443] });
    const first = deserialize().deserializeProperties(struct, false);
    assert.deepEqual(first, { name: "web", ports: [22, 443] });
    assert.equal(deserialize().deserializeProperties(struct, false), first);
    const other = Struct.fromJavaScript({ name: "web", ports: [22, 443] });
    assert.notEqual(deserialize().deserializeProperties(other, false), first);
  });

  it("leaves remediation's decoding (secrets proxied) to the SDK, one copy per call", () => {
    shareDecoding(policyDir);
    const struct = Struct.fromJavaScript({ name: "web" });
    const a = deserialize().deserializeProperties(struct, true);
    const b = deserialize().deserializeProperties(struct, true);
    assert.notEqual(a, b);
    assert.deepEqual({ ...a }, { name: "web" });
  });

  it("is refused, changing nothing, where the policy SDK has no such module", () => {
    rearmSdkPatchWarning();
    const elsewhere = { ...sharedDecodingPatch(__dirname), name: "shared-decoding-elsewhere" };
    const write = process.stderr.write;
    let warning = "";
    process.stderr.write = ((chunk: string) => (warning += chunk) !== "") as typeof write;
    try {
      assert.equal(applySdkPatch(elsewhere), false);
    } finally {
      process.stderr.write = write;
    }
    assert.match(warning, /shared-decoding-elsewhere could not be applied to @pulumi\/policy/);
  });
});
