/**
 * What a resource is, in the words an operator reading a drift report uses ("security group
 * rule", "compute quota"), from its Pulumi type token. Unknown types read as the token's last
 * part, so a new resource type still shows, just less nicely.
 */
const KINDS: Record<string, string> = {
  "openstack:identity/project:Project": "project",
  "openstack:identity/roleAssignment:RoleAssignment": "role assignment",
  "openstack:compute/quotaSetV2:QuotaSetV2": "compute quota",
  "openstack:networking/quotaV2:QuotaV2": "network quota",
  "openstack:blockstorage/quoteSetV3:QuoteSetV3": "volume quota",
  "openstack:networking/network:Network": "network",
  "openstack:networking/subnet:Subnet": "subnet",
  "openstack:networking/router:Router": "router",
  "openstack:networking/routerInterface:RouterInterface": "router interface",
  "openstack:networking/port:Port": "port",
  "openstack:networking/floatingIp:FloatingIp": "floating IP",
  "openstack:networking/secGroup:SecGroup": "security group",
  "openstack:networking/secGroupRule:SecGroupRule": "security group rule",
  "openstack:compute/serverGroup:ServerGroup": "server group",
  "openstack:compute/instance:Instance": "instance",
  "openstack:compute/volumeAttach:VolumeAttach": "volume attachment",
  "openstack:compute/flavor:Flavor": "flavor",
  "openstack:compute/flavorAccess:FlavorAccess": "flavor access",
  "openstack:blockstorage/volume:Volume": "volume",
  "openstack:blockstorage/volumeTypeV3:VolumeTypeV3": "volume type",
  "command:local:Command": "storage pairing",
};

export function resourceKind(type: string): string {
  const known = KINDS[type];
  if (known !== undefined) return known;
  const parts = type.split(":");
  return parts[parts.length - 1] || type;
}
