/**
 * Names of the resources the Pulumi program creates. One name is used both as the Pulumi
 * logical name and as the OpenStack `name`, so a resource can be found from either side.
 *
 * Every name starts with the department id, and every per-site name continues with the site id:
 * a child URN carries its parents' types but not their names, so two sites (or two departments
 * in one plan) that used the same child name would collide.
 */
import type { IngressRule } from "./types";

/** `<dept>-<thing>`: department-wide resources such as the project and its role assignments. */
export function departmentResourceName(deptId: string, ...parts: string[]): string {
  return [deptId, ...parts].join("-");
}

/** `<dept>-<site>-<thing>`: everything that exists once per site. */
export function siteResourceName(deptId: string, siteId: string, ...parts: string[]): string {
  return [deptId, siteId, ...parts].join("-");
}

/** `platform-<site>-<thing>`: catalog resources of the platform stack. */
export const PLATFORM_STACK = "platform";

export function platformResourceName(siteId: string, ...parts: string[]): string {
  return [PLATFORM_STACK, siteId, ...parts].join("-");
}

/** Characters that are awkward in names (CIDR slashes, colons) become hyphens. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * A security group rule is named after what it allows, not after its position in the list:
 * reordering the `ingress` list then changes nothing, and editing one rule touches that rule only.
 * Example: `tcp-5432-from-network-app`, `tcp-8000-8080-from-10.0.0.0-8`, `icmp-from-0.0.0.0-0`.
 */
export function ingressRuleSlug(rule: IngressRule): string {
  const ports =
    rule.port === undefined
      ? []
      : rule.toPort === undefined || rule.toPort === rule.port
        ? [String(rule.port)]
        : [String(rule.port), String(rule.toPort)];
  return [rule.protocol, ...ports, "from", slug(rule.from)].join("-");
}
