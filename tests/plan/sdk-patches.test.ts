/**
 * The guard of the SDK patches (plan/sdk-patches.ts) and every planning patch
 * (plan/runtime-tuning.ts): a patch refused for its version or shape changes nothing and warns
 * once; each planning patch, applied through the guard, changes what it is meant to change while
 * a plan runs, and nothing outside one. A patch that stopped taking effect fails its test here.
 */
import { strict as assert } from "node:assert";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { MockCloud } from "../../plan/mock-cloud";
import { settle } from "../../plan/run-plan";
import { enterLeanRuntime, PLANNING_PATCHES } from "../../plan/runtime-tuning";
import {
  applySdkPatch,
  functionPatch,
  installedVersion,
  PATCHES_VARIABLE,
  rearmSdkPatchWarning,
  sdkPatchOutcomes,
  type SdkPatch,
} from "../../plan/sdk-patches";
import { PlainStruct } from "../../wire/struct";

/** What `run` writes to stderr. */
function stderrOf(run: () => void): string {
  const write = process.stderr.write;
  let text = "";
  process.stderr.write = ((chunk: string) => {
    text += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    run();
  } finally {
    process.stderr.write = write;
  }
  return text;
}

let fakes = 0;

/** A patch of `target.run` written for commander at `version`, counting its applications. */
function fakePatch(target: { run: (a: number) => number }, version: string, arity = 1) {
  const patch = functionPatch<(a: number) => number>({
    name: `fake-${++fakes}`,
    package: "commander",
    versions: [version],
    where: "target.run",
    owner: () => target,
    key: "run",
    arity,
    replace: () => () => 42,
  });
  return patch;
}

describe("the guard of the SDK patches", () => {
  const commander = installedVersion("commander")!;
  const given = process.env[PATCHES_VARIABLE];
  beforeEach(() => {
    rearmSdkPatchWarning();
    delete process.env[PATCHES_VARIABLE];
  });
  after(() => {
    if (given !== undefined) process.env[PATCHES_VARIABLE] = given;
  });

  it("applies a patch written for the installed version, of the expected shape", () => {
    const target = { run: (a: number) => a };
    const warning = stderrOf(() => assert.equal(applySdkPatch(fakePatch(target, commander)), true));
    assert.equal(target.run(1), 42);
    assert.equal(warning, "");
  });

  it("leaves the package as shipped for another version, and says so once", () => {
    const target = { run: (a: number) => a };
    const warning = stderrOf(() => {
      assert.equal(applySdkPatch(fakePatch(target, "0.0.1")), false);
      assert.equal(applySdkPatch(fakePatch(target, "0.0.2")), false);
    });
    assert.equal(target.run(1), 1);
    assert.equal(warning.split("\n").filter(Boolean).length, 1, warning);
    assert.match(warning, new RegExp(`commander is ${commander}, not 0\\.0\\.1`));
    assert.match(warning, /plans and checks are the same, only slower/);
  });

  it("leaves the package as shipped when what it replaces has another shape, and says so once", () => {
    const target = { run: (a: number) => a };
    const warning = stderrOf(() => {
      assert.equal(applySdkPatch(fakePatch(target, commander, 2)), false);
      assert.equal(applySdkPatch(fakePatch({ run: 3 } as never, commander)), false);
    });
    assert.equal(target.run(1), 1);
    assert.equal(warning.split("\n").filter(Boolean).length, 1, warning);
    assert.match(warning, /target\.run has 1 parameters, not 2 \(patch fake-\d+\)/);
  });

  it("undoes a patch that did not take effect", () => {
    const target = { run: (a: number) => a };
    const patch: SdkPatch = { ...fakePatch(target, commander), engaged: () => false };
    const warning = stderrOf(() => assert.equal(applySdkPatch(patch), false));
    assert.equal(target.run(1), 1);
    assert.match(warning, /did not take effect/);
  });

  it("applies nothing the environment switches off, quietly", () => {
    const target = { run: (a: number) => a };
    const patches = [fakePatch(target, commander), fakePatch(target, commander)];
    process.env[PATCHES_VARIABLE] = `off:other,${patches[0].name}`;
    const warning = stderrOf(() => assert.equal(applySdkPatch(patches[0]), false));
    assert.equal(warning, "");
    assert.equal(target.run(1), 1);
    process.env[PATCHES_VARIABLE] = "off";
    assert.equal(applySdkPatch(patches[1]), false);
    assert.equal(target.run(1), 1);
    assert.equal(sdkPatchOutcomes().get(patches[1].name), "switched off");
    delete process.env[PATCHES_VARIABLE];
  });
});

/** Runs `probe` once while planning and once with the SDK as shipped. */
async function bothWays<T>(probe: () => Promise<T> | T): Promise<{ lean: T; shipped: T }> {
  const leave = enterLeanRuntime();
  let lean: T;
  try {
    lean = await probe();
  } finally {
    leave();
  }
  return { lean, shipped: await probe() };
}

/** Whether a network registered under the mocks has an accessor for its property `name`. */
async function hasLazyName(): Promise<boolean> {
  await pulumi.runtime.setMocks(new MockCloud().mocks, "govcloud", "probe", false);
  const network = new openstack.networking.Network("net", { name: "net" });
  const descriptor = Object.getOwnPropertyDescriptor(network, "name");
  await settle();
  return typeof descriptor?.get === "function";
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debuggablePromise<T>(p: Promise<T>, ctx: string): Promise<T>;
};

/** Per planning patch: what shows it at work (true while planning, false as shipped). */
const PROBES: Record<string, () => Promise<boolean> | boolean> = {
  "debuggable-promise": () => {
    const promise = Promise.resolve(1);
    const result = debuggable.debuggablePromise(promise, "probe");
    return result === promise;
  },
  "plain-struct": () => Struct.fromJavaScript({ a: 1 }) instanceof PlainStruct,
  "lazy-outputs": hasLazyName,
  "no-callsites": () =>
    (pulumi.Resource as unknown as { callsites(): unknown[] }).callsites().length === 0,
};

describe("the planning patches, applied through the guard", function () {
  // Registers resources under the mock runtime: seconds when the machine is busy.
  this.timeout(120_000);

  it("have a probe each", () => {
    assert.deepEqual(
      PLANNING_PATCHES.map((patch) => patch.name).sort(),
      Object.keys(PROBES).sort(),
    );
  });

  for (const [name, probe] of Object.entries(PROBES)) {
    it(`${name}: in effect while planning, and only then`, async () => {
      const { lean, shipped } = await bothWays(probe);
      assert.equal(sdkPatchOutcomes().get(name), true);
      assert.equal(lean, true, "the patch did not take effect while planning");
      assert.equal(shipped, false, "the patch took effect outside a plan");
    });
  }
});
