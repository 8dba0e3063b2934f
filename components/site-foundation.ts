/**
 * What a department has at one site before any instance runs: its quota, networks, subnets,
 * router, one security group per workload that runs there, and access to the private flavors
 * its workloads use. Everything here goes through the site's admin provider; resources that
 * belong to the project say so with `tenantId`.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { findFlavor, findSite } from "../model/catalog";
import { previousNames } from "../model/lifecycle";
import { workloadsAt } from "../model/placement";
import { ingressRuleSlug, siteResourceName } from "../model/naming";
import { siteQuotaLimits } from "../model/quota";
import { labelsToTags, sharedLabels, workloadLabels } from "../model/tags";
import type { Department, IngressRule, Platform, Workload } from "../model/types";
import { withFormerNames } from "./aliases";

export interface SiteFoundationArgs {
  platform: Platform;
  department: Department;
  /** Site id; the department must have a quota there. */
  site: string;
  projectId: pulumi.Input<string>;
  /** The site's admin provider. */
  adminProvider: openstack.Provider;
}

export interface SiteNetwork {
  networkId: pulumi.Output<string>;
  subnetId: pulumi.Output<string>;
  cidr: string;
}

const NETWORK_REFERENCE = "network:";

/** Workloads with at least one instance at the site, in file order. */
/** The source CIDR of a rule at one site: as written, or the CIDR of the named network there. */
export function ruleSourceCidr(
  dept: Department,
  site: string,
  rule: IngressRule,
): string | undefined {
  if (!rule.from.startsWith(NETWORK_REFERENCE)) return rule.from;
  const name = rule.from.slice(NETWORK_REFERENCE.length);
  return dept.networks.find((network) => network.name === name)?.cidrs[site];
}

/** Every input problem at once, each with the path of the field in the department file. */
export function foundationInputProblems(
  args: SiteFoundationArgs,
): pulumi.InputPropertyErrorDetails[] {
  const { department: dept, site, platform } = args;
  const problems: pulumi.InputPropertyErrorDetails[] = [];
  if (findSite(platform, site)?.openstack === undefined) {
    problems.push({
      propertyPath: "site",
      reason: `${site} is not an active site of platform.yaml`,
    });
  }
  if (dept.quotas[site] === undefined) {
    problems.push({ propertyPath: `quotas.${site}`, reason: `${dept.id} has no quota at ${site}` });
  }
  dept.workloads.forEach((workload, w) => {
    if ((workload.replicas[site] ?? 0) === 0) return;
    const seen = new Set<string>();
    (workload.ingress ?? []).forEach((rule, r) => {
      const path = `workloads[${w}].ingress[${r}]`;
      const slug = ingressRuleSlug(rule);
      if (seen.has(slug)) problems.push({ propertyPath: path, reason: `repeats rule ${slug}` });
      seen.add(slug);
      if (ruleSourceCidr(dept, site, rule) === undefined) {
        problems.push({
          propertyPath: `${path}.from`,
          reason: `${rule.from} has no subnet at ${site}: add a CIDR for ${site} to that network`,
        });
      }
      if (rule.protocol !== "icmp" && rule.port === undefined) {
        problems.push({ propertyPath: `${path}.port`, reason: `${rule.protocol} needs a port` });
      }
    });
  });
  return problems;
}

export class SiteFoundation extends pulumi.ComponentResource {
  public readonly networks: Record<string, SiteNetwork>;
  public readonly securityGroupIds: Record<string, pulumi.Output<string>>;
  public readonly externalNetworkId: pulumi.Output<string> | undefined;
  public readonly routerId: pulumi.Output<string> | undefined;
  /**
   * The project's compute, network and volume quotas at the site. Whatever counts against them
   * depends on them, so that a change that raises a quota and uses it applies the quota first
   * (the engine otherwise creates both at once, and Neutron, Nova or Cinder refuse the create).
   */
  public readonly quotas: pulumi.Resource[];

