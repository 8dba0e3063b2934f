/**
 * Changes that destroy data or leave a department with nothing managing it: each is a base and a
 * head commit in a temporary repository of the small test estate (with the stack settings files
 * every deployed department has), reviewed by the built command. What is asserted is what a
 * reviewer and the merge pipeline see: the exit code, the first words of the comment, the
 * approvals and where SARIF puts the findings.
 */
import { strict as assert } from "node:assert";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EstateRepo, REPO, TODAY } from "./estate-repo";

const PACK = [
  "--policy-pack",
  join(REPO, "policies"),
  "--policy-config",
  join(REPO, "policy-config.json"),
];

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number };
    };
  }[];
}

/** The fixture estate with a stack settings file per stack, as a deployed estate has. */
function deployedEstate(): EstateRepo {
  const repo = new EstateRepo();
  mkdirSync(join(repo.dir, "stacks"));
  for (const stack of ["platform", "health", "water"]) {
    writeFileSync(join(repo.dir, "stacks", `Pulumi.${stack}.yaml`), "config: {}\n");
  }
  repo.commit("stack settings");
  return repo;
}

function review(repo: EstateRepo): {
  status: number | null;
  markdown: string;
  sarif: SarifResult[];
  junit: string;
  stdout: string;
} {
  const run = repo.run([
    "review",
    "--base",
    "HEAD~1",
    "--head",
    "HEAD",
    "--today",
    TODAY,
    ...PACK,
    "--out",
    "out/review.md",
    "--out",
    "out/review.sarif",
    "--out",
    "out/review.xml",
  ]);
  const markdown = readFileSync(join(repo.dir, "out", "review.md"), "utf8");
  const log = JSON.parse(readFileSync(join(repo.dir, "out", "review.sarif"), "utf8")) as {
    runs: { results: SarifResult[] }[];
  };
  const junit = readFileSync(join(repo.dir, "out", "review.xml"), "utf8");
  rmSync(join(repo.dir, "out"), { recursive: true, force: true });
  return { status: run.status, markdown, sarif: log.runs[0].results, junit, stdout: run.stdout };
}

/** The verdict line: the first words a reviewer reads. */
function verdict(markdown: string): string {
  return markdown.split("\n").find((line) => /^(✅|❌)/.test(line)) ?? "";
}

function approvals(markdown: string): string {
  const start = markdown.indexOf("### Approvals needed");
  return markdown.slice(start, markdown.indexOf("\n### ", start + 1));
}

