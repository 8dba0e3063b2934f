import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  parsePolicyConfig,
  parsePolicyConfigFile,
  PolicyConfigError,
  readPolicyConfigText,
  reconcilePolicyConfig,
} from "../../analyzer/policy-config";
import type { PolicyInfo } from "../../analyzer/types";

const LEVEL = { type: "string", enum: ["advisory", "mandatory", "remediate", "disabled"] };

/** Policies as GetAnalyzerInfo reports them once the engine has injected enforcementLevel. */
function policies(): PolicyInfo[] {
  return [
    {
      name: "max-instances",
      description: "",
      enforcementLevel: "mandatory",
      type: "stack",
      configSchema: {
        properties: {
          maxInstances: { type: "integer", minimum: 0, default: 2 },
          flavors: { type: "array", items: { type: "string" }, default: ["s1.small"] },
          enforcementLevel: LEVEL,
        },
      },
    },
    {
      name: "no-world-ssh",
      description: "",
      enforcementLevel: "mandatory",
      type: "resource",
      configSchema: { properties: { enforcementLevel: LEVEL } },
    },
    {
      name: "volume-size-limit",
      description: "",
      enforcementLevel: "advisory",
      type: "resource",
      configSchema: {
        properties: {
          maxSizeGb: { type: "integer", minimum: 1, default: 100 },
          enforcementLevel: LEVEL,
        },
        required: ["maxSizeGb"],
      },
    },
  ];
}

const pack = { packName: "govcloud-test", packVersion: "0.3.0" };

describe("analyzer policy config file", () => {
  it("reads a string as a level and an object as a level plus properties", () => {
    assert.deepEqual(
      parsePolicyConfigFile(
        '{"all": "mandatory", "a": {"enforcementLevel": "advisory", "max": 4}, "b": {"max": 1}}',
      ),
      {
        all: { enforcementLevel: "mandatory" },
        a: { enforcementLevel: "advisory", properties: { max: 4 } },
        b: { properties: { max: 1 } },
      },
    );
  });

  it("treats empty text as no config and drops empty entries", () => {
    assert.equal(parsePolicyConfigFile("  \n"), undefined);
    assert.deepEqual(parsePolicyConfig({ a: {} }), {});
  });

  it("rejects levels that do not exist, in the engine's words", () => {
    assert.throws(
      () => parsePolicyConfig({ a: "strict" }),
      /^PolicyConfigError: parsing enforcement level for "a": "strict" is not a valid enforcement level$/,
    );
    assert.throws(
      () => parsePolicyConfig({ a: { enforcementLevel: 3 } }),
      /parsing enforcement level for "a": 3 is not a valid enforcement level; must be a string/,
    );
  });

  it("rejects values that are neither a string nor an object", () => {
    assert.throws(
      () => parsePolicyConfig({ a: 3 }),
      /parsing "a": 3 is not a valid value; must be a string or object/,
    );
    assert.throws(() => parsePolicyConfig([]), /must be a JSON object/);
    assert.throws(
      () => parsePolicyConfigFile("{", "cfg.json"),
      /^PolicyConfigError: cfg.json:1:2: invalid JSON: expected property name or '}'$/,
    );
  });
});

describe("reading a policy config file", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "govcloud-policy-config-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const refusal = (file: string): string => {
    try {
      readPolicyConfigText(file);
    } catch (error) {
      assert.ok(error instanceof PolicyConfigError, String(error));
      return error.message;
    }
    assert.fail(`${file} was read`);
  };

  it("reads a regular file", () => {
    writeFileSync(join(dir, "cfg.json"), '{ "all": "advisory" }');
    assert.equal(readPolicyConfigText(join(dir, "cfg.json")), '{ "all": "advisory" }');
  });

  it("refuses a link, a folder, a named pipe and a missing file, saying which", () => {
    writeFileSync(join(dir, "target"), "SECRET=1");
    symlinkSync(join(dir, "target"), join(dir, "link.json"));
    symlinkSync(join(dir, "nowhere"), join(dir, "dangling.json"));
    mkdirSync(join(dir, "folder.json"));
    execFileSync("mkfifo", [join(dir, "fifo.json")]);
    assert.match(
      refusal(join(dir, "link.json")),
      /link\.json is a symbolic link; govcloud reads only regular files/,
    );
    assert.match(refusal(join(dir, "dangling.json")), /dangling\.json is a symbolic link/);
    assert.match(
      refusal(join(dir, "folder.json")),
      /folder\.json is a folder, not a regular file$/,
    );
    assert.match(
      refusal(join(dir, "fifo.json")),
      /fifo\.json is a named pipe \(FIFO\), not a regular file$/,
    );
    assert.match(refusal(join(dir, "missing.json")), /missing\.json: it does not exist$/);
    for (const file of ["link.json", "dangling.json"]) {
      const message = refusal(join(dir, file));
      assert.ok(
        !message.includes("SECRET") && !message.includes("target") && !message.includes("nowhere"),
        message,
      );
    }
  });
});

