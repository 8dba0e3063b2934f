/**
 * Catalog entries must fit together before OpenStack is asked: Nova refuses to boot an image on
 * a flavor with too little disk or RAM, Cinder refuses a volume larger than its type allows and
 * Neutron refuses a TCP rule without a port. Each would otherwise fail half-way through
 * `pulumi up`, after other resources were already created.
 */
import { findFlavor, findImage, findVolumeType } from "../catalog";
import type { Finding } from "../problem";
import { listNames } from "../suggest";
import type { Flavor, Image, ReplicationMode } from "../types";
import type { Rule } from "./rule";

const STRENGTH: Record<ReplicationMode, number> = { none: 0, async: 1, sync: 2 };

export const catalogFit: Rule = {
  name: "catalog-fit",
  description: "Flavors fit their images, volumes fit their types, ingress rules have valid ports.",
  check({ estate }) {
    const { platform } = estate;
    const findings: Finding[] = [];
    for (const { file, department } of estate.departments) {
      department.workloads.forEach((workload, w) => {
        const flavor = findFlavor(platform, workload.flavor);
        const image = findImage(platform, workload.image);
        if (flavor !== undefined && image !== undefined) {
          const finding = flavorFit(flavor, image, platform.catalog.flavors);
          if (finding !== undefined) {
            findings.push({ file, path: ["workloads", w, "flavor"], ...finding });
          }
        }

        (workload.volumes ?? []).forEach((volume, v) => {
          const type = findVolumeType(platform, volume.type);
          if (type === undefined || volume.sizeGiB <= type.maxSizeGiB) return;
          const bigger = platform.catalog.volumeTypes
            .filter(
              (other) =>
                other.maxSizeGiB >= volume.sizeGiB &&
                STRENGTH[other.replication] >= STRENGTH[type.replication],
            )
            .map((other) => other.name);
          findings.push({
            file,
            path: ["workloads", w, "volumes", v, "sizeGiB"],
            code: "volume-too-large",
            message: `volume ${volume.name} is ${volume.sizeGiB} GiB but volume type ${type.name} allows at most ${type.maxSizeGiB} GiB`,
            found: `${volume.sizeGiB} GiB`,
            allowed: `at most ${type.maxSizeGiB} GiB for ${type.name}`,
            fix:
              `split the data over volumes of at most ${type.maxSizeGiB} GiB` +
              (bigger.length > 0 ? `, or use ${listNames(bigger)}` : ""),
          });
        });

        (workload.ingress ?? []).forEach((rule, r) => {
          const path = ["workloads", w, "ingress", r];
          if (rule.protocol === "icmp") {
            const field =
              rule.port !== undefined ? "port" : rule.toPort !== undefined ? "toPort" : undefined;
            if (field === undefined) return;
            findings.push({
              file,
              path: [...path, field],
              code: "icmp-with-port",
              message: "icmp rules have no ports",
              found: `${field}: ${rule[field]}`,
              allowed: "no port or toPort for icmp",
              fix: "remove port and toPort from this rule, or set protocol to tcp or udp",
            });
            return;
          }
          if (rule.port === undefined) {
            findings.push({
              file,
              path,
              code: "missing-port",
              message: `${rule.protocol} rules need a port`,
              found: rule.toPort === undefined ? "no port" : `toPort: ${rule.toPort} but no port`,
              allowed: "port: 1 to 65535 (and toPort for a range)",
              fix:
                rule.toPort === undefined
                  ? `add "port: <number>" to the rule, e.g. port: 443`
                  : `add "port:" with the first port of the range`,
            });
            return;
          }
          if (rule.toPort !== undefined && rule.toPort < rule.port) {
            findings.push({
              file,
              path: [...path, "toPort"],
              code: "invalid-port-range",
              message: `the port range ends (toPort ${rule.toPort}) before it starts (port ${rule.port})`,
              found: `port: ${rule.port}, toPort: ${rule.toPort}`,
              allowed: `toPort from ${rule.port} to 65535`,
              fix: `swap the two: port: ${rule.toPort}, toPort: ${rule.port}`,
            });
          }
        });
      });
    }
    return findings;
  },
};

function flavorFit(
  flavor: Flavor,
  image: Image,
  flavors: readonly Flavor[],
): Omit<Finding, "file" | "path"> | undefined {
  const needs: string[] = [];
  const has: string[] = [];
  if (flavor.diskGiB < image.minDiskGiB) {
    needs.push(`${image.minDiskGiB} GiB of disk`);
    has.push(`${flavor.diskGiB} GiB`);
  }
  if (flavor.ramGiB < image.minRamGiB) {
    needs.push(`${image.minRamGiB} GiB of RAM`);
    has.push(`${flavor.ramGiB} GiB`);
  }
  if (needs.length === 0) return undefined;
  const fitting = flavors
    .filter((f) => f.diskGiB >= image.minDiskGiB && f.ramGiB >= image.minRamGiB)
    .sort((a, b) => a.vcpus - b.vcpus || a.ramGiB - b.ramGiB || a.diskGiB - b.diskGiB);
  // The smallest fitting flavor with at least the requested vCPUs, public ones first.
  const pick =
    fitting.find((f) => f.public && f.vcpus >= flavor.vcpus) ??
    fitting.find((f) => f.vcpus >= flavor.vcpus) ??
    fitting[0];
  return {
    code: "flavor-too-small",
    message: `image ${image.name} needs at least ${needs.join(" and ")}, but flavor ${flavor.name} has ${has.join(" and ")}`,
    found: `${flavor.name}: ${flavor.diskGiB} GiB disk, ${flavor.ramGiB} GiB RAM`,
    allowed: `a flavor with at least ${image.minDiskGiB} GiB disk and ${image.minRamGiB} GiB RAM: ${listNames(fitting.map((f) => f.name))}`,
    fix:
      pick === undefined
        ? `choose another image, or ask the platform team for a flavor that fits ${image.name}`
        : `use flavor ${pick.name}, or an image that fits ${flavor.name}`,
  };
}
