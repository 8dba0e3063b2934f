/**
 * The local SDK (sdks/libvirt) against the libvirt provider's schema at the version it was
 * written for: every resource, input and output it declares must be in the schema under the name
 * the bridge gives it, with the same type, required where the schema requires it, and read-only
 * where the schema says so. The schema's facts are in schema-<version>.json (write-schema.ts).
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { camelCase, compareSdk, plural, terraformType } from "./compare";
import { parseSchemaPage } from "./provider-schema";
import type { ProviderSchema } from "./provider-schema";
import { readSdk } from "./sdk-declarations";
import type { DeclaredProperty, DeclaredSdk } from "./sdk-declarations";
import { PROVIDER, SDK_DIR, schemaFile } from "./write-schema";

const SDK_PACKAGE = JSON.parse(readFileSync(`${SDK_DIR}/package.json`, "utf8")) as {
  version: string;
  pulumi: { parameterization: { version: string } };
};
const VERSION = SDK_PACKAGE.pulumi.parameterization.version;

function schema(): ProviderSchema {
  return JSON.parse(readFileSync(schemaFile(VERSION), "utf8")) as ProviderSchema;
}

/** The SDK's declarations with `change` applied to resource `className`'s inputs. */
function withInputs(
  sdk: DeclaredSdk,
  className: string,
  change: (inputs: DeclaredProperty[]) => DeclaredProperty[],
): DeclaredSdk {
  return {
    ...sdk,
    resources: sdk.resources.map((r) =>
      r.className === className ? { ...r, inputs: change(r.inputs) } : r,
    ),
  };
}

describe("@pulumi/libvirt local SDK against the provider's schema", () => {
  const sdk = readSdk(SDK_DIR);

  it("is checked against the schema of the provider version it names", () => {
    const facts = schema();
    assert.equal(facts.source.provider, PROVIDER);
    assert.equal(facts.source.version, VERSION);
    assert.equal(SDK_PACKAGE.version, VERSION);
    assert.deepEqual(sdk.resources.map((r) => terraformType(r.token)).sort(), [
      "libvirt_cloudinit_disk",
      "libvirt_domain",
      "libvirt_network",
      "libvirt_pool",
      "libvirt_volume",
    ]);
  });

  it("declares every resource, input and output as the schema has it", () => {
    const diff = compareSdk(sdk, schema());
    assert.deepEqual(diff, [], `the SDK differs from the schema:\n  ${diff.join("\n  ")}`);
  });

  describe("finds a broken mapping", () => {
    it("a misspelt input, and the required attribute it should have been", () => {
      const broken = withInputs(sdk, "Domain", (inputs) =>
        inputs.map((p) => (p.name === "type" ? { ...p, name: "kind" } : p)),
      );
      assert.deepEqual(compareSdk(broken, schema()), [
        "libvirt_domain: input kind: declared by the SDK, not in the provider's schema",
        "libvirt_domain: input type: required by the schema, not declared by the SDK",
      ]);
    });

    it("a wrong type, a wrong requiredness and a read-only input", () => {
      const broken = withInputs(sdk, "Pool", (inputs) => [
        ...inputs.map((p) =>
          p.name === "type"
            ? { ...p, type: { kind: "number" as const } }
            : p.name === "target"
              ? { ...p, optional: false }
              : p,
        ),
        { name: "capacity", optional: true, type: { kind: "number" } },
      ]);
      assert.deepEqual(compareSdk(broken, schema()), [
        "libvirt_pool: input target: required in the SDK, optional in the schema",
        "libvirt_pool: input type: the SDK says number, the schema String (string)",
        "libvirt_pool: input capacity: an input in the SDK, read-only in the schema",
      ]);
    });

    it("a singular name where the bridge makes a list's name plural", () => {
      const broken = withInputs(sdk, "Network", (inputs) =>
        inputs.map((p) => (p.name === "ips" ? { ...p, name: "ip" } : p)),
      );
      assert.deepEqual(compareSdk(broken, schema()), [
        "libvirt_network: input ip: declared by the SDK, not in the provider's schema",
      ]);
    });
  });

  describe("maps names as the bridge does", () => {
    it("snake_case to camelCase, lists to plurals, tokens to Terraform types", () => {
      assert.equal(camelCase("type_machine"), "typeMachine");
      assert.equal(camelCase("wait_for_ip"), "waitForIp");
      assert.deepEqual(["host", "ips", "boot_device", "entry", "index"].map(plural), [
        "hosts",
        "ips",
        "boot_devices",
        "entries",
        "indexes",
      ]);
      assert.equal(
        terraformType("libvirt:index/cloudinitDisk:CloudinitDisk"),
        "libvirt_cloudinit_disk",
      );
    });
  });

  describe("reads tfplugindocs pages", () => {
    it("hangs nested sections below their attribute, with each mode", () => {
      const page = [
        "# a_thing (Resource)",
        "",
        "## Schema",
        "",
        "### Required",
        "",
        "- `name` (String) A name.",
        "",
        "### Optional",
        "",
        "- `parts` (Attributes List) Parts. (see [below for nested schema](#nestedatt--parts))",
        "",
        "### Read-Only",
        "",
        "- `id` (String) An id.",
        "",
        '<a id="nestedatt--parts"></a>',
        "### Nested Schema for `parts`",
        "",
        "Required:",
        "",
        "- `size` (Number) A size.",
        "",
        "Read-Only:",
        "",
        "- `labels` (List of String) Labels.",
      ].join("\n");
      assert.deepEqual(parseSchemaPage(page), {
        name: { type: "String", mode: "required" },
        parts: {
          type: "Attributes List",
          mode: "optional",
          attributes: {
            size: { type: "Number", mode: "required" },
            labels: { type: "List of String", mode: "read-only" },
          },
        },
        id: { type: "String", mode: "read-only" },
      });
    });
  });
});
