/**
 * Where scripts/engine/install.sh puts the engine, and asking its plugins for their schemas.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import {
  LocalWorkspace,
  PulumiCommand,
  type PulumiFn,
  type Stack,
} from "@pulumi/pulumi/automation";

import type { PackageSchema } from "./schema-types";

export const repoRoot = path.resolve(__dirname, "..", "..");

/** The cache's bin/ folder of symlinks, as scripts/engine/install.sh lays it out. */
export function engineBinDir(): string {
  const cache =
    process.env.GOVCLOUD_ENGINE_CACHE ?? path.join(os.homedir(), ".cache", "govcloud", "engine");
  return path.join(cache, "bin");
}

/** The path of one engine binary; fails with the command that installs it when it is missing. */
export function engineBinary(name: string): string {
  const file = path.join(engineBinDir(), name);
  if (!fs.existsSync(file)) {
    throw new Error(
      `${file} is missing: build the engine first with scripts/engine/install.sh (npm run engine:install)`,
    );
  }
  return file;
}

/**
 * The schema a provider plugin serves, read by the built CLI the way the engine reads it:
 * the CLI starts the plugin and asks it over gRPC. PULUMI_HOME is a temporary folder so that
 * no plugin or setting of the user's is involved.
 */
export function providerSchema(pluginName: string): PackageSchema {
  const pulumi = engineBinary("pulumi");
  const plugin = engineBinary(pluginName);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-engine-home-"));
  try {
    const text = execFileSync(pulumi, ["package", "get-schema", plugin], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: {
        ...process.env,
        PULUMI_HOME: home,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(text) as PackageSchema;
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/**
 * A stack named `test` of an inline program, run by the built CLI with the engine's plugins
 * first on PATH, a file backend and Pulumi home inside `temp`: nothing of the user's is involved.
 */
export async function inlineTestStack(
  temp: string,
  projectName: string,
  program: PulumiFn,
): Promise<Stack> {
  const backend = path.join(temp, "state");
  fs.mkdirSync(backend, { recursive: true });
  return LocalWorkspace.createOrSelectStack(
    { stackName: "test", projectName, program },
    {
      pulumiCommand: await PulumiCommand.get({
        root: path.dirname(engineBinDir()),
        skipVersionCheck: true,
      }),
      workDir: temp,
      projectSettings: {
        name: projectName,
        runtime: "nodejs",
        backend: { url: `file://${backend}` },
      },
      envVars: {
        PATH: `${engineBinDir()}${path.delimiter}${process.env.PATH ?? ""}`,
        PULUMI_HOME: path.join(temp, "home"),
        PULUMI_CONFIG_PASSPHRASE: "engine-test",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      },
    },
  );
}
