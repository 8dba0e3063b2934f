/**
 * The loopback guard: with GOVCLOUD_LOOPBACK_ONLY=1, `govcloud preview` and `up` refuse to start
 * the engine unless every endpoint the program would reach is on this machine (127.0.0.0/8,
 * ::1, localhost). Test and lab runs set it, so that a test estate with one address left from
 * the real platform (a Keystone, a KVM host, a storage array) can never send a request there.
 *
 * Checked: each active site's auth URL in platform.yaml and in the clouds.yaml entry the admin
 * provider logs in with, each KVM host's libvirt URI, and the storage pairing commands, which
 * must run a script inside the estate and name no other host.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { Address4, Address6 } from "ip-address";
import type { Platform } from "../model/types";

export const LOOPBACK_ONLY_VARIABLE = "GOVCLOUD_LOOPBACK_ONLY";

export interface ForeignEndpoint {
  /** Where the endpoint is set, e.g. platform.yaml sites[0].openstack.authUrl. */
  where: string;
  value: string;
  why: string;
}

export interface CloudLogin {
  auth?: { auth_url?: string };
}

const LOOPBACK_V4 = new Address4("127.0.0.0/8");

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (Address4.isValid(bare)) return new Address4(bare).isInSubnet(LOOPBACK_V4);
  if (Address6.isValid(bare)) {
    const address = new Address6(bare);
    if (address.isLoopback()) return true;
    const v4 = address.to4();
    return address.is4() && v4.isInSubnet(LOOPBACK_V4);
  }
  return false;
}

/** The host of a URL, or undefined when it has none (test:///default, qemu:///system). */
function urlHost(value: string): string | undefined {
  try {
    const host = new URL(value).hostname;
    return host === "" ? undefined : host;
  } catch {
    return value;
  }
}

function checkUrl(where: string, value: string | undefined, found: ForeignEndpoint[]): void {
  if (value === undefined) return;
  const host = urlHost(value);
  if (host !== undefined && !isLoopbackHost(host)) {
    found.push({ where, value, why: `reaches ${host}, which is not this machine` });
  }
}

/** Hosts a shell command names: URLs, user@host, and address literals. */
function commandHosts(command: string): string[] {
  const hosts: string[] = [];
  for (const match of command.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^/\s:'"]+|\[[^\]]+\])/gi)) {
    hosts.push(match[1].replace(/^.*@/, ""));
  }
  for (const match of command.matchAll(/[\w.-]+@([\w.-]+|\[[^\]]+\])/g)) hosts.push(match[1]);
  for (const word of command.split(/[\s=,'"]+/)) {
    if (Address4.isValid(word) || (word.includes(":") && Address6.isValid(word))) hosts.push(word);
  }
  return hosts;
}

function checkCommand(
  root: string,
  where: string,
  command: string,
  found: ForeignEndpoint[],
): void {
  for (const host of commandHosts(command)) {
    if (!isLoopbackHost(host)) {
      found.push({ where, value: command, why: `names ${host}, which is not this machine` });
    }
  }
  const executable = command.trim().split(/\s+/)[0] ?? "";
  const path = resolve(root, executable);
  const rel = relative(root, path);
  if (!executable.includes("/") || rel.startsWith("..") || isAbsolute(rel)) {
    found.push({
      where,
      value: command,
      why: `runs ${executable}, not a script inside the estate (a real array's CLI reaches the array)`,
    });
  }
}

export function foreignEndpoints(
  root: string,
  platform: Platform,
  login: (cloud: string) => CloudLogin | undefined,
): ForeignEndpoint[] {
  const found: ForeignEndpoint[] = [];
  platform.sites.forEach((site, index) => {
    if (site.openstack === undefined) return;
    checkUrl(`platform.yaml sites[${index}].openstack.authUrl`, site.openstack.authUrl, found);
    const entry = login(site.openstack.cloud);
    checkUrl(
      `clouds.yaml clouds.${site.openstack.cloud}.auth.auth_url`,
      entry?.auth?.auth_url,
      found,
    );
  });
  platform.kvmHosts.forEach((host, index) => {
    checkUrl(`platform.yaml kvmHosts[${index}].uri`, host.uri, found);
  });
  checkCommand(root, "platform.yaml storagePairing.create", platform.storagePairing.create, found);
  checkCommand(root, "platform.yaml storagePairing.delete", platform.storagePairing.delete, found);
  return found;
}

export function foreignEndpointsMessage(
  command: string,
  stack: string,
  found: ForeignEndpoint[],
): string {
  return (
    `govcloud ${command}: ${LOOPBACK_ONLY_VARIABLE}=1 and ${found.length} endpoint` +
    `${found.length === 1 ? " is" : "s are"} not on this machine, so the engine is not started ` +
    `for ${stack}:\n` +
    found.map((f) => `  ${f.where}: ${f.value}\n    ${f.why}\n`).join("") +
    `point them at 127.0.0.1 (and the pairing commands at a script in the estate), or unset ` +
    `${LOOPBACK_ONLY_VARIABLE}\n`
  );
}
