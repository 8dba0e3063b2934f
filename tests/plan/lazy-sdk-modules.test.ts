/**
 * plan/lazy-sdk-modules.ts defers packages the Pulumi SDK requires eagerly and a plan never uses.
 * In a fresh Node process (the module cache of the test process holds whatever other tests
 * loaded): loading the SDK must not load them, and the SDK features that do use them must still
 * work, through the stand-ins, with the real modules loaded on first use.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PATCHES_VARIABLE } from "../../plan/sdk-patches";

const REPO = resolve(__dirname, "..", "..");
/** What is deferred, as the folders of node_modules it lives in. */
const DEFERRED = [
  "typescript",
  "@npmcli/arborist",
  "normalize-package-data",
  "execa",
  "@pulumi/pulumi/automation",
];

/** Runs in the child: loads the SDK, then uses what needs the deferred packages. */
const SCRIPT = `
const { join } = require("node:path");
const repo = process.argv[2], cli = process.argv[3];
require(join(repo, "dist", "plan", "lazy-sdk-modules.js"));
const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [repo] }));
const deferred = ${JSON.stringify(DEFERRED)};
const loaded = () => deferred.filter((name) =>
  Object.keys(require.cache).some((file) => file.includes("/node_modules/" + name + "/")));
const report = { afterSdk: loaded() };
(async () => {
  // TypeScript: the SDK parses a function's text to serialize it.
  const serialized = await pulumi.runtime.serializeFunction(() => 42);
  report.serialized = serialized.text.includes("42");
  // Arborist and normalize-package-data: the code paths of a program folder.
  const paths = await pulumi.runtime.computeCodePaths({ extraIncludePaths: [join(repo, "schema")] });
  report.codePaths = paths.size;
  // execa: the automation API runs the CLI.
  const command = await pulumi.automation.PulumiCommand.get({ root: cli, skipVersionCheck: true });
  report.version = command.version && command.version.toString();
  report.afterUse = loaded();
  process.stdout.write(JSON.stringify(report));
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

/** What the child reports, with GOVCLOUD_SDK_PATCHES set to `patches` when given. */
function useSdk(patches?: string): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), "govcloud-lazy-"));
  try {
    // A stand-in CLI that only answers `pulumi version`, as PulumiCommand.get asks.
    mkdirSync(join(dir, "bin"));
    const cli = join(dir, "bin", "pulumi");
    writeFileSync(cli, '#!/bin/sh\necho "v3.200.0"\n');
    chmodSync(cli, 0o755);
    const script = join(dir, "use-sdk.js");
    writeFileSync(script, SCRIPT);
    const run = spawnSync(process.execPath, [script, REPO, dir], {
      cwd: REPO,
      encoding: "utf8",
      timeout: 100_000,
      env: { ...process.env, [PATCHES_VARIABLE]: patches },
    });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the SDK modules a plan defers", function () {
  this.timeout(120_000);

  it("are not loaded with the SDK, and load and work when the SDK uses them", () => {
    const report = useSdk();
    assert.deepEqual(report.afterSdk, []);
    assert.equal(report.serialized, true);
    assert.ok((report.codePaths as number) > 0, `code paths: ${String(report.codePaths)}`);
    assert.equal(report.version, "3.200.0");
    assert.deepEqual(report.afterUse, DEFERRED);
  });

  it("are loaded with the SDK when the patch is switched off", () => {
    const report = useSdk("off:lazy-sdk-modules");
    assert.deepEqual(report.afterSdk, DEFERRED);
    assert.equal(report.serialized, true);
  });
});
