/**
 * The offline plan: runs the Pulumi program for one stack under the Pulumi mock runtime, with a
 * pretend cloud, and captures every resource it registers. It is the very program `pulumi up`
 * runs (components/program.ts buildStack), not a copy of its logic.
 */
import "./lazy-sdk-modules"; // first: before @pulumi/pulumi loads
import * as pulumi from "@pulumi/pulumi";
import { buildStack } from "../components/program";
import type { LoadedEstate } from "../components/program";
import type { SiteCredentials } from "../components/providers";
import type { LoadResult } from "../model/estate-loader";
import { PLATFORM_STACK } from "../model/naming";
import type { Site } from "../model/types";
import { MockCloud } from "./mock-cloud";
import { RegistrationRecorder } from "./recorder";
import { enterLeanRuntime } from "./runtime-tuning";
import { stackSourceMap } from "./source-map";
import type { StackPlan } from "./types";
import { SECRET_MARKER } from "./wire-values";

export const PROJECT = "govcloud";

/**
 * The password of the pretend cloud's logins. It is passed as a secret, so it must never appear
 * in a plan; exported so that tests can check exactly that.
 */
export const OFFLINE_PASSWORD = "offline-plan-has-no-password";

/** Logins for the pretend cloud; the password is a secret, so the plan must never show it. */
function offlineCredentials(site: Site) {
  const value: SiteCredentials = {
    cloud: site.openstack?.cloud ?? site.id,
    authUrl: site.openstack?.authUrl ?? "https://keystone.invalid/v3",
    userName: "govcloud-automation",
    userDomainName: "Default",
    password: pulumi.secret(OFFLINE_PASSWORD),
    passwordFromConfig: false,
  };
  return { ok: true as const, value };
}

/** Waits until every registration, including those made inside `apply`, has completed. */
export async function settle(): Promise<void> {
  const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
  for (let round = 0; round < 3; round++) {
    await runtime.waitForRPCs?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Resolves a tree of outputs to plain JSON, with secrets masked. */
async function resolveOutputs(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    const output = value as pulumi.Output<unknown>;
    const secret = await (output as unknown as { isSecret: Promise<boolean> }).isSecret;
    if (secret) return { [SECRET_MARKER]: true };
    const inner = await new Promise<unknown>((resolve) => output.apply((v) => resolve(v)));
    return resolveOutputs(inner);
  }
  if (value instanceof Promise) return resolveOutputs(await value);
  if (Array.isArray(value)) return Promise.all(value.map(resolveOutputs));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = await resolveOutputs((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

/** The program could not be planned for a reason other than the estate's validation problems. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}

export interface PlanOptions {
  /**
   * Run the Pulumi SDK exactly as shipped: its stack traces and debugging aids per promise and
   * resource, its protobuf Structs and its own mock monitor's answers (the planning patches of
   * runtime-tuning.ts left out). Slower; to debug the program, and the benchmark's naive baseline.
   */
  asShipped?: boolean;
  /**
   * Point each resource at the place in its department file it comes from (default). Finding a
   * position reads the file with the yaml package (model/yaml-source.ts), so the check leaves
   * them out and finds them only for the resources a policy reports on (check/stack-check.ts).
   */
  sources?: boolean;
}

/**
 * Plans one stack. Stacks are planned one after another in a process: each call installs fresh
 * mocks, and the Pulumi runtime is a process-wide singleton.
 */
export async function planStack(
  loaded: LoadResult,
  stack: string,
  options: PlanOptions = {},
): Promise<StackPlan> {
  // No waiting for an earlier run here: setMocks starts a fresh RPC ledger, and a failed run's
  // registrations would never finish.
  const cloud = new MockCloud();
  await pulumi.runtime.setMocks(cloud.mocks, PROJECT, stack, false);
  const recorder = new RegistrationRecorder(PROJECT, stack);
  recorder.attach();

  // The SDK records a stack trace for every promise it creates; a plan has no use for them and
  // they cost most of the time and memory per resource.
  const limit = Error.stackTraceLimit;
  if (options.asShipped !== true) Error.stackTraceLimit = 0;
  // A failure inside the SDK's promises (a look-up the pretend cloud cannot answer, a throw in
  // an apply) surfaces only as an unhandled rejection, and the outputs then never resolve: turn
  // the first one into the plan's failure instead of hanging or crashing the process.
  // One failure usually rejects a chain of promises: collect them for a moment, then report the
  // distinct messages together.
  let failPlan: (reason: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (failPlan = reject));
  failed.catch(() => undefined);
  const rejections: string[] = [];
  const onRejection = (reason: unknown) => {
    if (rejections.length === 0) {
      setTimeout(() => failPlan(new Error([...new Set(rejections)].join("; "))), 10);
    }
    rejections.push(reason instanceof Error ? reason.message : String(reason));
  };
  process.on("unhandledRejection", onRejection);
  const leaveLeanRuntime = options.asShipped === true ? () => undefined : enterLeanRuntime();
  let outputs: unknown;
  try {
    const estate: LoadedEstate = { estate: loaded.estate, problems: loaded.problems };
    const run = async () => {
      const registered = buildStack(stack, estate, { credentials: offlineCredentials });
      await settle();
      return resolveOutputs(registered);
    };
    outputs = await Promise.race([run(), failed]);
  } catch (error) {
    if (error instanceof pulumi.RunError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new PlanError(`the program failed while planning stack ${stack}: ${message}`);
  } finally {
    leaveLeanRuntime();
    process.off("unhandledRejection", onRejection);
    Error.stackTraceLimit = limit;
  }

  const resources = recorder.resources();
  const sourceOf =
    options.sources === false || stack === PLATFORM_STACK
      ? undefined
      : stackSourceMap(loaded, stack);
  if (sourceOf !== undefined)
    for (const resource of resources) resource.source = sourceOf(resource);
  return { project: PROJECT, stack, resources, outputs: outputs as Record<string, unknown> };
}
