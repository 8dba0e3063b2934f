/**
 * Measures the harness: pack start-up (JavaScript, TypeScript, compiled TypeScript), raw Analyze
 * calls per second over one connection at several concurrencies, and a whole synthetic city
 * (30 department plans) over one pack process.
 *
 *   npx ts-node --transpile-only tests/analyzer/bench.ts [--in-process] [--plans <dir>]
 *
 * With --plans (a folder written by `govcloud plan --all --out <dir>`), only the real city is
 * measured: analyzeStacks over 1 and 2 pack processes, start-up included.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { AnalyzeRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import { analyzeStacks, openPolicyPack, type PolicyPackSession } from "../../analyzer";
import { encodeProperties } from "../../wire/encode";
import { GrpcTransport } from "../../analyzer/grpc-transport";
import { openInProcessPack } from "../../analyzer/in-process";
import { PackProcess } from "../../analyzer/launch";
import { packArguments, packEnvironment } from "../../analyzer/pack-env";
import { analyzeRequest, analyzeEncoding, handshakeRequest } from "../../analyzer/requests";
import { resolveRunPolicyPack } from "../../analyzer/resolve";
import { ENGINE_ADDRESS_PLACEHOLDER } from "../../analyzer/session";
import type { AnalyzerTransport } from "../../analyzer/transport";
import type { StackPlan } from "../../plan/types";
import { removeTempPacks, tempPack, TEST_PACK, TS_PACK } from "./packs";
import { departmentPlan, resource, TYPES } from "./plans";

const launch = { organization: "organization", project: "govcloud", stack: "bench", dryRun: true };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function startup(packDir: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const session = await openPolicyPack({ packDir, launch });
    times.push(Math.round(performance.now() - started));
    await session.close();
  }
  return times;
}

function compiledTsPack(): string {
  const source = readFileSync(join(TS_PACK, "index.ts"), "utf8");
  const output = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
  return tempPack({
    "PulumiPolicy.yaml": "runtime: nodejs\n",
    "package.json": JSON.stringify({ name: "c", version: "0.1.0", main: "bin/index.js" }),
    "bin/index.js": output,
  });
}

function instanceRequest(i: number): AnalyzeRequest {
  const plan = departmentPlan("bench");
  const instance = plan.resources.find((r) => r.type === TYPES.instance)!;
  const props = {
    ...instance.inputs,
    name: `bench-${i}`,
    networks: [{ uuid: "net-1" }, { uuid: "net-2" }],
  };
  return analyzeRequest(
    { ...instance, name: `bench-${i}` },
    encodeProperties(props, analyzeEncoding()),
    undefined,
  );
}

async function rawAnalyze(
  transport: AnalyzerTransport,
  total: number,
  concurrency: number,
): Promise<number> {
  const requests = Array.from({ length: total }, (_, i) => instanceRequest(i));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await transport.analyze(requests[next++]);
    }),
  );
  return Math.round(total / ((performance.now() - started) / 1000));
}

async function processTransport(): Promise<AnalyzerTransport> {
  const pack = await PackProcess.start({
    packDir: TEST_PACK,
    args: packArguments(resolveRunPolicyPack(TEST_PACK), ENGINE_ADDRESS_PLACEHOLDER),
    env: packEnvironment(process.env, launch),
    startTimeoutMs: 60_000,
  });
  const transport = new GrpcTransport(pack, { callTimeoutMs: 60_000, connectTimeoutMs: 10_000 });
  await transport.handshake(handshakeRequest(ENGINE_ADDRESS_PLACEHOLDER, TEST_PACK));
  return transport;
}

/** 30 departments of about 60 resources each. */
function city(): StackPlan[] {
  return Array.from({ length: 30 }, (_, d) => {
    const plan = departmentPlan(`dept${d}`);
    for (let i = 0; i < 50; i++) {
      plan.resources.push(
        resource(plan.stack, TYPES.volume, `dept${d}-vol-${i}`, { name: `v${i}`, size: 10 + i }),
      );
    }
    return plan;
  });
}

