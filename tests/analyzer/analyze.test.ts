import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Message } from "google-protobuf";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { AnalyzeRequest, AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import {
  analyzeStack,
  analyzeStacks,
  livePackPids,
  openPolicyPack,
  PolicyConfigError,
  type AnalysisReport,
  type Diagnostic,
  type PolicyPackSession,
} from "../../analyzer";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../wire/markers";
import { childPackProcesses, isAlive, removeTempPacks, TEST_PACK, tempPack } from "./packs";
import { departmentPlan, resource, TYPES } from "./plans";

/** "<phase> <level> <policy> <resource name>: <message>", one line. */
function line(d: Diagnostic): string {
  const name = d.urn.split("::").slice(3).join("::");
  return `${d.phase} ${d.enforcementLevel} ${d.policyName} ${name}: ${d.message.replace(/\n/g, " / ")}`;
}

const HEALTH_DIAGNOSTICS = [
  "analyze advisory network-port-security health-qingdao-net: Networks must keep port security enabled. / network health-qingdao-net disables port security",
  "analyze mandatory no-world-ssh health-qingdao-ssh: Security group rules must not open SSH to the whole internet. / rule health-qingdao-ssh opens port 22 to 0.0.0.0/0",
  "analyze advisory instance-owner-metadata health-qingdao-batch: Instances should name their owner in their metadata. / instance health-qingdao-batch has no owner",
  "remediate advisory managed-by-metadata health-qingdao-db: can't run remediation 'managed-by-metadata' from policy pack 'govcloud-test@v0.3.0' during preview: string value at .adminPass can't be known during preview",
  "analyze advisory image-pinned health-qingdao-db: can't run policy 'image-pinned' from policy pack 'govcloud-test@v0.3.0' during preview: string value at .imageId can't be known during preview",
  "analyze advisory admin-pass-length health-qingdao-db: can't run policy 'admin-pass-length' from policy pack 'govcloud-test@v0.3.0' during preview: string value at .adminPass can't be known during preview",
  "analyzeStack mandatory max-instances govcloud-health: A stack holds at most the configured number of instances. / 3 instances, at most 2 allowed",
  "analyzeStack advisory stack-department-tag govcloud-health: Stacks carry a department tag. / the stack has no department tag",
];

interface Sent {
  method: string;
  request: Message | undefined;
}

function structs(sent: Sent[]): Array<{ method: string; urn: string; props: unknown }> {
  const out: Array<{ method: string; urn: string; props: unknown }> = [];
  for (const { method, request } of sent) {
    if (method === "Analyze" || method === "Remediate") {
      const r = request as AnalyzeRequest;
      out.push({ method, urn: r.getUrn(), props: (r.getProperties() as Struct).toJavaScript() });
      const provider = r.getProvider();
      if (provider) {
        out.push({
          method,
          urn: provider.getUrn(),
          props: provider.getProperties()!.toJavaScript(),
        });
      }
    } else if (method === "AnalyzeStack") {
      for (const r of (request as AnalyzeStackRequest).getResourcesList()) {
        out.push({ method, urn: r.getUrn(), props: r.getProperties()!.toJavaScript() });
      }
    }
  }
  return out;
}

/** Every place `needle` occurs in `value`, with whether it sits directly in a secret wrapper. */
function occurrences(value: unknown, needle: string, inSecret = false): boolean[] {
  if (value === needle) return [inSecret];
  if (Array.isArray(value)) return value.flatMap((v) => occurrences(v, needle));
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const secret = obj[SIG_KEY] === SECRET_SIG;
    return Object.entries(obj).flatMap(([k, v]) => occurrences(v, needle, secret && k === "value"));
  }
  return [];
}

