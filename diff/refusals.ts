/**
 * Replacements the cloud itself refuses. The engine replaces create-first by default: the new
 * resource is created while the old one still exists. Where OpenStack keeps names unique (Nova
 * flavors; Cinder volume types; Keystone projects in a domain), a replacement that keeps the
 * name then fails at the create, and the deployment stops half-way. Deleting first
 * (`deleteBeforeReplace`) or a new name avoids it.
 */
import type { PlannedResource } from "../plan/types";
import type { RefusedChange } from "./types";

/** Types whose `name` the service keeps unique, with what it is called in the message. */
const UNIQUE_NAMES: Record<string, { what: string; fix: string }> = {
  "openstack:compute/flavor:Flavor": {
    what: "Nova flavor names are unique",
    fix:
      "add a flavor with a new name to the catalog and move the workloads to it, then remove " +
      "the old one; or let the program delete the flavor first (deleteBeforeReplace)",
  },
  "openstack:blockstorage/volumeTypeV3:VolumeTypeV3": {
    what: "Cinder volume type names are unique",
    fix: "add a volume type with a new name and move the volumes to it; or delete it first (deleteBeforeReplace)",
  },
  "openstack:identity/project:Project": {
    what: "Keystone project names are unique in a domain",
    fix: "keep the project in place; or delete it first (deleteBeforeReplace)",
  },
};

/** Why the cloud refuses to replace `before` by `after`, if it does. */
export function cloudRefusal(
  before: PlannedResource,
  after: PlannedResource,
  deleteFirst: boolean,
): RefusedChange | undefined {
  const rule = UNIQUE_NAMES[after.type];
  if (rule === undefined || deleteFirst) return undefined;
  const name = after.inputs.name;
  if (typeof name !== "string" || name !== before.inputs.name) return undefined;
  return {
    by: "cloud",
    reason:
      `the replacement of ${after.name} creates a second "${name}" before deleting the first, ` +
      `and ${rule.what}: the create fails and the deployment stops`,
    fix: rule.fix,
  };
}
