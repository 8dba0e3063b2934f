/**
 * The fast check of some stacks in this process: each stack is planned (the real program under
 * the mock runtime, plan/run-plan.ts) and analyzed at once by the policy pack loaded into this
 * process (analyzer/in-process.ts), then only its StackCheck is kept: plans are dropped as soon
 * as they are analyzed, so memory holds one stack at a time.
 *
 * Used by a single-stack check in the command's own process and by each worker of the parallel
 * check (check/worker.ts).
 */
import type { PolicyPackSession } from "../analyzer/session";
import type { LoadResult } from "../model/estate-loader";
import type { StackPlan } from "../plan/types";
import type { StackCheck } from "./stack-result";
import type { PackConfig } from "./pack-config";
import type { Baseline } from "./changed-resources";
import { changeProperties, changedUrns } from "./changed-resources";
import { failedCheck, stackCheck } from "./stack-check";

/** A stack's check, with its plan when the caller asked to keep it (reviews diff plans). */
export interface CheckedStack {
  check: StackCheck;
  plan?: StackPlan;
}

export interface InProcessCheckOptions {
  packDir: string;
  /** The policy config file, when there is one. */
  configFile?: string;
  /** YYYY-MM-DD the policies check approval expiry against (default: the day they run). */
  today?: string;
}

export class InProcessChecker {
  private session: PolicyPackSession | undefined;
  /** The settings and the estate's facts, made once and handed to the pack for every stack. */
  private config: PackConfig | undefined;

  constructor(
    private readonly loaded: LoadResult,
    private readonly options: InProcessCheckOptions,
  ) {}

  /** Loads the pack (and the Pulumi SDK) now rather than with the first stack. */
  async open(): Promise<void> {
    if (this.session !== undefined) return;
    await import("../plan/lazy-sdk-modules"); // before the pack loads @pulumi/pulumi
    const { openInProcessPack } = await import("../analyzer/in-process");
    // The pack is given the city's facts in its config, as the engine gives them: the very
    // objects, not a copy, since pack and check share this process.
    if (this.loaded.estate !== undefined) {
      // Loaded here, after lazy-sdk-modules: the policies it reads the schemas of load the SDK.
      const { estatePackConfig } = await import("./pack-config");
      this.config = estatePackConfig(
        this.loaded.estate,
        this.options.configFile,
        this.options.today,
      );
    }
    this.session = await openInProcessPack({ packDir: this.options.packDir });
  }

  /**
   * Plans and analyzes one stack. A stack that cannot be planned becomes a failed check, as in
   * the sequential path; a pack or harness failure (not a verdict) is thrown.
   */
  async check(stack: string): Promise<StackCheck> {
    return (await this.checkStack(stack, false)).check;
  }

  /**
   * As check(), keeping the plan when `keepPlan` is set (else it is dropped at once). With a
   * `baseline` (a review), the pack is told what the head creates or alters compared with it.
   */
  async checkStack(stack: string, keepPlan: boolean, baseline?: Baseline): Promise<CheckedStack> {
    await this.open();
    const { planStack } = await import("../plan/run-plan");
    let plan;
    try {
      // A plan that is dropped once analyzed needs no sources (stack-check.ts finds them).
      plan = await planStack(this.loaded, stack, { sources: keepPlan });
    } catch (error) {
      return { check: failedCheck(stack, error instanceof Error ? error.message : String(error)) };
    }
    const options = {
      ...(this.config !== undefined
        ? { policyConfig: this.config }
        : this.options.configFile === undefined
          ? {}
          : { configFile: this.options.configFile }),
      ...(baseline === undefined
        ? {}
        : { declaredProperties: changeProperties(await changedUrns(baseline, plan)) }),
      dryRun: true,
    };
    // The policy SDK throws (and formats) an error for every value a policy cannot read during a
    // preview; their stack traces are never shown and cost about a tenth of the analysis. Only a
    // crashed policy's detail shows one: such a stack is analyzed again with traces on.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let report;
    try {
      report = await this.session!.analyze(plan, options);
    } finally {
      Error.stackTraceLimit = limit;
    }
    if (report.crashes.length > 0) report = await this.session!.analyze(plan, options);
    const check = stackCheck(this.loaded, plan, report);
    return keepPlan ? { check, plan } : { check };
  }

  async close(): Promise<void> {
    await this.session?.close();
    this.session = undefined;
  }
}
