import { strict as assert } from "node:assert";
import { REVIEW_COMMENT_MARKER, renderReviewMarkdown } from "../../render/review-markdown";
import type { ReviewReport } from "../../review/types";
import {
  change,
  check,
  diagnostic,
  everything,
  growAndReplace,
  report,
  stackReview,
  VOLUME,
} from "./review-fixtures";

/** A platform change touching `departments` departments, each with changes, violations, diagrams. */
function huge(departments: number): ReviewReport {
  const stacks = Array.from({ length: departments }, (_, i) => {
    const id = `dept-${String(i).padStart(3, "0")}`;
    const changes = [
      ...Array.from({ length: 20 }, (_, r) =>
        change("update", `${id}-qingdao-app-${r}`, VOLUME, {
          site: "qingdao",
          properties: Array.from({ length: 12 }, (_, p) => ({
            path: `metadata.label${p}`,
            before: "x".repeat(150),
            after: "y".repeat(150),
            forcesReplacement: false,
          })),
        }),
      ),
      change("replace", `${id}-qingdao-db-data-0`, VOLUME, {
        site: "qingdao",
        losesData: true,
        properties: [
          { path: "volumeType", before: "ssd", after: "ssd-sync", forcesReplacement: true },
        ],
      }),
    ];
    return stackReview(id, changes, {
      check: check(id, [
        diagnostic({
          policyName: "department-quota",
          resourceName: `${id}-qingdao-quota`,
          message: `${id} exceeds its vCPU quota at qingdao.`,
          source: {
            file: `departments/${id}.yaml`,
            path: "quotas.qingdao",
            line: 10 + i,
            column: 3,
          },
        }),
      ]),
    });
  });
  return report(stacks);
}

