/**
 * One policy pack, started once, analyzing one stack plan after another in the engine's order:
 *   (launch, Handshake)  ConfigureStack  GetAnalyzerInfo  Configure
 *   per resource: Remediate (when a policy runs at `remediate`), then Analyze
 *   AnalyzeStack with every resource.
 * For the next stack only ConfigureStack and Configure are repeated (GetAnalyzerInfo is cached,
 * as the engine caches it).
 */
import { resolve as resolvePath } from "node:path";
import type { StackPlan } from "../plan/types";
import { packInfoFromProto } from "./analyzer-info";
import { policyCrashFrom } from "./crash";
import { EncodeError } from "../wire/encode";
import { GrpcTransport } from "./grpc-transport";
import { PackProcess } from "./launch";
import { packArguments, packEnvironment, type PackLaunchSettings } from "./pack-env";
import { readPolicyPackProject, type PolicyPackProject } from "./pack-project";
import {
  parsePolicyConfig,
  parsePolicyConfigFile,
  PolicyConfigError,
  readPolicyConfigText,
  reconcilePolicyConfig,
  sameReconciledConfig,
} from "./policy-config";
import { mapLimit } from "./pool";
import {
  analyzeEncoding,
  analyzeStackRequest,
  configureRequest,
  providerCache,
  configureStackRequest,
  handshakeRequest,
} from "./requests";
import { resolveRunPolicyPack } from "./resolve";
import { analyzeResource, type Findings } from "./resource-analysis";
import { analyzeStackDiagnostics, notApplicable, type ResponseContext } from "./responses";
import { rootStackUrn, withRootStack } from "./root-stack";
import { toStruct } from "../wire/struct";
import { TracingTransport, type RequestTrace } from "./tracing-transport";
import { RpcError, UNIMPLEMENTED, type AnalyzerTransport } from "./transport";
import type {
  AnalysisPhase,
  AnalysisReport,
  Diagnostic,
  NotApplicable,
  PackInfo,
  PackLogLine,
  PolicyConfig,
  PolicyConfigInput,
  PolicyCrash,
  Remediation,
} from "./types";

/**
 * The engine passes its own address; a Node pack's run-policy-pack drops that argument and the
 * engine sets no PULUMI_NODEJS_ENGINE for packs, so nothing ever dials it. The harness serves no
 * engine and passes this placeholder.
 */
export const ENGINE_ADDRESS_PLACEHOLDER = "127.0.0.1:0";

export interface SessionOptions {
  packDir: string;
  /** Environment of the pack process (see pack-env.ts): fixed for the life of the process. */
  launch: PackLaunchSettings;
  /** Start-up limit, including a type check of TypeScript packs (default 60 s). */
  startTimeoutMs?: number;
  /** Deadline of each RPC (default 120 s). */
  callTimeoutMs?: number;
  /** Wait for the pack to accept the connection (default 10 s, as the engine). */
  connectTimeoutMs?: number;
  /** Resources analyzed at once (default 32). */
  concurrency?: number;
  /** Node binary for the pack (default: the harness's own). */
  node?: string;
  /** Called with every request before it is sent (a wire trace). */
  trace?: RequestTrace;
}

export interface StackOptions {
  /** Default "organization" (the value for a self-managed backend). */
  organization?: string;
  /** `pulumi preview` is a dry run (default true). */
  dryRun?: boolean;
  /** A `--policy-pack-config` JSON file. */
  configFile?: string;
  /** The content of such a file, already parsed (used when configFile is absent). */
  policyConfig?: unknown;
  /**
   * Properties set, over the config file, on every policy whose config schema declares them (and
   * on no other, so a pack without them is configured as before). What a caller would otherwise
   * write into the file for the engine: `govcloud review` tells the pack what a change alters.
   */
  declaredProperties?: Record<string, unknown>;
  /** Decrypted stack config for ConfigureStack, keys "project:key". */
  stackConfig?: Record<string, string>;
  configSecretKeys?: string[];
  /** Stack tags for ConfigureStack (policies see them as args.stackTags). */
  tags?: Record<string, string>;
  /** See EncodeOptions.secretPlaceholder (default: secrets reach the pack as unknown values). */
  secretPlaceholder?: string;
  /** Add the root stack resource when the plan has none (default true). */
  rootStack?: boolean;
}

/** The analysis could not be completed (not a policy verdict: a harness, pack or config failure). */
export class AnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalysisError";
  }
}

/** `config` with `properties` on each policy of the pack that declares them. */
function withDeclaredProperties(
  config: Record<string, PolicyConfigInput> | undefined,
  info: PackInfo,
  properties: Record<string, unknown>,
): Record<string, PolicyConfigInput> | undefined {
  let result = config;
  for (const policy of info.policies) {
    const declared = policy.configSchema?.properties ?? {};
    const given = Object.entries(properties).filter(([key]) => key in declared);
    if (given.length === 0) continue;
    result = result === config ? { ...config } : result;
    const entry = result![policy.name] ?? {};
    result![policy.name] = {
      ...entry,
      properties: { ...entry.properties, ...Object.fromEntries(given) },
    };
  }
  return result;
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}

