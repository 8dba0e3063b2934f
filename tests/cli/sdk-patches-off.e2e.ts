/**
 * The SDK patches (plan/sdk-patches.ts) change how fast govcloud plans and checks, never what:
 * the whole bundled estate, planned and checked by the built command with every patch applied
 * and with every one switched off (GOVCLOUD_SDK_PATCHES=off, the SDK and the pack as shipped),
 * gives the same plan files byte for byte and the same check report.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PATCHES_VARIABLE } from "../../plan/sdk-patches";

const REPO = resolve(__dirname, "..", "..");
const CLI = join(REPO, "dist", "cli", "main.js");
const TODAY = "2026-11-26";

function govcloud(patches: string | undefined, args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args, "--root", REPO, "--today", TODAY], {
    cwd: REPO,
    encoding: "utf8",
    timeout: 500_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, [PATCHES_VARIABLE]: patches },
  });
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /warning/, "a patch was refused");
  return run.stdout;
}

/** Every plan file `plan --all` writes, by name. */
function plans(patches: string | undefined): Map<string, string> {
  const out = mkdtempSync(join(tmpdir(), "govcloud-patches-"));
  try {
    govcloud(patches, ["plan", "--all", "--out", out]);
    return new Map(readdirSync(out).map((file) => [file, readFileSync(join(out, file), "utf8")]));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe("the bundled estate with the SDK patches on and off", function () {
  // Plans and checks 31 stacks twice with the SDK as shipped: minutes on a busy machine.
  this.timeout(1_200_000);

  it("plans every stack to the same bytes", () => {
    const on = plans(undefined);
    const off = plans("off");
    assert.ok(on.size > 30, `only ${on.size} plan files`);
    assert.deepEqual([...off.keys()].sort(), [...on.keys()].sort());
    for (const [file, text] of on) assert.ok(off.get(file) === text, `${file} differs`);
  });

  it("gives the same check report", () => {
    const args = ["check", "--all", "--format", "json"];
    const on = govcloud(undefined, args);
    const off = govcloud("off", args);
    assert.equal((JSON.parse(on) as { checks: unknown[] }).checks.length, 31);
    assert.equal(off, on);
  });
});
