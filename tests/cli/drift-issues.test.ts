/**
 * The drift issues: which are opened, updated and closed (pure), and the calls made to GitHub's
 * and GitLab's APIs for them, against a server on 127.0.0.1 that answers as they do (listings
 * with pull requests mixed in on GitHub, paged by `Link` headers) and records each request.
 */
import { strict as assert } from "node:assert";
import type { Server } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runDriftIssues } from "../../cli/drift-issues-command";
import { UsageError } from "../../cli/usage-error";
import { driftReport, refreshedStack, unrefreshedStack } from "../../deploy/drift-report";
import {
  driftIssueBody,
  driftMarker,
  MAX_BODY_CHARS,
  planIssueSync,
} from "../../render/drift-issues";
import type { DriftReport, StackDrift } from "../../deploy/drift-types";
import { recorded } from "../deploy/drift-fixtures";
import { loopbackApi } from "../support/loopback-api";

const SITES = ["qingdao", "laixi", "witness"];
const drifted = () => refreshedStack("health", recorded("health-quota-raised-rule-deleted"), SITES);

/** health drifted, water clean, transport failed, platform not deployed. */
function report(): DriftReport {
  return driftReport([
    drifted(),
    refreshedStack("water", [], SITES),
    unrefreshedStack("transport", "failed", "the refresh failed"),
    unrefreshedStack("platform", "missing", "not deployed"),
  ]);
}

