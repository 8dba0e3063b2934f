/** scripts/generate-estate.ts: a small generated estate is valid and reproducible from its seed. */
import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEstate } from "../../model/estate-loader";
import { failoverInput, siteLoss } from "../../model/failover";
import { generateEstate, writeEstate } from "../../scripts/generate-estate";

const TODAY = "2026-11-26";

describe("generate-estate", () => {
  const dirs: string[] = [];

  /** Generates and writes an estate of 5 departments into a fresh temp folder. */
  function generate(seed: number): string {
    const dir = mkdtempSync(join(tmpdir(), "govcloud-synth-"));
    dirs.push(dir);
    writeEstate(dir, generateEstate({ departments: 5, seed }).files);
    return dir;
  }

  /** platform.yaml and every department file, by path relative to `dir`. */
  function readTree(dir: string): Record<string, string> {
    const paths = [
      "platform.yaml",
      ...readdirSync(join(dir, "departments")).map((name) => `departments/${name}`),
    ];
    return Object.fromEntries(paths.map((path) => [path, readFileSync(join(dir, path), "utf8")]));
  }

  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("writes an estate that loads with no problems", () => {
    const loaded = loadEstate(generate(1), { today: TODAY });
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(
      loaded.estate?.departments.map((entry) => entry.file),
      ["dept-001", "dept-002", "dept-003", "dept-004", "dept-005"].map(
        (id) => `departments/${id}.yaml`,
      ),
    );
  });

  it("gives a large estate the hosts to carry either site's load when the other is lost", function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), "govcloud-synth-"));
    dirs.push(dir);
    writeEstate(dir, generateEstate({ departments: 100, seed: 7 }).files);
    const loaded = loadEstate(dir, { today: TODAY });
    assert.deepEqual(loaded.problems, []);
    const input = failoverInput(loaded.estate!);
    const losses = ["qingdao", "laixi"].map((site) => siteLoss(input, site));
    assert.deepEqual(
      losses.map((loss) => [loss?.lost, loss?.shortfalls]),
      [
        ["qingdao", []],
        ["laixi", []],
      ],
    );
  });

  it("opens only HTTPS on DMZ portals with floating IPs to the internet", () => {
    const { departments } = generateEstate({ departments: 5, seed: 1 });
    const open = departments.flatMap((department) =>
      department.workloads.flatMap((workload) =>
        (workload.ingress ?? [])
          .filter((rule) => rule.from === "0.0.0.0/0")
          .map((rule) => ({ rule, workload })),
      ),
    );
    assert.ok(open.length > 0, "the seed should give at least one portal");
    for (const { rule, workload } of open) {
      assert.deepEqual(
        [rule.protocol, rule.port, rule.toPort, workload.network, workload.floatingIp],
        ["tcp", 443, undefined, "dmz", true],
        workload.name,
      );
      assert.ok(workload.approval.approver, workload.name);
    }
  });

  it("writes the same files for the same seed", () => {
    assert.deepEqual(readTree(generate(7)), readTree(generate(7)));
  });

  it("writes different files for a different seed", () => {
    assert.notDeepEqual(readTree(generate(1)), readTree(generate(2)));
  });
});
