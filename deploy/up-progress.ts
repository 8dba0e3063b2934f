/**
 * What an update did before it failed, per region: from the engine's step events (a step began,
 * finished or failed) and its error diagnostics, and, when it could be read, from the stack's
 * state afterwards. The engine stops starting steps at the first failure and lets the running
 * ones end, so a failed `up` leaves some resources failed, some never started; this says which,
 * in the region they belong to, instead of the engine's last line ("update failed").
 *
 * A resource belongs to the site its name says (`<stack>-<site>-<thing>`, as the offline check
 * counts them) or, failing that, to the site of the provider it is created through; the rest
 * (the stack, Keystone's project and users) to no region.
 */

/** The fields of the engine's step metadata this reads. */
export interface StepMetadata {
  op: string;
  urn: string;
  type: string;
  /** `<provider URN>::<provider id>`; empty for components. */
  provider?: string;
  /**
   * The resource's state after and before the step: `custom` is true for a resource a provider
   * manages and left out (false) for a component, which the cloud never sees.
   */
  new?: { custom?: boolean };
  old?: { custom?: boolean };
}

/** A component (or the stack): its state says so; a step without state is taken for custom. */
function isComponent(step: StepMetadata): boolean {
  const state = step.new ?? step.old;
  return state !== undefined && state.custom !== true;
}

/** The fields of the engine's events this reads (the Automation API's `EngineEvent`). */
export interface UpEvent {
  resourcePreEvent?: { metadata: StepMetadata; planning?: boolean };
  resOutputsEvent?: { metadata: StepMetadata; planning?: boolean };
  resOpFailedEvent?: { metadata: StepMetadata };
  diagnosticEvent?: { urn?: string; message: string; severity: string; ephemeral?: boolean };
}

/** A resource of the state after the run (`pulumi stack export`'s `deployment.resources`). */
export interface StateResource {
  urn: string;
  type: string;
  provider?: string;
}

/** Collects the step events of one update. */
export class UpProgress {
  private readonly began = new Map<string, StepMetadata>();
  private readonly ended = new Set<string>();
  private readonly failedSteps = new Map<string, StepMetadata>();
  private readonly errors = new Map<string, string[]>();
  /** Error diagnostics of no resource (the engine's own, the program's). */
  readonly generalErrors: string[] = [];

  add(event: UpEvent): void {
    const pre = event.resourcePreEvent;
    if (pre !== undefined && pre.planning !== true) this.began.set(pre.metadata.urn, pre.metadata);
    const outputs = event.resOutputsEvent;
    if (outputs !== undefined && outputs.planning !== true) this.ended.add(outputs.metadata.urn);
    const failed = event.resOpFailedEvent;
    if (failed !== undefined) this.failedSteps.set(failed.metadata.urn, failed.metadata);
    const diagnostic = event.diagnosticEvent;
    if (diagnostic !== undefined && diagnostic.severity === "error" && !diagnostic.ephemeral) {
      const message = cleanMessage(diagnostic.message, diagnostic.urn);
      if (message === "") return;
      if (diagnostic.urn === undefined || diagnostic.urn === "") {
        this.generalErrors.push(message);
      } else {
        const list = this.errors.get(diagnostic.urn) ?? [];
        if (!list.includes(message)) list.push(message);
        this.errors.set(diagnostic.urn, list);
      }
    }
  }

  /** Resources whose step failed, with the engine's error for each. */
  failed(): { metadata: StepMetadata; reason: string }[] {
    const urns = new Set([...this.failedSteps.keys(), ...this.errors.keys()]);
    return [...urns].map((urn) => ({
      metadata: this.failedSteps.get(urn) ??
        this.began.get(urn) ?? { op: "", urn, type: typeFromUrn(urn) },
      reason: (this.errors.get(urn) ?? []).join("; "),
    }));
  }

