/**
 * The root stack resource. Under `pulumi preview` the Node SDK registers `pulumi:pulumi:Stack` first
 * and parents every resource created without a parent to it; the engine analyzes it like any other
 * resource. The mock runtime registers no root stack, so a plan taken under mocks lacks it; this
 * puts it back so that the pack sees the resources the engine would send. Pure.
 */
import type { PlannedResource, StackPlan } from "../plan/types";

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** resource.DefaultRootStackURN: where the engine files stack diagnostics without a resource. */
export function rootStackUrn(project: string, stack: string): string {
  return `urn:pulumi:${stack}::${project}::${ROOT_STACK_TYPE}::${project}-${stack}`;
}

/** The plan's resources with the root stack added (first) and top-level resources parented to it. */
export function withRootStack(plan: StackPlan): PlannedResource[] {
  if (plan.resources.some((r) => r.type === ROOT_STACK_TYPE)) return plan.resources;
  const urn = rootStackUrn(plan.project, plan.stack);
  const root: PlannedResource = {
    urn,
    type: ROOT_STACK_TYPE,
    name: `${plan.project}-${plan.stack}`,
    custom: false,
    inputs: {},
    outputs: plan.outputs ?? {},
    dependencies: [],
    propertyDependencies: {},
    options: { protect: false, aliases: [] },
  };
  return [root, ...plan.resources.map((r) => (r.parent ? r : { ...r, parent: urn }))];
}
