/**
 * naming-tagging, called directly on one resource at a time: names `<dept>-<site>-<thing>` in
 * Pulumi and in OpenStack, labels that agree with the stack, the provider's site and the
 * department file.
 */
import { strict as assert } from "node:assert";
import { NotApplicable } from "../../policies/lib/policy";
import type { ResourceView } from "../../policies/lib/resource-view";
import type { NamingTaggingConfig } from "../../policies/naming-tagging";
import { checkNamingTagging } from "../../policies/naming-tagging";
import { STACK } from "./support/estate";
import { testFacts } from "./support/facts";
import type { Case } from "./support/table";
import { table } from "./support/table";
import {
  copyAs,
  instance,
  moveTo,
  network,
  policeStack,
  project,
  relabel,
  serverGroup,
  set,
  shared,
  T,
  unknown,
  unset,
  view,
  workloadPart,
} from "./support/views";

const DEFAULTS: NamingTaggingConfig = { exemptNames: [], checkOpenStackNames: true };

const bastion = () => instance("bastion", "qingdao", 0);

const cases: Case<ResourceView, NamingTaggingConfig>[] = [
  {
    name: "warns about a name without the department",
    input: () => copyAs(bastion(), "bastion-0"),
    expect: [
      {
        says: 'bastion-0 (compute.Instance) is not named after its department: names start with "police-", at qingdao with "police-qingdao-", so that two departments (and two sites) never collide.',
      },
    ],
  },
  {
    name: "warns about a name of another department's stack",
    input: bastion,
    stack: "water",
    expect: [
      {
        says: 'police-qingdao-bastion-0 (compute.Instance) is not named after its department: names start with "water-", at qingdao with "water-qingdao-"',
      },
      {
        says: "police-qingdao-bastion-0 (compute.Instance) is labelled department=police in stack water; the department is the stack name.",
      },
      { says: "is labelled workload=bastion, which is not a workload of departments/water.yaml." },
    ],
  },
  {
    name: "warns about a name without the site it is deployed at, and a site label that disagrees",
    input: () => moveTo(instance("portal", "qingdao", 1), "laixi"),
    expect: [
      {
        says: 'police-qingdao-portal-1 (compute.Instance) is deployed at laixi (its provider\'s region) but its name does not start with "police-laixi-"; per-site names carry the site so that the two sites never collide.',
      },
      {
        says: "police-qingdao-portal-1 (compute.Instance) is labelled site=qingdao but its provider deploys it at laixi.",
      },
    ],
  },
  {
    name: "names Keystone objects after the department only, wherever their provider is",
    input: () => shared(T.roleAssignment, "police-owner-zhang.wei", "qingdao"),
    expect: [],
  },
  {
    name: "warns about a Keystone object labelled with one site",
    input: () => relabel(project(), { site: "qingdao" }),
    expect: [
      {
        says: "police-project (identity.Project) is labelled site=qingdao but serves every site (site=all).",
      },
    ],
  },
  {
    name: "warns about a site it cannot tell",
    input: () => moveTo(bastion(), "jimo"),
    expect: [
      {
        says: "the site of police-qingdao-bastion-0 (compute.Instance) cannot be told: its provider's region jimo is not the region of any site in platform.yaml.",
      },
    ],
  },
  {
    name: "warns about a site label that is no site, where the provider names none",
    input: () => {
      const resource = relabel(network("data", "qingdao"), { site: "jimo" });
      delete resource.provider;
      return resource;
    },
    expect: [
      {
        says: "police-qingdao-data (networking.Network) is labelled site=jimo, which is not a site of platform.yaml.",
      },
    ],
  },
  {
    name: "warns about an OpenStack name that is not the Pulumi name",
    input: () => set(bastion(), { name: "bastion" }),
    expect: [
      {
        says: "police-qingdao-bastion-0 (compute.Instance) is called bastion in OpenStack; the OpenStack name is the Pulumi name (police-qingdao-bastion-0), so that either finds the other.",
      },
    ],
  },
  {
    name: "leaves OpenStack names alone when the config says so",
    input: () => set(bastion(), { name: "bastion" }),
    config: { checkOpenStackNames: false },
    expect: [],
  },
  {
    name: "warns about a missing OpenStack name",
    input: () => unset(network("data", "qingdao"), "name"),
    expect: [
      {
        says: 'police-qingdao-data (networking.Network) has no OpenStack name; give it name: "police-qingdao-data".',
      },
    ],
  },
  {
    name: "warns about a project not called after the department in OpenStack",
    input: () => set(project(), { name: "police-project" }),
    expect: [
      {
        says: "police-project (identity.Project) is called police-project in OpenStack; the OpenStack name is the department id (police), so that either finds the other.",
      },
    ],
  },
  {
    name: "accepts an OpenStack name kept by ignoreChanges",
    input: () => set(serverGroup("portal", "qingdao"), { name: "police-qingdao-web" }),
    expect: [],
  },
  {
    name: "warns about an OpenStack name not known during the preview",
    input: () => set(bastion(), { name: unknown("name") }),
    expect: [
      {
        says: "the OpenStack name of police-qingdao-bastion-0 (compute.Instance) cannot be checked: .name is not known during the preview",
      },
    ],
  },
  {
    name: "warns about labels that disagree with the stack, the provider or the file",
    input: () => relabel(bastion(), { department: "water", site: "laixi", tier: "critical" }),
    expect: [
      {
        says: "police-qingdao-bastion-0 (compute.Instance) is labelled department=water in stack police; the department is the stack name.",
      },
      {
        says: "police-qingdao-bastion-0 (compute.Instance) is labelled site=laixi but its provider deploys it at qingdao.",
      },
      {
        says: "police-qingdao-bastion-0 (compute.Instance) is labelled tier=critical, but workload bastion is standard in departments/police.yaml.",
      },
    ],
  },
  {
    name: "warns about a tier that platform.yaml does not define",
    input: () => relabel(network("data", "qingdao"), { tier: "gold" }),
    expect: [
      {
        says: "police-qingdao-data (networking.Network) is labelled tier=gold, which is not a tier of platform.yaml: critical, important, standard.",
      },
    ],
  },
  {
    name: "accepts tier=none on shared resources no workload uses",
    input: () => relabel(network("data", "qingdao"), { tier: "none" }),
    expect: [],
  },
  {
    name: "warns about missing labels",
    input: () =>
      relabel(bastion(), {
        department: undefined,
        site: undefined,
        tier: undefined,
        workload: undefined,
      }),
    expect: [
      {
        says: "police-qingdao-bastion-0 (compute.Instance) lacks the labels department, site, tier, workload.",
      },
    ],
  },
  {
    name: "warns about a missing workload label",
    input: () => relabel(bastion(), { workload: undefined }),
    expect: [{ says: "police-qingdao-bastion-0 (compute.Instance) lacks the label workload." }],
  },
  {
    name: "warns about a workload label of another workload",
    input: () => relabel(instance("portal", "qingdao", 0), { workload: "case-db" }),
    expect: [
      {
        says: "police-qingdao-portal-0 (compute.Instance) is labelled tier=important, but workload case-db is critical in departments/police.yaml.",
      },
      {
        says: 'police-qingdao-portal-0 (compute.Instance) is labelled workload=case-db but is not named "police-qingdao-case-db-..." like the workload\'s resources.',
      },
    ],
  },
  {
    name: "warns about a workload label the department file does not know",
    input: () => relabel(instance("portal", "laixi", 0), { workload: "ghost" }),
    expect: [
      {
        says: "police-laixi-portal-0 (compute.Instance) is labelled workload=ghost, which is not a workload of departments/police.yaml.",
      },
      {
        says: 'police-laixi-portal-0 (compute.Instance) is labelled workload=ghost but is not named "police-laixi-ghost-..." like the workload\'s resources.',
      },
    ],
  },
  {
    name: "warns about tags and metadata that disagree",
    input: () => {
      const resource = bastion();
      (resource.props.metadata as Record<string, string>).owner = "sun.li";
      return resource;
    },
    expect: [
      {
        says: "police-qingdao-bastion-0 (compute.Instance) gives owner two different values (in its tags twice, or in its tags and its metadata).",
      },
    ],
  },
  {
    name: "warns about labels it cannot read during the preview",
    input: () => set(bastion(), { tags: unknown("tags") }),
    expect: [
      {
        says: "the labels of police-qingdao-bastion-0 (compute.Instance) cannot be checked: .tags is not known during the preview",
      },
    ],
  },
  {
    name: "skips the names the config exempts",
    input: () => copyAs(bastion(), "legacy-web-1"),
    config: { exemptNames: ["^legacy-"] },
    expect: { notApplicable: "legacy-web-1 matches exemptNames ^legacy-" },
  },
  {
    name: "says so when an exempt name is not a regular expression it can run",
    input: bastion,
    config: { exemptNames: ["("] },
    expect: [
      {
        says: [
          'exemptNames holds "(", which is not a regular expression govcloud can run (',
          "fix the policy config.",
        ],
      },
    ],
  },
  {
    name: "is not applicable to the root stack",
    input: () => view(T.rootStack, "govcloud-police"),
    expect: { notApplicable: "the root stack is named by Pulumi" },
  },
];

describe("naming-tagging", () => {
  it("passes every resource the program builds: components, providers and all", () => {
    const resources = [
      ...policeStack(),
      shared(T.router, `${STACK}-qingdao-router`, "qingdao"),
      shared(T.subnet, `${STACK}-laixi-app-subnet`, "laixi"),
      workloadPart(T.port, `${STACK}-laixi-portal-0-port`, "portal", "laixi"),
      workloadPart(T.secGroup, `${STACK}-qingdao-bastion`, "bastion", "qingdao"),
      view(T.openstackProvider, `${STACK}-laixi-admin`, { props: { region: "laixi" } }),
      view("pulumi:providers:command", `${STACK}-command`),
      view("govcloud:vdc:DepartmentVdc", STACK),
      view("govcloud:workload:Workload", `${STACK}-qingdao-case-db`),
    ];
    const context = { config: DEFAULTS, facts: testFacts(), stack: STACK };
    for (const resource of resources) {
      const verdict = checkNamingTagging(resource, context);
      assert.ok(!(verdict instanceof NotApplicable), resource.name);
      assert.deepEqual(verdict, [], resource.name);
    }
  });

  table(checkNamingTagging, DEFAULTS, cases);
});
