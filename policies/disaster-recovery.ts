/**
 * disaster-recovery (stack policy): a tier is a promise about failures, and the stack must keep
 * it. Workloads of an active-active tier (critical) run at every active site with the tier's
 * minimum replicas; replicas at a site are spread over hosts by one anti-affinity server group
 * (each instance carries the group's scheduler hint) where the tier asks for it; data volumes
 * replicate at least as strongly as the tier requires (sync for critical, async or better for
 * important); and every replicated volume is a complete pair: the primary, its secondary at the
 * other site on the same type and size, and the command that pairs them on the storage.
 *
 * A workload's tier is the one its department file gives it (labels are used only for resources
 * of workloads the file does not know), so a label cannot talk a critical workload down.
 * Scheduler hints and pairing commands refer to ids that are not known during a preview; the
 * rule follows the dependencies the engine reports instead of comparing ids.
 */
import type { ReplicationMode } from "../model/types";
import type { CityFacts, RuleFacts, TierFacts } from "./lib/facts";
import { activeSiteIds, lookup } from "./lib/facts";
import { label, readLabels } from "./lib/labels";
import type { ConfigSchema, RuleContext, Verdict, Violation } from "./lib/policy";
import { stackPolicy } from "./lib/policy";
import { T } from "./lib/resource-types";
import type { ResourceView } from "./lib/resource-view";
import {
  identify,
  isPlainObject,
  isUnknown,
  readArray,
  readNumber,
  readObject,
  readString,
  unknownReason,
} from "./lib/resource-view";
import { siteOf, siteProblem } from "./lib/site";
import { isVolume } from "./lib/stack-usage";

/** The sections of the city's facts the rule reads. */
export const DISASTER_RECOVERY_FACTS = ["departments", "sites", "tiers", "volumeTypes"] as const;
export type DisasterRecoveryFacts = RuleFacts<(typeof DISASTER_RECOVERY_FACTS)[number]>;

export interface DisasterRecoveryConfig {
  allowSoftAntiAffinity: boolean;
  requirePairingCommand: boolean;
}

export const DISASTER_RECOVERY_CONFIG: ConfigSchema<DisasterRecoveryConfig> = {
  allowSoftAntiAffinity: {
    type: "boolean",
    default: false,
    description:
      "Accept soft-anti-affinity server groups for tiers that ask for anti-affinity (Nova then " +
      "places two replicas on one host when it must).",
  },
  requirePairingCommand: {
    type: "boolean",
    default: true,
    description: "Every replicated volume pair has the command that pairs it on the storage.",
  },
};

const STRENGTH: Record<ReplicationMode, number> = { none: 0, async: 1, sync: 2 };
const REPLICATION_WORDS: Record<ReplicationMode, string> = {
  none: "no replication",
  async: "asynchronous replication or better",
  sync: "synchronous replication",
};

interface WorkloadGroup {
  name: string;
  instances: ResourceView[];
  volumes: ResourceView[];
  labelTiers: Set<string>;
}

function urnsOfType(
  urns: readonly string[],
  byUrn: ReadonlyMap<string, ResourceView>,
  type: string,
): ResourceView[] {
  const found = new Map<string, ResourceView>();
  for (const urn of urns) {
    const resource = byUrn.get(urn);
    if (resource?.type === type) found.set(urn, resource);
  }
  return [...found.values()];
}

/** The server groups an instance's scheduler hints come from (by the engine's dependencies). */
function serverGroupsOf(
  instance: ResourceView,
  byUrn: ReadonlyMap<string, ResourceView>,
): ResourceView[] {
  const hinted = instance.propertyDependencies.schedulerHints ?? [];
  const source = hinted.length > 0 ? hinted : instance.dependencies;
  return urnsOfType(source, byUrn, T.serverGroup);
}

/**
 * Whether the instance has a `group` scheduler hint (an unknown one counts: it is computed).
 * In a preview the OpenStack provider's Check drops a scheduler hint set whose group id is not
 * known yet, so the engine shows no `schedulerHints` at all; the input's dependency on a server
 * group of the stack (which the engine keeps) then stands for the computed hint.
 */
function hasGroupHint(instance: ResourceView, byUrn: ReadonlyMap<string, ResourceView>): boolean {
  const hints = readArray(instance.props, "schedulerHints");
  if (isUnknown(hints)) return true;
  if (hints === undefined) {
    const hinted = instance.propertyDependencies.schedulerHints ?? [];
    return urnsOfType(hinted, byUrn, T.serverGroup).length > 0;
  }
  return (hints ?? []).some((hint) => {
    if (isUnknown(hint)) return true;
    if (!isPlainObject(hint)) return false;
    const group = readString(hint, "group");
    return isUnknown(group) || (typeof group === "string" && group !== "");
  });
}