describe("review Markdown", () => {
  it("starts with the marker line pipelines find the comment by", () => {
    const text = renderReviewMarkdown(growAndReplace());
    assert.equal(text.split("\n")[0], REVIEW_COMMENT_MARKER);
    assert.equal(REVIEW_COMMENT_MARKER, "<!-- govcloud-review -->");
  });

  it("puts the summary first and the details, collapsed, after it", () => {
    const text = renderReviewMarkdown(everything());
    const verdict = text.indexOf("❌ **Blocked** by 1 mandatory violation");
    const table = text.indexOf("| stack | site | + | ~ | ± | − |");
    const blocking = text.indexOf("### ❌ What blocks this change (1)");
    const approvals = text.indexOf("### Approvals needed");
    const details = text.indexOf("<details>");
    assert.ok(verdict > 0 && verdict < table, "verdict before the table");
    assert.ok(
      table < blocking && blocking < approvals && approvals < details,
      "summary before details",
    );
    assert.equal(text.match(/<details>/g)?.length, 4, "one collapsed block per stack");
    assert.equal(text.match(/<\/details>/g)?.length, 4);
    assert.match(
      text,
      /<summary><b>health<\/b> · changed · 3 create, 2 update, 1 replace, 2 delete · ❌ 1 mandatory<\/summary>/,
    );
    assert.match(
      text,
      /\*\*3\*\* to create · \*\*5\*\* to update · \*\*1\*\* to replace · \*\*2\*\* to delete in 4 stacks/,
    );
  });

  it("shows quota use before → after against the quota, per stack and site", () => {
    const text = renderReviewMarkdown(everything());
    const row = text.split("\n").find((line) => line.startsWith("| **health** | qingdao |"));
    assert.ok(row, text);
    assert.deepEqual(
      row
        .split("|")
        .map((cell) => cell.trim())
        .slice(1, -1),
      [
        "**health**",
        "qingdao",
        "2",
        "2",
        "1",
        "",
        "98 → 102 / 120",
        "468 → 484 / 600",
        "12 → 13 / 15",
        "24000 → 24900 / 30000",
        "❌ 1 mandatory",
      ],
    );
    assert.ok(
      text.includes("| **platform** | — |  | 1 |  |  |  |  |  |  | ✅ ok |"),
      "platform row without quotas",
    );
  });

  it("marks a replacement red and lists what forces it, and calls out the lost data", () => {
    const text = renderReviewMarkdown(growAndReplace());
    assert.match(text, /> 🔴 \*\*Data loss:\*\* 1 replacement that loses data/);
    assert.ok(
      text.includes(
        "- 🟥 **replace** `health-qingdao-archive-data-0` (VolumeV3) · health @ qingdao — 🔴 **loses data** · forced by `volumeType`",
      ),
    );
    const diff = text.slice(
      text.indexOf("```diff"),
      text.indexOf("```", text.indexOf("```diff") + 3),
    );
    assert.match(diff, /- volumeType: "ssd" {2}# forces replacement/);
    assert.match(diff, /\+ volumeType: "ssd-sync"/);
    assert.ok(
      diff.indexOf("volumeType") < diff.indexOf("description"),
      "the forcing property first",
    );
  });

  it("shows a grown volume as an update, property by property", () => {
    const text = renderReviewMarkdown(growAndReplace());
    assert.ok(
      text.includes(
        "- 🔧 update `health-qingdao-records-data-0` (VolumeV3)\n  - `size`: `500` → `800`",
      ),
    );
  });

  it("lists every deletion and marks protected resources", () => {
    const text = renderReviewMarkdown(everything());
    assert.ok(
      text.includes(
        "- ➖ **delete** `health-laixi-lab` (Network) · health @ laixi — 🔒 protected: lift the protection first",
      ),
    );
    assert.ok(text.includes("- ➖ **delete** `health-laixi-lab-subnet` (Subnet) · health @ laixi"));
    assert.ok(text.includes("- ➕ create `health-qingdao-telemedicine-0` (InstanceV2)"));
  });

  it("gives every violation its file:line, relative to the repository root", () => {
    const text = renderReviewMarkdown(everything());
    assert.ok(
      text.includes(
        "- ❌ **health** `estate/departments/health.yaml:150:5` [security-baseline] `health-qingdao-portal-tcp-22-from-0.0.0.0-0`: opens tcp port 22",
      ),
    );
    assert.ok(
      text.includes("- ⚠️ advisory `estate/departments/health.yaml:171:11` [naming-tagging]"),
    );
  });

  it("names the approvers by handle, grouped by approver, each reason once with its stacks", () => {
    const text = renderReviewMarkdown(everything());
    const approvals = text.slice(text.indexOf("### Approvals needed"));
    assert.ok(
      approvals.includes("- **Platform team**: @liu-yang or 赵磊 (Zhao Lei) (`zhao.lei`)\n"),
      approvals,
    );
    assert.equal(approvals.match(/\*\*Platform team\*\*/g)?.length, 1, "one entry per approver");
    assert.ok(approvals.includes("- **health department approvers**: @health-lead"), approvals);
    assert.ok(!text.includes("@@"), "a handle given with @ is not doubled");
  });

  it("shows the stacks a platform-wide change changes, one row for the rest, one approval line per reason", () => {
    const platform = { id: "liu.yang", name: "Liu Yang", handle: "liu-yang" };
    const approval = {
      by: "platform" as const,
      people: [platform],
      reason: "changes platform.yaml",
      reasons: ["changes platform.yaml"],
    };
    const changed = stackReview(
      "health",
      [change("update", "health-qingdao-db-0", VOLUME, { site: "qingdao" })],
      { reasons: ["platform.yaml"], approvals: [approval] },
    );
    const quietStacks = Array.from({ length: 6 }, (_, i) =>
      stackReview(`dept-${i}`, [], {
        status: "unchanged",
        reasons: ["platform.yaml"],
        approvals: [approval],
      }),
    );
    const text = renderReviewMarkdown(report([changed, ...quietStacks]));
    assert.ok(text.includes("| **health** | qingdao |"), text);
    assert.ok(!text.includes("| **dept-0**"), "quiet stacks have no row of their own");
    assert.ok(text.includes("| _6 other stacks_ |"), text);
    assert.match(text, /\| no change · ✅ ok \|/);
    const approvals = text.slice(text.indexOf("### Approvals needed"));
    assert.ok(
      approvals.includes(
        "- **Platform team**: @liu-yang\n  - changes platform.yaml — every stack in the review (7)",
      ),
      approvals,
    );
  });

  it("never says every policy passed for a stack that was not planned", () => {
    const failed = stackReview("water", [], {
      status: "failed",
      check: check("water", [], { failure: "Stack water cannot be deployed" }),
      problems: [
        {
          file: "departments/water.yaml",
          line: 45,
          column: 13,
          path: "workloads[0].flavor",
          code: "unknown-flavor",
          severity: "error",
          message: 'flavor "db.xlarg" is not in the platform catalog',
          fix: 'did you mean "db.xlarge"?',
        },
      ],
    });
    const text = renderReviewMarkdown(report([failed]));
    assert.doesNotMatch(text, /every policy passed/);
    assert.ok(
      text.includes(
        '  - `estate/departments/water.yaml:45:13` [unknown-flavor] `workloads[0].flavor`: flavor "db.xlarg" is not in the platform catalog — fix: did you mean "db.xlarge"?',
      ),
      text,
    );
  });

  it("names a team handle shared by several approvers once", () => {
    const team = { name: "IT approvers", handle: "@qd-czj/it-approvers" };
    const stack = stackReview("finance", [], {
      approvals: [
        {
          by: "department",
          people: [
            { id: "xiao.hua", ...team },
            { id: "dong.wen", ...team },
          ],
          reason: "changes departments/finance.yaml",
        },
      ],
    });
    const text = renderReviewMarkdown(report([stack]));
    assert.ok(
      text.includes(
        "- **finance department approvers**: @qd-czj/it-approvers\n  - changes departments/finance.yaml",
      ),
      text,
    );
  });

  it("draws the topology of each changed department, not of the platform", () => {
    const text = renderReviewMarkdown(everything());
    assert.equal(text.match(/```mermaid\nflowchart LR\n/g)?.length, 3);
  });

  it("escapes values that would break the table, open HTML or end a code span", () => {
    const text = renderReviewMarkdown(everything());
    assert.ok(text.includes("name &lt;Telemedicine&gt; \\| uses \\`capitals\\` &amp; more"), text);
    const nasty = report([
      stackReview("a|b", [
        change("update", "a-qingdao-x`y", VOLUME, {
          site: "qingdao",
          properties: [{ path: "name", before: "``", after: "<b>", forcesReplacement: false }],
        }),
      ]),
    ]);
    const out = renderReviewMarkdown(nasty);
    assert.ok(out.includes("| **a\\|b** | qingdao |"));
    assert.ok(out.includes("<summary><b>a&#124;b</b>") || out.includes("<summary><b>a|b</b>"));
    assert.ok(out.includes("``a-qingdao-x`y``"));
    assert.ok(out.includes('`` "``" ``') || out.includes('```"``"```'));
    // Inside a code span `<b>` is text, not HTML.
    assert.ok(out.includes('`"<b>"`'));
  });

  describe("size limit", function () {
    // Renders reports of thousands of resources several times: seconds alone, many more when
    // the machine runs other work.
    this.timeout(300_000);
    it("keeps a report under the limit whole", () => {
      const text = renderReviewMarkdown(everything());
      assert.ok(!text.includes("shortened"));
      assert.ok(text.length < 60_000);
    });

    it("shrinks a huge report under the limit, keeping the summary, every mandatory violation and replacement", () => {
      const big = huge(40);
      const full = renderReviewMarkdown(big, { maxChars: 10_000_000 });
      assert.ok(full.length > 60_000, `the fixture is big enough (${full.length})`);
      const text = renderReviewMarkdown(big, {
        fullReportHint: "the review-report artifact of this pipeline run",
      });
      assert.ok(text.length <= 60_000, String(text.length));
      assert.equal(text.split("\n")[0], REVIEW_COMMENT_MARKER);
      assert.match(text, /> ✂️ \*\*This comment was shortened\*\*/);
      assert.ok(
        text.includes("The full report is the review-report artifact of this pipeline run."),
      );
      assert.ok(text.includes("❌ **Blocked** by 40 mandatory violations"));
      for (const stack of big.stacks) {
        const d = stack.check!.diagnostics[0];
        assert.ok(
          text.includes(`\`estate/departments/${stack.stack}.yaml:${d.source!.line}:3\``),
          stack.stack,
        );
        assert.ok(
          text.includes(`🟥 **replace** \`${stack.stack}-qingdao-db-data-0\``),
          stack.stack,
        );
        assert.ok(
          text.includes(`| **${stack.stack.replace(/-/g, "-")}** | qingdao |`),
          stack.stack,
        );
        assert.ok(text.includes(`@${stack.stack}-lead`), stack.stack);
      }
      assert.ok(text.indexOf("shortened") < text.indexOf("| stack |"), "the note is near the top");
    });

    it("drops the diagrams before the resources, and the resources before the stacks' summaries", () => {
      const big = huge(6);
      const full = renderReviewMarkdown(big, { maxChars: 10_000_000 });
      const noDiagrams = renderReviewMarkdown(big, { maxChars: full.length - 1 - 5_000 });
      assert.ok(noDiagrams.includes("shortened"));
      const sizes: number[] = [];
      for (let max = full.length; max > 2_000; max -= 1_500) {
        const text = renderReviewMarkdown(big, { maxChars: max });
        assert.ok(text.length <= max, `${text.length} > ${max}`);
        sizes.push(text.length);
        if (text.includes("```mermaid"))
          assert.ok(text.includes("- 🔧 update"), "resources outlive diagrams");
        if (text.includes("- 🔧 update")) assert.ok(text.includes("<details>"));
      }
      const bare = renderReviewMarkdown(big, { maxChars: 9_000 });
      assert.ok(!bare.includes("```mermaid") && !bare.includes("- 🔧 update"));
      assert.ok(bare.includes("### 🟥 Replacements and deletions (6)"));
    });

    it("cuts with a note as the last resort, never over the limit", () => {
      const big = huge(40);
      for (const max of [200, 1_000, 4_000]) {
        const text = renderReviewMarkdown(big, { maxChars: max });
        assert.ok(text.length <= max, `${text.length} > ${max}`);
        assert.ok(text.startsWith(REVIEW_COMMENT_MARKER));
        assert.match(text, /This comment was cut here/);
      }
    });
  });
});
