/**
 * The policy pack as `pulumi policy publish` ships it, run by the real engine away from any
 * checkout. The real CLI publishes policies/ from a copy of the checkout to a loopback stand-in
 * of the Pulumi Cloud API (support/policy-service.ts): it asks the pack for its policies and
 * schemas, runs `npm pack` on the folder (whose prepack script builds the pack into it) and
 * uploads the tarball. The uploaded tarball is extracted into a temporary folder, its
 * dependencies installed from the npm registry, and a small stack previewed with that pack and
 * the config `govcloud policy-config` writes. The facts in the config decide: an instance of a
 * flavor the catalog has passes, one it lacks is a mandatory violation; without them the pack
 * stops, saying how to pass them. The stack is only previewed: no cloud is asked anything.
 *
 * The engine starts a Node pack through scripts/engine/install.sh's analyzer plugin, which runs
 * the project's own run-policy-pack; everything the pack itself loads comes from its folder.
 */
import * as assert from "node:assert/strict";
import { execFile, execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";

import { CLI, ESTATE, TODAY } from "./support/deployment";
import { engineBinDir, engineBinary, inlineTestStack, repoRoot } from "./support/engine";
import { ORGANIZATION, startPolicyService, type PolicyService } from "./support/policy-service";

/** What the pack needs to build itself: its folder and the sources its rules import. */
const PACK_SOURCES = ["policies", "model", "wire", "generated", "schema"];
const TOP_FILES = ["tsconfig.json", "tsconfig.build.json", "package.json"];

/** Every policy but security-baseline is disabled: the stack is no department's. */
const SETTINGS = {
  all: "disabled",
  "security-baseline": "mandatory",
};

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" },
  });
}

