/**
 * Hostile and mistaken input through the built command: each gets a clear message and the
 * right exit code, and no input makes a command run without end.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

  describe("a policy config that is not what it should be", () => {
    // Stands for a file outside the repository: a CI secret, /proc/self/environ, a key.
    const SECRET = "ci-secret-9f2c41d7";
    let outside: string;
    beforeEach(() => {
      outside = mkdtempSync(join(tmpdir(), "govcloud-outside-"));
      writeFileSync(join(outside, "secret"), `${SECRET}=value\n`);
    });
    afterEach(() => removeDir(outside));

    const commands = (): string[][] => [
      ["check", "--all", "--root", dir, "--today", TODAY],
      ["check", "water", "--root", dir, "--today", TODAY],
      ["failover", "--all", "--root", dir],
      ["policy-config", "--root", dir, "--today", TODAY],
    ];

    it("refuses a policy-config.json that is a symbolic link, naming neither its target nor its content", () => {
      symlinkSync(join(outside, "secret"), join(dir, "policy-config.json"));
      for (const command of commands()) {
        const run = govcloud(command);
        assert.equal(run.status, 2, `${command.join(" ")}: ${run.stdout}${run.stderr}`);
        assert.equal(
          run.stderr,
          `govcloud: policy config file ${join(dir, "policy-config.json")} is a symbolic link; ` +
            "govcloud reads only regular files, so that no file from outside the repository can " +
            "reach a report: commit the file itself\n",
          command.join(" "),
        );
        assert.ok(!(run.stdout + run.stderr).includes(SECRET), command.join(" "));
        assert.ok(!(run.stdout + run.stderr).includes(outside), command.join(" "));
      }
    });

    it("places invalid JSON by line and column and quotes none of it", () => {
      writeFileSync(
        join(dir, "policy-config.json"),
        `{\n  "site-capacity": "mandatory",\n  ${SECRET}\n}\n`,
      );
      for (const command of commands()) {
        const run = govcloud(command);
        assert.equal(run.status, 2, `${command.join(" ")}: ${run.stdout}${run.stderr}`);
        assert.equal(
          run.stderr,
          `govcloud: ${join(dir, "policy-config.json")}:3:3: invalid JSON: expected ` +
            "double-quoted property name\n",
          command.join(" "),
        );
      }
    });

    it("refuses a pack whose PulumiPolicy.yaml is a link or bad YAML, showing none of it", () => {
      const pack = join(dir, "pack");
      mkdirSync(pack);
      const project = join(pack, "PulumiPolicy.yaml");
      symlinkSync(join(outside, "secret"), project);
      const check = ["check", "water", "--root", dir, "--today", TODAY, "--policy-pack", pack];
      const linked = govcloud(check);
      assert.equal(linked.status, 2, linked.stdout + linked.stderr);
      assert.equal(
        linked.stderr,
        `govcloud: failed to load Pulumi policy project located at "${pack}": ${project} is a ` +
          "symbolic link; govcloud reads only regular files, so that no file from outside the " +
          "repository can reach a report: commit the file itself\n",
      );
      rmSync(project);
      // js-yaml's message shows the lines around the mistake, and this reason the tag itself.
      writeFileSync(project, `runtime: nodejs\nkey: !<tag:${SECRET}> value\n`);
      const invalid = govcloud(check);
      assert.equal(invalid.status, 2, invalid.stdout + invalid.stderr);
      assert.match(
        invalid.stderr,
        /^govcloud: \S+\/pack\/PulumiPolicy\.yaml:2:\d+: invalid YAML: unknown tag\n$/,
      );
      for (const run of [linked, invalid]) {
        assert.ok(!(run.stdout + run.stderr).includes(SECRET), run.stderr);
        assert.ok(!(run.stdout + run.stderr).includes(outside), run.stderr);
      }
    });
  });
});
