/**
 * `govcloud failover` through the built command, on the bundled estate and on copies of it with
 * less room: exit codes, the three formats, and the figures each surviving site needs.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { copyBundledEstate } from "../support/bundled-estate";

const REPO = resolve(__dirname, "..", "..");
const CLI = join(REPO, "dist", "cli", "main.js");
const TODAY = "2026-11-26";

function failover(args: string[], root = REPO) {
  return spawnSync(process.execPath, [CLI, "failover", ...args, "--root", root, "--today", TODAY], {
    encoding: "utf8",
    timeout: 120_000,
  });
}

/** A copy of the bundled estate with platform.yaml edited. */
function estateWithPlatform(edit: (text: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), "govcloud-failover-"));
  copyBundledEstate(root);
  cpSync(join(REPO, "policy-config.json"), join(root, "policy-config.json"));
  const file = join(root, "platform.yaml");
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  assert.notEqual(after, before, "the edit changed nothing");
  writeFileSync(file, after);
  return root;
}

describe("govcloud failover", function () {
  this.timeout(180_000);

  it("shows what laixi needs when qingdao is lost, and passes", () => {
    const run = failover(["--lose", "qingdao"]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const lines = run.stdout.split("\n");
    assert.ok(
      lines.includes(
        "  VM slots         289    +180     469                390                 520                    494                 9.8%",
      ),
      run.stdout,
    );
    assert.match(
      run.stdout,
      /^estate +151 +\+180 \(critical \+131, important \+49\) +55 \(≤ 24 h\)/m,
    );
    assert.match(
      run.stdout,
      /^ {2}finance\/budget-db \(critical, db\.2xlarge\): grows 2 → 4 within 5 min, attaching 2 volume copies at laixi$/m,
    );
    assert.match(
      run.stdout,
      /^ {2}audit\/audit-office \(standard, 1 VM\): down until restored, within 24 h$/m,
    );
    assert.match(run.stdout, /if qingdao and the witness at quorum are lost: laixi cannot tell/);
    assert.match(run.stdout, /if the link between qingdao and laixi is cut: /);
    assert.match(run.stdout, /^govcloud failover: passed: laixi survives losing qingdao$/m);
  });

  it("takes each active site in turn with --all, as JSON", () => {
    const run = failover(["--all", "--format", "json"]);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      passed: boolean;
      cases: {
        loss: { lost: string; survivor: string; needed: object; available: object; shortfalls: [] };
      }[];
    };
    assert.equal(report.passed, true);
    assert.deepEqual(
      report.cases.map(({ loss }) => [loss.lost, loss.survivor, loss.needed, loss.available]),
      [
        [
          "qingdao",
          "laixi",
          { vcpus: 4098, ramGiB: 16316, instances: 469 },
          { vcpus: 9849.6, ramGiB: 52531.2, instances: 494 },
        ],
        [
          "laixi",
          "qingdao",
          { vcpus: 4096, ramGiB: 16272, instances: 482 },
          { vcpus: 10761.6, ramGiB: 57395.2, instances: 494 },
        ],
      ],
    );
  });

  it("draws what moves where in Markdown", () => {
    const run = failover(["--lose", "laixi", "--format", "markdown"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^## Losing laixi: qingdao carries the load$/m);
    assert.match(
      run.stdout,
      /^\| VM slots \| 343 \| \+139 \| 482 \| 390 \| 520 \| 494 \| 7\.3% \|$/m,
    );
    assert.match(
      run.stdout,
      /```mermaid\nflowchart LR\n {2}subgraph lost_laixi\["laixi \(lost\)"\]/,
    );
    assert.match(
      run.stdout,
      / {2}l_health -- "\+\d+: critical \+\d+(, important \+\d+)?" --> s_health/,
    );
  });

  it("exits 1 naming the shortfall and the fixes when the survivor is too small", () => {
    const root = estateWithPlatform((text) =>
      text.replace("  emergency:\n    vmsPerHost: 20\n", ""),
    );
    try {
      const run = failover(["--lose", "qingdao"], root);
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(
        run.stdout,
        /^laixi CANNOT take what the tiers promise when qingdao is lost: VM slots short by 98\.5 \(needs 469, holds 370\.5\)$/m,
      );
      assert.match(run.stdout, /^ {2}fix: add about 7 hosts of the current mix to laixi/m);
      assert.match(run.stdout, /^ {2}fix: raise capacity\.emergency\.vmsPerHost/m);
      assert.match(
        run.stdout,
        /^ {2}fix: start fewer instances at laixi: set a share in tiers\[\]\.failover\.survivingReplicas \(starts by tier: critical 131, important 49\)/m,
      );
      assert.match(run.stdout, /^govcloud failover: FAILED: laixi cannot take qingdao's load$/m);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("passes again when the critical tier promises half its replicas", () => {
    const root = estateWithPlatform((text) =>
      text
        .replace("  emergency:\n    vmsPerHost: 20\n", "")
        .replace(
          "    failover: { survivingReplicas: full } # the surviving site runs both sites' replicas\n",
          "    failover: { survivingReplicas: 0.5 }\n",
        ),
    );
    try {
      const run = failover(["--lose", "qingdao"], root);
      // Only the important standbys start: 289 + 49 = 338 of 390 x 95%.
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /^ {2}VM slots +289 +\+49 +338 /m);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("is summed up after govcloud check's table, one line per lost site", () => {
    const run = spawnSync(
      process.execPath,
      [CLI, "check", "water-resources", "--root", REPO, "--today", TODAY],
      { encoding: "utf8", timeout: 120_000 },
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const lines = run.stdout.split("\n");
    const at = lines.findIndex((line) => line.startsWith("failover: "));
    assert.ok(at > 0, run.stdout);
    assert.equal(lines[at - 1], "");
    assert.deepEqual(lines.slice(at, at + 3), [
      "failover: losing qingdao, laixi needs 4098/10368 vCPU (60.5% free), 16316/55296 RAM GiB (70.5% free), 469/520 VM slots (9.8% free); 5% kept free",
      "failover: losing laixi, qingdao needs 4096/11328 vCPU (63.8% free), 16272/60416 RAM GiB (73.1% free), 482/520 VM slots (7.3% free); 5% kept free",
      "",
    ]);
    assert.match(lines[at + 3], /^govcloud check: passed: 1 stack/);
  });

  const usage: [string, string[], RegExp][] = [
    [
      "an unknown site",
      ["--lose", "atlantis"],
      /--lose atlantis: no such site in platform\.yaml \(qingdao, laixi\)/,
    ],
    ["the witness site", ["--lose", "quorum"], /quorum is the witness site and runs no workloads/],
    ["no site", [], /name the site to lose/],
    ["both --lose and --all", ["--all", "--lose", "laixi"], /not both/],
    ["an unknown format", ["--all", "--format", "xml"], /argument 'xml' is invalid/],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 on ${name}`, () => {
      const run = failover(args);
      assert.equal(run.status, 2, run.stdout + run.stderr);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, message);
    });
  }
});
