import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import {
  AnalyzeDiagnostic,
  AnalyzeResponse,
  AnalyzerInfo,
  EnforcementLevel,
  PolicyConfig,
  PolicyConfigSchema,
  PolicyInfo,
  PolicyNotApplicable,
  PolicySeverity,
  PolicyType,
  RemediateResponse,
  Remediation,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { packInfoFromProto } from "../../analyzer/analyzer-info";
import { policyCrashFrom } from "../../analyzer/crash";
import { fromStruct } from "../../wire/struct";
import { packArguments, packEnvironment } from "../../analyzer/pack-env";
import { mapLimit } from "../../analyzer/pool";
import {
  analyzeEncoding,
  analyzeRequest,
  analyzeStackRequest,
  configureRequest,
  configureStackRequest,
  providerResource,
  providerUrn,
  urnName,
} from "../../analyzer/requests";
import {
  analyzeDiagnostics,
  analyzeStackDiagnostics,
  notApplicable,
  remediationResults,
} from "../../analyzer/responses";
import { rootStackUrn, withRootStack } from "../../analyzer/root-stack";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../wire/markers";
import { departmentPlan, TYPES } from "./plans";

describe("analyzer requests", () => {
  const plan = departmentPlan("health");
  const resources = withRootStack(plan);
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const ssh = resources.find((r) => r.type === TYPES.rule)!;

  it("takes the name from the URN, after the third ::", () => {
    assert.equal(urnName("urn:pulumi:s::p::a:b:C$d:e:F::my::name"), "my::name");
    assert.equal(
      providerUrn("urn:pulumi:s::p::pulumi:providers:x::prov::0f3c-id"),
      "urn:pulumi:s::p::pulumi:providers:x::prov",
    );
  });

  it("fills Analyze with the inputs, options, and the provider with its inputs", () => {
    const encoding = analyzeEncoding();
    const provider = providerResource(ssh, byUrn, encoding);
    const request = analyzeRequest(ssh, { portRangeMin: 22 }, provider);
    assert.equal(request.getUrn(), ssh.urn);
    assert.equal(request.getType(), TYPES.rule);
    assert.equal(request.getName(), "health-qingdao-ssh");
    assert.deepEqual(request.getProperties()!.toJavaScript(), { portRangeMin: 22 });
    const options = request.getOptions()!;
    assert.equal(options.getParent(), ssh.parent);
    assert.equal(options.getProtect(), false);
    assert.equal(options.getDeletebeforereplacedefined(), false);
    assert.ok(options.getCustomtimeouts(), "the engine always sends custom timeouts");
    assert.equal(request.getProvider()!.getType(), TYPES.provider);
    assert.equal(request.getProvider()!.getName(), "health-qingdao");
    assert.deepEqual(fromStruct(request.getProvider()!.getProperties()), {
      authUrl: "https://qingdao.example.gov:5000/v3",
      password: { [SIG_KEY]: SECRET_SIG, value: UNKNOWN.string },
      region: "qingdao",
    });
  });

  it("marks deleteBeforeReplace as defined only when the plan sets it", () => {
    const request = analyzeRequest(
      { ...ssh, options: { ...ssh.options, deleteBeforeReplace: false } },
      {},
      undefined,
    );
    assert.equal(request.getOptions()!.getDeletebeforereplacedefined(), true);
    assert.equal(request.getOptions()!.getDeletebeforereplace(), false);
  });

  it("fills AnalyzeStack with outputs, parent, dependencies and non-empty property dependencies", () => {
    const request = analyzeStackRequest(resources, byUrn, analyzeEncoding());
    const list = request.getResourcesList();
    assert.equal(list.length, resources.length);
    const web = list.find((r) => r.getName() === "health-qingdao-web")!;
    const planned = resources.find((r) => r.name === "health-qingdao-web")!;
    assert.equal(
      fromStruct(web.getProperties()).id,
      "health-qingdao-web-id",
      "outputs, not inputs",
    );
    assert.equal(web.getParent(), planned.parent);
    assert.deepEqual(web.getDependenciesList(), planned.dependencies);
    assert.deepEqual([...web.getPropertydependenciesMap().keys()], ["networks"]);
    assert.equal(list[0].getType(), "pulumi:pulumi:Stack");
    assert.deepEqual(fromStruct(list[0].getProperties()), {
      vdc: "health-vdc",
      dbPassword: { [SIG_KEY]: SECRET_SIG, value: UNKNOWN.string },
    });
  });

  it("fills ConfigureStack and Configure", () => {
    const stack = configureStackRequest({
      project: "govcloud",
      stack: "health",
      organization: "city",
      dryRun: true,
      config: { "govcloud:site": "qingdao" },
      tags: { department: "health" },
    });
    assert.deepEqual(stack.toObject(), {
      stack: "health",
      project: "govcloud",
      organization: "city",
      dryRun: true,
      configMap: [["govcloud:site", "qingdao"]],
      configSecretKeysList: [],
      tagsMap: [["department", "health"]],
    });
    const configure = configureRequest({
      a: { enforcementLevel: "remediate", properties: { n: 1 } },
    });
    const entry = configure.getPolicyconfigMap().get("a")!;
    assert.equal(entry.getEnforcementlevel(), EnforcementLevel.REMEDIATE);
    assert.deepEqual(entry.getProperties()!.toJavaScript(), { n: 1 });
  });
});

describe("analyzer root stack", () => {
  it("adds pulumi:pulumi:Stack first and parents top-level resources to it", () => {
    const plan = departmentPlan("water");
    const resources = withRootStack(plan);
    const root = rootStackUrn("govcloud", "water");
    assert.equal(root, "urn:pulumi:water::govcloud::pulumi:pulumi:Stack::govcloud-water");
    assert.equal(resources[0].urn, root);
    assert.equal(resources.length, plan.resources.length + 1);
    assert.equal(resources[1].parent, root, "the VDC had no parent");
    assert.equal(resources[2].parent, plan.resources[1].parent, "existing parents stay");
    assert.equal(plan.resources[0].parent, undefined, "the plan is not changed");
  });

  it("leaves a plan that has a root stack alone", () => {
    const plan = departmentPlan("water");
    plan.resources = withRootStack(plan);
    assert.equal(withRootStack(plan), plan.resources);
  });
});

describe("analyzer pack launch settings", () => {
  it("sets the variables the engine sets, drops inherited ones, and keeps the rest", () => {
    const env = packEnvironment(
      { PATH: "/bin", PULUMI_NODEJS_MONITOR: "x:1", PULUMI_CONFIG: "{}", PULUMI_ACCESS_TOKEN: "t" },
      {
        organization: "city",
        project: "govcloud",
        stack: "health",
        dryRun: true,
        config: { "govcloud:a": "1" },
      },
    );
    assert.deepEqual(env, {
      PATH: "/bin",
      PULUMI_ACCESS_TOKEN: "t",
      PULUMI_CONFIG: '{"govcloud:a":"1"}',
      PULUMI_NODEJS_ORGANIZATION: "city",
      PULUMI_NODEJS_PROJECT: "govcloud",
      PULUMI_NODEJS_STACK: "health",
      PULUMI_NODEJS_DRY_RUN: "true",
      PULUMI_ORGANIZATION: "city",
      PULUMI_PROJECT: "govcloud",
      PULUMI_STACK: "health",
      PULUMI_DRY_RUN: "true",
    });
    const none = packEnvironment({}, { organization: "", project: "p", stack: "s", dryRun: false });
    assert.equal(none.PULUMI_CONFIG, undefined);
    assert.equal(none.PULUMI_NODEJS_ORGANIZATION, undefined);
    assert.equal(none.PULUMI_DRY_RUN, "false");
  });

  it("passes the engine address, '.', and runtime options as -key=value", () => {
    assert.deepEqual(
      packArguments("/rpp/index.js", "127.0.0.1:0", { typescript: false, tsconfig: "" }),
      ["/rpp/index.js", "127.0.0.1:0", ".", "-typescript=false"],
    );
  });
});

describe("analyzer responses", () => {
  const policies = [
    {
      name: "p",
      description: "",
      enforcementLevel: "mandatory" as const,
      type: "resource" as const,
      severity: "high" as const,
    },
  ];

  function diagnostic(level: EnforcementLevel, urn = ""): AnalyzeDiagnostic {
    return new AnalyzeDiagnostic()
      .setPolicyname("p")
      .setPolicypackname("pack")
      .setPolicypackversion("1.0.0")
      .setDescription("d")
      .setMessage("m")
      .setEnforcementlevel(level)
      .setUrn(urn);
  }

  it("reports remediate as mandatory, takes the policy's severity and the project's version", () => {
    const response = new AnalyzeResponse().setDiagnosticsList([
      diagnostic(EnforcementLevel.REMEDIATE, "elsewhere"),
    ]);
    assert.deepEqual(analyzeDiagnostics(response, { policies, projectVersion: "2.0.0" }, "urn:r"), [
      {
        policyName: "p",
        policyPackName: "pack",
        policyPackVersion: "2.0.0",
        description: "d",
        message: "m",
        enforcementLevel: "mandatory",
        severity: "high",
        urn: "urn:r",
        phase: "analyze",
      },
    ]);
  });

  it("files stack diagnostics under their resource if it is in the stack, else under the root", () => {
    const response = new AnalyzeResponse().setDiagnosticsList([
      diagnostic(EnforcementLevel.ADVISORY, "urn:known"),
      diagnostic(EnforcementLevel.ADVISORY, "urn:unknown"),
      diagnostic(EnforcementLevel.ADVISORY, ""),
    ]);
    const urns = analyzeStackDiagnostics(
      response,
      { policies },
      new Set(["urn:known"]),
      "urn:root",
    ).map((d) => d.urn);
    assert.deepEqual(urns, ["urn:known", "urn:root", "urn:root"]);
  });

  it("reads not-applicable entries and remediations", () => {
    const response = new RemediateResponse()
      .setRemediationsList([
        new Remediation()
          .setPolicyname("p")
          .setPolicypackname("pack")
          .setPolicypackversion("1.0.0")
          .setDescription("d")
          .setProperties(Struct.fromJavaScript({ a: 1 })),
        new Remediation().setPolicyname("q").setDiagnostic("can't run"),
      ])
      .setNotApplicableList([new PolicyNotApplicable().setPolicyName("r").setReason("why")]);
    const results = remediationResults(response, { policies });
    assert.deepEqual(results[0].properties, { a: 1 });
    assert.equal(results[1].diagnostic, "can't run");
    assert.equal(results[1].properties, undefined);
    assert.deepEqual(notApplicable(response, "remediate", "urn:x"), [
      { policyName: "r", reason: "why", phase: "remediate", urn: "urn:x" },
    ]);
  });
});

describe("analyzer GetAnalyzerInfo reading", () => {
  function info(): AnalyzerInfo {
    const schema = new PolicyConfigSchema().setProperties(
      Struct.fromJavaScript({ max: { type: "integer", default: 3 } }),
    );
    const info = new AnalyzerInfo()
      .setName("pack")
      .setVersion("1.0.0")
      .setSupportsconfig(true)
      .setPoliciesList([
        new PolicyInfo()
          .setName("z-policy")
          .setEnforcementlevel(EnforcementLevel.MANDATORY)
          .setPolicyType(PolicyType.POLICY_TYPE_STACK),
        new PolicyInfo()
          .setName("a-policy")
          .setEnforcementlevel(EnforcementLevel.ADVISORY)
          .setSeverity(PolicySeverity.POLICY_SEVERITY_CRITICAL)
          .setPolicyType(PolicyType.POLICY_TYPE_RESOURCE)
          .setConfigschema(schema),
      ]);
    info
      .getInitialconfigMap()
      .set("z-policy", new PolicyConfig().setProperties(Struct.fromJavaScript({ n: 1 })));
    return info;
  }

  it("sorts policies and injects enforcementLevel into every schema", () => {
    const pack = packInfoFromProto(info());
    assert.deepEqual(
      pack.policies.map((p) => p.name),
      ["a-policy", "z-policy"],
    );
    assert.equal(pack.policies[0].severity, "critical");
    assert.deepEqual(pack.policies[0].configSchema!.properties.max, {
      type: "integer",
      default: 3,
    });
    assert.deepEqual(pack.policies[1].configSchema!.properties.enforcementLevel, {
      type: "string",
      enum: ["advisory", "mandatory", "remediate", "disabled"],
    });
  });

  it("reads an initialConfig entry without a level as advisory, as the engine does", () => {
    assert.deepEqual(packInfoFromProto(info()).initialConfig, {
      "z-policy": { enforcementLevel: "advisory", properties: { n: 1 } },
    });
  });

  it("prefers the version of PulumiPolicy.yaml", () => {
    assert.equal(packInfoFromProto(info(), { version: "9.9.9" }).version, "9.9.9");
    assert.equal(packInfoFromProto(info(), {}).version, "1.0.0");
  });
});

describe("analyzer policy crash recognition", () => {
  it("reads the policy, pack and first error line of a crashed Analyze", () => {
    const details =
      "Error validating resource with policy 'crash-on-test-type' from policy pack 'govcloud-test@v0.3.0':\nError: boom: cannot handle x\n    at validateResource (/p/index.js:1:1)";
    const crash = policyCrashFrom(details, "analyze", "urn:x");
    assert.deepEqual(crash, {
      policyName: "crash-on-test-type",
      policyPackName: "govcloud-test",
      policyPackVersion: "0.3.0",
      phase: "analyze",
      urn: "urn:x",
      message:
        "policy 'crash-on-test-type' from policy pack 'govcloud-test@v0.3.0' crashed during analyze on urn:x: Error: boom: cannot handle x",
      detail: details,
    });
  });

  it("reads crashed remediations and leaves other failures alone", () => {
    const crash = policyCrashFrom(
      "Error remediating resource with remediation 'fix' from policy pack 'p@v1.0.0':\nTypeError: x",
      "remediate",
    );
    assert.equal(crash?.policyName, "fix");
    assert.equal(crash?.urn, undefined);
    assert.equal(
      policyCrashFrom("Unrecognized signature 'x' when unmarshaling", "analyze"),
      undefined,
    );
  });
});

describe("analyzer pool", () => {
  it("keeps order and never runs more than the limit at once", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    assert.deepEqual(results, [50, 10, 40, 20, 30]);
    assert.equal(peak, 2);
  });

  it("starts nothing after a failure and rejects with it", async () => {
    const started: number[] = [];
    await assert.rejects(
      mapLimit([1, 2, 3, 4], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error("two");
      }),
      /two/,
    );
    assert.deepEqual(started, [1, 2]);
  });
});