  constructor(name: string, args: SiteFoundationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("govcloud:vdc:SiteFoundation", name, {}, opts);
    const problems = foundationInputProblems(args);
    if (problems.length > 0) {
      throw new pulumi.InputPropertiesError({
        message: `${args.department.id} cannot be built at ${args.site}`,
        errors: problems,
      });
    }
    const { department: dept, platform, site, projectId, adminProvider } = args;
    const siteModel = findSite(platform, site)!;
    const admin: pulumi.CustomResourceOptions = { parent: this, provider: adminProvider };
    const here = workloadsAt(dept, site);
    const siteTags = labelsToTags(sharedLabels(dept, platform, site, here));
    const named = (...parts: string[]) => siteResourceName(dept.id, site, ...parts);

    this.quotas = this.createQuotas(args, admin);
    const limited: pulumi.CustomResourceOptions = { ...admin, dependsOn: this.quotas };

    this.externalNetworkId =
      siteModel.externalNetwork === undefined
        ? undefined
        : openstack.networking
            .getNetworkOutput({ name: siteModel.externalNetwork, external: true }, admin)
            .apply((network) => network.id);

    const atSite = dept.networks.filter((network) => network.cidrs[site] !== undefined);
    const router =
      atSite.length === 0
        ? undefined
        : new openstack.networking.Router(
            named("router"),
            {
              name: named("router"),
              tenantId: projectId,
              ...(this.externalNetworkId === undefined
                ? {}
                : { externalNetworkId: this.externalNetworkId }),
              tags: siteTags,
            },
            limited,
          );
    this.routerId = router?.id;

    this.networks = {};
    for (const network of atSite) {
      const users = here.filter((workload) => workload.network === network.name);
      const tags = labelsToTags(sharedLabels(dept, platform, site, users));
      const cidr = network.cidrs[site];
      const net = new openstack.networking.Network(
        named(network.name),
        {
          name: named(network.name),
          tenantId: projectId,
          ...(network.description === undefined ? {} : { description: network.description }),
          tags,
        },
        limited,
      );
      const subnet = new openstack.networking.Subnet(
        named(network.name, "subnet"),
        {
          name: named(network.name, "subnet"),
          networkId: net.id,
          cidr,
          ipVersion: 4,
          tenantId: projectId,
          tags,
        },
        limited,
      );
      new openstack.networking.RouterInterface(
        named(network.name, "router-interface"),
        { routerId: router!.id, subnetId: subnet.id },
        limited,
      );
      this.networks[network.name] = { networkId: net.id, subnetId: subnet.id, cidr };
    }

    this.securityGroupIds = {};
    for (const workload of here) {
      this.securityGroupIds[workload.name] = this.createSecurityGroup(args, workload, limited);
    }

    this.createFlavorAccess(args, here, admin);

    this.registerOutputs({
      networks: this.networks,
      securityGroupIds: this.securityGroupIds,
      externalNetworkId: this.externalNetworkId,
      routerId: this.routerId,
    });
  }

  /** All three quotas with every field: OpenStack zeroes whatever a quota request leaves out. */
  private createQuotas(
    args: SiteFoundationArgs,
    admin: pulumi.CustomResourceOptions,
  ): pulumi.Resource[] {
    const { department: dept, site, projectId } = args;
    const limits = siteQuotaLimits(dept.quotas[site], args.platform);
    const named = (thing: string) => siteResourceName(dept.id, site, thing);
    return [
      new openstack.compute.QuotaSetV2(
        named("compute-quota"),
        { projectId, ...limits.compute },
        admin,
      ),
      new openstack.networking.QuotaV2(
        named("network-quota"),
        { projectId, ...limits.network },
        admin,
      ),
      new openstack.blockstorage.QuoteSetV3(
        named("volume-quota"),
        { projectId, ...limits.volume },
        admin,
      ),
    ];
  }

  /**
   * One group per workload with exactly the ingress its file lists. Neutron's default egress
   * rules stay. Rules are named after what they allow (see ingressRuleSlug).
   */
  private createSecurityGroup(
    args: SiteFoundationArgs,
    workload: Workload,
    admin: pulumi.CustomResourceOptions,
  ): pulumi.Output<string> {
    const { department: dept, site, projectId } = args;
    const name = (workloadName: string, ...parts: string[]) =>
      siteResourceName(dept.id, site, workloadName, ...parts);
    const former = previousNames(workload);
    const group = new openstack.networking.SecGroup(
      name(workload.name),
      {
        name: name(workload.name),
        description: `Ingress of ${workload.name}`,
        tenantId: projectId,
        tags: labelsToTags(workloadLabels(dept, workload, site)),
      },
      withFormerNames(
        admin,
        former.map((old) => name(old)),
      ),
    );
    for (const rule of workload.ingress ?? []) {
      const slug = ingressRuleSlug(rule);
      const ports =
        rule.protocol === "icmp" || rule.port === undefined
          ? {}
          : { portRangeMin: rule.port, portRangeMax: rule.toPort ?? rule.port };
      new openstack.networking.SecGroupRule(
        name(workload.name, slug),
        {
          securityGroupId: group.id,
          direction: "ingress",
          ethertype: "IPv4",
          protocol: rule.protocol,
          ...ports,
          remoteIpPrefix: ruleSourceCidr(dept, site, rule)!,
          tenantId: projectId,
          ...(rule.description === undefined ? {} : { description: rule.description }),
        },
        withFormerNames(
          admin,
          former.map((old) => name(old, slug)),
        ),
      );
    }
    return group.id;
  }

  /** Private flavors reach a project only through flavor access, one grant per flavor and site. */
  private createFlavorAccess(
    args: SiteFoundationArgs,
    here: Workload[],
    admin: pulumi.CustomResourceOptions,
  ): void {
    const { department: dept, platform, site, projectId } = args;
    const privateFlavors = [...new Set(here.map((workload) => workload.flavor))]
      .filter((name) => findFlavor(platform, name)?.public === false)
      .sort();
    for (const flavorName of privateFlavors) {
      const flavor = openstack.compute.getFlavorOutput(
        { name: flavorName, isPublic: false },
        admin,
      );
      new openstack.compute.FlavorAccess(
        siteResourceName(dept.id, site, "flavor-access", flavorName),
        { flavorId: flavor.apply((f) => f.id), tenantId: projectId },
        admin,
      );
    }
  }
}
