/**
 * Type tokens of the resources the policies look at (the tokens of @pulumi/openstack 3.15.2 and
 * @pulumi/command 1.2.1), kept as strings so that the pack does not load the provider SDKs.
 */
export const T = {
  instance: "openstack:compute/instance:Instance",
  serverGroup: "openstack:compute/serverGroup:ServerGroup",
  volumeAttach: "openstack:compute/volumeAttach:VolumeAttach",
  computeQuota: "openstack:compute/quotaSetV2:QuotaSetV2",
  flavorAccess: "openstack:compute/flavorAccess:FlavorAccess",
  volume: "openstack:blockstorage/volume:Volume",
  volumeQuota: "openstack:blockstorage/quoteSetV3:QuoteSetV3",
  port: "openstack:networking/port:Port",
  floatingIp: "openstack:networking/floatingIp:FloatingIp",
  secGroup: "openstack:networking/secGroup:SecGroup",
  secGroupRule: "openstack:networking/secGroupRule:SecGroupRule",
  networkQuota: "openstack:networking/quotaV2:QuotaV2",
  network: "openstack:networking/network:Network",
  subnet: "openstack:networking/subnet:Subnet",
  router: "openstack:networking/router:Router",
  routerInterface: "openstack:networking/routerInterface:RouterInterface",
  project: "openstack:identity/project:Project",
  roleAssignment: "openstack:identity/roleAssignment:RoleAssignment",
  command: "command:local:Command",
  openstackProvider: "pulumi:providers:openstack",
  rootStack: "pulumi:pulumi:Stack",
} as const;

export type LabelCarrier = "tags" | "metadata";

/**
 * Every OpenStack resource type that can carry labels, and where: `tags` (a list of `key=value`
 * strings) or `metadata` (a map). Taken from the schema of @pulumi/openstack 3.15.2: the types
 * with a `tags` list or a `metadata` map input, except host aggregates (their metadata steers the
 * scheduler and belongs to the platform). An Instance has both; the program writes the same labels
 * to each.
 */
export const LABEL_CARRIERS: Readonly<Record<string, readonly LabelCarrier[]>> = {
  "openstack:blockstorage/volume:Volume": ["metadata"],
  "openstack:blockstorage/volumeV1:VolumeV1": ["metadata"],
  "openstack:blockstorage/volumeV2:VolumeV2": ["metadata"],
  "openstack:compute/instance:Instance": ["tags", "metadata"],
  "openstack:identity/project:Project": ["tags"],
  "openstack:images/image:Image": ["tags"],
  "openstack:keymanager/secretV1:SecretV1": ["metadata"],
  "openstack:loadbalancer/listener:Listener": ["tags"],
  "openstack:loadbalancer/loadBalancer:LoadBalancer": ["tags"],
  "openstack:networking/floatingIp:FloatingIp": ["tags"],
  "openstack:networking/network:Network": ["tags"],
  "openstack:networking/port:Port": ["tags"],
  "openstack:networking/qosPolicy:QosPolicy": ["tags"],
  "openstack:networking/router:Router": ["tags"],
  "openstack:networking/secGroup:SecGroup": ["tags"],
  "openstack:networking/subnet:Subnet": ["tags"],
  "openstack:networking/subnetPool:SubnetPool": ["tags"],
  "openstack:networking/trunk:Trunk": ["tags"],
  "openstack:objectstorage/container:Container": ["metadata"],
  "openstack:objectstorage/containerObject:ContainerObject": ["metadata"],
  "openstack:orchestration/stackV1:StackV1": ["tags"],
  "openstack:sharedfilesystem/share:Share": ["metadata"],
};

export function isTaggable(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(LABEL_CARRIERS, type);
}

/**
 * Types that exist only as part of one workload in the program (an instance, its port, floating
 * IP, volumes and security group): they must name their workload.
 */
export const WORKLOAD_TYPES: readonly string[] = [
  T.instance,
  T.port,
  T.floatingIp,
  T.volume,
  T.secGroup,
];

/** Keystone is one service for every site: its objects belong to the department, not a site. */
export function isDepartmentWide(type: string): boolean {
  return type.startsWith("openstack:identity/");
}