describe("analyzer policy config reconciliation", () => {
  it("starts from each policy's level and its schema defaults", () => {
    assert.deepEqual(reconcilePolicyConfig({ ...pack, policies: policies() }), {
      "max-instances": {
        enforcementLevel: "mandatory",
        properties: { maxInstances: 2, flavors: ["s1.small"] },
      },
      "no-world-ssh": { enforcementLevel: "mandatory", properties: {} },
      "volume-size-limit": { enforcementLevel: "advisory", properties: { maxSizeGb: 100 } },
    });
  });

  it("applies initialConfig over the defaults, then the file over both, merging properties", () => {
    const config = reconcilePolicyConfig({
      ...pack,
      policies: policies(),
      initialConfig: {
        "max-instances": { enforcementLevel: "mandatory", properties: { maxInstances: 5 } },
      },
      fileConfig: { "max-instances": { properties: { flavors: ["m1.large"] } } },
    });
    assert.deepEqual(config["max-instances"], {
      enforcementLevel: "mandatory",
      properties: { maxInstances: 5, flavors: ["m1.large"] },
    });
  });

  it("lets the file lower a mandatory policy to advisory", () => {
    const config = reconcilePolicyConfig({
      ...pack,
      policies: policies(),
      fileConfig: parsePolicyConfig({ "no-world-ssh": "advisory" }),
    });
    assert.equal(config["no-world-ssh"].enforcementLevel, "advisory");
    assert.equal(config["max-instances"].enforcementLevel, "mandatory");
  });

  it("applies `all` before the per-policy entries and passes `all` on", () => {
    const config = reconcilePolicyConfig({
      ...pack,
      policies: policies(),
      fileConfig: parsePolicyConfig({ all: "disabled", "no-world-ssh": "mandatory" }),
    });
    assert.deepEqual(
      Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v.enforcementLevel])),
      {
        all: "disabled",
        "max-instances": "disabled",
        "no-world-ssh": "mandatory",
        "volume-size-limit": "disabled",
      },
    );
    assert.deepEqual(config["max-instances"].properties, {
      maxInstances: 2,
      flavors: ["s1.small"],
    });
  });

  it("lets an initialConfig level override the policy's own level", () => {
    // An initialConfig entry that sets no level arrives here as advisory (analyzer-info.ts).
    const config = reconcilePolicyConfig({
      ...pack,
      policies: policies(),
      initialConfig: { "no-world-ssh": { enforcementLevel: "advisory", properties: {} } },
    });
    assert.equal(config["no-world-ssh"].enforcementLevel, "advisory");
  });

  it("rejects invalid properties naming the policy, as the engine words it", () => {
    let error: PolicyConfigError | undefined;
    try {
      reconcilePolicyConfig({
        ...pack,
        policies: policies(),
        fileConfig: parsePolicyConfig({
          "volume-size-limit": { maxSizeGb: "big" },
          "max-instances": { maxInstances: -1, flavors: "m1.large" },
        }),
      });
    } catch (e) {
      error = e as PolicyConfigError;
    }
    assert.ok(error instanceof PolicyConfigError, "expected a PolicyConfigError");
    assert.deepEqual(error.problems, [
      "max-instances: flavors: Invalid type. Expected: array, given: string",
      "max-instances: maxInstances: Must be greater than or equal to 0",
      "volume-size-limit: maxSizeGb: Invalid type. Expected: integer, given: string",
    ]);
    assert.equal(
      error.message.split("\n")[0],
      "validating policy config: govcloud-test 0.3.0  max-instances: flavors: Invalid type. Expected: array, given: string",
    );
  });

  it("reports a required property that is missing at the root", () => {
    const list = policies();
    delete list[2].configSchema!.properties.maxSizeGb.default;
    assert.throws(
      () => reconcilePolicyConfig({ ...pack, policies: list }),
      (e: unknown) =>
        e instanceof PolicyConfigError &&
        e.problems.join() === "volume-size-limit: maxSizeGb is required",
    );
  });

  it("fails like Configure when an entry names no policy of the pack and sets no level", () => {
    assert.throws(
      () =>
        reconcilePolicyConfig({
          ...pack,
          policies: policies(),
          fileConfig: parsePolicyConfig({ "volume-size-limt": { maxSizeGb: 5 } }),
        }),
      /invalid enforcement level "" \(config for "volume-size-limt"/,
    );
  });

  it("does not let one policy's result share objects with the schema defaults", () => {
    const list = policies();
    const config = reconcilePolicyConfig({ ...pack, policies: list });
    (config["max-instances"].properties.flavors as string[]).push("x");
    assert.deepEqual(list[0].configSchema!.properties.flavors.default, ["s1.small"]);
  });
});
