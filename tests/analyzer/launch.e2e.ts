import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import {
  AnalysisError,
  analyzeStack,
  livePackPids,
  openPolicyPack,
  PackStartError,
  PolicyPackProjectError,
  type SessionOptions,
} from "../../analyzer";
import {
  childPackProcesses,
  isAlive,
  PACKAGE_JSON,
  POLICY_YAML,
  removeTempPacks,
  tempPack,
  TS_PACK,
} from "./packs";
import { departmentPlan } from "./plans";

const launch: SessionOptions["launch"] = {
  organization: "organization",
  project: "govcloud",
  stack: "health",
  dryRun: true,
};

const GOOD_POLICY = `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("tmp-pack", { policies: [{ name: "p", description: "d", validateResource: () => {} }] });
`;

async function startFailure(packDir: string, startTimeoutMs = 30_000): Promise<PackStartError> {
  try {
    const session = await openPolicyPack({ packDir, launch, startTimeoutMs });
    await session.close();
  } catch (e) {
    assert.ok(e instanceof PackStartError, `expected a PackStartError, got ${String(e)}`);
    return e;
  }
  assert.fail("the pack started");
}

function assertGone(error: PackStartError): void {
  assert.ok(error.pid !== undefined && error.pid > 0);
  assert.ok(!isAlive(error.pid!), `pack process ${error.pid} is still running`);
  assert.deepEqual(livePackPids(), []);
  const children = childPackProcesses();
  if (children) assert.deepEqual(children, []);
}

describe("analyzer pack start-up", function () {
  this.timeout(60_000);
  afterEach(() => removeTempPacks());

  it("reports a syntax error in a rule with the pack's stderr, and kills the process", async () => {
    const dir = tempPack({
      "PulumiPolicy.yaml": POLICY_YAML,
      "package.json": PACKAGE_JSON,
      "index.js": GOOD_POLICY.replace("() => {}", "() => {"),
    });
    const error = await startFailure(dir);
    assert.match(
      error.message,
      new RegExp(
        `^policy pack ${dir} failed to start: it exited \\(exit code 32\\) before reporting its port`,
      ),
    );
    assert.match(error.message, /--- pack stderr ---/);
    assert.match(error.stderr, /SyntaxError/);
    assert.match(error.stderr, /index\.js/);
    assertGone(error);
  });

  it("reports a pack without package.json", async () => {
    const dir = tempPack({ "PulumiPolicy.yaml": POLICY_YAML, "index.js": GOOD_POLICY });
    const error = await startFailure(dir);
    assert.match(error.stderr, /Cannot find module '.*package\.json'/);
    assert.match(error.message, /hint: a policy pack needs a package\.json with a version/);
    assert.ok(!error.stderr.includes("\u001b["), "colour codes are dropped");
    assertGone(error);
  });

  it("reports a pack that prints before its port", async () => {
    const dir = tempPack({
      "PulumiPolicy.yaml": POLICY_YAML,
      "package.json": PACKAGE_JSON,
      "index.js": `console.log("loading rules");\n${GOOD_POLICY}`,
    });
    const error = await startFailure(dir);
    assert.match(error.message, /it wrote an invalid port to stdout: "loading rules"/);
    assertGone(error);
  });

  it("gives up on a pack that never reports a port", async () => {
    const dir = tempPack({
      "PulumiPolicy.yaml": POLICY_YAML,
      "package.json": PACKAGE_JSON,
      "index.js": `console.error("waiting forever");\nsetInterval(() => {}, 1000);\n`,
    });
    // Long enough for Node to start and write its line on a machine running other suites
    // (2 s was not), short enough for a unit test.
    const error = await startFailure(dir, 10_000);
    assert.match(error.message, /it did not report a port within 10000 ms/);
    assert.match(error.message, /waiting forever/);
    assertGone(error);
  });

  it("refuses a directory without PulumiPolicy.yaml, as the engine does", async () => {
    const dir = tempPack({ "package.json": PACKAGE_JSON, "index.js": GOOD_POLICY });
    await assert.rejects(
      openPolicyPack({ packDir: dir, launch }),
      (e: unknown) =>
        e instanceof PolicyPackProjectError &&
        e.message.startsWith(`failed to load Pulumi policy project located at "${dir}"`),
    );
    assert.deepEqual(livePackPids(), []);
  });

  it("says the dependencies are missing when run-policy-pack cannot be resolved", async () => {
    const dir = tempPack(
      { "PulumiPolicy.yaml": POLICY_YAML, "package.json": PACKAGE_JSON, "index.js": GOOD_POLICY },
      false,
    );
    await assert.rejects(
      openPolicyPack({ packDir: dir, launch }),
      /it looks like the policy pack's dependencies are not installed; try running npm install or yarn install in/,
    );
  });

  it("gives the pack the engine's environment and working directory", async () => {
    const dir = tempPack({
      "PulumiPolicy.yaml": POLICY_YAML,
      "package.json": PACKAGE_JSON,
      "index.js": `const { PolicyPack } = require("@pulumi/policy");
const pulumi = require("@pulumi/pulumi");
const seen = JSON.stringify({
  cwd: process.cwd(),
  stack: pulumi.getStack(),
  project: pulumi.getProject(),
  organization: pulumi.getOrganization(),
  dryRun: pulumi.runtime.isDryRun(),
  site: new pulumi.Config("govcloud").get("site"),
});
new PolicyPack("env-pack", {
  policies: [{ name: "env", description: "env", validateStack: (_, report) => report(seen) }],
});
`,
    });
    const report = await analyzeStack(
      { project: "govcloud", stack: "water", resources: [], outputs: {} },
      {
        packDir: dir,
        organization: "city",
        dryRun: false,
        stackConfig: { "govcloud:site": "laixi" },
      },
    );
    const seen = JSON.parse(report.diagnostics[0].message.split("\n")[1]);
    assert.deepEqual(seen, {
      cwd: dir,
      stack: "water",
      project: "govcloud",
      organization: "city",
      dryRun: false,
      site: "laixi",
    });
  });
});

