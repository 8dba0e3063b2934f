/**
 * pulumi-analyzer-policy-nodejs lets the real engine run a Node policy pack without the Node
 * language host: a mandatory policy stops a preview, and a compliant program previews. The pack
 * is a small one written for the test, loading @pulumi/policy from the project.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";

import { engineBinary, inlineTestStack, repoRoot } from "./support/engine";

const PACK = `
const { PolicyPack, validateResourceOfType } = require(${JSON.stringify(
  require.resolve("@pulumi/policy", { paths: [repoRoot] }),
)});
new PolicyPack("engine-test", {
  policies: [{
    name: "no-forbidden-commands",
    description: "Commands must not say forbidden.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type === "command:local:Command" && String(args.props.create).includes("forbidden")) {
        reportViolation("the create command says forbidden");
      }
    },
  }],
});
`;

describe("engine: a Node policy pack through pulumi-analyzer-policy-nodejs", function () {
  this.timeout(300_000);

  let temp: string;
  let pack: string;
  let stack: Stack;

  const program = async () => {
    const create = new pulumi.Config().require("create");
    const provider = new command.Provider("local", {});
    new command.local.Command("checked", { create }, { provider });
  };

  before(async () => {
    engineBinary("pulumi-analyzer-policy-nodejs");
    temp = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-engine-policy-"));
    pack = path.join(temp, "pack");
    fs.mkdirSync(pack);
    fs.writeFileSync(path.join(pack, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(
      path.join(pack, "package.json"),
      JSON.stringify({ name: "engine-test-pack", version: "0.0.1", main: "index.js" }),
    );
    fs.writeFileSync(path.join(pack, "index.js"), PACK);
    stack = await inlineTestStack(temp, "engine-policy", program);
  });

  after(async () => {
    if (temp === undefined) return;
    await stack?.workspace.removeStack("test", { force: true }).catch(() => undefined);
    fs.rmSync(temp, { recursive: true, force: true });
  });

  it("a mandatory violation stops the preview", async () => {
    await stack.setConfig("create", { value: "echo forbidden" });
    let output = "";
    await assert.rejects(
      stack.preview({ policyPacks: [pack], onOutput: (text) => (output += text) }),
    );
    assert.match(output, /no-forbidden-commands/);
    assert.match(output, /the create command says forbidden/);
  });

  it("a compliant program previews with the pack", async () => {
    await stack.setConfig("create", { value: "echo fine" });
    let output = "";
    await stack.preview({ policyPacks: [pack], onOutput: (text) => (output += text) });
    assert.match(output, /engine-test/);
  });
});
