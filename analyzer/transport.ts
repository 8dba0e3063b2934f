/**
 * The analyzer RPCs the session makes, whatever carries them: a gRPC connection to a pack process
 * or, in-process, the pack's handlers called directly. Failures reject with RpcError.
 */
import type {
  AnalyzeRequest,
  AnalyzeResponse,
  AnalyzerHandshakeRequest,
  AnalyzerInfo,
  AnalyzeStackRequest,
  AnalyzerStackConfigureRequest,
  ConfigureAnalyzerRequest,
  RemediateResponse,
} from "@pulumi/pulumi/proto/analyzer_pb";
import type { PackLogListener } from "./launch";
import type { StructFactory } from "../wire/struct";

/** gRPC status codes the harness looks at. */
export const UNKNOWN = 2;
export const UNIMPLEMENTED = 12;
export const UNAVAILABLE = 14;
export const DEADLINE_EXCEEDED = 4;

export class RpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly details: string,
  ) {
    super(`${method} failed (gRPC status ${code}): ${details}`);
    this.name = "RpcError";
  }
}

export interface AnalyzerTransport {
  readonly kind: "process" | "in-process";
  /** Process id of the pack (-1 in-process). */
  readonly pid: number;
  /**
   * How the requests' property maps are to be built, when the transport does not serialize
   * them (default: Struct.fromJavaScript, as the engine's requests carry them).
   */
  readonly struct?: StructFactory;
  handshake(request: AnalyzerHandshakeRequest): Promise<void>;
  configureStack(request: AnalyzerStackConfigureRequest): Promise<void>;
  getAnalyzerInfo(): Promise<AnalyzerInfo>;
  /** The @pulumi/policy version, if the pack tells. */
  getPluginVersion(): Promise<string | undefined>;
  configure(request: ConfigureAnalyzerRequest): Promise<void>;
  analyze(request: AnalyzeRequest): Promise<AnalyzeResponse>;
  remediate(request: AnalyzeRequest): Promise<RemediateResponse>;
  analyzeStack(request: AnalyzeStackRequest): Promise<AnalyzeResponse>;
  /** Cancel where supported, then release everything (the pack process included). */
  close(): Promise<void>;
  onLog(listener: PackLogListener): () => void;
}