describe("analyzer pack failures during an analysis", function () {
  this.timeout(60_000);
  afterEach(() => removeTempPacks());

  function pack(rule: string): string {
    return tempPack({
      "PulumiPolicy.yaml": POLICY_YAML,
      "package.json": PACKAGE_JSON,
      "index.js": `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("failing", {
  policies: [{ name: "p", description: "d", validateResource: (args) => { ${rule} } }],
});
`,
    });
  }

  it("reports a pack that exits in the middle, with its exit code and stderr", async () => {
    const dir = pack(
      'if (args.type === "openstack:compute/instance:Instance") { console.error("giving up"); process.exit(3); }',
    );
    await assert.rejects(
      analyzeStack(departmentPlan("health"), { packDir: dir, concurrency: 1 }),
      (e: unknown) =>
        e instanceof AnalysisError &&
        /^Analyze of urn:pulumi:health::govcloud::.*Instance::health-qingdao-web: /.test(
          e.message,
        ) &&
        e.message.includes("the pack process has ended: exit code 3") &&
        e.message.includes("giving up"),
    );
    assert.deepEqual(livePackPids(), []);
  });

  it("gives up on a policy that never returns, after the call deadline", async () => {
    const dir = pack(
      'if (args.type === "openstack:compute/instance:Instance") return new Promise(() => {});',
    );
    await assert.rejects(
      analyzeStack(departmentPlan("health"), { packDir: dir, callTimeoutMs: 500 }),
      (e: unknown) => e instanceof AnalysisError && /Deadline exceeded/i.test(e.message),
    );
    assert.deepEqual(livePackPids(), []);
  });
});

describe("analyzer TypeScript and compiled packs", function () {
  this.timeout(120_000);
  after(() => removeTempPacks());

  const plan = departmentPlan("health");
  const expected = [
    "no-world-ssh: Security group rules must not open SSH to the whole internet.\nrule health-qingdao-ssh opens port 22 to 0.0.0.0/0",
    "max-instances: A stack holds at most the configured number of instances.\n3 instances, at most 2 allowed",
  ];

  it("runs a pack whose main is TypeScript (type-checked by ts-node at start-up)", async () => {
    const report = await analyzeStack(plan, { packDir: TS_PACK });
    assert.deepEqual(
      report.diagnostics.map((d) => `${d.policyName}: ${d.message}`),
      expected,
    );
    console.log(`      TypeScript pack start-up: ${report.timings.launchMs} ms`);
  });

  it("runs the same pack compiled to JavaScript, with main pointing at the output", async () => {
    const source = readFileSync(join(TS_PACK, "index.ts"), "utf8");
    const compiled = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    }).outputText;
    const dir = tempPack({
      "PulumiPolicy.yaml": readFileSync(join(TS_PACK, "PulumiPolicy.yaml"), "utf8"),
      "package.json": JSON.stringify({ name: "compiled", version: "0.1.0", main: "bin/index.js" }),
      "bin/index.js": compiled,
    });
    const report = await analyzeStack(plan, { packDir: dir });
    assert.deepEqual(
      report.diagnostics.map((d) => `${d.policyName}: ${d.message}`),
      expected,
    );
    console.log(`      compiled JavaScript pack start-up: ${report.timings.launchMs} ms`);
  });
});
