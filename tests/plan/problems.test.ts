/**
 * A stack whose department file (or platform.yaml) has errors is not planned: planStack rejects
 * with the program's own refusal, the formatted problem list, as `pulumi up` would fail. Nothing
 * crashes, and the next stack plans as usual.
 */
import { strict as assert } from "node:assert";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { loadEstate } from "../../model/estate-loader";
import type { LoadResult } from "../../model/estate-loader";
import { formatProblemText } from "../../model/problem";
import { MockCloud } from "../../plan/mock-cloud";
import { planStack } from "../../plan/run-plan";
import { plan, positionIn, REPO_ROOT, TODAY } from "./support";

/** Replaces `from` by `to` in a department file, exactly once. */
function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `"${from}" is not in the file exactly once`);
  return text.replace(from, to);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail("the stack was planned");
}

describe("planning a stack whose files have errors", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  let root: string;
  let loaded: LoadResult;
  let audit: string;

  before(() => {
    // An estate of three departments: audit with two errors the rules find, statistics with
    // one its schema finds (so it does not even load), and taxation as it is.
    root = mkdtempSync(join(tmpdir(), "govcloud-plan-"));
    mkdirSync(join(root, "departments"));
    copyFileSync(join(REPO_ROOT, "platform.yaml"), join(root, "platform.yaml"));
    copyFileSync(join(REPO_ROOT, "tickets.yaml"), join(root, "tickets.yaml"));
    const read = (id: string) => readFileSync(join(REPO_ROOT, "departments", `${id}.yaml`), "utf8");
    audit = edit(
      edit(read("audit"), "flavor: m1.xlarge", "flavor: m9.huge"),
      "image: windows-server-2019",
      "image: windows-95",
    );
    writeFileSync(join(root, "departments", "audit.yaml"), audit);
    writeFileSync(
      join(root, "departments", "statistics.yaml"),
      edit(read("statistics"), "costCentre:", "costCenter:"),
    );
    copyFileSync(
      join(REPO_ROOT, "departments", "taxation.yaml"),
      join(root, "departments", "taxation.yaml"),
    );
    loaded = loadEstate(root, { today: TODAY });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it("rejects with the formatted list of the errors in the department's file", async () => {
    const own = loaded.problems.filter((p) => p.file === "departments/audit.yaml");
    assert.deepEqual(
      own.map((p) => `${p.line}:${p.column} ${p.code}`),
      [
        positionIn(audit, ["workloads", 0, "flavor"]),
        positionIn(audit, ["workloads", 1, "image"]),
      ].map((at, n) => `${at.line}:${at.column} ${["unknown-flavor", "unknown-image"][n]}`),
    );
    const error = await rejection(plan(loaded, "audit"));
    assert.ok(pulumi.RunError.isInstance(error), `not the program's refusal: ${String(error)}`);
    const lines = error.message.split("\n");
    assert.match(lines[0], /^Stack audit cannot be deployed: the estate has 2 errors\b/);
    assert.equal(error.message, [lines[0], ...own.map(formatProblemText)].join("\n"));
    assert.doesNotMatch(error.message, /statistics/, "another department's errors do not belong");
  });

  it("rejects a department whose file does not pass its schema, with that list", async () => {
    const own = loaded.problems.filter((p) => p.file === "departments/statistics.yaml");
    assert.ok(own.length > 0);
    const error = await rejection(plan(loaded, "statistics"));
    assert.ok(pulumi.RunError.isInstance(error), `not the program's refusal: ${String(error)}`);
    assert.match(
      error.message,
      /^Stack statistics cannot be deployed: the estate has \d+ errors?\b/,
    );
    for (const problem of own) assert.ok(error.message.includes(formatProblemText(problem)));
    assert.doesNotMatch(error.message, /does not exist/, "the file exists; it is broken");
  });

  it("plans the next stack as usual, with its own resources only", async () => {
    const taxation = await plan(loaded, "taxation");
    assert.ok(taxation.resources.length > 20);
    assert.deepEqual(
      taxation.resources.filter((r) => !r.name.startsWith("taxation")).map((r) => r.urn),
      [],
    );
  });

  it("rejects the platform stack while any file has errors", async () => {
    const error = await rejection(plan(loaded, "platform"));
    assert.ok(pulumi.RunError.isInstance(error), `not the program's refusal: ${String(error)}`);
    assert.match(error.message, /^Stack platform cannot be deployed/);
    assert.ok(error.message.includes("departments/audit.yaml:"));
    assert.ok(error.message.includes("departments/statistics.yaml:"));
  });
});

describe("planning when the program fails inside the SDK", function () {
  // Plans whole stacks: seconds each, many more when the machine is busy (two suites at once).
  this.timeout(300_000);
  it("rejects with a message naming the failure instead of hanging", async () => {
    const loaded = loadEstate(REPO_ROOT, { today: TODAY });
    const cloud = MockCloud.prototype as unknown as {
      answer(token: string, inputs: object): object;
    };
    const original = cloud.answer;
    cloud.answer = function (token: string, inputs: object) {
      if (token === "openstack:identity/getRole:getRole") throw new Error("no roles today");
      return original.call(this, token, inputs);
    };
    try {
      await assert.rejects(planStack(loaded, "audit"), (error: Error) => {
        assert.equal(error.name, "PlanError");
        assert.match(
          error.message,
          /^the program failed while planning stack audit: .*no roles today/,
        );
        return true;
      });
    } finally {
      cloud.answer = original;
    }
    // The failed plan's promises never settle, but its lean runtime ended with it: a Struct
    // made now is a real one, which gRPC can serialize for an out-of-process pack.
    const struct = Struct.fromJavaScript({ a: [1, { b: "c" }] });
    assert.equal(struct.constructor, Struct);
    assert.deepEqual(Struct.deserializeBinary(struct.serializeBinary()).toJavaScript(), {
      a: [1, { b: "c" }],
    });
    // The next plan runs normally.
    const plan = await planStack(loaded, "audit");
    assert.ok(plan.resources.length > 10);
  });
});
