/**
 * The drift report assembled from each stack's outcome: pure, so that the renderers and the exit
 * code can be tested from recorded engine events without an engine.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { driftFromEvents } from "./drift-events";
import type { DriftReport, StackDrift } from "./drift-types";

/** A stack the refresh ran on: drifted or clean, from its events. */
export function refreshedStack(
  stack: string,
  events: readonly EngineEvent[],
  sites: readonly string[],
): StackDrift {
  const resources = driftFromEvents(stack, events, sites);
  return { stack, status: resources.length > 0 ? "drifted" : "clean", resources };
}

/** A stack the refresh did not run on: not deployed yet, or the run failed. */
export function unrefreshedStack(
  stack: string,
  status: "missing" | "failed",
  message: string,
): StackDrift {
  return { stack, status, message, resources: [] };
}

export function driftReport(stacks: readonly StackDrift[]): DriftReport {
  const count = (status: StackDrift["status"]) => stacks.filter((s) => s.status === status).length;
  const drifted = count("drifted");
  return {
    drifted: drifted > 0,
    stacks: [...stacks],
    counts: {
      stacks: stacks.length,
      drifted,
      resources: stacks.reduce((sum, s) => sum + s.resources.length, 0),
      missing: count("missing"),
      failed: count("failed"),
    },
  };
}

/**
 * 0 when nothing drifted, 1 when something did, 2 when a stack could not be refreshed (what the
 * report says of the others still stands, and is written). A stack not deployed yet is said
 * plainly and is neither: there is nothing in the cloud to differ from.
 */
export function driftExitCode(report: DriftReport): number {
  if (report.counts.failed > 0) return 2;
  return report.drifted ? 1 : 0;
}