export class PolicyPackSession {
  private info: PackInfo | undefined;
  /** The config the pack holds: Configure was last sent with it. */
  private configured: Record<string, PolicyConfig> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private launchMs: number;
  private closed = false;

  private constructor(
    private readonly transport: AnalyzerTransport,
    readonly packDir: string,
    private readonly project: PolicyPackProject,
    private readonly concurrency: number,
    launchMs: number,
  ) {
    this.launchMs = launchMs;
  }

  /** Starts the pack process and connects to it. */
  static async open(options: SessionOptions): Promise<PolicyPackSession> {
    const started = performance.now();
    const packDir = resolvePath(options.packDir);
    const project = readPolicyPackProject(packDir);
    const runPolicyPack = resolveRunPolicyPack(packDir);
    const pack = await PackProcess.start({
      packDir,
      args: packArguments(runPolicyPack, ENGINE_ADDRESS_PLACEHOLDER, project.runtimeOptions),
      env: packEnvironment(process.env, options.launch),
      startTimeoutMs: options.startTimeoutMs ?? 60_000,
      node: options.node,
    });
    const grpcTransport = new GrpcTransport(pack, {
      callTimeoutMs: options.callTimeoutMs ?? 120_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    });
    const transport: AnalyzerTransport = options.trace
      ? new TracingTransport(grpcTransport, options.trace)
      : grpcTransport;
    try {
      await transport.handshake(handshakeRequest(ENGINE_ADDRESS_PLACEHOLDER, packDir));
    } catch (e) {
      await transport.close();
      throw e;
    }
    pack.unref();
    return new PolicyPackSession(
      transport,
      packDir,
      project,
      options.concurrency ?? 32,
      elapsed(started),
    );
  }

  /** Wraps an already connected transport (used by the in-process mode). */
  static fromTransport(
    transport: AnalyzerTransport,
    packDir: string,
    options: { concurrency?: number; launchMs?: number } = {},
  ): PolicyPackSession {
    const dir = resolvePath(packDir);
    return new PolicyPackSession(
      transport,
      dir,
      readPolicyPackProject(dir),
      options.concurrency ?? 32,
      options.launchMs ?? 0,
    );
  }

  /** Process id of the pack (-1 in-process). */
  get pid(): number {
    return this.transport.pid;
  }

  get kind(): AnalyzerTransport["kind"] {
    return this.transport.kind;
  }

  /** Pack metadata, once the first stack has been configured. */
  get packInfo(): PackInfo | undefined {
    return this.info;
  }

