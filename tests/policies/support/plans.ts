/** Finding and changing resources of a plan: one change per failing case. */
import type { PlannedResource, StackPlan } from "../../../plan/types";

export const T = {
  instance: "openstack:compute/instance:Instance",
  serverGroup: "openstack:compute/serverGroup:ServerGroup",
  volume: "openstack:blockstorage/volume:Volume",
  port: "openstack:networking/port:Port",
  floatingIp: "openstack:networking/floatingIp:FloatingIp",
  secGroup: "openstack:networking/secGroup:SecGroup",
  secGroupRule: "openstack:networking/secGroupRule:SecGroupRule",
  network: "openstack:networking/network:Network",
  subnet: "openstack:networking/subnet:Subnet",
  router: "openstack:networking/router:Router",
  project: "openstack:identity/project:Project",
  computeQuota: "openstack:compute/quotaSetV2:QuotaSetV2",
  volumeQuota: "openstack:blockstorage/quoteSetV3:QuoteSetV3",
  networkQuota: "openstack:networking/quotaV2:QuotaV2",
  command: "command:local:Command",
  provider: "pulumi:providers:openstack",
} as const;

export function find(plan: StackPlan, name: string, type?: string): PlannedResource {
  const found = plan.resources.filter(
    (r) => r.name === name && (type === undefined || r.type === type),
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one resource ${name}${type ? ` of ${type}` : ""}, found ${found.length}`,
    );
  }
  return found[0];
}

export function ofType(plan: StackPlan, type: string): PlannedResource[] {
  return plan.resources.filter((r) => r.type === type);
}

/** Changes a resource's properties as the program would: inputs and outputs alike. */
export function edit(
  resource: PlannedResource,
  change: (props: Record<string, unknown>) => void,
): void {
  change(resource.inputs);
  change(resource.outputs);
}

/** Sets (or with `undefined` removes) a label in the tags and the metadata the resource has. */
export function setLabel(resource: PlannedResource, key: string, value: string | undefined): void {
  edit(resource, (props) => {
    if (Array.isArray(props.tags)) {
      const tags = (props.tags as string[]).filter((tag) => !tag.startsWith(`${key}=`));
      if (value !== undefined) tags.push(`${key}=${value}`);
      props.tags = tags;
    }
    if (typeof props.metadata === "object" && props.metadata !== null) {
      const metadata = props.metadata as Record<string, unknown>;
      if (value === undefined) delete metadata[key];
      else metadata[key] = value;
    }
  });
}

export function remove(plan: StackPlan, ...names: string[]): void {
  const gone = new Set(names.map((name) => plan.resources.find((r) => r.name === name)?.urn));
  plan.resources = plan.resources.filter((r) => !gone.has(r.urn));
}

/** A copy of a resource under a new name (and URN), at the end of the plan. */
export function copy(plan: StackPlan, resource: PlannedResource, name: string): PlannedResource {
  const twin = structuredClone(resource);
  twin.urn = resource.urn.slice(0, resource.urn.lastIndexOf("::") + 2) + name;
  twin.name = name;
  for (const props of [twin.inputs, twin.outputs]) {
    if (props.name === resource.name) props.name = name;
  }
  plan.resources.push(twin);
  return twin;
}

/** The plan with only the named resources and their providers: resource policies look at one resource. */
export function only(plan: StackPlan, ...names: string[]): StackPlan {
  const keep = plan.resources.filter((r) => names.includes(r.name));
  if (keep.length < names.length) throw new Error(`not all of ${names.join(", ")} are in the plan`);
  const providers = new Set(keep.map((r) => r.provider?.slice(0, r.provider.lastIndexOf("::"))));
  return {
    ...plan,
    resources: plan.resources.filter((r) => keep.includes(r) || providers.has(r.urn)),
  };
}
