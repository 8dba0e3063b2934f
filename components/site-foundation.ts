/**
 * What a department has at one site before any instance runs: its quota, networks, subnets,
 * router, one security group per workload that runs there, and access to the private flavors
 * its workloads use. Everything here goes through the site's admin provider; resources that
 * belong to the project say so with `tenantId`.
 *
 * Every child is named `<name>-<thing>` after the component, and that name is also the
 * OpenStack name of networks, subnets, routers and security groups. The department's VDC names
 * its foundation at a site `<dept>-<site>`.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { ingressRuleSlug } from "../model/naming";
import type { SiteQuotaLimits } from "../model/quota";
import { labelsToTags } from "../model/tags";
import type { Labels } from "../model/tags";
import type { IngressRule } from "../model/types";
import { withFormerNames } from "./aliases";

/** A department network that has a CIDR at the site. */
export interface FoundationNetwork {
  name: string;
  cidr: string;
  description?: string;
  /** Labels of the network and its subnet: those of the workloads on it (sharedLabels). */
  labels: Labels;
}

/** A workload with instances at the site: its security group allows the ingress it lists. */
export interface FoundationWorkload {
  name: string;
  /** Where it is in the department file (`workloads[2]`), for the paths of input problems. */
  path: string;
  ingress: readonly IngressRule[];
  /** Its earlier names, oldest first: the group and its rules get aliases from them. */
  formerNames: readonly string[];
  /** Labels of its security group (workloadLabels). */
  labels: Labels;
}