async function wholeCity(
  session: PolicyPackSession,
  label: string,
  remediate: boolean,
): Promise<void> {
  const plans = city();
  const resources = plans.reduce((n, p) => n + p.resources.length + 1, 0);
  const policyConfig = remediate
    ? undefined
    : { "managed-by-metadata": { enforcementLevel: "advisory" as const } };
  const started = performance.now();
  for (const plan of plans) await session.analyze(plan, { policyConfig });
  const ms = Math.round(performance.now() - started);
  console.log(
    `${label}: 30 stacks, ${resources} resources in ${ms} ms (${Math.round(resources / (ms / 1000))} resources/s)`,
  );
}

async function realCity(dir: string): Promise<void> {
  const plans: StackPlan[] = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
  const resources = plans.reduce((n, p) => n + p.resources.length, 0);
  for (const processes of [1, 2, 1, 2]) {
    for (const remediate of [true, false]) {
      const policyConfig = remediate ? undefined : { "managed-by-metadata": "advisory" };
      const started = performance.now();
      const reports = await analyzeStacks(plans, { packDir: TEST_PACK, processes, policyConfig });
      const ms = Math.round(performance.now() - started);
      const diagnostics = reports.reduce((n, r) => n + r.diagnostics.length, 0);
      console.log(
        `real city, ${processes} process(es), ${remediate ? "with" : "no"} Remediate: ${plans.length} stacks, ${resources} resources, ${diagnostics} diagnostics in ${ms} ms (start-up included)`,
      );
    }
  }
}

async function main(): Promise<void> {
  const plansAt = process.argv.indexOf("--plans");
  if (plansAt > 0) return realCity(process.argv[plansAt + 1]);
  const inProcess = process.argv.includes("--in-process");
  if (!inProcess) {
    console.log(`start-up, JavaScript pack (ms): ${(await startup(TEST_PACK, 5)).join(", ")}`);
    console.log(
      `start-up, compiled TypeScript pack (ms): ${(await startup(compiledTsPack(), 5)).join(", ")}`,
    );
    console.log(`start-up, TypeScript pack (ms): ${(await startup(TS_PACK, 3)).join(", ")}`);

    const transport = await processTransport();
    await rawAnalyze(transport, 200, 8); // warm-up
    for (const concurrency of [1, 4, 16, 64, 256]) {
      const rates = [];
      for (let i = 0; i < 3; i++) rates.push(await rawAnalyze(transport, 2000, concurrency));
      console.log(
        `out-of-process Analyze, concurrency ${concurrency}: ${median(rates)} calls/s (runs: ${rates.join(", ")})`,
      );
    }
    await transport.close();

    for (const concurrency of [1, 16, 64]) {
      const session = await openPolicyPack({ packDir: TEST_PACK, launch, concurrency });
      await wholeCity(
        session,
        `out-of-process city, concurrency ${concurrency}, with Remediate`,
        true,
      );
      await wholeCity(
        session,
        `out-of-process city, concurrency ${concurrency}, no remediate policy`,
        false,
      );
      await session.close();
    }
  } else {
    const started = performance.now();
    const session = await openInProcessPack({ packDir: TEST_PACK });
    console.log(`in-process load: ${Math.round(performance.now() - started)} ms`);
    const transport = (session as unknown as { transport: AnalyzerTransport }).transport;
    await rawAnalyze(transport, 200, 8);
    for (const concurrency of [1, 16, 256]) {
      const rates = [];
      for (let i = 0; i < 3; i++) rates.push(await rawAnalyze(transport, 20000, concurrency));
      console.log(
        `in-process Analyze, concurrency ${concurrency}: ${median(rates)} calls/s (runs: ${rates.join(", ")})`,
      );
    }
    await wholeCity(session, "in-process city, with Remediate", true);
    await wholeCity(session, "in-process city, no remediate policy", false);
    await session.close();
  }
  removeTempPacks();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
