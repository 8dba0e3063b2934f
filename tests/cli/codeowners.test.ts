import { strict as assert } from "node:assert";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCodeowners } from "../../cli/codeowners-command";
import { loadEstate } from "../../model/estate-loader";

const REPO = resolve(__dirname, "..", "..");
const FIXTURE = resolve(__dirname, "..", "fixtures", "estate");
const TODAY = "2026-11-26";

describe("govcloud codeowners", () => {
  it("finds the committed CODEOWNERS up to date with the bundled estate", () => {
    const result = runCodeowners(REPO, loadEstate(REPO, { today: TODAY }), { check: true }, REPO);
    assert.equal(result.stdout, "govcloud codeowners: .github/CODEOWNERS is up to date\n");
    assert.equal(result.exitCode, 0);
  });

  describe("on a copy of the fixture estate", () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), "govcloud-codeowners-"));
      cpSync(FIXTURE, root, { recursive: true });
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));
    const run = (check: boolean) =>
      runCodeowners(root, loadEstate(root, { today: TODAY }), { check }, root);

    it("writes department approvers per file, the platform team for the rest", () => {
      assert.equal(run(true).exitCode, 1);
      assert.equal(run(false).stdout, "govcloud codeowners: wrote .github/CODEOWNERS\n");
      const lines = readFileSync(join(root, ".github", "CODEOWNERS"), "utf8").split("\n");
      const rules = lines.filter((line) => line !== "" && !line.startsWith("#"));
      const platform = loadEstate(root, { today: TODAY }).estate!.platform.approvals.approvers;
      const platformHandles = platform
        .filter((p) => p.handle !== undefined)
        .map((p) => `@${p.handle!.replace(/^@/, "")}`)
        .join(" ");
      assert.equal(rules[0], `* ${platformHandles}`);
      for (const id of ["health", "water"]) {
        const dept = loadEstate(root, { today: TODAY }).estate!.departments.find(
          (d) => d.department.id === id,
        )!;
        const approvers = dept.department.owners
          .filter((o) => o.role === "approver" && o.handle !== undefined)
          .map((o) => `@${o.handle!.replace(/^@/, "")}`);
        const expected = approvers.length > 0 ? approvers.join(" ") : platformHandles;
        assert.ok(rules.includes(`/departments/${id}.yaml ${expected}`), rules.join("\n"));
        assert.ok(rules.includes(`/stacks/Pulumi.${id}.yaml ${expected}`));
      }
      assert.equal(run(true).exitCode, 0);
    });

    it("reports the file stale when an approver changes", () => {
      run(false);
      const file = join(root, "departments", "water.yaml");
      const text = readFileSync(file, "utf8");
      // Li Na becomes an approver, with a handle: her review is now requested.
      const edited = text.replace(
        "    role: maintainer",
        "    handle: lina-water\n    role: approver",
      );
      assert.notEqual(edited, text);
      writeFileSync(file, edited);
      const result = run(true);
      assert.equal(result.exitCode, 1);
      assert.match(result.stdout, /CODEOWNERS is stale: owners or approvers changed/);
      run(false);
      const written = readFileSync(join(root, ".github", "CODEOWNERS"), "utf8");
      assert.match(written, /^\/departments\/water\.yaml @lina-water$/m);
    });
  });
});
