/**
 * security-baseline (resource policy): what must never reach a department's machines.
 *
 * - No security group rule lets the whole internet (0.0.0.0/0, ::/0, or no source at all, which
 *   Neutron reads as any source) reach SSH, RDP or a database port; port ranges that cover such
 *   a port and rules without a port range (every port) count, as do rules for every protocol.
 * - No floating IP without an approval: its labels name the ticket and the approver.
 * - Instances boot only catalog flavors and catalog images, by name, and no image the city has
 *   withdrawn (`forbiddenImages`).
 */
import type { CityFacts, RuleFacts } from "./lib/facts";
import { lookup } from "./lib/facts";
import { label, readLabels } from "./lib/labels";
import type { ConfigSchema, RuleContext, Verdict, Violation } from "./lib/policy";
import { NotApplicable, resourcePolicy } from "./lib/policy";
import { T } from "./lib/resource-types";
import type { ResourceView } from "./lib/resource-view";
import {
  identify,
  isPlainObject,
  isUnknown,
  readArray,
  readNumber,
  readString,
  shortType,
  unknownReason,
} from "./lib/resource-view";

/** The sections of the city's facts the rule reads. */
export const SECURITY_BASELINE_FACTS = ["flavors", "images"] as const;
export type SecurityBaselineFacts = RuleFacts<(typeof SECURITY_BASELINE_FACTS)[number]>;

export interface SecurityBaselineConfig {
  forbiddenPorts: number[];
  forbiddenImages: string[];
}

/** Ports no rule may open to the world, and what listens there. */
export const SENSITIVE_PORTS: Readonly<Record<number, string>> = {
  22: "SSH",
  23: "Telnet",
  3389: "RDP",
  5900: "VNC",
  1433: "SQL Server",
  1521: "Oracle",
  3306: "MySQL",
  5432: "PostgreSQL",
  5236: "DM8",
  54321: "KingbaseES",
  6379: "Redis",
  9200: "Elasticsearch",
  9300: "Elasticsearch transport",
  11211: "Memcached",
  27017: "MongoDB",
};

export const SECURITY_BASELINE_CONFIG: ConfigSchema<SecurityBaselineConfig> = {
  forbiddenPorts: {
    type: "array",
    items: { type: "integer", minimum: 1, maximum: 65535 },
    uniqueItems: true,
    default: Object.keys(SENSITIVE_PORTS).map(Number),
    description:
      "Ports no ingress rule may open to 0.0.0.0/0 or ::/0 (SSH, RDP, VNC and database ports).",
  },
  forbiddenImages: {
    type: "array",
    items: { type: "string", minLength: 1 },
    uniqueItems: true,
    default: [],
    description: "Catalog images instances may no longer boot (e.g. an end-of-life OS).",
  },
};

/** Protocols without ports: a rule for them opens no port. Anything else may carry ports. */
const PORTLESS = new Set([
  "icmp",
  "ipv6-icmp",
  "icmpv6",
  "1",
  "58",
  "gre",
  "47",
  "esp",
  "50",
  "ah",
  "51",
  "vrrp",
  "112",
]);
const ANY_PROTOCOL = new Set(["", "any", "0"]);

/** Whether a CIDR is the whole address space (a prefix length of 0). */
export function isWorld(cidr: string): boolean {
  return /\/0+$/.test(cidr.trim());
}

function portName(port: number): string {
  const name = lookup(SENSITIVE_PORTS as Record<string, string>, String(port));
  return name === undefined ? String(port) : `${port} (${name})`;
}

function checkRule(rule: ResourceView, config: SecurityBaselineConfig): Violation[] {
  const props = rule.props;
  const cannot = (what: string, why: string) => [
    { message: `${identify(rule)} cannot be checked: ${what} ${why}` },
  ];
  const direction = readString(props, "direction");
  if (isUnknown(direction)) return cannot("its direction", unknownReason(direction));
  if (direction !== "ingress") return [];
  const prefix = readString(props, "remoteIpPrefix");
  if (isUnknown(prefix)) return cannot("its source", unknownReason(prefix));
  const group = readString(props, "remoteGroupId");
  const addressGroup = readString(props, "remoteAddressGroupId");
  const ethertype = readString(props, "ethertype");
  let source: string | undefined;
  if (prefix !== undefined && prefix !== "") {
    if (isWorld(prefix)) source = prefix;
  } else if (group === undefined && addressGroup === undefined) {
    source = `any source (no remoteIpPrefix or remote group: every ${isUnknown(ethertype) || ethertype === undefined ? "IPv4" : ethertype} address)`;
  }
  if (source === undefined) return [];

  const protocolRead = readString(props, "protocol");
  if (isUnknown(protocolRead)) return cannot("its protocol", unknownReason(protocolRead));
  const protocol = (protocolRead ?? "").toLowerCase();
  if (PORTLESS.has(protocol)) return [];
  const min = readNumber(props, "portRangeMin");
  const max = readNumber(props, "portRangeMax");
  if (isUnknown(min)) return cannot("its port range", unknownReason(min));
  if (isUnknown(max)) return cannot("its port range", unknownReason(max));
  // Neutron: no range is every port; a range with only its first port is that port.
  const first = min !== undefined && min > 0 ? min : undefined;
  const low = first ?? 1;
  const high = max !== undefined && max > 0 ? max : (first ?? 65535);
  const open = config.forbiddenPorts
    .filter((port) => port >= low && port <= high)
    .sort((a, b) => a - b);
  if (open.length === 0) return [];
  const everyPort = min === undefined && max === undefined;
  const opens = ANY_PROTOCOL.has(protocol)
    ? "every protocol and port"
    : everyPort
      ? `every ${protocol} port`
      : low === high
        ? `${protocol} port ${low}`
        : `${protocol} ports ${low}-${high}`;
  const shown = open.slice(0, 3).map(portName).join(", ");
  const more = open.length > 3 ? ` and ${open.length - 3} more` : "";
  return [
    {
      message:
        `${identify(rule)} opens ${opens} to ${source}, reaching forbidden ` +
        `port${open.length === 1 ? "" : "s"} ${shown}${more}. Narrow the source to the ` +
        `networks that need it (the city operations VPN for SSH and RDP, the application ` +
        `network for databases).`,
    },
  ];
}

