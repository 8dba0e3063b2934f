/**
 * A temporary git repository holding a copy of the small test estate (tests/fixtures/estate),
 * with a base commit; tests edit files, commit a head, and run the built `govcloud review` or
 * `govcloud changed` in it.
 */
import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ReviewReport } from "../../review/types";

export const REPO = resolve(__dirname, "..", "..");
export const CLI = join(REPO, "dist", "cli", "main.js");
export const TODAY = "2026-11-26";
const FIXTURE = join(REPO, "tests", "fixtures", "estate");

export interface CommandRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export class EstateRepo {
  readonly dir = mkdtempSync(join(tmpdir(), "govcloud-review-repo-"));

  constructor(source = FIXTURE) {
    cpSync(source, this.dir, { recursive: true });
    this.git("init", "--quiet", "--initial-branch=main");
    this.commit("base estate");
  }

  git(...args: string[]): string {
    return execFileSync(
      "git",
      ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", ...args],
      { cwd: this.dir, encoding: "utf8" },
    );
  }

  commit(message: string): void {
    this.git("add", "--all");
    this.git("commit", "--quiet", "--allow-empty", "-m", message);
  }

  /** Replaces `from` (which must occur exactly once) by `to` in a file of the estate. */
  edit(file: string, from: string, to: string): void {
    const path = join(this.dir, file);
    const text = readFileSync(path, "utf8");
    assert.equal(text.split(from).length, 2, `"${from}" is not in ${file} exactly once`);
    writeFileSync(path, text.replace(from, to));
  }

  run(args: string[], cwd = this.dir): CommandRun {
    const run = spawnSync(process.execPath, [CLI, ...args], {
      cwd,
      encoding: "utf8",
      timeout: 300_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  /** `govcloud review --format json` with the project's policy pack; the parsed report. */
  review(...args: string[]): { run: CommandRun; report: ReviewReport } {
    const run = this.run([
      "review",
      "--format",
      "json",
      "--today",
      TODAY,
      "--policy-pack",
      join(REPO, "policies"),
      "--policy-config",
      join(REPO, "policy-config.json"),
      ...args,
    ]);
    assert.ok(run.stdout.startsWith("{"), `no JSON report:\n${run.stdout}\n${run.stderr}`);
    return { run, report: JSON.parse(run.stdout) as ReviewReport };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
