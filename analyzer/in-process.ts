/**
 * In-process mode: the pack is loaded into the harness's own process and its analyzer handlers
 * are called directly, without a child process or a socket. While the pack module loads,
 * grpc.Server's addService and bindAsync (of the grpc-js instance the pack's @pulumi/policy uses)
 * are replaced so that `new PolicyPack(...)` hands its seven handlers over instead of serving them.
 *
 * That replacement is a patch under the guard of plan/sdk-patches.ts (the grpc-js and
 * @pulumi/policy versions it was written for, the two functions' shapes, GOVCLOUD_SDK_PATCHES):
 * when the guard refuses it, the pack runs in a process of its own, as `--isolated` runs it.
 *
 * Fast but fragile, and not isolated: it relies on @pulumi/policy internals; the pack shares the
 * harness's process, environment (pulumi.getStack() and friends read the harness's variables),
 * console and module cache; only one pack can be loaded per process (the policy SDK allows one),
 * and only JavaScript packs (TypeScript needs run-policy-pack's ts-node). Keep the contract test
 * that compares it with the process mode.
 *
 * When the pack's @pulumi/policy uses the very protobuf classes the harness does (one
 * @pulumi/pulumi in node_modules, the usual case), requests and responses are handed over as
 * objects instead of bytes, property maps are PlainStructs (struct.ts), and each resource's
 * properties are deserialized once for all policies (shared-decoding.ts); otherwise both sides go
 * through the service's binary serializers, as over the wire.
 */
