/**
 * The typed model of the city's cloud: plain data, exactly the shape of the YAML files after
 * schema validation. No Pulumi here: the model is shared by the Pulumi program, the offline
 * planner, the policies and the command line.
 *
 * Field documentation lives in the JSON Schemas under schema/, which editors show as hints;
 * the comments here only say what the code needs to know.
 */

/** A bilingual display name: the city works in Chinese, the platform team also in English. */
export interface LocalizedName {
  zh: string;
  en: string;
}

// ---------------------------------------------------------------------------------------------
// platform.yaml
// ---------------------------------------------------------------------------------------------

export type SiteRole = "active" | "witness";

export interface HostGroup {
  /** Name of a host class in `platform.hostClasses`. */
  class: string;
  count: number;
}

export interface OpenStackEndpoint {
  /** OpenStack region name (topology: one shared Keystone, one region per site). */
  region: string;
  /** Entry in clouds.yaml that holds the credentials for this site. */
  cloud: string;
  authUrl: string;
}

export interface Site {
  id: string;
  name: LocalizedName;
  /** `active` sites run tenant workloads; a `witness` site only hosts the storage quorum. */
  role: SiteRole;
  /** Present on active sites. */
  openstack?: OpenStackEndpoint;
  availabilityZones: string[];
  /** Name of the site's external (provider) network; routers of every VDC attach to it. */
  externalNetwork?: string;
  /** Every department subnet at this site must lie inside this CIDR. */
  addressPool: string;
  hosts: HostGroup[];
}

export interface HostClass {
  name: string;
  description?: string;
  sockets: number;
  /** Hardware threads per host: what the hypervisor can schedule vCPUs on. */
  threads: number;
  ramGiB: number;
}

export interface CapacityPolicy {
  /** Virtual machines planned per physical host (the city plans for about 15). */
  vmsPerHost: number;
  /** vCPUs allowed per hardware thread. */
  cpuOvercommit: number;
  /** RAM allowed per GiB of physical RAM. */
  ramOvercommit: number;
  /** Usable block storage per active site, in GiB. */
  storageGiBPerSite: number;
  /**
   * Density allowed while one site carries the other's load (model/failover.ts); each field
   * left out is the everyday one.
   */
  emergency?: Partial<Pick<CapacityPolicy, "vmsPerHost" | "cpuOvercommit" | "ramOvercommit">>;
}

export interface Flavor {
  name: string;
  vcpus: number;
  ramGiB: number;
  diskGiB: number;
  /** Private flavors are shared with a department only through flavor access. */
  public: boolean;
  description?: string;
}

export interface Image {
  name: string;
  os: string;
  minDiskGiB: number;
  minRamGiB: number;
  description?: string;
}

export type ReplicationMode = "none" | "async" | "sync";

export interface VolumeType {
  name: string;
  replication: ReplicationMode;
  /** Recovery point objective the storage promises for this type, in seconds (0 for sync). */
  rpoSeconds?: number;
  backend: string;
  maxSizeGiB: number;
  description?: string;
}

export interface Catalog {
  flavors: Flavor[];
  images: Image[];
  volumeTypes: VolumeType[];
}

export type Placement = "active-active" | "active-standby" | "single-site";

export interface Tier {
  name: string;
  description: string;
  placement: Placement;
  /** The weakest replication a data volume of this tier may use. */
  volumeReplication: ReplicationMode;
  /** Instances required at each site that runs the workload (at the primary site for active-standby). */
  minReplicasPerSite: number;
  /** Whether replicas at one site are spread over hosts by an anti-affinity server group. */
  antiAffinity: boolean;
  /** Whether a workload of this tier needs a named approver on its approval. */
  requiresApprover: boolean;
  rpoSeconds: number;
  rtoMinutes: number;
  /** What the surviving site runs when the other is lost (model/failover.ts); default full. */
  failover?: TierFailover;
}

export interface TierFailover {
  /**
   * `full`: the surviving site runs the workload's whole replica count (both sites together for
   * active-active, the primary's count for active-standby); a number in (0, 1]: that share of it.
   */
  survivingReplicas?: "full" | number;
}

export interface Person {
  /** Stable login id, used in approvals (`approver: <id>`). */
  id: string;
  name: string;
  email: string;
  /** GitHub (or GitLab) handle, used to write CODEOWNERS. */
  handle?: string;
}

export interface ApprovalPolicy {
  /** Regular expression every approval ticket must match. */
  ticketPattern: string;
  /** A ticket that matches the pattern, quoted in error messages. */
  ticketExample: string;
  /** How long an approval stays valid. */
  validityDays: number;
  /**
   * The ticket register's file name beside platform.yaml (e.g. tickets.yaml). When set, every
   * ticket a department file cites must be granted there (model/rules/ticket-register.ts).
   */
  register?: string;
  /** Platform team members who approve department quotas and exceptions. */
  approvers: Person[];
}

/** Quota fields a department may leave out; the platform's defaults fill them. */
export interface QuotaDefaults {
  subnets: number;
  routers: number;
  ports: number;
  securityGroups: number;
  securityGroupRules: number;
  serverGroups: number;
  serverGroupMembers: number;
  snapshots: number;
  keyPairs: number;
}

