/**
 * How the Automation API of the pinned SDK reports a CLI that cannot run, a stack that does not
 * exist and a failed run, and what the commands make of it. Real SDK errors: from an install
 * root without the CLI, and from a stand-in for the pulumi executable.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { cliFailure } from "../../deploy/command-error";
import { cliProblemFromError, SDK_MINIMUM_CLI } from "../../deploy/missing-cli";
import { standInPulumi } from "../support/stand-in-pulumi";

const REPO = resolve(__dirname, "..", "..");

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected the call to fail");
}

describe("Automation API errors", function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "govcloud-sdk-errors-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("states the CLI version the pinned SDK itself accepts", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { minimumVersion } = require("@pulumi/pulumi/automation/minimumVersion");
    assert.equal(
      `${minimumVersion.major}.${minimumVersion.minor}.${minimumVersion.patch}`,
      SDK_MINIMUM_CLI,
    );
  });

  it("turns a CLI that cannot be started into the missing-CLI problem", async () => {
    const error = await rejection(PulumiCommand.get({ root: dir }));
    const executable = join(dir, "bin", "pulumi");
    assert.deepEqual(cliProblemFromError(error, executable), {
      kind: "unusable",
      command: executable,
      detail: "it could not be started (ENOENT)",
    });
  });

  it("reads the exit code and output of a failed run, and a missing stack", async () => {
    const failing = standInPulumi(join(dir, "failing"), { exitCode: 255 });
    const command = await PulumiCommand.get({ root: join(dir, "failing") });
    const stack = await LocalWorkspace.selectStack(
      { stackName: "audit", workDir: REPO },
      { pulumiCommand: command },
    );
    const failed = await rejection(stack.preview({}));
    assert.deepEqual(cliFailure(failed), {
      kind: "failed",
      exitCode: 255,
      output: "stand-in pulumi preview ran",
    });
    assert.equal(cliProblemFromError(failed, failing.executable), undefined);

    standInPulumi(join(dir, "empty"), { noStack: true });
    const missing = await rejection(
      LocalWorkspace.selectStack(
        { stackName: "audit", workDir: REPO },
        { pulumiCommand: await PulumiCommand.get({ root: join(dir, "empty") }) },
      ),
    );
    assert.deepEqual(cliFailure(missing), {
      kind: "stack-not-found",
      exitCode: 255,
      output: "error: no stack named 'audit' found",
    });
  });
});
