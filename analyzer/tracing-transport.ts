/** A transport that reports every request before passing it on (a wire trace, used by tests). */
import type { Message } from "google-protobuf";
import type { PackLogListener } from "./launch";
import type { AnalyzerTransport } from "./transport";

export type RequestTrace = (method: string, request: Message | undefined) => void;

export class TracingTransport implements AnalyzerTransport {
  constructor(
    private readonly inner: AnalyzerTransport,
    private readonly trace: RequestTrace,
  ) {}

  get kind() {
    return this.inner.kind;
  }
  get pid() {
    return this.inner.pid;
  }
  onLog(listener: PackLogListener) {
    return this.inner.onLog(listener);
  }
  handshake(request: Parameters<AnalyzerTransport["handshake"]>[0]) {
    this.trace("Handshake", request);
    return this.inner.handshake(request);
  }
  configureStack(request: Parameters<AnalyzerTransport["configureStack"]>[0]) {
    this.trace("ConfigureStack", request);
    return this.inner.configureStack(request);
  }
  getAnalyzerInfo() {
    this.trace("GetAnalyzerInfo", undefined);
    return this.inner.getAnalyzerInfo();
  }
  getPluginVersion() {
    this.trace("GetPluginInfo", undefined);
    return this.inner.getPluginVersion();
  }
  configure(request: Parameters<AnalyzerTransport["configure"]>[0]) {
    this.trace("Configure", request);
    return this.inner.configure(request);
  }
  analyze(request: Parameters<AnalyzerTransport["analyze"]>[0]) {
    this.trace("Analyze", request);
    return this.inner.analyze(request);
  }
  remediate(request: Parameters<AnalyzerTransport["remediate"]>[0]) {
    this.trace("Remediate", request);
    return this.inner.remediate(request);
  }
  analyzeStack(request: Parameters<AnalyzerTransport["analyzeStack"]>[0]) {
    this.trace("AnalyzeStack", request);
    return this.inner.analyzeStack(request);
  }
  close() {
    this.trace("Cancel", undefined);
    return this.inner.close();
  }
}