export interface StoragePairing {
  /**
   * Command that pairs a volume with its replica on the storage (run by @pulumi/command).
   * Placeholders: {primary}, {secondary}, {mode}, {rpo}.
   */
  create: string;
  /** Command that removes the pairing. Same placeholders. */
  delete: string;
  /**
   * The active site whose synchronous copies keep writing when the two sites cannot reach each
   * other and the witness cannot decide (default: the first active site).
   */
  preferredSite?: string;
}

export interface KvmPool {
  name: string;
  path: string;
}

export interface KvmNetwork {
  name: string;
  cidr: string;
}

export interface KvmDomain {
  name: string;
  role: string;
  vcpus: number;
  memoryGiB: number;
  diskGiB: number;
  /** Path of the base image on the host. */
  baseImage: string;
}

export interface KvmHost {
  name: string;
  site: string;
  /** libvirt connection URI, for example qemu+ssh://ops@10.99.0.11/system. */
  uri: string;
  pool: KvmPool;
  network: KvmNetwork;
  domains: KvmDomain[];
}

export interface Platform {
  city: LocalizedName;
  sites: Site[];
  hostClasses: HostClass[];
  capacity: CapacityPolicy;
  catalog: Catalog;
  tiers: Tier[];
  approvals: ApprovalPolicy;
  quotaDefaults: QuotaDefaults;
  storagePairing: StoragePairing;
  kvmHosts: KvmHost[];
}

// ---------------------------------------------------------------------------------------------
// departments/<id>.yaml
// ---------------------------------------------------------------------------------------------

export type OwnerRole = "approver" | "maintainer";

export interface Owner extends Person {
  role: OwnerRole;
}

export interface Approval {
  ticket: string;
  /** Id of a department owner with role `approver`, or of a platform approver. */
  approver?: string;
  /** ISO date (YYYY-MM-DD) the approval was given. */
  date: string;
}

/** Quota a department asks for at one site. */
export interface SiteQuota extends Partial<QuotaDefaults> {
  vcpus: number;
  ramGiB: number;
  instances: number;
  volumes: number;
  volumeGiB: number;
  floatingIps: number;
  networks: number;
}

export interface Network {
  name: string;
  description?: string;
  /** Site id -> subnet CIDR at that site. */
  cidrs: Record<string, string>;
}

export type Protocol = "tcp" | "udp" | "icmp";

export interface IngressRule {
  protocol: Protocol;
  /** First port (absent for icmp). */
  port?: number;
  /** Last port of a range; defaults to `port`. */
  toPort?: number;
  /** A CIDR, or `network:<name>` for a network of the same department. */
  from: string;
  description?: string;
}

export interface DataVolume {
  name: string;
  sizeGiB: number;
  type: string;
  description?: string;
}

export interface Workload {
  name: string;
  /** Earlier names, oldest first: the program aliases the workload's resources from them. */
  previousNames?: string[];
  description?: string;
  tier: string;
  flavor: string;
  image: string;
  network: string;
  /** Site id -> number of instances at that site. */
  replicas: Record<string, number>;
  /** The site that runs the workload in normal operation (active-standby and single-site). */
  primarySite?: string;
  volumes?: DataVolume[];
  ingress?: IngressRule[];
  /** One floating IP per instance; needs a named approver. */
  floatingIp?: boolean;
  approval: Approval;
}

export interface Department {
  id: string;
  name: LocalizedName;
  description?: string;
  costCentre: string;
  owners: Owner[];
  /** The platform team's approval of this VDC and its quota. */
  approval: Approval;
  /** Site id -> quota at that site. A department uses exactly the sites it has a quota at. */
  quotas: Record<string, SiteQuota>;
  networks: Network[];
  workloads: Workload[];
  /** Present while the department is being taken out of service. */
  decommission?: Decommission;
  /**
   * What this change may destroy (deleting or replacing what holds data or identity). Only
   * entries the change adds count: one already on the base authorises nothing new.
   */
  allowDestroy?: AllowDestroy[];
}

export interface AllowDestroy {
  /** A workload, `<workload>/<volume>`, a network, or a resource's full name. */
  resource: string;
  ticket: string;
  reason: string;
}

export interface Decommission extends Approval {
  reason?: string;
}

// ---------------------------------------------------------------------------------------------
// The ticket register (platform.yaml approvals.register, e.g. tickets.yaml)
// ---------------------------------------------------------------------------------------------

/** What a granted ticket may be cited for in a department file. */
export type TicketUse = "vdc" | "workload" | "decommission" | "destroy";

export interface TicketGrant {
  ticket: string;
  /** The department it was granted to. */
  department: string;
  scope: TicketUse[];
  /** With scope workload: the workloads it covers; absent, any of the department's. */
  workloads?: string[];
  /** Id of the person who granted it. */
  approver: string;
  /** YYYY-MM-DD. */
  date: string;
  note?: string;
}

export interface TicketRegister {
  tickets: TicketGrant[];
}
