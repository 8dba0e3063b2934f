/**
 * naming-tagging (resource policy): names are identity. Every resource of a department stack is
 * named `<dept>-...`, and everything that lives at one site `<dept>-<site>-<thing>`, where the
 * site is the one its provider deploys to; the OpenStack `name` is the Pulumi name (the Keystone
 * project is named after the department). Labels are present and agree with the stack: the
 * department label is the stack name, the site label the provider's site, the tier a tier of
 * platform.yaml (the workload's own, for workload resources), and the workload label the
 * workload the name says.
 *
 * It starts advisory: resources adopted from before the program carry older names, and renaming
 * them takes aliases (or replaces them); list such names in `exemptNames` meanwhile.
 */
import { compileConfiguredPattern } from "../model/configured-pattern";
import { ALL_SITES, NO_TIER } from "../model/tags";
import type { CityFacts, RuleFacts } from "./lib/facts";
import { lookup } from "./lib/facts";
import { label, readLabels } from "./lib/labels";
import type { ConfigSchema, RuleContext, Verdict } from "./lib/policy";
import { NotApplicable, resourcePolicy } from "./lib/policy";
import { isDepartmentWide, isTaggable, T, WORKLOAD_TYPES } from "./lib/resource-types";
import type { ResourceView } from "./lib/resource-view";
import { identify, isUnknown, readString, unknownReason } from "./lib/resource-view";
import { siteOf, siteProblem } from "./lib/site";

/** The sections of the city's facts the rule reads. */
export const NAMING_TAGGING_FACTS = ["departments", "sites", "tiers"] as const;
export type NamingTaggingFacts = RuleFacts<(typeof NAMING_TAGGING_FACTS)[number]>;

export interface NamingTaggingConfig {
  exemptNames: string[];
  checkOpenStackNames: boolean;
}

export const NAMING_TAGGING_CONFIG: ConfigSchema<NamingTaggingConfig> = {
  exemptNames: {
    type: "array",
    items: { type: "string", minLength: 1 },
    default: [],
    description:
      "Regular expressions of Pulumi names this policy skips (adopted resources that keep an " +
      "older name until they are renamed with aliases).",
  },
  checkOpenStackNames: {
    type: "boolean",
    default: true,
    description: "Check that the OpenStack `name` equals the Pulumi name.",
  },
};

/** Types the program always names in OpenStack. */
const NAMED_TYPES: readonly string[] = [
  T.instance,
  T.port,
  T.serverGroup,
  T.volume,
  T.network,
  T.subnet,
  T.router,
  T.secGroup,
  T.project,
];

function startsWithPart(name: string, prefix: string): boolean {
  return name === prefix || name.startsWith(`${prefix}-`);
}

