/**
 * The `govcloud review` and `govcloud changed` command lines: several reports from one run, the
 * shortened comment with the full report beside it, and clear usage errors.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REVIEW_COMMENT_MARKER } from "../../render/review-markdown";
import type { ReviewReport } from "../../review/types";
import { sarifSchemaErrors } from "../support/sarif-schema";
import { EstateRepo, REPO, TODAY } from "./estate-repo";

const PACK = [
  "--policy-pack",
  join(REPO, "policies"),
  "--policy-config",
  join(REPO, "policy-config.json"),
];

/** SSH from anywhere on health's portal: a mandatory security-baseline violation. */
function breakHealth(repo: EstateRepo): void {
  repo.edit(
    "departments/health.yaml",
    "    approval: { ticket: QD-CHG-2026-00042, date: 2026-02-11 }\n",
    "    ingress:\n      - { protocol: tcp, port: 22, from: 0.0.0.0/0 }\n" +
      "    approval: { ticket: QD-CHG-2026-00042, date: 2026-02-11 }\n",
  );
}

describe("govcloud review command line", function () {
  this.timeout(300_000);
  let repo: EstateRepo;

  beforeEach(() => {
    repo = new EstateRepo();
  });
  afterEach(() => repo.remove());

  it("writes Markdown, JSON, SARIF and JUnit from one run, the format from each extension", () => {
    breakHealth(repo);
    const run = repo.run([
      "review",
      "--base",
      "HEAD",
      "--today",
      TODAY,
      ...PACK,
      "--out",
      "out/review.md",
      "--out",
      "out/review.json",
      "--out",
      "out/review.sarif",
      "--out",
      "out/review.xml",
    ]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^govcloud review: failed: 1 stack reviewed \(1 with changes\)/);
    assert.match(
      run.stdout,
      /wrote out\/review\.md, out\/review\.json, out\/review\.sarif, out\/review\.xml/,
    );
    const markdown = readFileSync(join(repo.dir, "out", "review.md"), "utf8");
    assert.ok(markdown.startsWith(REVIEW_COMMENT_MARKER));
    assert.match(markdown, /departments\/health\.yaml:\d+/);
    const report = JSON.parse(
      readFileSync(join(repo.dir, "out", "review.json"), "utf8"),
    ) as ReviewReport;
    assert.equal(report.verdict.passed, false);
    const sarif = JSON.parse(readFileSync(join(repo.dir, "out", "review.sarif"), "utf8")) as {
      version: string;
      runs: {
        results: {
          level: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    assert.equal(sarif.version, "2.1.0");
    assert.deepEqual(sarifSchemaErrors(sarif), []);
    const errors = sarif.runs[0].results.filter((result) => result.level === "error");
    assert.ok(errors.length >= 1);
    assert.equal(
      errors[0].locations[0].physicalLocation.artifactLocation.uri,
      "departments/health.yaml",
    );
    const junit = readFileSync(join(repo.dir, "out", "review.xml"), "utf8");
    assert.match(junit, /<testsuite[^>]*name="health"/);
    assert.match(junit, /<failure/);
  });

  it("keeps the comment under --max-chars and writes the full report beside it", () => {
    repo.edit(
      "platform.yaml",
      "{ name: s1.small, vcpus: 1, ramGiB: 2, diskGiB: 40, public: true }",
      "{ name: s1.small, vcpus: 1, ramGiB: 4, diskGiB: 40, public: true }",
    );
    repo.edit(
      "departments/water.yaml",
      "{ name: uploads, sizeGiB: 100, type: ssd-async }",
      "{ name: uploads, sizeGiB: 100, type: ssd-sync }",
    );
    // A new volume type replaces the volumes: the change declares it, so the review passes.
    repo.edit(
      "departments/water.yaml",
      "\nworkloads:\n",
      "\nallowDestroy:\n  - { resource: billing/uploads, ticket: QD-CHG-2026-00500, reason: sync replication }\nworkloads:\n",
    );
    const run = repo.run([
      "review",
      "--base",
      "HEAD",
      "--today",
      TODAY,
      ...PACK,
      "--max-chars",
      "4000",
      "--out",
      "review.md",
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /wrote review\.md, review\.full\.md \(full report\)/);
    const comment = readFileSync(join(repo.dir, "review.md"), "utf8");
    const full = readFileSync(join(repo.dir, "review.full.md"), "utf8");
    assert.ok(comment.length <= 4000, `${comment.length} characters`);
    assert.ok(full.length > 4000);
    assert.ok(comment.startsWith(REVIEW_COMMENT_MARKER));
    assert.match(comment, /shortened|cut here/);
    assert.match(comment, /review\.full\.md/);
  });

  it("says what is wrong with an unknown base, a folder outside git, and clashing options", () => {
    const unknown = repo.run(["review", "--base", "no-such-branch", ...PACK]);
    assert.equal(unknown.status, 2);
    assert.match(
      unknown.stderr,
      /"no-such-branch" is not a commit of .*: give a branch, tag or commit/,
    );
    assert.doesNotMatch(unknown.stderr, /\n\s+at /, "no stack trace");

    const outside = new EstateRepo();
    try {
      rmSync(join(outside.dir, ".git"), { recursive: true, force: true });
      const run = outside.run(["review", "--base", "HEAD", ...PACK]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /is not in a git repository: a review compares two revisions/);
    } finally {
      outside.remove();
    }

    const clash = repo.run([
      "review",
      "--base",
      "HEAD",
      "--format",
      "json",
      "--out",
      "a.md",
      "--out",
      "b.json",
      ...PACK,
    ]);
    assert.equal(clash.status, 2);
    assert.match(clash.stderr, /--format applies to standard output or to a single --out/);

    const extension = repo.run(["review", "--base", "HEAD", "--out", "review.txt", ...PACK]);
    assert.equal(extension.status, 2);
    assert.match(extension.stderr, /cannot tell the format of --out review\.txt/);
    assert.ok(!existsSync(join(repo.dir, "review.txt")));
  });
});

describe("govcloud changed", function () {
  this.timeout(120_000);
  let repo: EstateRepo;

  beforeEach(() => {
    repo = new EstateRepo();
  });
  afterEach(() => repo.remove());

  it("lists the department a department file change touches", () => {
    repo.edit("departments/water.yaml", "sizeGiB: 500", "sizeGiB: 600");
    repo.commit("water: bigger");
    const run = repo.run(["changed", "--base", "HEAD~1", "--head", "HEAD"]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "water\n");
  });

  it("lists the platform first, then every department, when platform.yaml changes", () => {
    repo.edit("platform.yaml", "ramGiB: 2, diskGiB: 40", "ramGiB: 4, diskGiB: 40");
    const run = repo.run(["changed", "--base", "HEAD"]);
    assert.equal(run.stdout, "platform\nhealth\nwater\n");
  });

  it("lists nothing for a change outside the estate, and says which stacks are gone", () => {
    writeFileSync(join(repo.dir, "NOTES.md"), "notes\n");
    assert.equal(repo.run(["changed", "--base", "HEAD"]).stdout, "");
    rmSync(join(repo.dir, "departments", "health.yaml"));
    const run = repo.run(["changed", "--base", "HEAD", "--format", "json"]);
    const result = JSON.parse(run.stdout) as { stacks: string[]; removed: string[] };
    assert.deepEqual(result.removed, ["health"]);
    assert.deepEqual(result.stacks, []);
  });
});
