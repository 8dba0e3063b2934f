/**
 * Running the built `govcloud` against the real engine and the loopback OpenStack: a copy of the
 * engine test estate in a temporary folder, a file backend and Pulumi home of its own, the
 * cloud's clouds.yaml, the engine's binaries first on PATH, and the loopback guard on.
 */
import { strict as assert } from "node:assert";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import type { PolicyReport } from "../../deploy/policy-report";
import { engineBinDir, engineBinary, repoRoot } from "./engine";

export const CLI = join(repoRoot, "dist", "cli", "main.js");
export const ESTATE = join(repoRoot, "tests-engine", "estate");
/** The date approvals are checked against: the test estate's approvals are from 2026. */
export const TODAY = "2026-11-26";

/** Where scripts/cloud/start keeps the cloud's state and clouds.yaml. */
export function cloudDir(): string {
  return process.env.GOVCLOUD_CLOUD_DIR ?? "/tmp/govcloud-cloud";
}

/** The Keystone address the test estate names; a cloud started with a port offset has another. */
const ESTATE_KEYSTONE = "http://127.0.0.1:15000/v3";

/**
 * Points the copied estate's auth URLs at the running cloud's Keystone (read from its
 * clouds.yaml), so that a second cloud started with GOVCLOUD_CLOUD_PORT_OFFSET serves the tests
 * as well as the first. Still loopback: the cloud only listens on 127.0.0.1.
 */
function pointEstateAtCloud(platformFile: string, clouds: string): void {
  const found = /auth_url:\s*(\S+)/.exec(readFileSync(clouds, "utf8"));
  assert.ok(found, `${clouds} names no auth_url`);
  const keystone = found[1];
  assert.match(keystone, /^http:\/\/127\.0\.0\.1:\d+\/v3$/, `${clouds}: not a loopback Keystone`);
  if (keystone === ESTATE_KEYSTONE) return;
  const platform = readFileSync(platformFile, "utf8");
  writeFileSync(platformFile, platform.split(ESTATE_KEYSTONE).join(keystone));
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** A command started in the background: its output so far, and its end. */
export interface Background {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  done: Promise<Run>;
}

export class Deployment {
  readonly dir = mkdtempSync(join(tmpdir(), "govcloud-engine-"));
  readonly root = join(this.dir, "estate");
  /** Where the estate's `pairing` script records each replication pair. */
  readonly pairingLog = join(this.dir, "pairs.log");
  private readonly env: NodeJS.ProcessEnv;

  constructor() {
    const clouds = join(cloudDir(), "clouds.yaml");
    assert.ok(
      existsSync(clouds),
      `${clouds} is missing: start the loopback cloud first (npm run cloud:start)`,
    );
    cpSync(ESTATE, this.root, { recursive: true });
    pointEstateAtCloud(join(this.root, "platform.yaml"), clouds);
    for (const folder of ["state", "home"]) mkdirSync(join(this.dir, folder));
    const env: NodeJS.ProcessEnv = {};
    // The OpenStack provider reads OS_* variables; only where clouds.yaml is may reach it.
    for (const [key, value] of Object.entries(process.env)) {
      if (!key.startsWith("OS_") && !key.startsWith("PULUMI_")) env[key] = value;
    }
    this.env = {
      ...env,
      PATH: `${engineBinDir()}${delimiter}${process.env.PATH ?? ""}`,
      PULUMI_BACKEND_URL: `file://${join(this.dir, "state")}`,
      PULUMI_HOME: join(this.dir, "home"),
      PULUMI_CONFIG_PASSPHRASE: "engine-test-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      OS_CLIENT_CONFIG_FILE: clouds,
      GOVCLOUD_LOOPBACK_ONLY: "1",
      GOVCLOUD_PAIRING_LOG: this.pairingLog,
    };
  }

  govcloud(args: string[]): Run {
    return this.spawn(process.execPath, [CLI, ...args, "--root", this.root, "--today", TODAY]);
  }

  /** `govcloud <args>` started in the background, for what must happen while it runs. */
  startGovcloud(args: string[]): Background {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args, "--root", this.root, "--today", TODAY], {
      cwd: this.root,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const done = new Promise<Run>((resolve) => {
      child.on("close", (status) =>
        resolve({ status, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
      );
    });
    return { child, output: () => ({ stdout, stderr }), done };
  }

  /**
   * The built Pulumi CLI in the estate, on this deployment's backend (`stack output`, `destroy`:
   * the project runs its program inline, and neither needs the program).
   */
  pulumi(args: string[]): Run {
    return this.spawn(engineBinary("pulumi"), [...args, "--non-interactive"]);
  }

  private spawn(file: string, args: string[]): Run {
    const started = performance.now();
    const result = spawnSync(file, args, {
      cwd: this.root,
      env: this.env,
      encoding: "utf8",
      timeout: 1_800_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /** `govcloud preview <stack>` with its policy report. */
  preview(stack: string): { run: Run; report: PolicyReport } {
    const file = join(this.dir, `${stack}-policy-report.json`);
    rmSync(file, { force: true });
    const run = this.govcloud(["preview", stack, "--policy-report", file]);
    assert.ok(existsSync(file), `no policy report:\n${run.stdout}\n${run.stderr}`);
    return { run, report: JSON.parse(readFileSync(file, "utf8")) as PolicyReport };
  }

  /**
   * Takes down what a test that stopped halfway left deployed (some of it protected): each
   * department unprotected and destroyed, the platform last, so that the cloud is as the test
   * found it. Failures are printed, not thrown: the test's own failure is the one to read.
   */
  destroyLeftovers(deployed: ReadonlySet<string>): void {
    const stacks = [...deployed].filter((stack) => stack !== "platform");
    if (deployed.has("platform")) stacks.push("platform");
    for (const stack of stacks) {
      if (stack !== "platform") {
        this.pulumi(["state", "unprotect", "--all", "--yes", "--stack", stack]);
      }
      const run = this.pulumi(["destroy", "--yes", "--stack", stack]);
      if (run.status !== 0) console.log(`cleanup of ${stack} failed:\n${run.stdout}${run.stderr}`);
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
