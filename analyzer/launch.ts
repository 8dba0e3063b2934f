/**
 * Starts a policy pack the way the engine does and waits for the port it prints as its first
 * stdout line (pkg/resource/plugin/plugin.go newPlugin). Everything the pack prints afterwards is
 * kept as log lines, as the engine shows them. On any failure to start, the process is killed
 * before the error is thrown.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { track } from "./children";

export interface LaunchOptions {
  packDir: string;
  args: string[];
  env: Record<string, string>;
  startTimeoutMs: number;
  /** The node binary; the engine uses the one on PATH, the harness its own by default. */
  node?: string;
}

export interface PackLogListener {
  (stream: "stdout" | "stderr", line: string): void;
}

export class PackStartError extends Error {
  constructor(
    message: string,
    readonly pid: number | undefined,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "PackStartError";
  }
}

const STDERR_KEPT = 16 * 1024;

/** Terminal colour codes some packs print (util.inspect under FORCE_COLOR): dropped from logs. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** A hint for failures whose cause is common and not obvious from the pack's own words. */
export function startHint(stderr: string): string | undefined {
  if (/Cannot find module '[^']*[\\/]package\.json'/.test(stderr)) {
    return "a policy pack needs a package.json with a version in its directory (new PolicyPack(...) reads it from the working directory)";
  }
  if (/Cannot find module '@pulumi\/policy'/.test(stderr)) {
    return "@pulumi/policy is not installed where the pack can resolve it; run npm install in the pack directory";
  }
  return undefined;
}

/** A running pack process. */
export class PackProcess {
  private listeners = new Set<PackLogListener>();
  private stderrTail = "";
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly exited: Promise<void>;
  /** Resolves once the process has exited and its stdout and stderr are drained. */
  readonly closed: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly packDir: string,
  ) {
    this.closed = new Promise((resolve) => child.once("close", () => resolve()));
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        this.exitInfo = { code: child.exitCode, signal: child.signalCode };
        resolve();
        return;
      }
      child.once("exit", (code, signal) => {
        this.exitInfo = { code, signal };
        resolve();
      });
    });
  }

  port = 0;

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** "exit code 1", "signal SIGKILL" or "running". */
  get exitDescription(): string {
    if (!this.exitInfo) return "running";
    return this.exitInfo.signal
      ? `signal ${this.exitInfo.signal}`
      : `exit code ${this.exitInfo.code}`;
  }

  /** The last part of what the pack wrote to stderr. */
  get stderr(): string {
    return this.stderrTail;
  }

  onLog(listener: PackLogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(stream: "stdout" | "stderr", raw: string): void {
    const line = raw.replace(ANSI, "");
    if (line.trim() === "") return;
    if (stream === "stderr") {
      this.stderrTail = (this.stderrTail + line + "\n").slice(-STDERR_KEPT);
    }
    for (const listener of this.listeners) listener(stream, line);
  }

  /** Stops the process: SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  async stop(graceMs = 2000): Promise<void> {
    if (!this.running) return;
    this.child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        if (this.running) this.child.kill("SIGKILL");
        resolve();
      }, graceMs);
    });
    await Promise.race([this.exited, forced]);
    clearTimeout(timer);
    await this.exited;
  }

  /** Lets the harness exit while the pack idles (the exit hook of children.ts still kills it). */
  unref(): void {
    this.child.unref();
    for (const stream of [this.child.stdout, this.child.stderr]) {
      (stream as unknown as { unref?: () => void } | null)?.unref?.();
    }
  }

  static async start(options: LaunchOptions): Promise<PackProcess> {
    const child = spawn(options.node ?? process.execPath, options.args, {
      cwd: options.packDir,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    track(child);
    const pack = new PackProcess(child, options.packDir);

    const lines = (stream: "stdout" | "stderr", onLine: (line: string) => void) => {
      let buffer = "";
      const source = stream === "stdout" ? child.stdout! : child.stderr!;
      source.setEncoding("utf8");
      source.on("data", (chunk: string) => {
        buffer += chunk;
        let at: number;
        while ((at = buffer.indexOf("\n")) >= 0) {
          onLine(buffer.slice(0, at).replace(/\r$/, ""));
          buffer = buffer.slice(at + 1);
        }
      });
      source.on("end", () => {
        if (buffer !== "") onLine(buffer);
        buffer = "";
      });
    };

    let firstLine: string | undefined;
    let gotFirstLine: (line: string) => void = () => {};
    const firstLinePromise = new Promise<string>((resolve) => (gotFirstLine = resolve));
    lines("stdout", (line) => {
      if (firstLine === undefined) {
        firstLine = line;
        gotFirstLine(line);
      } else {
        pack.emit("stdout", line);
      }
    });
    lines("stderr", (line) => pack.emit("stderr", line));

    const fail = async (reason: string): Promise<never> => {
      await pack.stop(500);
      await Promise.race([pack.closed, new Promise((r) => setTimeout(r, 1000))]);
      const stderr = pack.stderr.trim();
      const hint = startHint(stderr);
      throw new PackStartError(
        `policy pack ${options.packDir} failed to start: ${reason}` +
          (hint ? `\nhint: ${hint}` : "") +
          (stderr ? `\n--- pack stderr ---\n${stderr}` : "\n(the pack wrote nothing to stderr)"),
        child.pid,
        pack.stderr,
      );
    };

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), options.startTimeoutMs);
    });
    const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));
    const outcome = await Promise.race([
      firstLinePromise,
      pack.exited.then(() => "exited" as const),
      timeout,
      spawnError,
    ]);
    clearTimeout(timer);

    if (outcome instanceof Error) return fail(`could not run node: ${outcome.message}`);
    if (outcome === "timeout") {
      return fail(`it did not report a port within ${options.startTimeoutMs} ms`);
    }
    if (outcome === "exited") {
      // stdout may still hold the first line if the process wrote it and exited at once
      await new Promise((r) => setImmediate(r));
      if (firstLine === undefined) {
        return fail(`it exited (${pack.exitDescription}) before reporting its port`);
      }
    }
    const text = (firstLine ?? "").trim();
    const port = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(port > 0 && port <= 65535)) {
      return fail(
        `it wrote an invalid port to stdout: ${JSON.stringify(text)} (the first line a pack prints must be its port: a console.log before \`new PolicyPack(...)\` breaks the protocol)`,
      );
    }
    if (!pack.running)
      return fail(`it exited (${pack.exitDescription}) right after reporting its port`);
    pack.port = port;
    return pack;
  }
}