export function checkNamingTagging(
  resource: ResourceView,
  { config, facts, stack }: RuleContext<NamingTaggingConfig, NamingTaggingFacts>,
): Verdict {
  if (resource.type === T.rootStack) return new NotApplicable("the root stack is named by Pulumi");
  for (const pattern of config.exemptNames) {
    const compiled = compileConfiguredPattern(pattern);
    if (!compiled.ok) {
      return [
        {
          message: `exemptNames holds ${JSON.stringify(pattern)}, which is not a regular expression govcloud can run (${compiled.reason}); fix the policy config.`,
        },
      ];
    }
    const exempt = compiled.test(resource.name);
    if (exempt) return new NotApplicable(`${resource.name} matches exemptNames ${pattern}`);
  }
  const messages: string[] = [];
  const department = lookup(facts.departments, stack);
  const labels = readLabels(resource);

  // Where the resource lives: its provider's region (the program gives each site its own).
  const openstack = resource.type.startsWith("openstack:") || resource.type === T.openstackProvider;
  const where = openstack ? siteOf(resource, facts) : undefined;
  let site: string | undefined;
  if (where !== undefined && where.kind === "site" && where.from === "provider") site = where.site;
  else if (where !== undefined && where.kind !== "site" && where.kind !== "none") {
    messages.push(`the site of ${identify(resource)} cannot be told: ${siteProblem(where)}.`);
  }

  let prefixOk = true;
  if (!startsWithPart(resource.name, stack)) {
    prefixOk = false;
    messages.push(
      `${identify(resource)} is not named after its department: names start with "${stack}-"` +
        (site !== undefined && !isDepartmentWide(resource.type)
          ? `, at ${site} with "${stack}-${site}-"`
          : "") +
        `, so that two departments (and two sites) never collide.`,
    );
  } else if (site !== undefined && !isDepartmentWide(resource.type)) {
    if (!resource.name.startsWith(`${stack}-${site}-`)) {
      prefixOk = false;
      messages.push(
        `${identify(resource)} is deployed at ${site} (its provider's region) but its name does ` +
          `not start with "${stack}-${site}-"; per-site names carry the site so that the two ` +
          `sites never collide.`,
      );
    }
  }

  if (config.checkOpenStackNames && openstack && resource.type !== T.openstackProvider) {
    const name = readString(resource.props, "name");
    const expected = resource.type === T.project ? stack : resource.name;
    if (isUnknown(name)) {
      messages.push(
        `the OpenStack name of ${identify(resource)} cannot be checked: ${unknownReason(name)}`,
      );
    } else if (name === undefined || name === "") {
      if (NAMED_TYPES.includes(resource.type)) {
        messages.push(`${identify(resource)} has no OpenStack name; give it name: "${expected}".`);
      }
    } else if (name !== expected && !resource.ignoreChanges.includes("name")) {
      messages.push(
        `${identify(resource)} is called ${name} in OpenStack; the OpenStack name is ` +
          (resource.type === T.project ? "the department id" : "the Pulumi name") +
          ` (${expected}), so that either finds the other.`,
      );
    }
  }

  if (isTaggable(resource.type)) {
    if (labels.unknown !== undefined) {
      messages.push(
        `the labels of ${identify(resource)} cannot be checked: ${unknownReason(labels.unknown)}`,
      );
    } else {
      const missing = ["department", "site", "tier"].filter(
        (key) => label(labels, key) === undefined,
      );
      const workload = label(labels, "workload");
      if (WORKLOAD_TYPES.includes(resource.type) && workload === undefined)
        missing.push("workload");
      if (missing.length > 0) {
        messages.push(
          `${identify(resource)} lacks the label${missing.length === 1 ? "" : "s"} ${missing.join(", ")}.`,
        );
      }
      if (labels.conflicts.length > 0) {
        messages.push(
          `${identify(resource)} gives ${labels.conflicts.join(", ")} two different values ` +
            `(in its tags twice, or in its tags and its metadata).`,
        );
      }
      const labelDepartment = label(labels, "department");
      if (labelDepartment !== undefined && labelDepartment !== stack) {
        messages.push(
          `${identify(resource)} is labelled department=${labelDepartment} in stack ${stack}; the department is the stack name.`,
        );
      }
      const labelSite = label(labels, "site");
      const expectedSite = isDepartmentWide(resource.type) ? ALL_SITES : site;
      if (labelSite !== undefined && expectedSite !== undefined && labelSite !== expectedSite) {
        messages.push(
          `${identify(resource)} is labelled site=${labelSite} but ` +
            (expectedSite === ALL_SITES
              ? `serves every site (site=${ALL_SITES}).`
              : `its provider deploys it at ${expectedSite}.`),
        );
      } else if (
        labelSite !== undefined &&
        labelSite !== ALL_SITES &&
        lookup(facts.sites, labelSite) === undefined
      ) {
        messages.push(
          `${identify(resource)} is labelled site=${labelSite}, which is not a site of platform.yaml.`,
        );
      }
      const tier = label(labels, "tier");
      const known =
        workload === undefined || department === undefined
          ? undefined
          : lookup(department.workloads, workload);
      if (tier !== undefined && tier !== NO_TIER && lookup(facts.tiers, tier) === undefined) {
        messages.push(
          `${identify(resource)} is labelled tier=${tier}, which is not a tier of platform.yaml: ${Object.keys(facts.tiers).join(", ")}.`,
        );
      } else if (tier !== undefined && known !== undefined && tier !== known.tier) {
        messages.push(
          `${identify(resource)} is labelled tier=${tier}, but workload ${workload} is ${known.tier} in ${department?.file}.`,
        );
      }
      if (workload !== undefined) {
        if (department !== undefined && known === undefined) {
          messages.push(
            `${identify(resource)} is labelled workload=${workload}, which is not a workload of ${department.file}.`,
          );
        }
        const at = site ?? labelSite;
        if (
          prefixOk &&
          at !== undefined &&
          !startsWithPart(resource.name, `${stack}-${at}-${workload}`)
        ) {
          messages.push(
            `${identify(resource)} is labelled workload=${workload} but is not named "${stack}-${at}-${workload}-..." like the workload's resources.`,
          );
        }
      }
    }
  }
  return messages.map((message) => ({ message }));
}

/** The policy; `facts` stand in for config that carries none (rule-facts.ts). */
export function namingTagging(facts?: CityFacts) {
  return resourcePolicy(
    {
      name: "naming-tagging",
      description:
        "Resources are named <dept>-<site>-<thing> in Pulumi and in OpenStack, and their " +
        "department, site, tier and workload labels agree with the stack, the provider's site " +
        "and the department file.",
      severity: "medium",
      enforcementLevel: "advisory",
      scope: "departments",
      remediationSteps:
        "Create resources through the program's components (they name and label everything " +
        "from the department file). To rename an existing resource keep its old name as an " +
        "alias (previousNames in the department file); meanwhile list it in exemptNames.",
      config: NAMING_TAGGING_CONFIG,
      facts: NAMING_TAGGING_FACTS,
    },
    facts,
    checkNamingTagging,
  );
}
