/**
 * No secret leaves through a report. A pull request adds a department file that is a link to a
 * file outside the estate (as a link to /proc/self/environ or a key would be), and puts the
 * value of a secret environment variable into a department file; every command and format is
 * run on it, and neither secret may appear in anything written: standard output, standard
 * error, plans, Markdown, SARIF, JUnit, JSON.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, EstateRepo, REPO, TODAY } from "../review/estate-repo";

const FILE_SECRET = `file-secret-${randomBytes(8).toString("hex")}`;
const ENV_SECRET = `env-secret-${randomBytes(8).toString("hex")}`;
const ENV = { ...process.env, GOVCLOUD_TEST_API_TOKEN: ENV_SECRET };

interface Written {
  what: string;
  text: string;
}

function run(repo: EstateRepo, args: string[], outDir: string): Written[] {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repo.dir,
    env: ENV,
    encoding: "utf8",
    timeout: 600_000,
  });
  assert.notEqual(result.status, null, `govcloud ${args.join(" ")} did not finish`);
  const label = args.slice(0, 2).join(" ");
  const written: Written[] = [
    { what: `${label}: stdout`, text: result.stdout },
    { what: `${label}: stderr`, text: result.stderr },
  ];
  for (const file of readdirSync(outDir, { recursive: true, encoding: "utf8" })) {
    const path = join(outDir, file);
    try {
      written.push({ what: `${label}: ${file}`, text: readFileSync(path, "utf8") });
    } catch {
      // a folder
    }
  }
  return written;
}

/** Every command on the repository's head, in every format, writing into fresh folders. */
function everyReport(repo: EstateRepo): Written[] {
  const written: Written[] = [];
  const pack = [
    "--policy-pack",
    join(REPO, "policies"),
    "--policy-config",
    join(REPO, "policy-config.json"),
  ];
  const fresh = () => mkdtempSync(join(tmpdir(), "govcloud-reports-"));
  const commands: ((out: string) => string[])[] = [
    () => ["validate", "--today", TODAY],
    () => ["validate", "--format", "json", "--today", TODAY],
    () => ["check", "--all", "--today", TODAY, ...pack],
    () => ["check", "--all", "--format", "json", "--today", TODAY, ...pack],
    (out) => ["plan", "--all", "--today", TODAY, "--out", out],
    (out) => [
      "review",
      "--base",
      "HEAD~1",
      "--today",
      TODAY,
      ...pack,
      ...["md", "sarif", "xml", "json"].flatMap((ext) => ["--out", join(out, `review.${ext}`)]),
    ],
  ];
  for (const command of commands) {
    const out = fresh();
    try {
      written.push(...run(repo, command(out), out));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return written;
}

function assertNoSecret(written: Written[]): void {
  for (const { what, text } of written) {
    assert.ok(
      !text.includes(FILE_SECRET),
      `${what} holds the content of a file outside the estate`,
    );
    assert.ok(!text.includes(ENV_SECRET), `${what} holds the secret environment variable's value`);
    for (const part of [ENV_SECRET.slice(0, 20), FILE_SECRET.slice(0, 20)]) {
      assert.ok(!text.includes(part), `${what} holds part of a secret`);
    }
  }
}

describe("secrets in reports", function () {
  this.timeout(900_000);
  let repo: EstateRepo;
  let outside: string;

  before(() => {
    outside = mkdtempSync(join(tmpdir(), "govcloud-outside-"));
    writeFileSync(join(outside, "key.yaml"), `id: stolen\nnote: ${FILE_SECRET}\n`);
    repo = new EstateRepo();
  });

  after(() => {
    rmSync(repo.dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it("a department file that links outside the estate is refused, and its content is shown nowhere", () => {
    symlinkSync(join(outside, "key.yaml"), join(repo.dir, "departments", "env.yaml"));
    // A regular file that quotes the secret where a problem will echo it (a wrong id).
    writeFileSync(
      join(repo.dir, "departments", "leak.yaml"),
      readFileSync(join(repo.dir, "departments", "water.yaml"), "utf8").replace(
        "id: water",
        `id: ${ENV_SECRET}`,
      ),
    );
    repo.commit("a link and a secret");
    const written = everyReport(repo);
    assertNoSecret(written);
    const validate = written.find((w) => w.what === "validate --today: stdout");
    assert.match(validate?.text ?? "", /departments\/env\.yaml:1:1: error \[symbolic-link\]/);
    // The secret was on its way into the report, and the redaction took it out.
    assert.match(validate?.text ?? "", /found: {3}"\[redacted\]"/);
    repo.git("rm", "--quiet", "departments/env.yaml", "departments/leak.yaml");
    repo.commit("without them");
  });

  it("a secret's value in a valid department file is redacted from plans and every review format", () => {
    repo.edit(
      "departments/water.yaml",
      "  - name: app\n",
      `  - name: app\n    description: ${ENV_SECRET}\n`,
    );
    repo.commit("a network described with a secret");
    const written = everyReport(repo);
    assertNoSecret(written);
    for (const what of [
      "review --base: review.md",
      "review --base: review.sarif",
      "review --base: review.xml",
      "review --base: review.json",
    ]) {
      const report = written.find((w) => w.what === what);
      assert.ok(report !== undefined, `${what} was not written`);
    }
    const plans = written.filter(
      (w) => w.what.startsWith("plan --all: ") && w.what.endsWith(".json"),
    );
    assert.ok(
      plans.some((w) => w.text.includes("[redacted]")),
      "no plan carried the (redacted) description",
    );
    const markdown = written.find((w) => w.what === "review --base: review.md");
    assert.match(markdown?.text ?? "", /\[redacted\]/);
  });
});
