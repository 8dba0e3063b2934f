/**
 * The analyzer RPCs over gRPC to a pack process, on 127.0.0.1 like the engine
 * (plugin.go dialPlugin: wait for the channel, then Handshake, retrying while UNAVAILABLE).
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
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
import type { PackLogListener, PackProcess } from "./launch";
import {
  DEADLINE_EXCEEDED,
  RpcError,
  UNAVAILABLE,
  UNIMPLEMENTED,
  UNKNOWN,
  type AnalyzerTransport,
} from "./transport";

/** The engine's limit for plugin messages (rpcutil: 400 MB). */
const MAX_MESSAGE = 400 * 1024 * 1024;

type Unary<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: Partial<grpc.CallOptions>,
  callback: (error: grpc.ServiceError | null, response: Res) => void,
) => grpc.ClientUnaryCall;

export interface GrpcTransportOptions {
  /** Deadline of each call. */
  callTimeoutMs: number;
  /** How long to wait for the pack to accept the connection (the engine: 10 s). */
  connectTimeoutMs: number;
}

export class GrpcTransport implements AnalyzerTransport {
  readonly kind = "process";
  private readonly client: AnalyzerClient;

  constructor(
    private readonly pack: PackProcess,
    private readonly options: GrpcTransportOptions,
  ) {
    this.client = new AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": MAX_MESSAGE,
      "grpc.max_send_message_length": MAX_MESSAGE,
    });
  }

  get pid(): number {
    return this.pack.pid;
  }

  onLog(listener: PackLogListener): () => void {
    return this.pack.onLog(listener);
  }

  private call<Req, Res>(method: string, fn: Unary<Req, Res>, request: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + this.options.callTimeoutMs;
      fn.call(this.client, request, new grpc.Metadata(), { deadline }, (error, response) => {
        if (!error) return resolve(response);
        void this.describe(error).then((details) =>
          reject(new RpcError(method, error.code, details)),
        );
      });
    });
  }

  /**
   * The failure's details; when the connection broke, waits a moment for the process to end so
   * that its exit status and last words can be told.
   */
  private async describe(error: grpc.ServiceError): Promise<string> {
    let details = error.details || error.message;
    if (this.pack.running && error.code !== DEADLINE_EXCEEDED && error.code !== UNKNOWN) {
      await Promise.race([this.pack.closed, new Promise((r) => setTimeout(r, 1000))]);
    }
    if (!this.pack.running) {
      details += ` (the pack process has ended: ${this.pack.exitDescription})`;
      const stderr = this.pack.stderr.trim();
      if (stderr) details += `\n--- pack stderr ---\n${stderr}`;
    }
    return details;
  }

  /** Waits for the connection, then Handshake; UNIMPLEMENTED (the Node SDK) is fine. */
  async handshake(request: AnalyzerHandshakeRequest): Promise<void> {
    const deadline = Date.now() + this.options.connectTimeoutMs;
    await new Promise<void>((resolve, reject) =>
      this.client.waitForReady(deadline, (error) =>
        error
          ? reject(
              new RpcError(
                "Handshake",
                UNAVAILABLE,
                `the pack did not accept a connection: ${error.message}`,
              ),
            )
          : resolve(),
      ),
    );
    for (;;) {
      try {
        await this.call("Handshake", this.client.handshake, request);
        return;
      } catch (e) {
        const error = e as RpcError;
        if (error.code === UNIMPLEMENTED) return;
        if (error.code !== UNAVAILABLE || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  }

  async configureStack(request: AnalyzerStackConfigureRequest): Promise<void> {
    try {
      await this.call("ConfigureStack", this.client.configureStack, request);
    } catch (e) {
      if ((e as RpcError).code !== UNIMPLEMENTED) throw e;
    }
  }

  getAnalyzerInfo(): Promise<AnalyzerInfo> {
    return this.call("GetAnalyzerInfo", this.client.getAnalyzerInfo, new Empty());
  }

  async getPluginVersion(): Promise<string | undefined> {
    try {
      const info = await this.call("GetPluginInfo", this.client.getPluginInfo, new Empty());
      return info.getVersion() || undefined;
    } catch {
      return undefined;
    }
  }

  async configure(request: ConfigureAnalyzerRequest): Promise<void> {
    await this.call("Configure", this.client.configure, request);
  }

  analyze(request: AnalyzeRequest): Promise<AnalyzeResponse> {
    return this.call("Analyze", this.client.analyze, request);
  }

  remediate(request: AnalyzeRequest): Promise<RemediateResponse> {
    return this.call("Remediate", this.client.remediate, request);
  }

  analyzeStack(request: AnalyzeStackRequest): Promise<AnalyzeResponse> {
    return this.call("AnalyzeStack", this.client.analyzeStack, request);
  }

  /** Cancel (the Node SDK leaves it UNIMPLEMENTED), close the channel, stop the process. */
  async close(): Promise<void> {
    try {
      if (this.pack.running) {
        const deadline = Date.now() + 1000;
        await new Promise<void>((resolve) =>
          this.client.cancel(new Empty(), new grpc.Metadata(), { deadline }, () => resolve()),
        );
      }
    } finally {
      this.client.close();
      await this.pack.stop();
    }
  }
}
