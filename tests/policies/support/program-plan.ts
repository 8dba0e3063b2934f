/**
 * The plan of a department stack as `pulumi preview` would send it to the pack: the program's own
 * resources (components/), registered under the Pulumi mock runtime in preview mode, so that ids
 * and everything computed from them are unknown. Resources, parents, providers and dependencies
 * carry the URNs the engine would give them, in the department's stack.
 */
import { buildDepartment } from "../../../components/department-program";
import type { PlannedResource, StackPlan } from "../../../plan/types";
import { OPTIONS } from "../../components/fixtures";
import {
  harness,
  PROJECT,
  SECRET_MARKER,
  STACK as HARNESS_STACK,
  UNKNOWN_MARKER,
} from "../../components/harness";
import type { Registration } from "../../components/harness";
import { estateAt } from "./estate";

/**
 * A recorded value as the analyzer harness reads plan JSON: the recorder writes an unknown as the
 * string "[unknown]", the harness expects `{ "[unknown]": true }` (and sends it as the engine's
 * unknown sentinel); secrets stay masked.
 */
function toPlanValue(value: unknown): unknown {
  if (value === UNKNOWN_MARKER) return { [UNKNOWN_MARKER]: true };
  if (Array.isArray(value)) return value.map(toPlanValue);
  if (typeof value === "object" && value !== null) {
    const object = value as Record<string, unknown>;
    if (object[SECRET_MARKER] === true) return { [SECRET_MARKER]: true };
    const out: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(object)) {
      if (element !== undefined) out[key] = toPlanValue(element);
    }
    return out;
  }
  return value;
}

function toPlan(stack: string, resources: readonly Registration[]): StackPlan {
  const rename = (urn: string) =>
    urn.replace(`urn:pulumi:${HARNESS_STACK}::`, `urn:pulumi:${stack}::`);
  // The monitor reports dependencies and providers by the URNs the engine would give.
  const known = new Set(resources.map((r) => rename(r.urn)));
  const engineUrn = (urn: string) => (known.has(rename(urn)) ? rename(urn) : undefined);
  const planned = resources.map((r): PlannedResource => {
    const inputs = toPlanValue(r.inputs) as Record<string, unknown>;
    const resource: PlannedResource = {
      urn: rename(r.urn),
      type: r.type,
      name: r.name,
      custom: r.custom,
      inputs,
      outputs: structuredClone(inputs),
      dependencies: r.dependencies.map(engineUrn).filter((urn): urn is string => urn !== undefined),
      propertyDependencies: {},
      options: {
        protect: r.protect,
        aliases: [],
        ...(r.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
        ...(r.ignoreChanges.length > 0 ? { ignoreChanges: [...r.ignoreChanges] } : {}),
      },
    };
    if (r.parent !== undefined) resource.parent = rename(r.parent.urn);
    if (r.provider !== "") {
      const at = r.provider.lastIndexOf("::");
      const provider = engineUrn(r.provider.slice(0, at));
      if (provider !== undefined) resource.provider = `${provider}${r.provider.slice(at)}`;
    }
    return resource;
  });
  return { project: PROJECT, stack, resources: planned, outputs: {} };
}

const cache = new Map<string, StackPlan>();

/** The preview plan of `department` in the estate at `root` (built once, then cloned). */
export async function programPlan(root: string, department: string): Promise<StackPlan> {
  const key = `${root}\0${department}`;
  let plan = cache.get(key);
  if (plan === undefined) {
    await harness.install({ preview: true });
    buildDepartment(estateAt(root), department, OPTIONS);
    await harness.settle();
    plan = toPlan(department, harness.resources);
    await harness.install({ preview: false });
    cache.set(key, plan);
  }
  return structuredClone(plan);
}
