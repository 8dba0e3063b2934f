/**
 * `govcloud drift` without an engine: the command with the engine replaced by recorded refresh
 * events (tests/fixtures/drift) or by the errors the Automation API throws. Exit codes, the
 * formats on standard output and in --out files, a stack not deployed, usage mistakes.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { runDriftCommand, type DriftDeps, type DriftOptions } from "../../cli/drift-command";
import { UsageError } from "../../cli/usage-error";
import type { DriftReport } from "../../deploy/drift-types";
import { loadEstate } from "../../model/estate-loader";
import { recorded } from "../deploy/drift-fixtures";

/** The engine test estate: a Pulumi project with health, transport, water and the platform. */
const ESTATE = resolve(__dirname, "..", "..", "tests-engine", "estate");
const TODAY = "2026-11-26";

/** The error the SDK throws for `pulumi stack select` of a stack the backend does not have. */
function stackNotFound(stack: string): Error {
  const error = new Error(
    `code: 255\n stdout: \n stderr: Command failed with exit code 255: pulumi stack select ` +
      `--stack ${stack}\nerror: no stack named '${stack}' found\n err?: Error`,
  );
  error.name = "StackNotFoundError";
  return error;
}

function failedRun(): Error {
  const error = new Error(
    "code: 255\n stdout: \n stderr: Command failed with exit code 255: pulumi refresh " +
      "--preview-only\nerror: Authentication failed: 401 Unauthorized\n err?: Error",
  );
  error.name = "CommandError";
  return error;
}

describe("govcloud drift (engine replaced)", function () {
  this.timeout(60_000);
  const loaded = loadEstate(ESTATE, { today: TODAY });
  let dir: string;
  let stderr: string;
  let refreshed: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "govcloud-drift-"));
    stderr = "";
    refreshed = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function deps(outcomes: Record<string, EngineEvent[] | Error>): DriftDeps {
    return {
      cwd: dir,
      locate: () => ({ found: true, command: "/opt/pulumi/bin/pulumi" }),
      refresh: async ({ stack }) => {
        refreshed.push(stack);
        const outcome = outcomes[stack] ?? [];
        if (outcome instanceof Error) throw outcome;
        return outcome;
      },
      stderr: (text) => (stderr += text),
    };
  }

  const run = (names: string[], options: Partial<DriftOptions>, d: DriftDeps) =>
    runDriftCommand(ESTATE, loaded, names, { all: false, out: [], ...options }, d);

  it("exits 0 when nothing drifted, and says so", async () => {
    const result = await run(["health"], {}, deps({ health: [] }));
    assert.equal(result.exitCode, 0);
    assert.match(result.stdout, /^health: no drift/);
    assert.match(stderr, /refreshing health \(preview only: nothing is changed\)/);
  });

  it("exits 1 on drift, naming department, site, resource and property", async () => {
    const result = await run(
      ["health"],
      { format: "json" },
      deps({ health: recorded("health-quota-raised-rule-deleted") }),
    );
    assert.equal(result.exitCode, 1);
    const report = JSON.parse(result.stdout) as DriftReport;
    assert.deepEqual(
      report.stacks[0].resources.map((r) => `${report.stacks[0].stack} ${r.site} ${r.name}`),
      [
        "health laixi health-laixi-compute-quota",
        "health laixi health-laixi-portal-tcp-443-from-10.0.0.0-8",
      ],
    );
  });

  it("refreshes every stack with --all, the platform first; a stack not deployed is said, not an error", async () => {
    const result = await run(
      [],
      { all: true },
      deps({ water: stackNotFound("water"), transport: stackNotFound("transport") }),
    );
    assert.deepEqual(refreshed, ["platform", "health", "transport", "water"]);
    assert.equal(result.exitCode, 0);
    assert.match(
      result.stdout,
      /water: not deployed: the backend has no stack water .*govcloud up water creates it/,
    );
    assert.match(result.stdout, /no drift in 2 stacks; 2 stacks not deployed/);
    assert.doesNotMatch(result.stdout + stderr, /\n\s+at .+:\d+:\d+\)?\n/);
  });

  it("exits 2 when a stack cannot be refreshed, and still reports the others", async () => {
    const result = await run(
      ["health", "water"],
      { format: "markdown" },
      deps({ health: recorded("health-quota-raised-rule-deleted"), water: failedRun() }),
    );
    assert.equal(result.exitCode, 2);
    assert.match(result.stdout, /### water\n\n💥 Could not be refreshed:[^]*401 Unauthorized/);
    assert.match(result.stdout, /\| health \| drifted \| 2 \|/);
  });

  it("writes every --out file from one run, each in the format of its extension", async () => {
    const result = await run(
      ["health"],
      { out: ["drift.json", "reports/drift.md", "drift.txt"] },
      deps({ health: recorded("health-quota-raised-rule-deleted") }),
    );
    assert.equal(result.exitCode, 1);
    assert.deepEqual(refreshed, ["health"]);
    assert.match(
      result.stdout,
      /^govcloud drift: drift in 1 of 1 stack[^\n]*\nwrote drift\.json, reports\/drift\.md, drift\.txt\n$/,
    );
    assert.equal(
      (JSON.parse(readFileSync(join(dir, "drift.json"), "utf8")) as DriftReport).drifted,
      true,
    );
    assert.match(readFileSync(join(dir, "reports", "drift.md"), "utf8"), /^## govcloud drift/);
    assert.match(readFileSync(join(dir, "drift.txt"), "utf8"), /^health: drifted/);
  });

  it("refuses usage mistakes before refreshing anything", async () => {
    const d = deps({});
    await assert.rejects(
      run(["healht"], {}, d),
      (e: Error) => e instanceof UsageError && /did you mean "health"/.test(e.message),
    );
    await assert.rejects(run(["health"], { all: true }, d), UsageError);
    await assert.rejects(
      run(["health"], { out: ["drift.sarif"] }, d),
      /cannot tell the format of --out drift\.sarif/,
    );
    await assert.rejects(
      run(["health"], { format: "json", out: ["a.json", "b.md"] }, d),
      UsageError,
    );
    assert.deepEqual(refreshed, []);
  });

  it("exits 2 with the install steps when there is no Pulumi CLI", async () => {
    const result = await run(
      ["health"],
      {},
      {
        ...deps({}),
        locate: () => ({ found: false, lookedIn: ["PATH", "/home/x/.pulumi/bin"] }),
      },
    );
    assert.equal(result.exitCode, 2);
    assert.match(stderr, /govcloud drift: the Pulumi CLI is not installed/);
    assert.deepEqual(refreshed, []);
  });
});