  /** Analyzes one stack; calls on one session run one after another. */
  analyze(plan: StackPlan, options: StackOptions = {}): Promise<AnalysisReport> {
    const run = this.queue.then(() => this.analyzeNow(plan, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Cancel where supported, then stop the pack process. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.transport.close();
  }

  private async configure(
    plan: StackPlan,
    options: StackOptions,
  ): Promise<{ info: PackInfo; config: Record<string, PolicyConfig> }> {
    await this.transport.configureStack(
      configureStackRequest({
        project: plan.project,
        stack: plan.stack,
        organization: options.organization ?? "organization",
        dryRun: options.dryRun ?? true,
        config: options.stackConfig,
        configSecretKeys: options.configSecretKeys,
        tags: options.tags,
      }),
    );
    if (!this.info) {
      const proto = await this.transport.getAnalyzerInfo();
      this.info = packInfoFromProto(proto, this.project);
      this.info.sdkVersion = await this.transport.getPluginVersion();
    }
    const info = this.info;

    let fileConfig: Record<string, PolicyConfigInput> | undefined;
    if (options.configFile) {
      const file = resolvePath(options.configFile);
      fileConfig = parsePolicyConfigFile(readPolicyConfigText(file), file);
    } else if (options.policyConfig !== undefined) {
      fileConfig = parsePolicyConfig(options.policyConfig, "policyConfig");
    }
    if (options.declaredProperties !== undefined && info.supportsConfig) {
      fileConfig = withDeclaredProperties(fileConfig, info, options.declaredProperties);
    }
    if (!info.supportsConfig) {
      if (fileConfig) {
        throw new PolicyConfigError(
          `policy pack "${info.name}" at "${this.packDir}" does not support config`,
        );
      }
      return { info, config: {} };
    }
    const config = reconcilePolicyConfig({
      packName: info.name,
      packVersion: info.version,
      policies: info.policies,
      initialConfig: info.initialConfig,
      fileConfig,
    });
    // The pack keeps its config until it is configured again (the engine configures a pack once
    // a run): the same config for the next stack is not sent again, which for a config that
    // carries the city's facts is most of what analyzing a stack over gRPC would cost.
    if (Object.keys(config).length > 0 && !sameReconciledConfig(this.configured, config)) {
      await this.transport.configure(configureRequest(config, this.transport.struct ?? toStruct));
      this.configured = config;
    }
    return { info, config };
  }

  private async analyzeNow(plan: StackPlan, options: StackOptions): Promise<AnalysisReport> {
    if (this.closed) throw new AnalysisError("the policy pack session is closed");
    const started = performance.now();
    const logs: PackLogLine[] = [];
    const unsubscribe = this.transport.onLog((stream, line) => logs.push({ stream, line }));
    try {
      const { info, config } = await this.configure(plan, options);
      const configureMs = elapsed(started);

      const resources = options.rootStack === false ? plan.resources : withRootStack(plan);
      const byUrn = new Map(resources.map((r) => [r.urn, r]));
      const context: ResponseContext = {
        projectVersion: this.project.version,
        policies: info.policies,
      };
      // The level each policy runs at: its Configure entry, else its own (packs without config).
      const levelOf = (p: PackInfo["policies"][number]) =>
        config[p.name]?.enforcementLevel ?? p.enforcementLevel;
      // The engine calls Remediate for every resource; a Node pack only runs policies whose level
      // is remediate there, so with none the call is skipped: the outcome is the same.
      const remediating = info.policies.some((p) => levelOf(p) === "remediate");
      const encoding = analyzeEncoding(options.secretPlaceholder);
      const struct = this.transport.struct ?? toStruct;
      const providerOf = providerCache(byUrn, encoding, struct);

      const diagnostics: Diagnostic[][] = [];
      const notApplicableList: NotApplicable[][] = [];
      const remediations: Remediation[][] = [];
      const crashes: PolicyCrash[][] = [];

      const crashOrThrow = (e: unknown, phase: AnalysisPhase, urn?: string): PolicyCrash => {
        if (e instanceof RpcError) {
          const crash = policyCrashFrom(e.details, phase, urn);
          if (crash) return crash;
          throw new AnalysisError(`${e.method}${urn ? ` of ${urn}` : ""}: ${e.details}`);
        }
        throw e;
      };

      const resourcesStarted = performance.now();
      await mapLimit(resources, this.concurrency, async (resource, index) => {
        const found: Findings = {
          diagnostics: [],
          notApplicable: [],
          remediations: [],
          crashes: [],
        };
        diagnostics[index] = found.diagnostics;
        notApplicableList[index] = found.notApplicable;
        remediations[index] = found.remediations;
        crashes[index] = found.crashes;
        try {
          await analyzeResource(this.transport, resource, {
            secretPlaceholder: options.secretPlaceholder,
            struct,
            providerOf,
            remediating,
            context,
            found,
            crashOrThrow,
          });
        } catch (e) {
          if (e instanceof EncodeError) throw new AnalysisError(`${resource.urn}: ${e.message}`);
          throw e;
        }
      });
      const resourcesMs = elapsed(resourcesStarted);

      const stackStarted = performance.now();
      const rootUrn = rootStackUrn(plan.project, plan.stack);
      const stackDiagnostics: Diagnostic[] = [];
      const stackNotApplicable: NotApplicable[] = [];
      const stackCrashes: PolicyCrash[] = [];
      try {
        const response = await this.transport.analyzeStack(
          analyzeStackRequest(resources, byUrn, encoding, struct, providerOf),
        );
        stackDiagnostics.push(
          ...analyzeStackDiagnostics(response, context, new Set(byUrn.keys()), rootUrn),
        );
        stackNotApplicable.push(...notApplicable(response, "analyzeStack"));
      } catch (e) {
        if (!(e instanceof RpcError && e.code === UNIMPLEMENTED)) {
          stackCrashes.push(crashOrThrow(e, "analyzeStack"));
        }
      }
      const analyzeStackMs = elapsed(stackStarted);

      const allDiagnostics = [...diagnostics.flat(), ...stackDiagnostics];
      const allCrashes = [...crashes.flat(), ...stackCrashes];
      const mandatory = allDiagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
      const advisory = allDiagnostics.filter((d) => d.enforcementLevel === "advisory").length;
      const launchMs = this.launchMs;
      this.launchMs = 0;

      return {
        project: plan.project,
        stack: plan.stack,
        organization: options.organization ?? "organization",
        dryRun: options.dryRun ?? true,
        pack: {
          name: info.name,
          version: info.version,
          sdkVersion: info.sdkVersion,
          dir: this.packDir,
        },
        policies: info.policies.map((p) => ({
          name: p.name,
          enforcementLevel: levelOf(p),
          severity: p.severity,
          description: p.description,
          type: p.type,
        })),
        config,
        diagnostics: allDiagnostics,
        notApplicable: [...notApplicableList.flat(), ...stackNotApplicable],
        remediations: remediations.flat(),
        crashes: allCrashes,
        logs,
        summary: {
          resources: resources.length,
          mandatory,
          advisory,
          crashes: allCrashes.length,
          passed: mandatory === 0 && allCrashes.length === 0,
        },
        timings: {
          launchMs,
          configureMs,
          resourcesMs,
          analyzeStackMs,
          totalMs: elapsed(started) + launchMs,
        },
      };
    } finally {
      unsubscribe();
    }
  }
}