describe("engine: the published policy pack, installed from its tarball", function () {
  this.timeout(1_800_000);

  let temp: string;
  let service: PolicyService;
  let packDir: string;
  let publishOutput: string;
  let tarball: string;
  let installed: string;
  let configFile: string;
  let stack: Stack;

  const program = async () => {
    const flavor = new pulumi.Config().require("flavor");
    const provider = new openstack.Provider("qingdao", {
      authUrl: "http://127.0.0.1:9/v3",
      region: "qingdao",
      userName: "nobody",
      password: "nothing",
      tenantName: "nothing",
      delayedAuth: true,
    });
    new openstack.compute.Instance(
      "test-qingdao-web-0",
      { flavorName: flavor, imageName: "kylin-v10" },
      { provider },
    );
  };

  before(async () => {
    engineBinary("pulumi-analyzer-policy-nodejs");
    temp = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-published-pack-"));
    service = await startPolicyService();

    // A copy of the checkout's sources and build, so that the build npm pack runs writes
    // nothing in the work tree. As in a checkout, the pack folder runs the root build (dist/).
    const tree = path.join(temp, "tree");
    for (const folder of PACK_SOURCES) {
      fs.cpSync(path.join(repoRoot, folder), path.join(tree, folder), {
        recursive: true,
        filter: (source) => !source.includes(`${path.sep}node_modules`),
      });
    }
    for (const file of TOP_FILES) fs.copyFileSync(path.join(repoRoot, file), path.join(tree, file));
    for (const link of ["node_modules", "dist"]) {
      fs.symlinkSync(path.join(repoRoot, link), path.join(tree, link), "dir");
    }
    packDir = path.join(tree, "policies");
    const env = {
      ...process.env,
      PATH: `${engineBinDir()}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_HOME: path.join(temp, "home"),
      PULUMI_ACCESS_TOKEN: "pul-loopback-only",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
    // Asynchronous: the service answers from this very process.
    const pulumi = (args: string[]) =>
      promisify(execFile)(engineBinary("pulumi"), args, { cwd: packDir, env, maxBuffer: 1 << 26 });
    await pulumi(["login", service.url]);
    publishOutput = (await pulumi(["policy", "publish", ORGANIZATION])).stdout;

    // Away from the checkout and its node_modules: only what the tarball and npm bring.
    assert.ok(service.tarball !== undefined, "nothing was uploaded");
    tarball = path.join(temp, "pack.tgz");
    fs.writeFileSync(tarball, service.tarball);
    const away = path.join(temp, "installed");
    fs.mkdirSync(away);
    run("tar", ["-xzf", tarball, "-C", away], away);
    installed = path.join(away, "package");
    run("npm", ["install", "--omit=dev", "--no-package-lock"], installed);

    const settings = path.join(temp, "settings.json");
    fs.writeFileSync(settings, JSON.stringify(SETTINGS));
    configFile = path.join(temp, "pack-config.json");
    const written = spawnSync(
      process.execPath,
      [
        CLI,
        "policy-config",
        "--root",
        ESTATE,
        "--today",
        TODAY,
        "--policy-config",
        settings,
        "--out",
        configFile,
      ],
      { encoding: "utf8" },
    );
    assert.equal(written.status, 0, written.stderr);

    const project = path.join(temp, "project");
    fs.mkdirSync(project);
    stack = await inlineTestStack(project, "published-pack", program);
  });

  after(async () => {
    await service?.close();
    if (temp === undefined) return;
    await stack?.workspace.removeStack("test", { force: true }).catch(() => undefined);
    fs.rmSync(temp, { recursive: true, force: true });
  });

  it("publishes the pack's policies and schemas, then its tarball, through the API", () => {
    assert.deepEqual(
      service.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`),
      [
        `POST /api/orgs/${ORGANIZATION}/policypacks`,
        "PUT /upload/pack.tgz",
        `POST /api/orgs/${ORGANIZATION}/policypacks/govcloud/versions/0.1.0/complete`,
      ],
    );
    assert.match(publishOutput, /Publishing "govcloud" - version 0.1.0 to "city"/);
    const published = service.published as {
      name: string;
      versionTag: string;
      runtime: string;
      policies: { name: string; configSchema: { properties: Record<string, unknown> } }[];
    };
    assert.equal(published.name, "govcloud");
    assert.equal(published.versionTag, "0.1.0");
    assert.equal(published.runtime, "nodejs");
    assert.equal(published.policies.length, 9);
    for (const policy of published.policies) {
      assert.ok("facts" in policy.configSchema.properties, `${policy.name} takes no facts`);
    }
    assert.ok(!fs.existsSync(path.join(packDir, "bin")), "the pack's build was left in the folder");
  });

  it("packs the built pack and nothing of the sources", () => {
    const listed = run("tar", ["-tzf", tarball], temp).trim().split("\n");
    for (const file of [
      "package/package.json",
      "package/PulumiPolicy.yaml",
      "package/main.cjs",
      "package/bin/policies/index.js",
      "package/bin/policies/lib/rule-facts.js",
      "package/bin/model/estate-loader.js",
    ]) {
      assert.ok(listed.includes(file), `${file} is not in the tarball`);
    }
    assert.deepEqual(
      listed.filter((file) => file.endsWith(".ts")),
      [],
      "TypeScript sources were packed",
    );
  });

  it("passes an instance of a catalog flavor, judged by the facts in govcloud's config", async () => {
    await stack.setConfig("flavor", { value: "s1.small" });
    let output = "";
    await stack.preview({
      policyPacks: [installed],
      policyPackConfigs: [configFile],
      onOutput: (text) => (output += text),
    });
    assert.match(output, /govcloud/);
    assert.doesNotMatch(output, /security-baseline/);
  });

  it("stops the preview on an instance of a flavor the catalog lacks", async () => {
    await stack.setConfig("flavor", { value: "m9.huge" });
    let output = "";
    await assert.rejects(
      stack.preview({
        policyPacks: [installed],
        policyPackConfigs: [configFile],
        onOutput: (text) => (output += text),
      }),
    );
    assert.match(output, /\[mandatory\] \[severity: critical\] +security-baseline/);
    assert.match(
      output,
      /uses flavor m9\.huge, which is not in the catalog: db\.xlarge, s1\.large, s1\.small/,
    );
  });

  it("without the facts, stops and says how to pass them", async () => {
    await stack.setConfig("flavor", { value: "s1.small" });
    const bare = path.join(temp, "bare.json");
    fs.writeFileSync(bare, JSON.stringify(SETTINGS));
    let output = "";
    let failure = "";
    await stack
      .preview({
        policyPacks: [installed],
        policyPackConfigs: [bare],
        onOutput: (text) => (output += text),
      })
      .then(
        () => assert.fail("the preview passed without facts"),
        (error: unknown) => (failure = String(error)),
      );
    const said = (output + failure).replace(/\s+/g, " ");
    assert.match(said, /the govcloud policy pack has no facts/);
    assert.match(said, /govcloud policy-config --out pack-config\.json/);
  });
});