  /**
   * Cloud resources whose step began and neither ended nor failed: still in flight when it
   * stopped. A component ends when the program has made all of its children, so one that did not
   * end only says the program stopped; it is left out.
   */
  unfinished(): StepMetadata[] {
    return [...this.began.values()].filter(
      (step) =>
        !isComponent(step) &&
        !this.ended.has(step.urn) &&
        !this.failedSteps.has(step.urn) &&
        !this.errors.has(step.urn) &&
        step.op !== "same",
    );
  }

  /** Steps that ended, by operation (`create`, `same`, `update` ...). */
  done(): StepMetadata[] {
    return [...this.began.values()].filter((step) => this.ended.has(step.urn));
  }
}

// The engine marks colours inline as <{%fg 1%}> ... <{%reset%}> when it does not render them.
const COLOR_DIRECTIVE = /<\{%[^%]*%\}>/g;

/**
 * The engine's error text without its colour marks, the URN it repeats (`creating urn:...:`),
 * the Terraform bridge's "1 error occurred:" wrapper and blank lines.
 */
export function cleanMessage(message: string, urn?: string): string {
  let text = message.replace(COLOR_DIRECTIVE, "");
  if (urn !== undefined && urn !== "") text = text.split(urn).join(resourceName(urn));
  return text
    .split("\n")
    .map((line) => line.replace(/^\s*\*\s*/, "").trim())
    .filter((line) => line !== "")
    .join(" ")
    .replace(/\b\d+ errors? occurred:\s*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The logical name at the end of a URN. */
export function resourceName(urn: string): string {
  const at = urn.lastIndexOf("::");
  return at < 0 ? urn : urn.slice(at + 2);
}

/** The type at the end of a URN's type chain (`openstack:compute/instance:Instance`). */
export function typeFromUrn(urn: string): string {
  const parts = urn.split("::");
  if (parts.length < 4) return "";
  const chain = parts[parts.length - 2];
  return chain.slice(chain.lastIndexOf("$") + 1);
}

/** The site a resource belongs to: by its name, else by its provider's name; undefined: none. */
export function siteOfResource(
  stack: string,
  sites: readonly string[],
  urn: string,
  provider?: string,
): string | undefined {
  const bySite = (name: string) => sites.find((site) => name.startsWith(`${stack}-${site}-`));
  const own = bySite(resourceName(urn));
  if (own !== undefined) return own;
  if (provider === undefined || provider === "") return undefined;
  // `<provider URN>::<provider id>`: the provider's name is the last part of its URN.
  const providerUrn = provider.slice(0, provider.lastIndexOf("::"));
  return bySite(resourceName(providerUrn));
}

export interface RegionOutcome {
  /** The site id; undefined for what belongs to no region. */
  site?: string;
  failed: { name: string; type: string; op: string; reason: string }[];
  unfinished: { name: string; type: string; op: string }[];
  /** Steps that ended well in this run (created, updated, unchanged). */
  done: number;
  /** Resources the offline plan has at this site. */
  planned?: number;
  /** Resources the stack's state holds at this site after the run. */
  inState?: number;
}

export interface PendingOperation {
  urn: string;
  type: string;
  /** `creating`, `updating`, `deleting`, `reading`. */
  operation: string;
}

export interface UpFailure {
  stack: string;
  regions: RegionOutcome[];
  generalErrors: string[];
  /** Operations the state records as begun and never ended (after a crash or a kill). */
  pending: PendingOperation[];
}

/**
 * The outcome of a failed update per region. `planned`: the offline plan's resources per site;
 * `state`: the stack's resources after the run, when they could be read.
 */
export function upFailure(
  stack: string,
  sites: readonly string[],
  progress: UpProgress,
  planned: ReadonlyMap<string, number>,
  state?: { resources: readonly StateResource[]; pending: readonly PendingOperation[] },
): UpFailure {
  const outcomes = new Map<string | undefined, RegionOutcome>();
  const outcome = (site: string | undefined): RegionOutcome => {
    let found = outcomes.get(site);
    if (found === undefined) {
      found = { ...(site === undefined ? {} : { site }), failed: [], unfinished: [], done: 0 };
      outcomes.set(site, found);
    }
    return found;
  };
  // A department's rows are its sites (the plan's); the platform's, every site.
  for (const site of planned.size > 0 ? sites.filter((s) => planned.has(s)) : sites) {
    const row = outcome(site);
    if (planned.has(site)) row.planned = planned.get(site);
    if (state !== undefined) {
      row.inState = state.resources.filter(
        (r) => siteOfResource(stack, [site], r.urn) === site,
      ).length;
    }
  }
  for (const { metadata, reason } of progress.failed()) {
    outcome(siteOfResource(stack, sites, metadata.urn, metadata.provider)).failed.push({
      name: resourceName(metadata.urn),
      type: metadata.type,
      op: metadata.op,
      reason,
    });
  }
  for (const step of progress.unfinished()) {
    outcome(siteOfResource(stack, sites, step.urn, step.provider)).unfinished.push({
      name: resourceName(step.urn),
      type: step.type,
      op: step.op,
    });
  }
  for (const step of progress.done()) {
    outcome(siteOfResource(stack, sites, step.urn, step.provider)).done++;
  }
  const order = (o: RegionOutcome) => (o.site === undefined ? sites.length : sites.indexOf(o.site));
  return {
    stack,
    regions: [...outcomes.values()].sort((a, b) => order(a) - order(b)),
    generalErrors: [...new Set(progress.generalErrors)],
    pending: [...(state?.pending ?? [])],
  };
}

/** Whether a region had nothing go wrong. */
function clean(region: RegionOutcome): boolean {
  return (
    region.failed.length === 0 &&
    region.unfinished.length === 0 &&
    (region.planned === undefined ||
      region.inState === undefined ||
      region.inState >= region.planned)
  );
}

const shortType = (type: string): string => type.slice(type.lastIndexOf(":") + 1) || type;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** At most `limit` names, then how many more. */
function names(list: readonly string[], limit = 12): string {
  const shown = list.slice(0, limit).join(", ");
  return list.length > limit ? `${shown} and ${list.length - limit} more` : shown;
}

/**
 * The lines `govcloud up` prints when the update failed: per region what failed and why, what
 * was still running, how much of the plan the stack holds; the engine's own errors; the
 * operations left pending; and what to do next.
 */
export function formatUpFailure(failure: UpFailure, exitCode?: number): string {
  const { stack } = failure;
  // The headline names the regions where something failed; the others are listed below.
  const failedIn = failure.regions.filter((r) => r.failed.length > 0);
  const broken = failedIn.length > 0 ? failedIn : failure.regions.filter((r) => !clean(r));
  const where = broken.filter((r) => r.site !== undefined).map((r) => r.site!);
  const code = exitCode === undefined ? "" : ` (pulumi exited with code ${exitCode})`;
  const lines = [
    `govcloud up: the update of ${stack} failed${code}` +
      (where.length === 0 ? "" : ` in ${where.join(" and ")}`) +
      `: what did not finish, per region:`,
  ];
  for (const region of failure.regions) {
    const label = region.site ?? "no region (stack, identity)";
    const counts: string[] = [];
    if (region.planned !== undefined && region.inState !== undefined) {
      counts.push(`${region.inState} of the ${region.planned} planned resources are in the stack`);
    } else if (region.inState !== undefined) {
      counts.push(`${region.inState} resources in the stack`);
    }
    counts.push(`${region.done} done in this run`);
    if (clean(region)) {
      lines.push(`  ${label}: ok: ${counts.join(", ")}`);
      continue;
    }
    lines.push(`  ${label}: ${counts.join(", ")}`);
    if (region.failed.length > 0) {
      lines.push(`    failed (${region.failed.length}):`);
      for (const item of region.failed) {
        const verb = item.op === "" ? "" : `${item.op}: `;
        lines.push(
          `      ${item.name} (${shortType(item.type)}): ${verb}${item.reason || "failed"}`,
        );
      }
    }
    if (region.unfinished.length > 0) {
      lines.push(
        `    did not finish (${region.unfinished.length}): ` +
          names(region.unfinished.map((item) => `${item.name} (${item.op})`)),
      );
    }
    if (region.planned !== undefined && region.inState !== undefined) {
      const missing = region.planned - region.inState;
      if (missing > 0) {
        lines.push(`    not in the stack yet: ${plural(missing, "planned resource")}`);
      }
    }
  }
  const general = failure.generalErrors.filter(
    (message) => !/^update failed$/.test(message) && !/^preview failed$/.test(message),
  );
  if (general.length > 0) {
    lines.push(`  errors of the update itself:`);
    for (const message of general) lines.push(`    ${message}`);
  }
  if (failure.pending.length > 0) {
    lines.push(pendingOperationsText(stack, failure.pending, "    "));
  }
  lines.push(
    `  What exists stays in the stack's state. Once the cause is fixed (a service that was down ` +
      `answers again), run govcloud up ${stack} again: it creates what is missing and leaves ` +
      `what exists alone.`,
  );
  return lines.join("\n") + "\n";
}

/**
 * What to do about operations the state records as begun and never ended: the engine does not
 * know whether they happened. A pending create may have made the resource in the cloud, and the
 * next update would make a second one. What was made by a create that never ended holds nothing
 * yet (nothing was attached to it by the deployment), so it is removed and made again. Pulumi's
 * `refresh --import-pending-creates` is not offered: with the CLI 3.248 it drops the create
 * without adopting the resource, and the next update makes a second one all the same.
 */
export function pendingOperationsText(
  stack: string,
  pending: readonly PendingOperation[],
  indent = "",
): string {
  const creates = pending.filter((op) => op.operation === "creating");
  const lines = [
    `${indent}${plural(pending.length, "operation")} of ${stack} began and never ended ` +
      `(the deployment was killed or crashed while they ran):`,
    ...pending.map((op) => `${indent}  ${op.operation} ${resourceName(op.urn)} (${op.urn})`),
  ];
  if (creates.length > 0) {
    lines.push(
      `${indent}Whether a pending create happened is unknown, and the next update would make a ` +
        `second one. For each, look it up by its name in its region (openstack --os-cloud <cloud> ` +
        `server list --name <name>, volume list --name <name>, network list --name <name> ...) ` +
        `and delete what exists: the interrupted deployment made it and attached nothing to it.`,
      `${indent}Then: pulumi refresh --stack ${stack} --clear-pending-creates --yes, and run ` +
        `govcloud up ${stack} again, which makes them anew. If pulumi refresh says the stack is ` +
        `locked by a process that no longer runs, pulumi cancel --stack ${stack} --yes releases ` +
        `it first.`,
    );
  } else {
    lines.push(
      `${indent}pulumi refresh --stack ${stack} reads them back from the cloud and clears them.`,
    );
  }
  return lines.join("\n");
}

/** The pending operations and resources of a `pulumi stack export` (its `deployment` part). */
export function stateOf(exported: unknown): {
  resources: StateResource[];
  pending: PendingOperation[];
} {
  const deployment = (exported as { deployment?: Record<string, unknown> } | undefined)?.deployment;
  const resources = Array.isArray(deployment?.resources)
    ? (deployment.resources as StateResource[]).filter((r) => typeof r?.urn === "string")
    : [];
  const pendingRaw = Array.isArray(deployment?.pending_operations)
    ? (deployment.pending_operations as {
        resource?: { urn?: string; type?: string };
        type?: string;
      }[])
    : [];
  const pending = pendingRaw
    .filter((op) => typeof op.resource?.urn === "string")
    .map((op) => ({
      urn: op.resource!.urn!,
      type: op.resource!.type ?? typeFromUrn(op.resource!.urn!),
      operation: op.type ?? "unknown",
    }));
  return { resources, pending };
}