export interface SiteFoundationArgs {
  /** Site id, as input problems name it. */
  site: string;
  /** Compute, network and volume quota of the project at the site, every field set. */
  quota: SiteQuotaLimits;
  /** The department's networks with a CIDR at the site, in file order. */
  networks: readonly FoundationNetwork[];
  /** The workloads with instances at the site, in file order. */
  workloads: readonly FoundationWorkload[];
  /** Labels of the router: those of every workload at the site (sharedLabels). */
  routerLabels: Labels;
  /** The site's external network, the router's gateway; none leaves the router internal. */
  externalNetwork?: string;
  /** Private flavors the workloads at the site boot, each granted to the project once. */
  privateFlavors: readonly string[];
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

/** The source CIDR of a rule at the site: as written, or the CIDR of the named network there. */
export function ruleSourceCidr(
  networks: readonly Pick<FoundationNetwork, "name" | "cidr">[],
  rule: IngressRule,
): string | undefined {
  if (!rule.from.startsWith(NETWORK_REFERENCE)) return rule.from;
  const name = rule.from.slice(NETWORK_REFERENCE.length);
  return networks.find((network) => network.name === name)?.cidr;
}

/** Every input problem at once, each with the path of the field in the department file. */
export function foundationInputProblems(
  args: Pick<SiteFoundationArgs, "site" | "networks" | "workloads">,
): pulumi.InputPropertyErrorDetails[] {
  const { site, networks } = args;
  const problems: pulumi.InputPropertyErrorDetails[] = [];
  for (const workload of args.workloads) {
    const seen = new Set<string>();
    workload.ingress.forEach((rule, r) => {
      const path = `${workload.path}.ingress[${r}]`;
      const slug = ingressRuleSlug(rule);
      if (seen.has(slug)) problems.push({ propertyPath: path, reason: `repeats rule ${slug}` });
      seen.add(slug);
      if (ruleSourceCidr(networks, rule) === undefined) {
        problems.push({
          propertyPath: `${path}.from`,
          reason: `${rule.from} has no subnet at ${site}: add a CIDR for ${site} to that network`,
        });
      }
      if (rule.protocol !== "icmp" && rule.port === undefined) {
        problems.push({ propertyPath: `${path}.port`, reason: `${rule.protocol} needs a port` });
      }
    });
  }
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
        message: `${name} cannot be built at ${args.site}`,
        errors: problems,
      });
    }
    const { projectId, adminProvider } = args;
    const admin: pulumi.CustomResourceOptions = { parent: this, provider: adminProvider };
    const named = (...parts: string[]) => [name, ...parts].join("-");

    this.quotas = this.createQuotas(named, args, admin);
    const limited: pulumi.CustomResourceOptions = { ...admin, dependsOn: this.quotas };

    this.externalNetworkId =
      args.externalNetwork === undefined
        ? undefined
        : openstack.networking
            .getNetworkOutput({ name: args.externalNetwork, external: true }, admin)
            .apply((network) => network.id);

    const router =
      args.networks.length === 0
        ? undefined
        : new openstack.networking.Router(
            named("router"),
            {
              name: named("router"),
              tenantId: projectId,
              ...(this.externalNetworkId === undefined
                ? {}
                : { externalNetworkId: this.externalNetworkId }),
              tags: labelsToTags(args.routerLabels),
            },
            limited,
          );
    this.routerId = router?.id;

    this.networks = {};
    for (const network of args.networks) {
      const tags = labelsToTags(network.labels);
      const { cidr } = network;
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
    for (const workload of args.workloads) {
      this.securityGroupIds[workload.name] = this.createSecurityGroup(
        named,
        args,
        workload,
        limited,
      );
    }

    for (const flavorName of args.privateFlavors) {
      const flavor = openstack.compute.getFlavorOutput(
        { name: flavorName, isPublic: false },
        admin,
      );
      new openstack.compute.FlavorAccess(
        named("flavor-access", flavorName),
        { flavorId: flavor.apply((f) => f.id), tenantId: projectId },
        admin,
      );
    }

    this.registerOutputs({
      networks: this.networks,
      securityGroupIds: this.securityGroupIds,
      externalNetworkId: this.externalNetworkId,
      routerId: this.routerId,
    });
  }

  /** All three quotas with every field: OpenStack zeroes whatever a quota request leaves out. */
  private createQuotas(
    named: (...parts: string[]) => string,
    args: SiteFoundationArgs,
    admin: pulumi.CustomResourceOptions,
  ): pulumi.Resource[] {
    const { quota, projectId } = args;
    return [
      new openstack.compute.QuotaSetV2(
        named("compute-quota"),
        { projectId, ...quota.compute },
        admin,
      ),
      new openstack.networking.QuotaV2(
        named("network-quota"),
        { projectId, ...quota.network },
        admin,
      ),
      new openstack.blockstorage.QuoteSetV3(
        named("volume-quota"),
        { projectId, ...quota.volume },
        admin,
      ),
    ];
  }

  /**
   * One group per workload with exactly the ingress its file lists. Neutron's default egress
   * rules stay. Rules are named after what they allow (see ingressRuleSlug).
   */
  private createSecurityGroup(
    named: (...parts: string[]) => string,
    args: SiteFoundationArgs,
    workload: FoundationWorkload,
    admin: pulumi.CustomResourceOptions,
  ): pulumi.Output<string> {
    const { projectId } = args;
    const group = new openstack.networking.SecGroup(
      named(workload.name),
      {
        name: named(workload.name),
        description: `Ingress of ${workload.name}`,
        tenantId: projectId,
        tags: labelsToTags(workload.labels),
      },
      withFormerNames(
        admin,
        workload.formerNames.map((old) => named(old)),
      ),
    );
    for (const rule of workload.ingress) {
      const slug = ingressRuleSlug(rule);
      const ports =
        rule.protocol === "icmp" || rule.port === undefined
          ? {}
          : { portRangeMin: rule.port, portRangeMax: rule.toPort ?? rule.port };
      new openstack.networking.SecGroupRule(
        named(workload.name, slug),
        {
          securityGroupId: group.id,
          direction: "ingress",
          ethertype: "IPv4",
          protocol: rule.protocol,
          ...ports,
          remoteIpPrefix: ruleSourceCidr(args.networks, rule)!,
          tenantId: projectId,
          ...(rule.description === undefined ? {} : { description: rule.description }),
        },
        withFormerNames(
          admin,
          workload.formerNames.map((old) => named(old, slug)),
        ),
      );
    }
    return group.id;
  }
}
