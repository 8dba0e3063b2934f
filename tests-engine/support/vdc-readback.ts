/**
 * What one department has in one region, as OpenStack's APIs list it for an administrator:
 * Keystone's project and role assignments, the quotas of Nova, Neutron and Cinder, Neutron's
 * networks, subnets, routers, ports, security groups with their rules and floating IPs, Nova's
 * server groups and servers, Cinder's volumes. The tests compare it with the department file and
 * the stack outputs, so that what Pulumi believes it made is checked against what exists.
 */
import type { OpenStackApi } from "./openstack-api";

export interface Project {
  id: string;
  name: string;
  enabled: boolean;
  tags: string[];
}

export interface Network {
  id: string;
  name: string;
  tags: string[];
  "router:external": boolean;
}

export interface Subnet {
  id: string;
  name: string;
  network_id: string;
  cidr: string;
  tags: string[];
}

export interface Router {
  id: string;
  name: string;
  tags: string[];
  external_gateway_info: { network_id: string } | null;
}

export interface Port {
  id: string;
  name: string;
  network_id: string;
  device_id: string;
  device_owner: string;
  fixed_ips: { subnet_id: string; ip_address: string }[];
  security_groups: string[];
  tags: string[];
}

export interface SecurityGroupRule {
  direction: string;
  ethertype: string;
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
}

export interface SecurityGroup {
  id: string;
  name: string;
  tags: string[];
  security_group_rules: SecurityGroupRule[];
}

export interface FloatingIp {
  id: string;
  floating_ip_address: string;
  floating_network_id: string;
  port_id: string | null;
  fixed_ip_address: string | null;
  tags: string[];
}

export interface ServerGroup {
  id: string;
  name: string;
  policy: string;
  members: string[];
  project_id: string;
}

export interface Server {
  id: string;
  name: string;
  status: string;
  tags: string[];
  metadata: Record<string, string>;
  flavor: { original_name: string };
  "OS-EXT-AZ:availability_zone": string;
  "os-extended-volumes:volumes_attached": { id: string }[];
  server_groups: string[];
}

export interface Volume {
  id: string;
  name: string;
  size: number;
  status: string;
  volume_type: string;
  metadata: Record<string, string>;
  attachments: { server_id: string }[];
}

export interface RoleAssignment {
  role: { name: string };
  user?: { name: string };
}

/** One region's view of a department's project. */
export interface RegionReadback {
  quotas: {
    compute: Record<string, number>;
    network: Record<string, number>;
    volume: Record<string, number>;
  };
  networks: Network[];
  subnets: Subnet[];
  routers: Router[];
  ports: Port[];
  securityGroups: SecurityGroup[];
  floatingIps: FloatingIp[];
  serverGroups: ServerGroup[];
  servers: Server[];
  volumes: Volume[];
}

/** The project named `name`, if Keystone has one. */
export async function findProject(api: OpenStackApi, name: string): Promise<Project | undefined> {
  const { projects } = await api.get<{ projects: Project[] }>("identity", "/projects", { name });
  return projects[0];
}

export async function roleAssignments(
  api: OpenStackApi,
  projectId: string,
): Promise<RoleAssignment[]> {
  const { role_assignments } = await api.get<{ role_assignments: RoleAssignment[] }>(
    "identity",
    "/role_assignments",
    { "scope.project.id": projectId, include_names: "true" },
  );
  return role_assignments;
}

/** Quota limits without Nova's, Neutron's and Cinder's own keys (`id`). */
function limits(set: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(set).filter((entry): entry is [string, number] => typeof entry[1] === "number"),
  );
}

