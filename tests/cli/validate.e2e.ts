/**
 * `govcloud validate`: exit codes, text and JSON output, and no stack trace for bad input,
 * both through runValidate and through the built command (dist/cli/main.js, which `npm ci`
 * builds through the prepare script).
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { runValidate } from "../../cli/validate-command";
import {
  copyFixture,
  fixtureText,
  FIXTURE_ROOT,
  removeDir,
  replaceOnce,
  TODAY,
  WATER,
} from "../model/support";

const CLI = resolve(__dirname, "..", "..", "dist", "cli", "main.js");
const STACK_TRACE = /^\s+at .+[(:]\d+:\d+\)?$/m;

function run(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("govcloud validate", () => {
  let dir: string;
  beforeEach(() => {
    dir = copyFixture();
  });
  afterEach(() => removeDir(dir));

  const breakWater = () =>
    writeFileSync(
      join(dir, WATER),
      replaceOnce(fixtureText(WATER), "flavor: s1.large", "flavor: s1.larg"),
    );

  describe("runValidate", () => {
    it("exits 0 with a one-line summary on a clean estate", () => {
      const output = runValidate([], { format: "text", root: FIXTURE_ROOT, today: TODAY });
      assert.deepEqual(output, {
        exitCode: 0,
        stdout:
          "govcloud validate: valid: 2 departments, 4 workloads, 9 VMs (qingdao 5, laixi 4)\n",
      });
    });

    it("exits 1 and prints each problem as file:line:column with found, allowed and fix", () => {
      breakWater();
      const output = runValidate([], { format: "text", root: dir, today: TODAY });
      assert.equal(output.exitCode, 1);
      assert.equal(
        output.stdout,
        [
          'departments/water.yaml:56:13: error [unknown-flavor] workloads[1].flavor: flavor "s1.larg" is not in the platform catalog',
          '    found:   "s1.larg"',
          "    allowed: s1.small, s1.large, db.xlarge",
          '    fix:     did you mean "s1.large"?',
          "govcloud validate: 1 error, 0 warnings in 1 file: 2 departments, 4 workloads, 9 VMs (qingdao 5, laixi 4)",
          "",
        ].join("\n"),
      );
    });

    it("checks a named file in place of the department with the same id", () => {
      const outside = join(dir, "proposed");
      mkdirSync(outside);
      const proposed = join(outside, "water.yaml");
      writeFileSync(
        proposed,
        replaceOnce(fixtureText(WATER), "date: 2026-01-15", "date: 2026-12-01"),
      );
      const output = runValidate([proposed], { format: "json", root: FIXTURE_ROOT, today: TODAY });
      assert.equal(output.exitCode, 1);
      const report = JSON.parse(output.stdout) as {
        valid: boolean;
        errors: number;
        problems: { file: string; line: number; code: string }[];
      };
      assert.equal(report.valid, false);
      assert.equal(report.errors, 1);
      assert.deepEqual(
        report.problems.map((p) => [p.file, p.line, p.code]),
        [[proposed, 19, "future-date"]],
      );
    });

    it("writes JSON that parses, for a clean estate too", () => {
      const output = runValidate([], { format: "json", root: FIXTURE_ROOT, today: TODAY });
      assert.equal(output.exitCode, 0);
      const report = JSON.parse(output.stdout) as Record<string, unknown>;
      assert.deepEqual(
        { ...report, files: undefined },
        {
          valid: true,
          errors: 0,
          warnings: 0,
          files: undefined,
          summary: { departments: 2, workloads: 4, vmsPerSite: { qingdao: 5, laixi: 4 } },
          problems: [],
        },
      );
      assert.deepEqual(report.files, [
        "platform.yaml",
        "departments/health.yaml",
        "departments/water.yaml",
      ]);
    });
  });

  describe("the built command", function () {
    this.timeout(20000);
    before(function () {
      assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build`);
    });

    it("exits 0 on the clean fixture estate", () => {
      const result = run(["validate", "--root", FIXTURE_ROOT, "--today", TODAY]);
      assert.equal(result.stderr, "");
      assert.equal(result.status, 0);
      assert.match(result.stdout, /^govcloud validate: valid: 2 departments/);
    });

    it("exits 1 on a bad file, without a stack trace", () => {
      breakWater();
      const result = run(["validate", "--root", dir, "--today", TODAY]);
      assert.equal(result.status, 1);
      assert.match(result.stdout, /^departments\/water\.yaml:56:13: error \[unknown-flavor\]/);
      assert.doesNotMatch(result.stdout + result.stderr, STACK_TRACE);
    });

    it("exits 1 on a file that is not YAML at all, without a stack trace", () => {
      writeFileSync(join(dir, WATER), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0a]));
      const result = run(["validate", "--root", dir, "--today", TODAY, "--format", "json"]);
      assert.equal(result.status, 1);
      const report = JSON.parse(result.stdout) as { problems: { code: string }[] };
      assert.deepEqual(
        report.problems.map((p) => p.code),
        ["not-utf8"],
      );
      assert.doesNotMatch(result.stdout + result.stderr, STACK_TRACE);
    });

    it("exits 1 when there is no platform.yaml, without a stack trace", () => {
      const empty = join(dir, "empty");
      mkdirSync(empty);
      const result = run(["validate", "--root", empty, "--today", TODAY]);
      assert.equal(result.status, 1);
      assert.match(
        result.stdout,
        /^platform\.yaml:1:1: error \[unreadable-file\] platform\.yaml does not exist/,
      );
      assert.doesNotMatch(result.stdout + result.stderr, STACK_TRACE);
    });

    for (const args of [
      ["validate", "--format", "xml"],
      ["validate", "--bogus"],
      ["validate", "--today", "2026-02-30"],
      ["frobnicate"],
    ]) {
      it(`exits 2 on bad usage: ${args.join(" ")}`, () => {
        const result = run([...args, "--root", FIXTURE_ROOT]);
        assert.equal(result.status, 2);
        assert.equal(result.stdout, "");
        assert.ok(result.stderr.length > 0);
        assert.doesNotMatch(result.stderr, STACK_TRACE);
      });
    }
  });
});
