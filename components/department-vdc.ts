/**
 * A department's virtual datacenter: its Keystone project (one Keystone serves every site, so
 * the project is created once, through the admin provider of the platform's first active site),
 * the role assignments of its owners and of the automation account, and at each site it has a
 * quota at: two providers, a SiteFoundation and one Workload per workload running there.
 *
 * Owners are Keystone users looked up by their login id (`owners[].id`): the city's directory
 * backs Keystone, so the id in the file is the user name people log in with. A person missing
 * from Keystone stops the preview with the provider's "no user found" error, before anything
 * changes.
 *
 * The project and the replicated volumes are protected, unless the file carries a
 * `decommission` block: then this component lifts the protection so that `pulumi destroy` can
 * take the VDC down.
 *
 * The component is named after the department id and refuses any other name: the id is the
 * Keystone project's name and the first part of every name below it, placement's instance and
 * volume names included, so a VDC named otherwise would mix two prefixes in one stack.
 */
import * as command from "@pulumi/command";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { AUTOMATION_ROLE, OWNER_ROLES } from "../model/access";
import { activeSites } from "../model/catalog";
import { decommissionMarker, renameConflicts } from "../model/lifecycle";
import { workloadsAt } from "../model/placement";
import { formatPath } from "../model/problem";
import { departmentResourceName, siteResourceName } from "../model/naming";
import { ALL_SITES, labelsToTags, sharedLabels } from "../model/tags";
import type { Department, Platform, Site, Workload as WorkloadModel } from "../model/types";
import { withFormerNames } from "./aliases";
import { createAdminProvider, createProjectProvider } from "./providers";
import type { SiteCredentials } from "./providers";
import type { VolumePair } from "./replicated-volume";
import { foundationFields, workloadFields, workloadNames } from "./site-args";
import { SiteFoundation } from "./site-foundation";
import { Workload } from "./workload";
import type { InstanceAddresses, WorkloadArgs } from "./workload";

export interface DepartmentVdcArgs {
  /** The whole platform: sites, catalog, tiers, quota defaults and pairing place and label the VDC. */
  platform: Platform;
  /** The whole department file: every field of it becomes part of the VDC. */
  department: Department;
  /**
   * Login of the automation account per site id: every site the department has a quota at,
   * and the platform's first active site (where the project is created).
   */
  credentials: Record<string, SiteCredentials>;
  /** Keystone domain of the owners' user accounts. Default: search every domain. */
  ownerDomainId?: string;
}

export interface SiteOutputs {
  networks: Record<
    string,
    { networkId: pulumi.Output<string>; subnetId: pulumi.Output<string>; cidr: string }
  >;
  instances: Record<string, InstanceAddresses>;
}

/** The sites a department uses (those it has a quota at), in the platform's order. */
export function departmentSites(platform: Platform, dept: Department): Site[] {
  return activeSites(platform).filter((site) => dept.quotas[site.id] !== undefined);
}

/** Where the shared identity objects are created: the platform's first active site. */
export function identitySite(platform: Platform): Site {
  const site = activeSites(platform)[0];
  if (site === undefined) throw new Error("platform.yaml has no active site");
  return site;
}

export class DepartmentVdc extends pulumi.ComponentResource {
  public readonly projectId: pulumi.Output<string>;
  public readonly sites: Record<string, SiteOutputs>;
  public readonly volumePairs: VolumePair[];

  constructor(name: string, args: DepartmentVdcArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("govcloud:vdc:DepartmentVdc", name, {}, opts);
    const { platform, department: dept } = args;
    if (name !== dept.id) {
      throw new pulumi.InputPropertiesError({
        message: `${name} cannot be built`,
        errors: [
          {
            propertyPath: "department.id",
            reason: `a DepartmentVdc is named after its department's id, ${dept.id}, not ${name}`,
          },
        ],
      });
    }
    // Validation reports these with file and line; this guard keeps the component safe on its own.
    const renames = renameConflicts(dept);
    if (renames.length > 0) {
      throw new pulumi.InputPropertiesError({
        message: `${dept.id} has a conflicting rename history`,
        errors: renames.map((conflict) => ({
          propertyPath: formatPath(conflict.path),
          reason: `${conflict.message}: ${conflict.fix}`,
        })),
      });
    }
    const protect = decommissionMarker(dept) === undefined;
    const sites = departmentSites(platform, dept);
    const identity = identitySite(platform);

    const adminProviders = new Map<string, openstack.Provider>();
    for (const site of [identity, ...sites.filter((s) => s.id !== identity.id)]) {
      const providerName = siteResourceName(dept.id, site.id, "admin");
      adminProviders.set(
        site.id,
        createAdminProvider(providerName, site, credentialsFor(args, site), { parent: this }),
      );
    }
    const identityOpts: pulumi.CustomResourceOptions = {
      parent: this,
      provider: adminProviders.get(identity.id)!,
    };
    const project = new openstack.identity.Project(
      departmentResourceName(dept.id, "project"),
      {
        name: dept.id,
        description: `${dept.name.en} (${dept.name.zh})`,
        enabled: true,
        tags: labelsToTags(sharedLabels(dept, platform, ALL_SITES, dept.workloads)),
      },
      { ...identityOpts, protect },
    );
    this.projectId = project.id;
    const automationAssignment = this.assignRoles(args, project, identityOpts);

    // Scoped to the project only once the automation account is a member of it.
    const projectProviders: Record<string, openstack.Provider> = {};
    for (const site of sites) {
      projectProviders[site.id] = createProjectProvider(
        siteResourceName(dept.id, site.id, "project"),
        site,
        credentialsFor(args, site),
        dept.id,
        { parent: this, dependsOn: [project, automationAssignment] },
      );
    }
    const commandProvider = new command.Provider(
      departmentResourceName(dept.id, "command"),
      {},
      { parent: this },
    );

    const foundations = new Map<string, SiteFoundation>();
    for (const site of sites) {
      const foundationArgs = {
        ...foundationFields(platform, dept, site.id),
        projectId: project.id,
        adminProvider: adminProviders.get(site.id)!,
      };
      foundations.set(
        site.id,
        new SiteFoundation(siteResourceName(dept.id, site.id), foundationArgs, { parent: this }),
      );
    }

    this.sites = {};
    this.volumePairs = [];
    // Every site's: a workload keeps the replicas of its volumes at the other site.
    const quotas = [...foundations.values()].flatMap((foundation) => foundation.quotas);
    for (const site of sites) {
      const foundation = foundations.get(site.id)!;
      const outputs: SiteOutputs = { networks: foundation.networks, instances: {} };
      for (const workload of workloadsAt(dept, site.id)) {
        const built = this.createWorkload(args, workload, site.id, foundation, quotas, {
          projectProviders,
          commandProvider,
          protect,
        });
        Object.assign(outputs.instances, built.instances);
        this.volumePairs.push(...built.volumePairs);
      }
      this.sites[site.id] = outputs;
    }

    this.registerOutputs({
      projectId: this.projectId,
      sites: this.sites,
      volumePairs: this.volumePairs,
    });
  }