describe("analyzer against a real policy pack process", function () {
  this.timeout(60_000);
  let session: PolicyPackSession;
  const sent: Sent[] = [];

  before(async () => {
    const plan = departmentPlan("health");
    session = await openPolicyPack({
      packDir: TEST_PACK,
      launch: {
        organization: "organization",
        project: plan.project,
        stack: plan.stack,
        dryRun: true,
      },
      trace: (method, request) => sent.push({ method, request }),
    });
  });

  after(async () => {
    await session?.close();
    removeTempPacks();
  });

  beforeEach(() => sent.splice(0));

  describe("one department plan", () => {
    let report: AnalysisReport;
    /** The requests of this analysis (`sent` is cleared before each test). */
    const calls: Sent[] = [];
    before(async () => {
      sent.splice(0);
      report = await session.analyze(departmentPlan("health"));
      calls.push(...sent);
    });

    it("reports exactly the diagnostics of the pack, in plan order, stack policies last", () => {
      assert.deepEqual(report.diagnostics.map(line), HEALTH_DIAGNOSTICS);
    });

    it("fills every field of a diagnostic", () => {
      assert.deepEqual(
        report.diagnostics.find((d) => d.policyName === "no-world-ssh"),
        {
          policyName: "no-world-ssh",
          policyPackName: "govcloud-test",
          policyPackVersion: "0.3.0",
          description: "Security group rules must not open SSH to the whole internet.",
          message:
            "Security group rules must not open SSH to the whole internet.\nrule health-qingdao-ssh opens port 22 to 0.0.0.0/0",
          enforcementLevel: "mandatory",
          severity: "high",
          urn: "urn:pulumi:health::govcloud::govcloud:vdc:DepartmentVdc$openstack:networking/secGroupRule:SecGroupRule::health-qingdao-ssh",
          phase: "analyze",
        },
      );
    });

    it("describes the pack, its policies at the level they ran, and the outcome", () => {
      assert.deepEqual(report.pack, {
        name: "govcloud-test",
        version: "0.3.0",
        sdkVersion: "1.21.0",
        dir: TEST_PACK,
      });
      assert.deepEqual(
        report.policies.map((p) => `${p.name}:${p.type}:${p.enforcementLevel}`),
        [
          "admin-pass-length:resource:advisory",
          "crash-on-test-type:resource:advisory",
          "image-pinned:resource:advisory",
          "instance-owner-metadata:resource:advisory",
          "managed-by-metadata:resource:remediate",
          "max-instances:stack:mandatory",
          "network-port-security:resource:advisory",
          "no-world-ssh:resource:mandatory",
          "stack-department-tag:stack:advisory",
          "volume-size-limit:resource:mandatory",
        ],
      );
      assert.deepEqual(report.summary, {
        resources: 9,
        mandatory: 2,
        advisory: 6,
        crashes: 0,
        passed: false,
      });
      assert.deepEqual(report.crashes, []);
    });

    it("applies schema defaults and initialConfig through Configure", () => {
      assert.deepEqual(report.config["max-instances"], {
        enforcementLevel: "mandatory",
        properties: { maxInstances: 2 },
      });
      // initialConfig (200) beats the schema default (100): the 150 GB volume passes.
      assert.deepEqual(report.config["volume-size-limit"].properties, { maxSizeGb: 200 });
      assert.ok(!report.diagnostics.some((d) => d.policyName === "volume-size-limit"));
    });

    it("reports what remediation changed, and Analyze sees the remediated inputs", () => {
      assert.deepEqual(
        report.remediations.map((r) => [
          r.policyName,
          r.urn.split("::").pop(),
          r.before.metadata,
          r.after.metadata,
        ]),
        [["managed-by-metadata", "health-qingdao-batch", {}, { managedBy: "govcloud" }]],
      );
      const analyzed = structs(calls).find(
        (s) => s.method === "Analyze" && s.urn.endsWith("::health-qingdao-batch"),
      );
      assert.deepEqual((analyzed!.props as { metadata: unknown }).metadata, {
        managedBy: "govcloud",
      });
    });

    it("follows the engine's order of calls", () => {
      const methods = calls.map((s) => s.method);
      assert.deepEqual(methods.slice(0, 4), [
        "ConfigureStack",
        "GetAnalyzerInfo",
        "GetPluginInfo",
        "Configure",
      ]);
      assert.equal(methods[methods.length - 1], "AnalyzeStack");
      const perResource = methods.slice(4, -1);
      assert.equal(perResource.filter((m) => m === "Analyze").length, 9);
      assert.equal(perResource.filter((m) => m === "Remediate").length, 9);
      for (const urn of new Set(
        structs(calls)
          .filter((s) => s.method === "Analyze")
          .map((s) => s.urn),
      )) {
        const order = calls
          .filter((s) => s.method === "Analyze" || s.method === "Remediate")
          .filter((s) => (s.request as AnalyzeRequest).getUrn() === urn)
          .map((s) => s.method);
        assert.deepEqual(order, ["Remediate", "Analyze"], urn);
      }
    });

    it("sends inputs to Analyze and outputs to AnalyzeStack, root stack included", () => {
      const wire = structs(calls);
      const web = (m: string) =>
        wire.find((s) => s.method === m && s.urn.endsWith("::health-qingdao-web"));
      assert.equal((web("Analyze")!.props as { id?: string }).id, undefined);
      assert.equal((web("AnalyzeStack")!.props as { id?: string }).id, "health-qingdao-web-id");
      assert.ok(
        wire.some(
          (s) => s.method === "Analyze" && s.urn.endsWith("pulumi:pulumi:Stack::govcloud-health"),
        ),
      );
    });

    it("sends unknowns as unknown sentinels and secrets only inside secret wrappers", () => {
      const wire = structs(calls);
      const db = wire.find((s) => s.method === "Analyze" && s.urn.endsWith("::health-qingdao-db"))!;
      const props = db.props as Record<string, unknown>;
      assert.equal(props.imageId, UNKNOWN.string);
      assert.deepEqual(props.adminPass, { [SIG_KEY]: SECRET_SIG, value: UNKNOWN.string });
      const provider = wire.find((s) =>
        s.urn.endsWith("pulumi:providers:openstack::health-qingdao"),
      )!;
      assert.deepEqual((provider.props as Record<string, unknown>).password, {
        [SIG_KEY]: SECRET_SIG,
        value: UNKNOWN.string,
      });
    });

    it("lists the policies that did not apply", () => {
      const na = report.notApplicable.filter((n) => n.urn?.endsWith("::health-qingdao-ssh"));
      assert.deepEqual(
        na.map((n) => `${n.phase} ${n.policyName}: ${n.reason}`),
        [
          "analyze network-port-security: Policy only applies to resources of type 'openstack:networking/network:Network'",
          "analyze managed-by-metadata: Policy does not implement validateResource",
        ],
      );
    });
  });

  describe("policy configuration", () => {
    it("lets a config file lower a mandatory policy to advisory and change a property", async () => {
      const file = join(tempPack({ "config.json": "" }, false), "config.json");
      writeFileSync(
        file,
        JSON.stringify({ "no-world-ssh": "advisory", "volume-size-limit": { maxSizeGb: 120 } }),
      );
      const report = await session.analyze(departmentPlan("health"), { configFile: file });
      const ssh = report.diagnostics.find((d) => d.policyName === "no-world-ssh")!;
      assert.equal(ssh.enforcementLevel, "advisory");
      assert.equal(
        report.policies.find((p) => p.name === "no-world-ssh")!.enforcementLevel,
        "advisory",
      );
      assert.deepEqual(
        report.diagnostics.filter((d) => d.policyName === "volume-size-limit").map(line),
        [
          "analyze mandatory volume-size-limit health-qingdao-data: Volumes must not exceed the configured size. / volume health-qingdao-data is 150 GB, more than 120 GB",
        ],
      );
    });

    it("rejects invalid config naming the policy, before any resource is analyzed", async () => {
      await assert.rejects(
        session.analyze(departmentPlan("health"), {
          policyConfig: { "max-instances": { maxInstances: "many" } },
        }),
        (e: unknown) =>
          e instanceof PolicyConfigError &&
          e.message ===
            "validating policy config: govcloud-test 0.3.0  max-instances: maxInstances: Invalid type. Expected: integer, given: string",
      );
      assert.ok(!sent.some((s) => s.method === "Analyze" || s.method === "Configure"));
    });

    it("can disable every policy with `all`", async () => {
      const report = await session.analyze(departmentPlan("health"), {
        policyConfig: { all: "disabled" },
      });
      assert.deepEqual(report.diagnostics, []);
      assert.equal(report.summary.passed, true);
      assert.ok(!sent.some((s) => s.method === "Remediate"), "no remediate-level policy left");
    });
  });

  describe("secrets and unknowns", () => {
    it("never sends a secret value bare and never puts it in the report", async () => {
      const plan = departmentPlan("health");
      const db = plan.resources.find((r) => r.name === "health-qingdao-db")!;
      db.inputs.adminPass = { "[secret]": "correct-horse-battery" };
      db.outputs.adminPass = { "[secret]": "correct-horse-battery" };
      const report = await session.analyze(plan);
      const places = structs(sent).flatMap((s) => occurrences(s.props, "correct-horse-battery"));
      assert.ok(places.length >= 3, "sent to Remediate, Analyze and AnalyzeStack");
      assert.ok(
        places.every((inSecret) => inSecret),
        "always inside a secret wrapper",
      );
      assert.ok(!JSON.stringify(report).includes("correct-horse-battery"));
    });

    it("lets a policy read a placeholder instead of an unknown when asked", async () => {
      const report = await session.analyze(departmentPlan("health"), {
        secretPlaceholder: "[secret]",
      });
      assert.deepEqual(
        report.diagnostics.filter((d) => d.policyName === "admin-pass-length").map(line),
        [
          "analyze advisory admin-pass-length health-qingdao-db: Admin passwords must be at least 12 characters long. / adminPass is too short",
        ],
      );
    });
  });

  describe("a policy that throws", () => {
    let report: AnalysisReport;
    before(async () => {
      const plan = departmentPlan("health");
      plan.resources.push(resource("health", TYPES.crash, "health-crash", { x: 1 }));
      report = await session.analyze(plan);
    });

    it("is reported as a crash of that policy, and the stack does not pass", () => {
      assert.equal(report.crashes.length, 1);
      const crash = report.crashes[0];
      assert.equal(crash.policyName, "crash-on-test-type");
      assert.equal(crash.phase, "analyze");
      assert.equal(crash.urn, "urn:pulumi:health::govcloud::govcloud:test:Crash::health-crash");
      assert.equal(
        crash.message,
        "policy 'crash-on-test-type' from policy pack 'govcloud-test@v0.3.0' crashed during analyze on urn:pulumi:health::govcloud::govcloud:test:Crash::health-crash: Error: boom: cannot handle health-crash",
      );
      assert.match(crash.detail, /at validateResource .*index\.js/);
      assert.equal(report.summary.crashes, 1);
      assert.equal(report.summary.passed, false);
    });

    it("does not stop the analysis of the other resources", () => {
      assert.deepEqual(report.diagnostics.map(line), HEALTH_DIAGNOSTICS);
    });

    it("keeps what the pack printed", () => {
      assert.deepEqual(report.logs, [
        { stream: "stderr", line: "crash-on-test-type: about to throw on health-crash" },
      ]);
    });

    it("fails a stack that has nothing else wrong", async () => {
      const clean = {
        project: "govcloud",
        stack: "clean",
        resources: [resource("clean", TYPES.crash, "only", {})],
        outputs: {},
      };
      const result = await session.analyze(clean, { tags: { department: "clean" } });
      assert.deepEqual(result.diagnostics, []);
      assert.equal(result.summary.passed, false);
    });
  });

  describe("many stacks over one process", () => {
    it("reconfigures tags and policy config per stack", async () => {
      const pid = session.pid;
      const a = await session.analyze(departmentPlan("water"), {
        tags: { department: "water" },
        policyConfig: { "no-world-ssh": { enforcementLevel: "disabled" } },
      });
      const b = await session.analyze(departmentPlan("transport"));
      const c = await session.analyze(departmentPlan("water"), { tags: { department: "water" } });
      const names = (r: AnalysisReport) => r.diagnostics.map((d) => d.policyName);
      assert.ok(!names(a).includes("stack-department-tag") && !names(a).includes("no-world-ssh"));
      assert.ok(names(b).includes("stack-department-tag") && names(b).includes("no-world-ssh"));
      assert.ok(!names(c).includes("stack-department-tag") && names(c).includes("no-world-ssh"));
      assert.equal(
        b.diagnostics.find((d) => d.policyName === "max-instances")!.urn,
        "urn:pulumi:transport::govcloud::pulumi:pulumi:Stack::govcloud-transport",
      );
      assert.equal(session.pid, pid, "the same process");
      assert.equal(a.timings.launchMs, 0, "no start-up cost after the first stack");
    });
  });
});