function checkFloatingIp(fip: ResourceView): Violation[] {
  const labels = readLabels(fip);
  if (labels.unknown !== undefined) {
    return [
      {
        message: `the approval of ${identify(fip)} cannot be checked: ${unknownReason(labels.unknown)}`,
      },
    ];
  }
  const missing = ["approval", "approver"].filter((key) => label(labels, key) === undefined);
  if (missing.length === 0) return [];
  return [
    {
      message:
        `${identify(fip)} exposes a machine to the outside without an approval: it has no ` +
        `${missing.join(" or ")} label. Floating IPs need an approval with a named approver ` +
        `(floatingIp: true on a workload whose approval names one).`,
    },
  ];
}

function checkInstance(
  instance: ResourceView,
  config: SecurityBaselineConfig,
  facts: SecurityBaselineFacts,
): Violation[] {
  const messages: string[] = [];
  const props = instance.props;
  const flavor = readString(props, "flavorName");
  if (isUnknown(flavor)) {
    messages.push(
      `the flavor of ${identify(instance)} cannot be checked: ${unknownReason(flavor)}`,
    );
  } else if (flavor === undefined) {
    messages.push(
      `${identify(instance)} names no flavorName; instances use a catalog flavor by name ` +
        `(a flavorId cannot be checked against the catalog).`,
    );
  } else if (lookup(facts.flavors, flavor) === undefined) {
    messages.push(
      `${identify(instance)} uses flavor ${flavor}, which is not in the catalog: ` +
        `${Object.keys(facts.flavors).join(", ")}.`,
    );
  }
  const image = readString(props, "imageName");
  const allowedImages = facts.images.filter((name) => !config.forbiddenImages.includes(name));
  if (isUnknown(image)) {
    messages.push(`the image of ${identify(instance)} cannot be checked: ${unknownReason(image)}`);
  } else if (image !== undefined) {
    if (!facts.images.includes(image)) {
      messages.push(
        `${identify(instance)} boots image ${image}, which is not in the catalog: ${allowedImages.join(", ")}.`,
      );
    } else if (config.forbiddenImages.includes(image)) {
      messages.push(
        `${identify(instance)} boots image ${image}, which the city no longer allows; move it ` +
          `to one of ${allowedImages.join(", ")}.`,
      );
    }
  } else {
    const imageId = readString(props, "imageId");
    const devices = readArray(props, "blockDevices");
    const fromImage =
      isUnknown(devices) ||
      (devices ?? []).some((device) => {
        if (!isPlainObject(device)) return isUnknown(device);
        const sourceType = readString(device, "sourceType");
        return isUnknown(sourceType) || sourceType === "image";
      });
    if (imageId !== undefined || fromImage) {
      messages.push(
        `${identify(instance)} boots an image by id; instances name a catalog image ` +
          `(imageName), so that the image can be checked: ${allowedImages.join(", ")}.`,
      );
    }
  }
  return messages.map((message) => ({ message }));
}

export function checkSecurityBaseline(
  resource: ResourceView,
  { config, facts }: RuleContext<SecurityBaselineConfig, SecurityBaselineFacts>,
): Verdict {
  switch (resource.type) {
    case T.secGroupRule:
      return checkRule(resource, config);
    case T.floatingIp:
      return checkFloatingIp(resource);
    case T.instance:
      return checkInstance(resource, config, facts);
    default:
      return new NotApplicable(`the baseline does not cover ${shortType(resource.type)}`);
  }
}

/** The policy; `facts` stand in for config that carries none (rule-facts.ts). */
export function securityBaseline(facts?: CityFacts) {
  return resourcePolicy(
    {
      name: "security-baseline",
      description:
        "No ingress from the whole internet to SSH, RDP or database ports; no floating IP " +
        "without an approval; instances boot catalog flavors and images only.",
      severity: "critical",
      enforcementLevel: "mandatory",
      scope: "all",
      remediationSteps:
        "Give the ingress rule a narrower source (a government network CIDR, or " +
        "network:<name> of the department); give a workload with floatingIp: true an " +
        "approval with an approver; use a flavor and an image of platform.yaml's catalog.",
      config: SECURITY_BASELINE_CONFIG,
      facts: SECURITY_BASELINE_FACTS,
    },
    facts,
    checkSecurityBaseline,
  );
}