  /**
   * `member` for the automation account (the account the admin provider logs in as), and each
   * owner's role. Returns the automation account's assignment: the project providers wait for it.
   */
  private assignRoles(
    args: DepartmentVdcArgs,
    project: openstack.identity.Project,
    identityOpts: pulumi.CustomResourceOptions,
  ): openstack.identity.RoleAssignment {
    const dept = args.department;
    const roleIds = new Map<string, pulumi.Output<string>>();
    const role = (roleName: string): pulumi.Output<string> => {
      if (!roleIds.has(roleName)) {
        const lookup = openstack.identity.getRoleOutput({ name: roleName }, identityOpts);
        roleIds.set(
          roleName,
          lookup.apply((found) => found.id),
        );
      }
      return roleIds.get(roleName)!;
    };

    const automationUserId = openstack.identity
      .getAuthScopeOutput({ name: departmentResourceName(dept.id, "automation") }, identityOpts)
      .apply((scope) => scope.userId);
    const automation = new openstack.identity.RoleAssignment(
      departmentResourceName(dept.id, "automation", AUTOMATION_ROLE),
      { projectId: project.id, userId: automationUserId, roleId: role(AUTOMATION_ROLE) },
      identityOpts,
    );

    const domain = args.ownerDomainId === undefined ? {} : { domainId: args.ownerDomainId };
    for (const owner of dept.owners) {
      const user = openstack.identity.getUserOutput({ name: owner.id, ...domain }, identityOpts);
      new openstack.identity.RoleAssignment(
        departmentResourceName(dept.id, "owner", owner.id),
        {
          projectId: project.id,
          userId: user.apply((u) => u.id),
          roleId: role(OWNER_ROLES[owner.role]),
        },
        identityOpts,
      );
    }
    return automation;
  }

  private createWorkload(
    args: DepartmentVdcArgs,
    workload: WorkloadModel,
    site: string,
    foundation: SiteFoundation,
    quotas: pulumi.Resource[],
    shared: Pick<WorkloadArgs, "projectProviders" | "commandProvider" | "protect">,
  ): Workload {
    const dept = args.department;
    const network = foundation.networks[workload.network];
    if (network === undefined) {
      throw new pulumi.InputPropertiesError({
        message: `${dept.id} cannot be built at ${site}`,
        errors: [
          {
            propertyPath: `workloads.${workload.name}.network`,
            reason: `network ${workload.network} has no subnet at ${site}`,
          },
        ],
      });
    }
    const { name, formerNames } = workloadNames(dept, workload, site);
    return new Workload(
      name,
      {
        ...workloadFields(args.platform, dept, workload, site),
        ...shared,
        networkId: network.networkId,
        subnetId: network.subnetId,
        securityGroupId: foundation.securityGroupIds[workload.name],
      },
      withFormerNames(
        // Instances, ports, volumes (and their replicas) and floating IPs count against quotas.
        { parent: this, transformations: [dependingOn(quotas)] },
        formerNames,
      ),
    );
  }
}

/** A transformation that makes every resource under a component depend on `resources` too. */
function dependingOn(resources: pulumi.Resource[]): pulumi.ResourceTransformation {
  return ({ props, opts }) => {
    const existing = opts.dependsOn;
    if (
      existing !== undefined &&
      !Array.isArray(existing) &&
      !pulumi.Resource.isInstance(existing)
    ) {
      return undefined; // an output of resources: left as it is (the program sets none here)
    }
    const before = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
    return { props, opts: { ...opts, dependsOn: [...before, ...resources] } };
  };
}

function credentialsFor(args: DepartmentVdcArgs, site: Site): SiteCredentials {
  const credentials = args.credentials[site.id];
  if (credentials === undefined) {
    throw new pulumi.InputPropertiesError({
      message: `${args.department.id} cannot be built`,
      errors: [{ propertyPath: `credentials.${site.id}`, reason: `no login for site ${site.id}` }],
    });
  }
  return credentials;
}