/** What is wrong with the policies of a workload's server group, if anything. */
function groupPolicyViolation(
  serverGroup: ResourceView,
  workload: string,
  accepted: readonly string[],
): Violation | undefined {
  const policies = readArray(serverGroup.props, "policies");
  if (isUnknown(policies)) {
    return {
      message: `the policy of ${identify(serverGroup)} cannot be checked: ${unknownReason(policies)}`,
      urn: serverGroup.urn,
    };
  }
  if ((policies ?? []).some((p) => typeof p === "string" && accepted.includes(p))) return undefined;
  return {
    message:
      `${identify(serverGroup)} has policies [${(policies ?? []).join(", ")}]; workload ` +
      `${workload} needs ${accepted.join(" or ")} so that no two replicas share a host.`,
    urn: serverGroup.urn,
  };
}

function checkAntiAffinity(
  group: WorkloadGroup,
  tier: TierFacts,
  sites: Map<ResourceView, string>,
  byUrn: ReadonlyMap<string, ResourceView>,
  config: DisasterRecoveryConfig,
): Violation[] {
  if (!tier.antiAffinity) return [];
  const violations: Violation[] = [];
  const accepted = config.allowSoftAntiAffinity
    ? ["anti-affinity", "soft-anti-affinity"]
    : ["anti-affinity"];
  const groupsAtSite = new Map<string, Set<string>>();
  const judged = new Set<string>();
  for (const instance of group.instances) {
    const site = sites.get(instance);
    if (!hasGroupHint(instance, byUrn)) {
      violations.push({
        message:
          `${identify(instance)} has no server group scheduler hint; workload ${group.name} ` +
          `needs its replicas spread over hosts by an anti-affinity server group ` +
          `(schedulerHints: [{ group: <server group id> }]).`,
        urn: instance.urn,
      });
      continue;
    }
    const groups = serverGroupsOf(instance, byUrn);
    if (groups.length !== 1) {
      violations.push({
        message:
          `${identify(instance)} ` +
          (groups.length === 0
            ? "does not take its scheduler hint from a server group of this stack"
            : `depends on ${groups.length} server groups (${groups.map((g) => g.name).join(", ")})`) +
          `, so its anti-affinity cannot be confirmed; give the workload one server group per site.`,
        urn: instance.urn,
      });
      continue;
    }
    const [serverGroup] = groups;
    // A group holds several instances of the workload: its policy is one finding, not one each.
    if (!judged.has(serverGroup.urn)) {
      judged.add(serverGroup.urn);
      const wrong = groupPolicyViolation(serverGroup, group.name, accepted);
      if (wrong !== undefined) violations.push(wrong);
    }
    if (site !== undefined) {
      const set = groupsAtSite.get(site) ?? new Set<string>();
      set.add(serverGroup.urn);
      groupsAtSite.set(site, set);
    }
  }
  for (const [site, urns] of groupsAtSite) {
    if (urns.size > 1) {
      violations.push({
        message:
          `the instances of ${group.name} at ${site} are in ${urns.size} server groups; ` +
          `anti-affinity only separates members of one group, so put them in one.`,
      });
    }
  }
  return violations;
}

function checkPlacement(
  group: WorkloadGroup,
  tierName: string,
  tier: TierFacts,
  sites: Map<ResourceView, string>,
  facts: DisasterRecoveryFacts,
  file: string,
): Violation[] {
  if (tier.placement !== "active-active") return [];
  const counts = new Map<string, number>();
  for (const instance of group.instances) {
    const site = sites.get(instance);
    if (site !== undefined) counts.set(site, (counts.get(site) ?? 0) + 1);
  }
  const active = activeSiteIds(facts);
  const short = active.filter((site) => (counts.get(site) ?? 0) < tier.minReplicasPerSite);
  if (short.length === 0) return [];
  const have = active.map((site) => `${site}: ${counts.get(site) ?? 0}`).join(", ");
  return [
    {
      message:
        `workload ${group.name} is ${tierName} (active-active): it needs at least ` +
        `${tier.minReplicasPerSite} instances at every active site, but has ${have}. Set ` +
        short.map((site) => `replicas.${site}`).join(" and ") +
        ` to ${tier.minReplicasPerSite} or more in ${file}.`,
    },
  ];
}

