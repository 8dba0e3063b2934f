/**
 * `govcloud policy-config` through the built command: the config that runs the pack away from the
 * estate, the estate's settings with each policy's facts, on standard output or in a file.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { copyBundledEstate } from "../support/bundled-estate";

const REPO = resolve(__dirname, "..", "..");
const CLI = join(REPO, "dist", "cli", "main.js");

function govcloud(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, "policy-config", ...args], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
  });
}

type Config = Record<string, { enforcementLevel?: string; facts: Record<string, unknown> }>;

describe("govcloud policy-config", function () {
  this.timeout(180_000);
  let root: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), "govcloud-policy-config-"));
    copyBundledEstate(root);
    writeFileSync(
      join(root, "policy-config.json"),
      JSON.stringify({ "naming-tagging": "disabled", "site-capacity": { headroomPercent: 3 } }),
    );
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("prints the estate's settings with the facts each policy reads", () => {
    const run = govcloud(["--today", "2026-11-26"], root);
    assert.equal(run.status, 0, run.stderr);
    const config = JSON.parse(run.stdout) as Config;
    assert.equal(config["naming-tagging"].enforcementLevel, "disabled");
    assert.equal((config["site-capacity"] as Record<string, unknown>).headroomPercent, 3);
    assert.deepEqual(Object.keys(config["site-capacity"].facts), [
      "departments",
      "flavors",
      "sites",
      "today",
    ]);
    assert.equal(config["change-approval"].facts.today, "2026-11-26");
    const departments = config["department-quota"].facts.departments as Record<string, unknown>;
    assert.ok("health" in departments, "the estate's departments");
  });

  it("writes it to a file with --out, and takes another settings file", () => {
    const settings = join(root, "other.json");
    writeFileSync(settings, JSON.stringify({ all: "advisory" }));
    const run = govcloud(["--policy-config", settings, "--out", "out.json"], root);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `govcloud policy-config: wrote ${join(root, "out.json")}\n`);
    const config = JSON.parse(readFileSync(join(root, "out.json"), "utf8")) as Config;
    assert.equal(config.all as unknown, "advisory");
    assert.equal(config["site-capacity"].enforcementLevel, undefined);
    assert.equal(config["change-approval"].facts.today, undefined, "the day the pack runs");
  });

  it("refuses settings the engine would refuse, as a usage error", () => {
    const settings = join(root, "bad.json");
    writeFileSync(settings, JSON.stringify({ "site-capacity": "strict" }));
    const run = govcloud(["--policy-config", settings], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /"site-capacity": "strict" is not a valid enforcement level/);
    assert.equal(run.stdout, "");
  });
});
