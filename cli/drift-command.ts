/**
 * `govcloud drift <stack...|--all>`: what differs between each stack's last deployment and the
 * real cloud, from `pulumi refresh --preview-only` (deploy/drift-engine.ts), per department and
 * site, with what `govcloud up` does about it. Text (default), Markdown or JSON; `--out` may be
 * given several times, the format taken from each file's extension, as `govcloud review` does.
 *
 * Exit codes: 0 no drift, 1 drift found, 2 usage, no usable Pulumi CLI, an estate that cannot be
 * loaded, or a stack that could not be refreshed (the report is still written for the others).
 * 1 is kept for drift alone, so that a pipeline can tell "the cloud changed" from "the check broke".
 */
import { existsSync, mkdirSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import type { RefreshSetup } from "../deploy/drift-engine";
import { driftExitCode, driftReport } from "../deploy/drift-report";
import { runDrift } from "../deploy/drift-run";
import type { DriftReport } from "../deploy/drift-types";
import { locatePulumiHere, type PulumiLocation } from "../deploy/locate-pulumi";
import { missingCliMessage } from "../deploy/missing-cli";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { activeSites } from "../model/catalog";
import type { LoadResult } from "../model/estate-loader";
import { PLATFORM_STACK } from "../model/naming";
import { renderDriftMarkdown } from "../render/drift-markdown";
import { renderDriftText } from "../render/drift-text";
import { invalidPlatformOutput } from "./check-command";
import type { DriftFormat } from "./drift-formats";
import { loopbackRefusal } from "./loopback-check";
import { writeReportFile, writeStderr } from "./output";
import { selectStacks } from "./stack-selection";
import { UsageError } from "./usage-error";

export interface DriftOptions {
  all: boolean;
  /** Format of standard output, or of the one --out file. */
  format?: DriftFormat;
  out: string[];
  /** The Pulumi executable or the folder that holds it (default: PATH, then $PULUMI_HOME/bin). */
  pulumi?: string;
}

/** What the command reaches outside itself through; the tests replace the engine. */
export interface DriftDeps {
  cwd: string;
  locate: (explicit: string | undefined) => PulumiLocation;
  refresh: (setup: RefreshSetup) => Promise<EngineEvent[]>;
  stderr: (text: string) => void;
}

export function defaultDriftDeps(): DriftDeps {
  return {
    cwd: process.cwd(),
    locate: locatePulumiHere,
    // Loaded only when a stack is refreshed: the Automation API is not needed before.
    refresh: async (setup) => (await import("../deploy/drift-engine")).previewRefresh(setup),
    stderr: (text) => writeStderr(text),
  };
}

const EXTENSIONS: Record<string, DriftFormat> = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".json": "json",
  ".txt": "text",
};

/** The format of an --out file: --format for a single file, else from the extension. */
export function driftOutputFormat(file: string, options: Pick<DriftOptions, "format" | "out">) {
  if (options.format !== undefined && options.out.length === 1) return options.format;
  const format = EXTENSIONS[extname(basename(file).toLowerCase())];
  if (format === undefined) {
    throw new UsageError(
      `cannot tell the format of --out ${file} from its extension: use .md (Markdown), .json or ` +
        ".txt (text), or give one --out with --format",
    );
  }
  return format;
}

export function renderDrift(report: DriftReport, format: DriftFormat, seconds?: number): string {
  switch (format) {
    case "json":
      return JSON.stringify(report, null, 2) + "\n";
    case "markdown":
      return renderDriftMarkdown(report);
    case "text":
      return renderDriftText(report, seconds);
  }
}

/** Usage, CLI and loopback checks; the Pulumi executable to run when they pass. */
async function preflight(
  root: string,
  loaded: LoadResult,
  stacks: readonly string[],
  options: DriftOptions,
  deps: DriftDeps,
): Promise<{ pulumi: string } | { exitCode: number }> {
  if (!existsSync(join(root, "Pulumi.yaml"))) {
    throw new UsageError(
      `no Pulumi.yaml in ${root}: drift refreshes the project's stacks from its own folder; ` +
        `run in the project folder or pass --root <project folder>`,
    );
  }
  const location = deps.locate(options.pulumi);
  if (!location.found) {
    deps.stderr(missingCliMessage("drift", stacks.join(" "), { kind: "not-found", ...location }));
    return { exitCode: 2 };
  }
  // As for preview and up: nothing is asked of a cloud that is not on this machine.
  const foreign = await loopbackRefusal("drift", stacks.join(", "), root, loaded.estate!.platform);
  if (foreign !== undefined) {
    deps.stderr(foreign);
    return { exitCode: 2 };
  }
  return { pulumi: location.command };
}

export async function runDriftCommand(
  root: string,
  loaded: LoadResult,
  names: string[],
  options: DriftOptions,
  deps: DriftDeps = defaultDriftDeps(),
): Promise<{ exitCode: number; stdout: string }> {
  const started = performance.now();
  if (options.format !== undefined && options.out.length > 1) {
    throw new UsageError(
      "--format applies to standard output or to a single --out; with several --out files the " +
        "format comes from each file's extension (.md, .json, .txt)",
    );
  }
  const outputs = options.out.map((file) => ({
    file: resolve(deps.cwd, file),
    format: driftOutputFormat(file, options),
  }));
  if (loaded.estate === undefined) {
    return { ...invalidPlatformOutput("drift", loaded), exitCode: 2 };
  }
  const selected = selectStacks(
    names,
    options.all,
    loaded.estate,
    loaded.files,
    loaded.missingDepartments,
  );
  // The platform first: departments use its catalog, so its drift may explain theirs.
  const stacks = [
    ...selected.filter((s) => s === PLATFORM_STACK),
    ...selected.filter((s) => s !== PLATFORM_STACK),
  ];
  const ready = await preflight(root, loaded, stacks, options, deps);
  if ("exitCode" in ready) return { exitCode: ready.exitCode, stdout: "" };
  const run = await runDrift(
    {
      stacks,
      root,
      pulumi: ready.pulumi,
      sites: activeSites(loaded.estate.platform).map((site) => site.id),
    },
    { refresh: deps.refresh, progress: deps.stderr },
  );
  if ("cliProblem" in run) {
    deps.stderr(missingCliMessage("drift", stacks.join(" "), run.cliProblem));
    return { exitCode: 2, stdout: "" };
  }
  const report = driftReport(run.stacks);
  const exitCode = driftExitCode(report);
  const seconds = (performance.now() - started) / 1000;
  for (const output of outputs) {
    mkdirSync(dirname(output.file), { recursive: true });
    writeReportFile(output.file, renderDrift(report, output.format, seconds));
  }
  if (outputs.length > 0) {
    const written = outputs.map((output) => relative(deps.cwd, output.file)).join(", ");
    return {
      exitCode,
      stdout: `${renderDriftText(report, seconds).split("\n").at(-2)}\nwrote ${written}\n`,
    };
  }
  return { exitCode, stdout: renderDrift(report, options.format ?? "text", seconds) };
}