describe("govcloud review: a department file gone without a decommission", function () {
  this.timeout(300_000);
  let repo: EstateRepo;

  beforeEach(() => {
    repo = deployedEstate();
  });
  afterEach(() => repo.remove());

  it("git rm of the file is an error in validate, check, changed and review, with the fix", () => {
    repo.git("rm", "--quiet", "departments/health.yaml");
    repo.commit("health: remove");

    const validate = repo.run(["validate"]);
    assert.equal(validate.status, 1, validate.stdout);
    assert.match(
      validate.stdout,
      /^stacks\/Pulumi\.health\.yaml:1:1: error \[department-file-missing\] departments\/health\.yaml is gone but department health was not decommissioned/m,
    );
    assert.match(validate.stdout, /fix: +restore departments\/health\.yaml; .* decommission/);

    const check = repo.run(["check", "--all", "--today", TODAY, ...PACK]);
    assert.equal(check.status, 1, check.stdout);
    assert.match(check.stdout, /FAILED \(health/);

    const changed = repo.run(["changed", "--base", "HEAD~1", "--head", "HEAD"]);
    assert.equal(changed.status, 1);
    assert.equal(changed.stdout, "", "nothing is deployed");
    assert.match(changed.stderr, /error: departments\/health\.yaml is gone but department health/);
    assert.match(changed.stderr, /fix: restore departments\/health\.yaml/);

    const { status, markdown, sarif } = review(repo);
    assert.equal(status, 1);
    assert.match(
      verdict(markdown),
      /^❌ \*\*Blocked\*\* by 1 department file deleted without a decommission/,
    );
    const first = markdown.indexOf("### 🔴 Read this first");
    assert.ok(first > 0 && first < markdown.indexOf("| stack |"), "before the table");
    assert.match(markdown, /- ❌ \*\*health\*\*: departments\/health\.yaml is gone/);
    assert.match(markdown, / {2}- laixi: 1 instance and 1 network/);
    assert.match(markdown, /\*\*Fix:\*\* restore departments\/health\.yaml/);
    assert.doesNotMatch(markdown, /Passes/);
    const missing = sarif.find((result) => result.ruleId === "govcloud/department-file-missing");
    assert.ok(missing, JSON.stringify(sarif));
    assert.equal(missing.level, "error");
    assert.equal(
      missing.locations[0].physicalLocation.artifactLocation.uri,
      "stacks/Pulumi.health.yaml",
    );
  });

  it("renaming the file to .yml is refused the same way", () => {
    renameSync(join(repo.dir, "departments/health.yaml"), join(repo.dir, "departments/health.yml"));
    repo.commit("health: .yml");
    const validate = repo.run(["validate"]);
    assert.equal(validate.status, 1);
    assert.match(validate.stdout, /\[wrong-extension\]/);
    assert.match(validate.stdout, /\[department-file-missing\]/);
    const { status, markdown } = review(repo);
    assert.equal(status, 1);
    assert.match(verdict(markdown), /^❌ \*\*Blocked\*\* by 1 department file deleted/);
    assert.equal(repo.run(["changed", "--base", "HEAD~1", "--head", "HEAD"]).status, 1);
  });

  it("the last step of a decommission (both files removed after the marker) passes", () => {
    repo.edit(
      "departments/health.yaml",
      "workloads:\n",
      "decommission: { ticket: QD-CHG-2026-00900, approver: liu.yang, date: 2026-11-20 }\nworkloads:\n",
    );
    repo.commit("health: decommission");
    repo.git("rm", "--quiet", "departments/health.yaml", "stacks/Pulumi.health.yaml");
    repo.commit("health: gone");
    assert.equal(repo.run(["validate"]).status, 0);
    const changed = repo.run(["changed", "--base", "HEAD~1", "--head", "HEAD"]);
    assert.equal(changed.status, 0, changed.stderr);
    assert.match(changed.stderr, /gone on the head, nothing to deploy: health/);
  });
});

describe("govcloud review: destruction needs declared intent", function () {
  this.timeout(300_000);
  let repo: EstateRepo;

  beforeEach(() => {
    repo = new EstateRepo();
  });
  afterEach(() => repo.remove());

  it("renaming a workload without previousNames is blocked, saying what is lost", () => {
    repo.edit("departments/water.yaml", "  - name: meter-db\n", "  - name: meter-database\n");
    repo.commit("water: rename the meter database");
    const { status, markdown, sarif, junit, stdout } = review(repo);
    assert.equal(status, 1, stdout);
    assert.match(
      junit,
      /<testcase classname="govcloud\.water" name="data and lifecycle">\n\s*<failure message="2 destructive changes not allowed"/,
    );
    assert.match(verdict(markdown), /^❌ \*\*Blocked\*\* by 2 losses of data not declared/);
    assert.ok(
      markdown.includes(
        "- ❌ **water**: 2 instances, 2 volumes of 500 GiB, 2 volume replicas of 500 GiB and 2 replicated pairs of workload meter-db at qingdao will be deleted and their data lost. **Not declared in the change.**",
      ),
      markdown,
    );
    assert.match(markdown, /If meter-db was renamed, add "previousNames: \\\[meter-db\\\]"/);
    const undeclared = sarif.filter(
      (result) => result.ruleId === "govcloud/undeclared-destruction",
    );
    assert.equal(undeclared.length, 2);
    for (const result of undeclared) {
      assert.equal(result.level, "error");
      assert.equal(
        result.locations[0].physicalLocation.artifactLocation.uri,
        "departments/water.yaml",
      );
      assert.ok(result.locations[0].physicalLocation.region.startLine > 1, "at the workloads");
    }
  });

  it("the same rename with previousNames renames everything in place: nothing is replaced", () => {
    repo.edit(
      "departments/water.yaml",
      "  - name: meter-db\n",
      "  - name: meter-database\n    previousNames: [meter-db]\n",
    );
    repo.commit("water: rename the meter database, keeping it");
    const { run, report } = repo.review("--base", "HEAD~1", "--head", "HEAD");
    assert.equal(run.status, 0, run.stdout);
    const water = report.stacks.find((stack) => stack.stack === "water")!;
    assert.deepEqual(
      { replace: water.counts.replace, delete: water.counts.delete, create: water.counts.create },
      { replace: 0, delete: 0, create: 0 },
    );
    const renamed = water.changes.filter((change) => change.renamedFrom !== undefined);
    assert.equal(renamed.length, water.changes.length, "every change is a rename");
    for (const type of ["Instance", "Port", "Volume"]) {
      assert.ok(
        renamed.some((change) => change.type.endsWith(`:${type}`)),
        `${type} renamed in place`,
      );
    }
    // The server group keeps the name it was created with (Nova cannot rename it), and the
    // attachments and pairing commands keep the ids they name: their inputs do not change with
    // the Pulumi name, so they are the engine's `same` steps and not listed.
    for (const type of ["ServerGroup", "VolumeAttach", "Command"]) {
      assert.ok(!renamed.some((change) => change.type.endsWith(`:${type}`)), `${type} listed`);
    }
    const instance = water.changes.find((change) => change.type.endsWith(":Instance"))!;
    assert.deepEqual(
      instance.properties.map((property) => property.path),
      ["metadata.workload", "name", "tags[8]"],
    );
    assert.equal(
      water.changes.some((change) => change.losesData === true || change.refused !== undefined),
      false,
    );
    const { markdown } = review(repo);
    assert.match(verdict(markdown), /^✅ \*\*Passes\*\*/, markdown);
    assert.doesNotMatch(markdown, /Read this first|loses data|Replacements and deletions/);
  });

  it("a deletion declared in allowDestroy passes and asks the platform team, with the ticket", () => {
    repo.edit("departments/water.yaml", "  - name: meter-db\n", "  - name: meter-database\n");
    writeFileSync(
      join(repo.dir, "departments/water.yaml"),
      readFileSync(join(repo.dir, "departments/water.yaml"), "utf8") +
        "allowDestroy:\n" +
        "  - { resource: meter-db, ticket: QD-CHG-2026-00777, reason: the readings moved to the data lake }\n",
    );
    repo.commit("water: retire the meter database");
    const { status, markdown, sarif } = review(repo);
    assert.equal(status, 0, markdown);
    assert.match(
      verdict(markdown),
      /^✅ \*\*Passes\*\*.*🟥 \*\*This change destroys data declared in `allowDestroy`\*\*: the platform team must approve\./,
    );
    assert.match(
      markdown,
      /- 🟧 \*\*water\*\*: 2 instances, .* of workload meter-db at laixi will be deleted and their data lost\. Declared in `allowDestroy` \(`QD-CHG-2026-00777`: the readings moved to the data lake\)/,
    );
    const needed = approvals(markdown);
    assert.match(
      needed,
      /- \*\*Platform team\*\*: .*\n {2}- destroys data as allowDestroy declares \(QD-CHG-2026-00777\) — water/,
    );
    assert.match(needed, /- \*\*water department approvers\*\*: Wang Fang/);
    const declared = sarif.filter((result) => result.ruleId === "govcloud/declared-destruction");
    assert.equal(declared.length, 2);
    const line = readFileSync(join(repo.dir, "departments/water.yaml"), "utf8")
      .split("\n")
      .findIndex((text) => text.includes("resource: meter-db"));
    assert.equal(declared[0].locations[0].physicalLocation.region.startLine, line + 1);
  });

  it("an entry already on the base authorises nothing new", () => {
    writeFileSync(
      join(repo.dir, "departments/water.yaml"),
      readFileSync(join(repo.dir, "departments/water.yaml"), "utf8") +
        "allowDestroy:\n" +
        "  - { resource: meter-db, ticket: QD-CHG-2026-00777, reason: an old change }\n",
    );
    repo.commit("water: an old declaration");
    repo.edit("departments/water.yaml", "  - name: meter-db\n", "  - name: meter-database\n");
    repo.commit("water: rename");
    const { status } = review(repo);
    assert.equal(status, 1);
  });

  it("a decommission is shown first, with everything it will destroy, and needs the platform team", () => {
    repo.edit(
      "departments/water.yaml",
      "networks:\n",
      "decommission:\n  ticket: QD-CHG-2026-00900\n  approver: liu.yang\n  date: 2026-11-20\n" +
        "  reason: merged into the utilities bureau\nnetworks:\n",
    );
    repo.commit("water: decommission");
    const { status, markdown, sarif } = review(repo);
    assert.equal(status, 0, markdown);
    assert.match(verdict(markdown), /🟥 \*\*This change decommissions water\*\*/);
    const section = markdown.slice(markdown.indexOf("### 🔴 Read this first"));
    const lines = section.split("\n");
    assert.match(
      lines[2],
      /^- 🟥 \*\*water is decommissioned\*\* \(`QD-CHG-2026-00900`: merged into the utilities bureau\): Department water \(Water Bureau\) is being decommissioned: this change lifts the protection/,
    );
    assert.equal(lines[3], "  - the project (every login and resource in it)");
    assert.match(lines[4], /^ {2}- qingdao: 5 instances, 4 volumes \(1,200 GiB in all\)/);
    assert.match(lines[5], /^ {2}- laixi: 3 instances/);
    assert.doesNotMatch(markdown, /no change/);
    assert.match(
      approvals(markdown),
      /- \*\*Platform team\*\*: .*\n {2}- decommissions the virtual datacenter \(QD-CHG-2026-00900\) — water/,
    );
    const decommission = sarif.find((result) => result.ruleId === "govcloud/decommission");
    assert.equal(decommission?.level, "warning");
    const line = readFileSync(join(repo.dir, "departments/water.yaml"), "utf8")
      .split("\n")
      .indexOf("  ticket: QD-CHG-2026-00900");
    assert.equal(decommission?.locations[0].physicalLocation.region.startLine, line + 1);
  });
});

describe("govcloud review: readable at a glance", function () {
  this.timeout(300_000);
  let repo: EstateRepo;

  beforeEach(() => {
    repo = new EstateRepo();
  });
  afterEach(() => repo.remove());

  it("lists validation errors one per line with file:line, and SARIF puts them there", () => {
    repo.edit("departments/water.yaml", "flavor: db.xlarge", "flavor: db.xlarg");
    repo.edit(
      "departments/water.yaml",
      "image: kylin-v10\n    network: data",
      "image: kylin-v9\n    network: data",
    );
    repo.commit("water: typos");
    const { status, markdown, sarif } = review(repo);
    assert.equal(status, 1);
    assert.match(verdict(markdown), /^❌ \*\*Blocked\*\* by 1 stack that could not be planned/);
    assert.match(
      markdown,
      /- ❌ \*\*water\*\* could not be planned: 2 errors in the files it is built from:\n {2}- `departments\/water\.yaml:\d+:\d+` \[unknown-flavor\]/,
    );
    assert.match(markdown, /\n {2}- `departments\/water\.yaml:\d+:\d+` \[unknown-image\]/);
    assert.doesNotMatch(markdown, /every policy passed/);
    assert.match(markdown, /\*\*Policies:\*\* not run: the stack could not be planned/);
    const invalid = sarif.filter((result) => result.ruleId === "govcloud/invalid-file");
    assert.equal(invalid.length, 2);
    for (const result of invalid) {
      assert.ok(result.locations[0].physicalLocation.region.startLine > 1, "not at 1:1");
    }
    assert.ok(!sarif.some((result) => result.ruleId === "govcloud/plan-failed"), "not repeated");
  });
});