import { dirname, extname, resolve as resolvePath } from "node:path";
import type { Message } from "google-protobuf";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import {
  AnalyzeRequest,
  AnalyzeResponse,
  AnalyzerInfo,
  AnalyzeStackRequest,
  AnalyzerStackConfigureRequest,
  AnalyzerStackConfigureResponse,
  ConfigureAnalyzerRequest,
  RemediateResponse,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { applySdkPatch, installedVersion, type SdkPatch } from "../plan/sdk-patches";
import type { PackLaunchSettings } from "./pack-env";
import { readPolicyPackProject } from "./pack-project";
import { shareDecoding } from "./shared-decoding";
import { PlainStruct, type StructFactory } from "../wire/struct";
import { PolicyPackSession } from "./session";
import { RpcError, UNIMPLEMENTED, UNKNOWN, type AnalyzerTransport } from "./transport";

interface MethodDefinition {
  path: string;
  requestType?: unknown;
  responseType?: unknown;
  requestDeserialize(bytes: Buffer): unknown;
  responseSerialize(value: unknown): Buffer;
}

/** A generated message class, as the decoders below need it. */
interface MessageClass<Res> {
  new (): Res;
  deserializeBinary(bytes: Uint8Array): Res;
}

type Handler = (
  call: { request: unknown },
  callback: (error: unknown, response?: unknown) => void,
) => unknown;

interface LoadedPack {
  packDir: string;
  service: Record<string, MethodDefinition>;
  handlers: Record<string, Handler>;
}

/** The pack loaded in this process, if any (the policy SDK serves one pack per process). */
let loaded: LoadedPack | undefined;

interface GrpcModule {
  Server: {
    prototype: {
      addService: (...args: unknown[]) => void;
      bindAsync: (...args: unknown[]) => void;
    };
  };
}

/**
 * Whether this process can run `packDir` in-process: nothing loaded yet, or that very pack (the
 * policy SDK holds one pack per process). Callers run another pack in a worker instead.
 */
export function canLoadInProcess(packDir: string): boolean {
  return loaded === undefined || loaded.packDir === resolvePath(packDir);
}

/** The grpc-js and policy SDK releases the capture below was written against. */
const GRPC_VERSIONS = ["1.14.7"];
const POLICY_VERSIONS = ["v1.21.0"];

type Captured = Omit<LoadedPack, "packDir">;

/**
 * The patch of the pack's grpc Server that hands the analyzer's handlers over instead of
 * serving them, for as long as the pack's module loads: `restore` puts grpc-js back.
 */
function packCapture(policyPath: string, grpcPath: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const server = () => (require(grpcPath) as GrpcModule).Server.prototype;
  const policyDir = dirname(policyPath);
  let captured: Captured | undefined;
  let restore = () => {};
  const addService = function (this: unknown, service: unknown, implementation: unknown) {
    const s = service as Record<string, MethodDefinition>;
    if (s?.analyze?.path === "/pulumirpc.Analyzer/Analyze") {
      captured = { service: s, handlers: implementation as Record<string, Handler> };
      return;
    }
    return original.addService.call(this, service, implementation);
  };
  const bindAsync = function (this: unknown, ...args: unknown[]) {
    if (captured) return; // the pack's server: never bound, so it prints no port
    return original.bindAsync.apply(this, args);
  };
  const original = { addService: server().addService, bindAsync: server().bindAsync };
  const patch: SdkPatch = {
    name: "in-process-pack",
    package: "@grpc/grpc-js",
    versions: GRPC_VERSIONS,
    from: policyDir,
    shape() {
      const policy = installedVersion("@pulumi/policy", policyDir);
      if (policy === undefined || !POLICY_VERSIONS.includes(policy)) {
        return `the pack's @pulumi/policy is ${policy ?? "missing"}, not ${POLICY_VERSIONS.join(" or ")}`;
      }
      const { addService: add, bindAsync: bind } = server();
      if (typeof add !== "function" || add.length !== 2)
        return "Server.addService is not a function of 2 parameters";
      if (typeof bind !== "function" || bind.length !== 3)
        return "Server.bindAsync is not a function of 3 parameters";
      return undefined;
    },
    apply() {
      const proto = server();
      proto.addService = addService;
      proto.bindAsync = bindAsync;
      restore = () => {
        proto.addService = original.addService;
        proto.bindAsync = original.bindAsync;
      };
      return restore;
    },
    engaged: () => server().addService === addService && server().bindAsync === bindAsync,
  };
  return { patch, captured: () => captured, restore: () => restore() };
}

/** Loads the pack into this process; undefined when the guard keeps grpc-js as shipped. */
function load(packDir: string): LoadedPack | undefined {
  const main = require.resolve(packDir);
  if (extname(main) === ".ts") {
    throw new Error(
      `in-process mode loads JavaScript packs only, and ${main} is TypeScript (run-policy-pack type-checks it in the process mode)`,
    );
  }
  if (loaded) {
    if (loaded.packDir === packDir) return loaded;
    throw new Error(
      `in-process mode already holds policy pack ${loaded.packDir}; the policy SDK allows one pack per process (use the process mode for ${packDir})`,
    );
  }
  const policyPath = require.resolve("@pulumi/policy", { paths: [packDir] });
  const grpcPath = require.resolve("@grpc/grpc-js", { paths: [dirname(policyPath)] });
  const capture = packCapture(policyPath, grpcPath);
  if (!applySdkPatch(capture.patch)) return undefined;
  const exit = process.exit;
  const cwd = process.cwd();
  process.exit = ((code?: number) => {
    throw new Error(`the policy pack called process.exit(${code ?? ""}) while loading`);
  }) as typeof process.exit;
  try {
    process.chdir(packDir); // new PolicyPack(...) reads ./package.json
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(main);
  } finally {
    process.chdir(cwd);
    process.exit = exit;
    capture.restore();
  }
  const captured = capture.captured();
  if (!captured) throw new Error(`${main} did not create a PolicyPack`);
  shareDecoding(dirname(policyPath));
  loaded = { packDir, ...captured };
  return loaded;
}

class InProcessTransport implements AnalyzerTransport {
  readonly kind = "in-process";
  readonly pid = -1;
  readonly struct: StructFactory | undefined;

  constructor(
    private readonly pack: LoadedPack,
    /** Requests and responses are passed as objects (the pack shares our protobuf classes). */
    private readonly direct: boolean,
  ) {
    this.struct = direct ? PlainStruct.of : undefined;
  }

  /**
   * Calls one handler as the gRPC server would. Passed as objects when both sides use the same
   * message classes; else the request is serialized with our classes and deserialized with the
   * pack's, the response the other way round, so the two sides need not share a protobuf module.
   */
  private call<Res>(
    method: string,
    key: string,
    request: Message,
    responseClass: MessageClass<Res>,
  ): Promise<Res> {
    const definition = this.pack.service[key];
    const handler = this.pack.handlers[key];
    if (!definition || !handler)
      return Promise.reject(new RpcError(method, UNIMPLEMENTED, "unimplemented"));
    const direct = this.direct && definition.requestType === request.constructor;
    const wireRequest = direct
      ? request
      : definition.requestDeserialize(Buffer.from(request.serializeBinary()));
    return new Promise((resolve, reject) => {
      const done = (error: unknown, response?: unknown) => {
        if (error) {
          const e = error as { message?: string; code?: number; details?: string };
          reject(new RpcError(method, e.code ?? UNKNOWN, e.details ?? e.message ?? String(error)));
        } else {
          try {
            resolve(
              direct && response instanceof responseClass
                ? response
                : responseClass.deserializeBinary(definition.responseSerialize(response)),
            );
          } catch (e) {
            reject(e);
          }
        }
      };
      try {
        const result = handler({ request: wireRequest }, done);
        if (result instanceof Promise)
          result.catch((e: unknown) => done(e ?? new Error("rejected")));
      } catch (e) {
        done(e);
      }
    });
  }

  onLog(): () => void {
    return () => {}; // the pack writes to the harness's own console
  }
  async handshake(): Promise<void> {} // the Node SDK does not implement it
  async configureStack(request: AnalyzerStackConfigureRequest): Promise<void> {
    await this.call("ConfigureStack", "configureStack", request, AnalyzerStackConfigureResponse);
  }
  getAnalyzerInfo(): Promise<AnalyzerInfo> {
    return this.call("GetAnalyzerInfo", "getAnalyzerInfo", new Empty(), AnalyzerInfo);
  }
  async getPluginVersion(): Promise<string | undefined> {
    try {
      const info = await this.call("GetPluginInfo", "getPluginInfo", new Empty(), PluginInfo);
      return info.getVersion() || undefined;
    } catch {
      return undefined;
    }
  }
  async configure(request: ConfigureAnalyzerRequest): Promise<void> {
    await this.call("Configure", "configure", request, Empty);
  }
  analyze(request: AnalyzeRequest): Promise<AnalyzeResponse> {
    return this.call("Analyze", "analyze", request, AnalyzeResponse);
  }
  remediate(request: AnalyzeRequest): Promise<RemediateResponse> {
    return this.call("Remediate", "remediate", request, RemediateResponse);
  }
  analyzeStack(request: AnalyzeStackRequest): Promise<AnalyzeResponse> {
    return this.call("AnalyzeStack", "analyzeStack", request, AnalyzeResponse);
  }
  async close(): Promise<void> {} // nothing runs; the module stays loaded
}

/** Whether the pack's service uses the harness's own message classes. */
function sharesClasses(pack: LoadedPack): boolean {
  return (
    pack.service.analyze?.requestType === AnalyzeRequest &&
    pack.service.analyzeStack?.requestType === AnalyzeStackRequest &&
    pack.service.analyze?.responseType === AnalyzeResponse
  );
}

export interface InProcessOptions {
  packDir: string;
  concurrency?: number;
  /** The pack process's environment, when the guard keeps grpc-js as shipped (see above). */
  launch?: PackLaunchSettings;
}

/** What a pack process is started with when the caller names no stack. */
const ANY_STACK: PackLaunchSettings = {
  organization: "organization",
  project: "project",
  stack: "stack",
  dryRun: true,
};

/**
 * Loads the pack into this process and returns a session over it (same interface as the process
 * mode); a session over a pack process when the guard refuses the in-process patch.
 */
export async function openInProcessPack(options: InProcessOptions): Promise<PolicyPackSession> {
  const started = performance.now();
  const packDir = resolvePath(options.packDir);
  readPolicyPackProject(packDir); // same checks as the engine, before loading anything
  const pack = load(packDir);
  if (pack === undefined) {
    return PolicyPackSession.open({
      packDir,
      launch: options.launch ?? ANY_STACK,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    });
  }
  return PolicyPackSession.fromTransport(
    new InProcessTransport(pack, sharesClasses(pack)),
    packDir,
    {
      concurrency: options.concurrency,
      launchMs: Math.round(performance.now() - started),
    },
  );
}