export async function readRegion(api: OpenStackApi, projectId: string): Promise<RegionReadback> {
  const owned = { project_id: projectId };
  const [
    compute,
    network,
    volume,
    networks,
    subnets,
    routers,
    ports,
    securityGroups,
    floatingIps,
    serverGroups,
    servers,
    volumes,
  ] = await Promise.all([
    // 2.56: the last microversion that shows the injected-file limits the program sets.
    api.get<{ quota_set: Record<string, unknown> }>(
      "compute",
      `/os-quota-sets/${projectId}`,
      {},
      "2.56",
    ),
    api.get<{ quota: Record<string, unknown> }>("network", `/quotas/${projectId}`),
    api.get<{ quota_set: Record<string, unknown> }>("volumev3", `/os-quota-sets/${projectId}`),
    api.get<{ networks: Network[] }>("network", "/networks", owned),
    api.get<{ subnets: Subnet[] }>("network", "/subnets", owned),
    api.get<{ routers: Router[] }>("network", "/routers", owned),
    api.get<{ ports: Port[] }>("network", "/ports", owned),
    api.get<{ security_groups: SecurityGroup[] }>("network", "/security-groups", owned),
    api.get<{ floatingips: FloatingIp[] }>("network", "/floatingips", owned),
    api.get<{ server_groups: ServerGroup[] }>("compute", "/os-server-groups", {
      all_projects: "True",
    }),
    api.get<{ servers: Server[] }>("compute", "/servers/detail", {
      all_tenants: "True",
      project_id: projectId,
    }),
    api.get<{ volumes: Volume[] }>("volumev3", "/volumes/detail", {
      all_tenants: "True",
      project_id: projectId,
    }),
  ]);
  return {
    quotas: {
      compute: limits(compute.quota_set),
      network: limits(network.quota),
      volume: limits(volume.quota_set),
    },
    networks: networks.networks,
    subnets: subnets.subnets,
    routers: routers.routers,
    ports: ports.ports,
    securityGroups: securityGroups.security_groups,
    floatingIps: floatingIps.floatingips,
    serverGroups: serverGroups.server_groups.filter((group) => group.project_id === projectId),
    servers: servers.servers,
    volumes: volumes.volumes,
  };
}

/**
 * Everything in a region that belongs to a department, by its project id or by the
 * `<dept>-` prefix every name of its resources has: what must be gone after a decommission.
 */
export async function leftovers(
  api: OpenStackApi,
  department: string,
  projectId: string,
): Promise<string[]> {
  const ours = (item: { name?: string; project_id?: string; tenant_id?: string }) =>
    item.project_id === projectId ||
    item.tenant_id === projectId ||
    (item.name ?? "").startsWith(`${department}-`);
  const [project, servers, volumes, networks, ports, floatingIps, serverGroups] = await Promise.all(
    [
      findProject(api, department),
      api.get<{ servers: (Server & { tenant_id: string })[] }>("compute", "/servers/detail", {
        all_tenants: "True",
      }),
      api.get<{ volumes: (Volume & { "os-vol-tenant-attr:tenant_id": string })[] }>(
        "volumev3",
        "/volumes/detail",
        { all_tenants: "True" },
      ),
      api.get<{ networks: (Network & { project_id: string })[] }>("network", "/networks"),
      api.get<{ ports: (Port & { project_id: string })[] }>("network", "/ports"),
      api.get<{ floatingips: (FloatingIp & { project_id: string })[] }>("network", "/floatingips"),
      api.get<{ server_groups: ServerGroup[] }>("compute", "/os-server-groups", {
        all_projects: "True",
      }),
    ],
  );
  return [
    ...(project === undefined ? [] : [`project ${project.name}`]),
    ...servers.servers.filter(ours).map((s) => `server ${s.name}`),
    ...volumes.volumes
      .filter((v) => ours({ name: v.name, project_id: v["os-vol-tenant-attr:tenant_id"] }))
      .map((v) => `volume ${v.name}`),
    ...networks.networks.filter(ours).map((n) => `network ${n.name}`),
    ...ports.ports.filter(ours).map((p) => `port ${p.name || p.id}`),
    ...floatingIps.floatingips.filter(ours).map((f) => `floating IP ${f.floating_ip_address}`),
    ...serverGroups.server_groups.filter(ours).map((g) => `server group ${g.name}`),
  ].map((thing) => `${api.region}: ${thing}`);
}
