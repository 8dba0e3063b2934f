/**
 * The one mock harness of the component tests, built on the offline planner's own mocks: the
 * pretend cloud of plan/mock-cloud.ts answers the Pulumi mock runtime (ids, computed attributes,
 * look-ups, and a loud failure on any look-up it does not know), and the RegistrationRecorder of
 * plan/recorder.ts records every registration and call as the engine would see it (URNs with the
 * whole parent type chain, parent, provider, dependencies, options). What the tests check is
 * therefore what the planner puts in a plan: values in plan form, secrets masked as
 * `{ "[secret]": true }`, unknowns (in a preview) as "[unknown]", references as URNs.
 *
 * Test files call `harness.install()` in `before`: every call of setMocks replaces the mocks of
 * the whole process, and other test files install their own.
 */
import * as pulumi from "@pulumi/pulumi";
import { AUTOMATION_USER_ID, lookupId, MockCloud, mockId } from "../../plan/mock-cloud";
import { RegistrationRecorder } from "../../plan/recorder";
import type { RecordedCall } from "../../plan/recorder";
import type { PlannedResource } from "../../plan/types";
import { SECRET_MARKER, UNKNOWN_MARKER } from "../../plan/wire-values";

export { AUTOMATION_USER_ID, lookupId, mockId, SECRET_MARKER, UNKNOWN_MARKER };

export const PROJECT = "govcloud";
export const STACK = "test";

export interface Registration {
  type: string;
  name: string;
  custom: boolean;
  /** Inputs as the planner records them (plan values). */
  inputs: Record<string, unknown>;
  /** Outputs as the mocks computed them, with the id of custom resources. */
  outputs: Record<string, unknown>;
  /** Provider reference (`<urn>::<id>`), empty when none was given. */
  provider: string;
  /** Logical name of the provider, parsed from the reference. */
  providerName?: string;
  parent?: Registration;
  /** URN as the engine computes it, with the whole parent type chain. */
  urn: string;
  /** The type part of the URN: the parents' types and this one's, joined by `$`. */
  typeChain: string;
  protect: boolean;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  aliasNames: string[];
  /** URNs this resource depends on (engine URNs, like `urn`). */
  dependencies: string[];
}

export type CallRecord = RecordedCall;

/** Whether a plan value is a secret (masked), for checks that a value is never in clear. */
export function isSecret(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SECRET_MARKER] === true
  );
}

/** Whether a plan value is unknown, as ids and computed values are in a preview. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_MARKER;
}

/** `urn:pulumi:<stack>::<project>::<type chain>::<name>` */
function typeChainOf(urn: string): string {
  return urn.split("::")[2] ?? "";
}

function nameInUrn(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** The harness's view of the recorded plan: registrations linked to their parents. */
function link(planned: readonly PlannedResource[]): Registration[] {
  const byUrn = new Map<string, Registration>();
  const registrations = planned.map((resource): Registration => {
    const registration: Registration = {
      type: resource.type,
      name: resource.name,
      custom: resource.custom,
      inputs: resource.inputs,
      outputs: resource.outputs,
      provider: resource.provider ?? "",
      urn: resource.urn,
      typeChain: typeChainOf(resource.urn),
      protect: resource.options.protect,
      deleteBeforeReplace: resource.options.deleteBeforeReplace === true,
      ignoreChanges: resource.options.ignoreChanges ?? [],
      aliasNames: resource.options.aliases,
      dependencies: resource.dependencies,
    };
    byUrn.set(resource.urn, registration);
    return registration;
  });
  planned.forEach((resource, n) => {
    const registration = registrations[n];
    if (resource.parent !== undefined) {
      const parent = byUrn.get(resource.parent);
      if (parent === undefined)
        throw new Error(`${resource.urn}: unknown parent ${resource.parent}`);
      registration.parent = parent;
    }
    if (resource.provider !== undefined) {
      const providerUrn = resource.provider.slice(0, resource.provider.lastIndexOf("::"));
      registration.providerName = byUrn.get(providerUrn)?.name ?? nameInUrn(providerUrn);
    }
  });
  return registrations;
}

class Harness {
  preview = false;
  private recorder = new RegistrationRecorder(PROJECT, STACK);
  /** A fresh pretend cloud per program run (see reset), as each plan has its own. */
  private cloud = new MockCloud();
  private snapshot?: Registration[];

  /** Installs the mocks; `preview` makes computed outputs and ids unknown, as in `pulumi preview`. */
  async install(options: { preview?: boolean } = {}): Promise<void> {
    await this.settle();
    this.preview = options.preview ?? false;
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => this.cloud.mocks.newResource(args),
        call: (args) => this.cloud.mocks.call(args),
      },
      PROJECT,
      STACK,
      this.preview,
    );
    this.recorder = new RegistrationRecorder(PROJECT, STACK);
    this.recorder.attach();
    this.reset();
  }

  /** Forgets what was recorded, and the cloud's state, before another run of the program. */
  reset(): void {
    this.recorder.reset();
    this.cloud = new MockCloud({ preview: this.preview });
    this.snapshot = undefined;
  }

  /** Waits until every registration (including those made inside `apply`) has completed. */
  async settle(): Promise<void> {
    const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
    if (runtime.waitForRPCs !== undefined) await runtime.waitForRPCs();
    await new Promise((resolve) => setImmediate(resolve));
    if (runtime.waitForRPCs !== undefined) await runtime.waitForRPCs();
    this.snapshot = undefined;
  }

  /** Every registration since the last reset, sorted by URN. Read after `settle()`. */
  get resources(): Registration[] {
    this.snapshot ??= link(this.recorder.resources());
    return this.snapshot;
  }

  /** Every provider function the program called since the last reset, in order. */
  get calls(): CallRecord[] {
    return this.recorder.calls();
  }

  named(name: string, type?: string): Registration {
    const found = this.resources.filter(
      (r) => r.name === name && (type === undefined || r.type === type),
    );
    if (found.length !== 1) {
      throw new Error(
        `expected one resource named ${name}${type ? ` of type ${type}` : ""}, found ${found.length}`,
      );
    }
    return found[0];
  }

  ofType(type: string): Registration[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** Every resource below `ancestor` in the tree. */
  descendants(ancestor: Registration): Registration[] {
    const isBelow = (r: Registration): boolean =>
      r.parent !== undefined && (r.parent.urn === ancestor.urn || isBelow(r.parent));
    return this.resources.filter(isBelow);
  }
}

export const harness = new Harness();

/** `type name` lines, sorted: the shape of a subtree at a glance in assertion diffs. */
export function shape(resources: readonly Registration[]): string[] {
  return resources.map((r) => `${r.type} ${r.name}`).sort();
}

export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
