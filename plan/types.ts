/**
 * The offline plan: every resource the Pulumi program registers for one stack, captured under the
 * Pulumi mock runtime, in a deterministic order. It is what the policy check analyzes and what
 * reviews diff. Plain JSON; secrets are kept as `{ "[secret]": true }` markers, never in clear.
 */

export interface PlannedResourceOptions {
  protect: boolean;
  /** Earlier names this resource is aliased from (renames that must not replace it). */
  aliases: string[];
  deleteBeforeReplace?: boolean;
  retainOnDelete?: boolean;
  ignoreChanges?: string[];
  /** Properties whose change replaces the resource, whatever its provider says. */
  replaceOnChanges?: string[];
}

export interface PlannedResource {
  urn: string;
  /** Type token, e.g. openstack:compute/instance:Instance, govcloud:vdc:SiteFoundation. */
  type: string;
  /** Logical (Pulumi) name. */
  name: string;
  /** true for provider-managed resources, false for components. Providers are custom. */
  custom: boolean;
  parent?: string;
  /** Inputs as registered by the program (what the engine would send to the provider's Check). */
  inputs: Record<string, unknown>;
  /** Outputs as the mocks computed them (ids and computed attributes included). */
  outputs: Record<string, unknown>;
  /** URNs this resource depends on (explicit dependsOn and through inputs). */
  dependencies: string[];
  /** Per input property, the URNs its value came from. */
  propertyDependencies: Record<string, string[]>;
  /** Provider reference `<provider urn>::<provider id>`, for custom resources. */
  provider?: string;
  options: PlannedResourceOptions;
  /** Where in the estate this resource comes from, for pointing diagnostics back at a file. */
  source?: { file: string; path: string; line?: number; column?: number };
}

export interface StackPlan {
  project: string;
  /** Stack name: a department id, or "platform". */
  stack: string;
  resources: PlannedResource[];
  /** Stack outputs, secrets masked. */
  outputs: Record<string, unknown>;
}