function checkVolumeTypes(
  group: WorkloadGroup,
  tierName: string,
  tier: TierFacts,
  facts: DisasterRecoveryFacts,
): Violation[] {
  const required = tier.volumeReplication;
  if (required === "none") return [];
  const strongEnough = Object.entries(facts.volumeTypes)
    .filter(([, type]) => STRENGTH[type.replication] >= STRENGTH[required])
    .map(([name]) => name);
  const violations: Violation[] = [];
  for (const volume of group.volumes) {
    const typeName = readString(volume.props, "volumeType");
    if (isUnknown(typeName)) {
      violations.push({
        message: `the volume type of ${identify(volume)} cannot be checked: ${unknownReason(typeName)}`,
        urn: volume.urn,
      });
      continue;
    }
    const type = typeName === undefined ? undefined : lookup(facts.volumeTypes, typeName);
    if (type !== undefined && STRENGTH[type.replication] >= STRENGTH[required]) continue;
    violations.push({
      message:
        `${identify(volume)} of ${tierName} workload ${group.name} ` +
        (typeName === undefined
          ? "names no volumeType (the cloud's default type does not replicate)"
          : type === undefined
            ? `is on volume type ${typeName}, which is not in the catalog`
            : `is on volume type ${typeName} (${type.replication})`) +
        `; ${tierName} data needs ${REPLICATION_WORDS[required]}: ${strongEnough.join(", ")}.`,
      urn: volume.urn,
    });
  }
  return violations;
}

/** Every replicated volume: its other half, and the command that pairs them. */
function checkPairs(
  resources: readonly ResourceView[],
  facts: DisasterRecoveryFacts,
  config: DisasterRecoveryConfig,
): Violation[] {
  const violations: Violation[] = [];
  const volumes = resources.filter((r) => isVolume(r.type));
  const byName = new Map<string, ResourceView>();
  for (const volume of volumes) {
    const name = readString(volume.props, "name");
    byName.set(typeof name === "string" ? name : volume.name, volume);
  }
  const commands = resources.filter((r) => r.type === T.command);
  for (const volume of volumes) {
    const metadata = readObject(volume.props, "metadata");
    const typeName = readString(volume.props, "volumeType");
    const type = typeof typeName === "string" ? lookup(facts.volumeTypes, typeName) : undefined;
    const meta = (key: string) => {
      const value = isUnknown(metadata) || metadata === undefined ? undefined : metadata[key];
      return typeof value === "string" && value !== "" ? value : undefined;
    };
    const role = meta("replication-role");
    if (role === undefined) {
      if (type !== undefined && type.replication !== "none") {
        violations.push({
          message:
            `${identify(volume)} is on replicated volume type ${typeName} but is not part of a ` +
            `pair (no replication-role metadata): its replica and pairing are missing, so its ` +
            `data is not at the other site.`,
          urn: volume.urn,
        });
      }
      continue;
    }
    if (role !== "primary") {
      const primaryName = meta("replication-primary");
      if (primaryName === undefined || !byName.has(primaryName)) {
        violations.push({
          message:
            `${identify(volume)} is a replica of ${primaryName ?? "(no replication-primary)"}, ` +
            `which is not in this stack: an orphaned replica replicates nothing.`,
          urn: volume.urn,
        });
      }
      continue;
    }
    const secondaryName = meta("replication-secondary");
    const secondary = secondaryName === undefined ? undefined : byName.get(secondaryName);
    if (secondary === undefined) {
      violations.push({
        message:
          `${identify(volume)} is a replicated primary, but its replica ` +
          `${secondaryName ?? "(no replication-secondary metadata)"} is not in this stack.`,
        urn: volume.urn,
      });
      continue;
    }
    const here = siteOf(volume, facts);
    const there = siteOf(secondary, facts);
    if (here.kind === "site" && there.kind === "site" && here.site === there.site) {
      violations.push({
        message:
          `${identify(volume)} and its replica ${secondary.name} are both at ${here.site}; a ` +
          `replica belongs at the other site.`,
        urn: volume.urn,
      });
    }
    const otherType = readString(secondary.props, "volumeType");
    if (typeof typeName === "string" && typeof otherType === "string" && typeName !== otherType) {
      violations.push({
        message: `${identify(volume)} is on ${typeName} but its replica ${secondary.name} is on ${otherType}; both halves of a pair use one replicated type.`,
        urn: volume.urn,
      });
    }
    const size = readNumber(volume.props, "size");
    const otherSize = readNumber(secondary.props, "size");
    if (typeof size === "number" && typeof otherSize === "number" && size !== otherSize) {
      violations.push({
        message: `${identify(volume)} has ${size} GiB but its replica ${secondary.name} has ${otherSize} GiB; the storage pairs volumes of one size.`,
        urn: volume.urn,
      });
    }
    if (config.requirePairingCommand) {
      const pairing = commands.find((command) => {
        const deps = new Set([
          ...command.dependencies,
          ...Object.values(command.propertyDependencies).flat(),
        ]);
        return deps.has(volume.urn) && deps.has(secondary.urn);
      });
      if (pairing === undefined) {
        violations.push({
          message:
            `${identify(volume)} and its replica ${secondary.name} have no pairing command ` +
            `(a command:local:Command that uses both volumes): the storage never pairs them.`,
          urn: volume.urn,
        });
      }
    }
  }
  return violations;
}