describe("drift issues", function () {
  this.timeout(30_000);

  describe("what is opened, updated and closed", () => {
    it("opens an issue for a drifted stack, closes the one of a stack that no longer drifts", () => {
      const actions = planIssueSync(report(), [
        { number: 7, body: `${driftMarker("water")}\nold table` },
        { number: 8, body: `${driftMarker("transport")}\nold table` },
        { number: 9, body: `${driftMarker("platform")}\nold table` },
      ]);
      assert.deepEqual(
        actions.map((a) => [a.kind, a.stack, "number" in a ? a.number : undefined]),
        [
          ["create", "health", undefined],
          ["close", "water", 7],
        ],
      );
    });

    it("updates the issue that carries the stack's marker, not one of a stack with a longer id", () => {
      const actions = planIssueSync(report(), [
        { number: 3, body: `${driftMarker("health-insurance")}\n` },
        { number: 5, body: `intro\n${driftMarker("health")}\nold table` },
      ]);
      assert.deepEqual(
        actions.map((a) => [a.kind, a.stack, "number" in a ? a.number : undefined]),
        [["update", "health", 5]],
      );
    });

    it("writes the marker first, the table, and the link to the run", () => {
      const body = driftIssueBody(drifted(), { runUrl: "https://ci.example/run/1" });
      assert.ok(body.startsWith(`${driftMarker("health")}\n## health\n`));
      assert.match(
        body,
        /\| laixi \| health-laixi-compute-quota \| compute quota \| cores \| 8 \| 20 \|/,
      );
      assert.match(body, /\(\[this run\]\(https:\/\/ci\.example\/run\/1\)\)/);
    });

    it("keeps the body under GitHub's limit, cut at a row", () => {
      const one = drifted().resources[0];
      const many: StackDrift = {
        stack: "health",
        status: "drifted",
        resources: Array.from({ length: 2000 }, (_, i) => ({ ...one, name: `health-laixi-r${i}` })),
      };
      const body = driftIssueBody(many);
      assert.ok(body.length < MAX_BODY_CHARS, String(body.length));
      assert.match(
        body,
        /\|\n\n_The table is cut here: the full report is the drift-report artifact/,
      );
    });
  });

  describe("through the APIs", () => {
    let dir: string;
    let server: Server | undefined;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "govcloud-drift-issues-"));
      writeFileSync(join(dir, "drift.json"), JSON.stringify(report()));
    });
    afterEach(() => {
      server?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("GitHub: lists open drift issues, skips pull requests, opens, comments and closes", async () => {
      const api = await loopbackApi((method, url) => {
        if (method === "GET") {
          return {
            json: url.endsWith("per_page=100")
              ? [
                  { number: 4, body: `${driftMarker("health")}`, pull_request: { url: "x" } },
                  { number: 7, body: `${driftMarker("water")}\nold` },
                ]
              : [],
          };
        }
        return {
          status: method === "POST" && url.endsWith("/issues") ? 201 : 200,
          json: { number: 12 },
        };
      });
      server = api.server;
      const result = await runDriftIssues(
        { provider: "github", report: "drift.json", dryRun: false },
        {
          GITHUB_API_URL: api.url,
          GITHUB_REPOSITORY: "city/govcloud",
          GITHUB_TOKEN: "ghs_test",
          GITHUB_SERVER_URL: "https://github.example",
          GITHUB_RUN_ID: "42",
          GOVCLOUD_LOOPBACK_ONLY: "1",
        },
        dir,
      );
      assert.equal(result.exitCode, 0, result.stderr);
      assert.equal(
        result.stdout,
        "opened #12 for health\nclosed #7: water no longer drifts\n" +
          "govcloud drift-issues: 2 issue(s) changed (1 open drift issue(s) found)\n",
      );
      assert.deepEqual(
        api.requests.map((r) => `${r.method} ${r.url}`),
        [
          "GET /repos/city/govcloud/issues?state=open&labels=govcloud-drift&per_page=100",
          "POST /repos/city/govcloud/issues",
          "POST /repos/city/govcloud/issues/7/comments",
          "PATCH /repos/city/govcloud/issues/7",
        ],
      );
      assert.equal(api.requests[0].headers.authorization, "Bearer ghs_test");
      const created = api.requests[1].body!;
      assert.equal(created.title, "Drift: health differs from its deployment");
      assert.deepEqual(created.labels, ["govcloud-drift"]);
      assert.match(String(created.body), /^<!-- govcloud-drift:health -->\n/);
      assert.match(
        String(created.body),
        /https:\/\/github\.example\/city\/govcloud\/actions\/runs\/42/,
      );
      assert.deepEqual(api.requests[3].body, { state: "closed", state_reason: "completed" });
    });

    it("GitLab: follows the next-page link, updates the description, notes and closes", async () => {
      let next = "";
      const api = await loopbackApi((method, url) => {
        if (method === "GET") {
          return url.endsWith("per_page=100")
            ? {
                json: [{ iid: 3, description: "unrelated" }],
                headers: { link: `<${next}>; rel="next"` },
              }
            : {
                json: [
                  { iid: 5, description: `${driftMarker("health")}\nold` },
                  { iid: 7, description: `${driftMarker("water")}\nold` },
                ],
              };
        }
        return { json: { iid: 5 } };
      });
      next = `${api.url}/api/v4/projects/17/issues?state=opened&labels=govcloud-drift&per_page=100&page=2`;
      server = api.server;
      const result = await runDriftIssues(
        { provider: "gitlab", report: "drift.json", dryRun: false },
        {
          CI_API_V4_URL: `${api.url}/api/v4`,
          CI_PROJECT_ID: "17",
          GOVCLOUD_DRIFT_TOKEN: "glpat-test",
          CI_PIPELINE_URL: "https://gitlab.example/p/1",
        },
        dir,
      );
      assert.equal(result.exitCode, 0, result.stderr);
      assert.deepEqual(
        api.requests.map((r) => `${r.method} ${r.url}`),
        [
          "GET /api/v4/projects/17/issues?state=opened&labels=govcloud-drift&per_page=100",
          "GET /api/v4/projects/17/issues?state=opened&labels=govcloud-drift&per_page=100&page=2",
          "PUT /api/v4/projects/17/issues/5",
          "POST /api/v4/projects/17/issues/7/notes",
          "PUT /api/v4/projects/17/issues/7",
        ],
      );
      assert.equal(api.requests[0].headers["private-token"], "glpat-test");
      assert.match(
        String(api.requests[2].body!.description),
        /^<!-- govcloud-drift:health -->\n## health/,
      );
      assert.match(
        String(api.requests[3].body!.body),
        /No drift any more: every resource of water/,
      );
      assert.deepEqual(api.requests[4].body, { state_event: "close" });
    });

    it("exits 1 with the API's answer when a call fails, never with the token", async () => {
      const api = await loopbackApi(() => ({
        status: 403,
        json: { message: "Resource not accessible" },
      }));
      server = api.server;
      const result = await runDriftIssues(
        { provider: "github", report: "drift.json", dryRun: false },
        { GITHUB_API_URL: api.url, GITHUB_REPOSITORY: "city/govcloud", GITHUB_TOKEN: "ghs_secret" },
        dir,
      );
      assert.equal(result.exitCode, 1);
      assert.match(
        result.stderr,
        /GET http:\/\/127\.0\.0\.1:\d+\/repos\/city\/govcloud\/issues\?.*: 403 .*Resource not accessible/,
      );
      assert.doesNotMatch(result.stderr + result.stdout, /ghs_secret/);
    });

    it("says what would change with --dry-run, and changes nothing", async () => {
      const api = await loopbackApi(() => ({ json: [] }));
      server = api.server;
      const result = await runDriftIssues(
        { provider: "github", report: "drift.json", dryRun: true },
        { GITHUB_API_URL: api.url, GITHUB_REPOSITORY: "city/govcloud", GITHUB_TOKEN: "t" },
        dir,
      );
      assert.match(result.stdout, /^would have opened for health\n/);
      assert.deepEqual(
        api.requests.map((r) => r.method),
        ["GET"],
      );
    });

    it("refuses a missing variable, a report that is not one (quoting none of it), and a foreign API under the loopback guard", async () => {
      await assert.rejects(
        runDriftIssues({ provider: "gitlab", report: "drift.json", dryRun: false }, {}, dir),
        (e: Error) =>
          e instanceof UsageError &&
          e.message.startsWith(
            "CI_API_V4_URL, CI_PROJECT_ID, GOVCLOUD_DRIFT_TOKEN are not set: drift-issues --provider gitlab",
          ),
      );
      writeFileSync(join(dir, "token.txt"), "ghp-secret-token-value\n");
      await assert.rejects(
        runDriftIssues({ provider: "github", report: "token.txt", dryRun: false }, {}, dir),
        (e: Error) =>
          e instanceof UsageError &&
          e.message ===
            `${join(dir, "token.txt")}:1:1: invalid JSON: unexpected character (check quotes, ` +
              "commas and brackets); write the report with govcloud drift --out drift.json",
      );
      writeFileSync(join(dir, "other.json"), "{}");
      await assert.rejects(
        runDriftIssues({ provider: "github", report: "other.json", dryRun: false }, {}, dir),
        /is not a drift report/,
      );
      await assert.rejects(
        runDriftIssues(
          { provider: "github", report: "drift.json", dryRun: false },
          { GITHUB_REPOSITORY: "c/g", GITHUB_TOKEN: "t", GOVCLOUD_LOOPBACK_ONLY: "1" },
          dir,
        ),
        /api\.github\.com is not on this machine/,
      );
    });
  });
});