describe("analyzer one-shot analysis leaves no process behind", function () {
  this.timeout(60_000);
  afterEach(() => removeTempPacks());

  function assertNoPackProcess(pids: number[]): void {
    for (const pid of pids) assert.ok(!isAlive(pid), `pack process ${pid} is still running`);
    assert.deepEqual(livePackPids(), []);
    const children = childPackProcesses();
    if (children) assert.deepEqual(children, []);
  }

  it("after analyzeStack returns", async () => {
    let pid = -1;
    const report = await analyzeStack(departmentPlan("health"), {
      packDir: TEST_PACK,
      tags: { department: "health" },
      trace: () => {
        pid = livePackPids()[0] ?? pid;
      },
    });
    assert.deepEqual(
      report.diagnostics.map(line),
      HEALTH_DIAGNOSTICS.filter((l) => !l.includes("department tag")),
    );
    assert.ok(report.timings.launchMs > 0);
    assert.ok(pid > 0);
    assertNoPackProcess([pid]);
  });

  it("after analyzeStack throws", async () => {
    let pid = -1;
    await assert.rejects(
      analyzeStack(departmentPlan("health"), {
        packDir: TEST_PACK,
        policyConfig: { "volume-size-limit": { maxSizeGb: 0 } },
        trace: () => {
          pid = livePackPids()[0] ?? pid;
        },
      }),
      /volume-size-limit: maxSizeGb: Must be greater than or equal to 1/,
    );
    assert.ok(pid > 0);
    assertNoPackProcess([pid]);
  });
});

describe("analyzer over several pack processes", function () {
  this.timeout(60_000);

  it("spreads stacks over the processes and returns the reports in plan order", async () => {
    const stacks = ["health", "water", "roads", "parks"];
    let peak = 0;
    const reports = await analyzeStacks(
      stacks.map((s) => departmentPlan(s)),
      {
        packDir: TEST_PACK,
        processes: 2,
        trace: () => {
          peak = Math.max(peak, livePackPids().length);
        },
      },
    );
    assert.deepEqual(
      reports.map((r) => r.stack),
      stacks,
    );
    assert.equal(peak, 2, "two pack processes ran");
    for (const report of reports) {
      assert.deepEqual(
        report.diagnostics.map(line),
        HEALTH_DIAGNOSTICS.map((l) => l.replace(/health/g, report.stack)),
      );
    }
    assert.deepEqual(livePackPids(), []);
  });
});
