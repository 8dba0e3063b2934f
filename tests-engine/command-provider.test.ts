/**
 * pulumi-resource-command, run by the real engine through the Automation API with an inline
 * program (no language host): commands really run, create/update/delete and triggers behave as
 * @pulumi/command documents them, and stdout/stderr come back as the SDK reads them.
 *
 * Everything stays on this machine: a file back end in a temporary folder, the engine's and
 * the program's gRPC servers on loopback, plugins only from the engine's bin/ folder.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";

import { engineBinary, inlineTestStack } from "./support/engine";

describe("engine: command:local:Command through the real engine", function () {
  // Every engine run starts the CLI and the plugin: seconds each, more on a busy machine.
  this.timeout(300_000);

  let temp: string;
  let log: string;
  let stack: Stack;

  /** The program: one command whose shape the test varies through stack configuration. */
  const program = async () => {
    const config = new pulumi.Config();
    const text = config.require("text");
    const provider = new command.Provider("local", {});
    const run = new command.local.Command(
      "greeting",
      {
        create: `echo "create $GREETING" >> "$LOG"; printf '%s\\n' "$GREETING"; echo warn >&2`,
        update: config.getBoolean("withUpdate")
          ? `echo "update after: $PULUMI_COMMAND_STDOUT" >> "$LOG"; echo updated`
          : undefined,
        delete: `echo "delete after: $PULUMI_COMMAND_STDOUT" >> "$LOG"`,
        environment: { GREETING: `hello ${text}`, LOG: log },
        triggers: [config.require("trigger")],
      },
      { provider },
    );
    return { stdout: run.stdout, stderr: run.stderr };
  };

  const logLines = () =>
    fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean) : [];

  async function up(config: Record<string, string>): Promise<Record<string, unknown>> {
    for (const [key, value] of Object.entries(config)) {
      await stack.setConfig(key, { value });
    }
    const result = await stack.up();
    return Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value]));
  }

  before(async () => {
    engineBinary("pulumi-resource-command");
    temp = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-engine-command-"));
    log = path.join(temp, "commands.log");
    stack = await inlineTestStack(temp, "engine-command", program);
  });

  after(async () => {
    if (temp === undefined) return;
    await stack?.workspace.removeStack("test", { force: true }).catch(() => undefined);
    fs.rmSync(temp, { recursive: true, force: true });
  });

  it("a preview runs nothing", async () => {
    await stack.setConfig("text", { value: "one" });
    await stack.setConfig("trigger", { value: "a" });
    await stack.preview();
    assert.deepEqual(logLines(), []);
  });

  it("create runs the command and returns its stdout and stderr", async () => {
    const outputs = await up({ text: "one", trigger: "a" });
    assert.deepEqual(outputs, { stdout: "hello one", stderr: "warn" });
    assert.deepEqual(logLines(), ["create hello one"]);
  });

  it("an unchanged program runs nothing", async () => {
    await up({});
    assert.deepEqual(logLines(), ["create hello one"]);
  });

  it("a changed input without an update command runs create again", async () => {
    const outputs = await up({ text: "two" });
    assert.deepEqual(outputs, { stdout: "hello two", stderr: "warn" });
    assert.deepEqual(logLines().slice(1), ["create hello two"]);
  });

  it("with an update command, update runs and sees the previous stdout", async () => {
    const outputs = await up({ withUpdate: "true" });
    assert.deepEqual(outputs, { stdout: "updated", stderr: "" });
    assert.deepEqual(logLines().slice(2), ["update after: hello two"]);
  });

  it("a changed trigger replaces: delete, then create", async () => {
    const outputs = await up({ trigger: "b" });
    assert.deepEqual(outputs, { stdout: "hello two", stderr: "warn" });
    const lines = logLines().slice(3);
    assert.deepEqual([...lines].sort(), ["create hello two", "delete after: updated"]);
  });

  it("destroy runs delete with the last stdout", async () => {
    await stack.destroy();
    assert.deepEqual(logLines().slice(5), ["delete after: hello two"]);
  });
});
