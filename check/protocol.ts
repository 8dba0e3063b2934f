/** Messages between `govcloud check` and its workers (check/worker.ts), over the fork IPC channel. */
import type { StackPlan } from "../plan/types";
import type { Baseline } from "./changed-resources";
import type { StackCheck } from "./stack-result";

/** Sent once, first: what every stack of this worker shares. */
export interface InitMessage {
  type: "init";
  /** The estate root; the worker loads the estate itself (a LoadResult cannot be sent). */
  root: string;
  today?: string;
  packDir: string;
  configFile?: string;
  /** Send each stack's plan back with its check (for reviews); off by default, plans are big. */
  keepPlans?: boolean;
}

export interface StackMessage {
  type: "stack";
  stack: string;
  /** The stack on the base of a review, to tell the pack what changes. */
  baseline?: Baseline;
}

export interface EndMessage {
  type: "end";
}

export type ToWorker = InitMessage | StackMessage | EndMessage;

export interface ResultMessage {
  type: "result";
  check: StackCheck;
  plan?: StackPlan;
}

/** Not a verdict: the pack did not load, the config is invalid, the harness failed. */
export interface FatalMessage {
  type: "fatal";
  name: string;
  message: string;
  stack?: string;
}

export type FromWorker = ResultMessage | FatalMessage;
