/**
 * The two OpenStack providers of each site.
 *
 * - The admin provider works as the platform's automation account in its own (admin) project,
 *   and reads that login from the clouds.yaml entry platform.yaml names for the site
 *   (`site.openstack.cloud`). It creates projects, role assignments, quotas, networks, security
 *   groups and flavor access, and looks up flavors, roles and external networks.
 * - The project provider logs in as the same account, scoped to the department's project by
 *   its name and domain (`tenantName`, `projectDomain…`), and creates what OpenStack only lets a
 *   project member own: server groups, ports, instances, volumes, attachments and floating IPs.
 *   By name, not by id: before the project exists its id is unknown, and the engine previews
 *   every resource under a provider whose configuration is unknown with no inputs at all, so a
 *   department's first preview would show (and its policies would judge) empty resources. The
 *   name is the department id, known from the start; the provider waits for the automation
 *   account's role on the project before it is used.
 *
 * The project provider never gets `cloud`: clouds.yaml entries carry a project of their own, and
 * the OpenStack provider mixes that project with `tenantName` into a login that fails or, worse,
 * lands in the admin project. It gets explicit fields instead, read by the program from the
 * same clouds.yaml entry (see credentials.ts).
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import type { Site } from "../model/types";

/** How the automation account logs in at one site. */
export interface SiteCredentials {
  /** clouds.yaml entry the admin provider reads. */
  cloud: string;
  authUrl: string;
  userName: string;
  userDomainName?: string;
  userDomainId?: string;
  /**
   * The domain of the admin login's project, where the projects it creates land: the project
   * provider finds a department's project there by name. Default: the user's domain.
   */
  projectDomainName?: string;
  projectDomainId?: string;
  /** A secret. */
  password: pulumi.Input<string>;
  cacertFile?: string;
  /**
   * True when the password comes from Pulumi config rather than from clouds.yaml: the admin
   * provider is then given it explicitly too (explicit fields override the clouds.yaml entry).
   */
  passwordFromConfig: boolean;
}

function openstackEndpoint(site: Site) {
  if (site.openstack === undefined) {
    throw new Error(`site ${site.id} has no openstack endpoint: only active sites run OpenStack`);
  }
  return site.openstack;
}

export function createAdminProvider(
  name: string,
  site: Site,
  credentials: SiteCredentials,
  opts: pulumi.CustomResourceOptions = {},
): openstack.Provider {
  const endpoint = openstackEndpoint(site);
  return new openstack.Provider(
    name,
    {
      cloud: credentials.cloud,
      region: endpoint.region,
      ...(credentials.passwordFromConfig ? { password: credentials.password } : {}),
    },
    opts,
  );
}

function projectDomain(credentials: SiteCredentials) {
  if (credentials.projectDomainId !== undefined) {
    return { projectDomainId: credentials.projectDomainId };
  }
  if (credentials.projectDomainName !== undefined) {
    return { projectDomainName: credentials.projectDomainName };
  }
  return credentials.userDomainId !== undefined
    ? { projectDomainId: credentials.userDomainId }
    : { projectDomainName: credentials.userDomainName ?? "Default" };
}

export function createProjectProvider(
  name: string,
  site: Site,
  credentials: SiteCredentials,
  projectName: string,
  opts: pulumi.CustomResourceOptions = {},
): openstack.Provider {
  const endpoint = openstackEndpoint(site);
  return new openstack.Provider(
    name,
    {
      authUrl: credentials.authUrl,
      region: endpoint.region,
      userName: credentials.userName,
      ...(credentials.userDomainId !== undefined
        ? { userDomainId: credentials.userDomainId }
        : { userDomainName: credentials.userDomainName ?? "Default" }),
      password: pulumi.secret(credentials.password),
      tenantName: projectName,
      ...projectDomain(credentials),
      ...(credentials.cacertFile !== undefined ? { cacertFile: credentials.cacertFile } : {}),
    },
    opts,
  );
}
