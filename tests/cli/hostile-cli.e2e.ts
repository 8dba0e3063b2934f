/**
 * Hostile and mistaken input through the built command: each gets a clear message and the
 * right exit code, and no input makes a command run without end.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { copyFixture, removeDir, TODAY } from "../model/support";

const REPO = resolve(__dirname, "..", "..");
const CLI = join(REPO, "dist", "cli", "main.js");
const STACK_TRACE = /^\s+at .+[(:]\d+:\d+\)?$/m;

function govcloud(
  args: string[],
  cwd = REPO,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: "utf8",
    timeout: 300_000,
  });
  assert.doesNotMatch(result.stdout + result.stderr, STACK_TRACE);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("hostile input through the command", function () {
  this.timeout(300_000);
  let dir: string;
  beforeEach(() => {
    dir = copyFixture();
  });
  afterEach(() => removeDir(dir));

  it("prints its version with --version and -V", () => {
    const { version } = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as {
      version: string;
    };
    for (const flag of ["--version", "-V"]) {
      const run = govcloud([flag]);
      assert.equal(run.status, 0);
      assert.equal(run.stdout, `${version}\n`);
    }
  });

  it("takes a --root that does not exist as a usage error (exit 2)", () => {
    for (const command of [["validate"], ["check", "--all"], ["plan", "--all"]]) {
      const run = govcloud([...command, "--root", "/nonexistent/estate"]);
      assert.equal(run.status, 2, command.join(" "));
      assert.equal(
        run.stderr,
        "govcloud: --root /nonexistent/estate: no such folder (name the folder that holds platform.yaml)\n",
      );
    }
  });

  it("fails on an empty departments folder instead of calling it valid", () => {
    rmSync(join(dir, "departments"), { recursive: true });
    mkdirSync(join(dir, "departments"));
    const run = govcloud(["validate", "--root", dir, "--today", TODAY]);
    assert.equal(run.status, 1);
    assert.match(
      run.stdout,
      /^departments:1:1: error \[no-departments\] departments\/ holds no department file$/m,
    );
  });

  it("answers at once on a ticket pattern that backtracks catastrophically", () => {
    const platform = join(dir, "platform.yaml");
    writeFileSync(
      platform,
      readFileSync(platform, "utf8")
        .replace("ticketPattern: ^QD-(CHG|REQ)-[0-9]{4}-[0-9]{5}$", "ticketPattern: ^(a+)+$")
        .replace("ticketExample: QD-CHG-2026-00142", `ticketExample: ${"a".repeat(40)}`),
    );
    const water = join(dir, "departments", "water.yaml");
    writeFileSync(
      water,
      readFileSync(water, "utf8").replace(
        "ticket: QD-CHG-2026-00021",
        `ticket: ${"a".repeat(40)}!`,
      ),
    );
    // With JavaScript's engine this does not end (32 characters took 19 s, each one more doubles
    // it); the test's own limit is generous for a busy machine and far below that.
    const run = govcloud(["validate", "--root", dir, "--today", TODAY]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /departments\/water\.yaml:\d+:\d+: error \[ticket-format\]/);
  });
});