export function checkDisasterRecovery(
  resources: ResourceView[],
  { config, facts, stack }: RuleContext<DisasterRecoveryConfig, DisasterRecoveryFacts>,
): Verdict {
  const violations: Violation[] = [];
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const department = lookup(facts.departments, stack);
  const file = department?.file ?? `departments/${stack}.yaml`;
  const groups = new Map<string, WorkloadGroup>();
  const sites = new Map<ResourceView, string>();
  const groupOf = (name: string): WorkloadGroup => {
    let group = groups.get(name);
    if (group === undefined) {
      group = { name, instances: [], volumes: [], labelTiers: new Set() };
      groups.set(name, group);
    }
    return group;
  };

  for (const resource of resources) {
    const instance = resource.type === T.instance;
    if (!instance && !isVolume(resource.type)) continue;
    const labels = readLabels(resource);
    if (labels.unknown !== undefined) {
      violations.push({
        message: `disaster recovery of ${identify(resource)} cannot be checked: ${unknownReason(labels.unknown)}`,
        urn: resource.urn,
      });
      continue;
    }
    const workload = label(labels, "workload");
    if (workload === undefined) {
      if (instance) {
        violations.push({
          message:
            `${identify(resource)} names no workload (label workload), so its tier's disaster ` +
            `recovery cannot be checked.`,
          urn: resource.urn,
        });
      }
      continue;
    }
    const group = groupOf(workload);
    const tier = label(labels, "tier");
    if (tier !== undefined) group.labelTiers.add(tier);
    if (!instance) {
      group.volumes.push(resource);
      continue;
    }
    group.instances.push(resource);
    const where = siteOf(resource, facts, labels);
    if (where.kind === "site") sites.set(resource, where.site);
    else {
      violations.push({
        message: `the site of ${identify(resource)} cannot be told: ${siteProblem(where)}.`,
        urn: resource.urn,
      });
    }
  }

  for (const group of [...groups.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const known = department === undefined ? undefined : lookup(department.workloads, group.name);
    const labelTiers = [...group.labelTiers].sort();
    const tierName = known?.tier ?? (labelTiers.length === 1 ? labelTiers[0] : undefined);
    const tier = tierName === undefined ? undefined : lookup(facts.tiers, tierName);
    if (tierName === undefined || tier === undefined) {
      violations.push({
        message:
          `the tier of workload ${group.name} cannot be told (` +
          (labelTiers.length === 0
            ? "no tier label"
            : tierName === undefined
              ? `its resources say ${labelTiers.join(" and ")}`
              : `${tierName} is not a tier of platform.yaml`) +
          `), so its disaster recovery cannot be checked.`,
      });
      continue;
    }
    violations.push(
      ...checkPlacement(group, tierName, tier, sites, facts, file),
      ...checkAntiAffinity(group, tier, sites, byUrn, config),
      ...checkVolumeTypes(group, tierName, tier, facts),
    );
  }
  violations.push(...checkPairs(resources, facts, config));
  return violations;
}

/** The policy; `facts` stand in for config that carries none (rule-facts.ts). */
export function disasterRecovery(facts?: CityFacts) {
  return stackPolicy(
    {
      name: "disaster-recovery",
      description:
        "Critical workloads run at both sites, replicas are spread by anti-affinity server " +
        "groups, data volumes replicate as their tier requires, and every replicated volume is " +
        "a complete pair (primary, secondary and pairing command).",
      severity: "critical",
      enforcementLevel: "mandatory",
      scope: "departments",
      remediationSteps:
        "Match the workload to its tier in the department file: replicas at both sites for " +
        "active-active tiers, a replicated volume type (ssd-sync for critical, an async type or " +
        "better for important). The program then creates the server groups, replicas and " +
        "pairing commands; resources built outside it must do the same.",
      config: DISASTER_RECOVERY_CONFIG,
      facts: DISASTER_RECOVERY_FACTS,
    },
    facts,
    checkDisasterRecovery,
  );
}
