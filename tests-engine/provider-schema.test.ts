/**
 * The providers built by scripts/engine/install.sh must serve exactly the interface the
 * installed Node SDKs were generated from: the same tokens, input and output names, types
 * (nested object types included), required properties and secret markings. Otherwise the
 * program sends properties the provider drops, or reads outputs the provider never sets, and
 * only a real deployment would tell.
 *
 * Expectations come from node_modules at test time (the SDKs' .d.ts and .js files); the
 * provider side comes from the built binaries through the built CLI.
 */
import * as assert from "node:assert/strict";

import { providerSchema } from "./support/engine";
import { usedTokens } from "./support/program-tokens";
import { SdkPackage } from "./support/sdk-declarations";
import type { PackageSchema } from "./support/schema-types";
import {
  schemaFunctionShape,
  schemaResourceShape,
  sdkFunctionShape,
  sdkNamer,
  sdkResourceShape,
} from "./support/shapes";

function differs(what: string, sdk: SdkPackage): string {
  return `${what}: the provider schema (+ actual) differs from what ${sdk.packageName} sends and reads (- expected)`;
}

function checkResource(schema: PackageSchema, sdk: SdkPackage, token: string): void {
  const namer = sdkNamer(sdk);
  assert.deepStrictEqual(
    schemaResourceShape(schema, token, namer),
    sdkResourceShape(sdk, sdk.resource(token), schema, namer),
    differs(token, sdk),
  );
}

function checkFunction(schema: PackageSchema, sdk: SdkPackage, token: string): void {
  const namer = sdkNamer(sdk);
  assert.deepStrictEqual(
    schemaFunctionShape(schema, token, namer),
    sdkFunctionShape(sdk, sdk.function(token), schema, namer),
    differs(token, sdk),
  );
}

/** One test per token the program uses, then the package as a whole. */
function describeProvider(options: {
  plugin: string;
  sdk: SdkPackage;
  alias: string;
  /** Whether every token of the SDK must be served, not only those the program uses. */
  wholePackage: boolean;
}): void {
  const { sdk } = options;
  const used = usedTokens(sdk, options.alias);
  const packageName = sdk.packageName.replace("@pulumi/", "");
  let schema: PackageSchema;

  before(function () {
    // Starting a plugin and reading a schema of several megabytes takes a few seconds.
    this.timeout(120_000);
    schema = providerSchema(options.plugin);
  });

  it(`${options.plugin} serves package ${packageName} ${sdk.version}`, () => {
    assert.equal(schema.name, packageName);
    if (schema.version !== undefined) assert.equal(schema.version.replace(/^v/, ""), sdk.version);
  });

  it(`the program's uses of ${sdk.packageName} are found`, () => {
    assert.ok(used.resources.length > 0, `no ${options.alias}.<module>.<Resource> in the program`);
  });

  for (const token of used.resources) {
    it(`resource ${token}`, () => checkResource(schema, sdk, token));
  }
  for (const token of used.functions) {
    it(`function ${token}`, () => checkFunction(schema, sdk, token));
  }
  if (used.provider) {
    it(`provider configuration (${options.alias}.Provider)`, () =>
      checkResource(schema, sdk, `pulumi:providers:${packageName}`));
  }

  if (options.wholePackage) {
    it(`serves every resource and function of ${sdk.packageName}, and no other`, () => {
      assert.deepStrictEqual(
        Object.keys(schema.resources ?? {}).sort(),
        sdk.allResourceTokens(),
        `resource tokens: the provider schema (+ actual) against ${sdk.packageName} (- expected)`,
      );
      assert.deepStrictEqual(
        Object.keys(schema.functions ?? {}).sort(),
        sdk.allFunctionTokens(),
        `function tokens: the provider schema (+ actual) against ${sdk.packageName} (- expected)`,
      );
    });

    it(`every other resource and function matches ${sdk.packageName} as well`, () => {
      const failures: string[] = [];
      const check = (compare: () => void) => {
        try {
          compare();
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      };
      for (const token of sdk.allResourceTokens()) {
        check(() => checkResource(schema, sdk, token));
      }
      for (const token of sdk.allFunctionTokens()) {
        check(() => checkFunction(schema, sdk, token));
      }
      assert.deepStrictEqual(failures, [], failures.join("\n\n"));
    });
  }
}

describe("engine: the OpenStack provider's schema against @pulumi/openstack", () => {
  describeProvider({
    plugin: "pulumi-resource-openstack",
    sdk: new SdkPackage("@pulumi/openstack"),
    alias: "openstack",
    wholePackage: true,
  });
});

describe("engine: the command provider's schema against @pulumi/command", () => {
  describeProvider({
    plugin: "pulumi-resource-command",
    sdk: new SdkPackage("@pulumi/command"),
    alias: "command",
    // Only command:local:Command is implemented: the program uses nothing else.
    wholePackage: false,
  });
});
