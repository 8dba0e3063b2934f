/**
 * Every instance gets a port with an address in its network's subnet at its site. A subnet with
 * fewer usable addresses than instances passes everything else and fails only at deployment,
 * half-way through, so the sizes are checked here.
 */
import { usableAddresses } from "../addressing";
import type { Finding } from "../problem";
import { show } from "../problem";
import { parseCidr } from "./ipv4";
import { MAX_PREFIX, MIN_PREFIX } from "./network-cidrs";
import type { Rule } from "./rule";

export const subnetSize: Rule = {
  name: "subnet-size",
  description: "Each subnet has an address for every instance placed on it.",
  check({ estate }) {
    const findings: Finding[] = [];
    for (const { file, department } of estate.departments) {
      department.networks.forEach((network, n) => {
        for (const [site, text] of Object.entries(network.cidrs)) {
          const parsed = parseCidr(text);
          // network-cidrs reports invalid CIDRs and prefixes out of range.
          if (!parsed.ok || parsed.cidr.prefix > MAX_PREFIX || parsed.cidr.prefix < MIN_PREFIX) {
            continue;
          }
          const users = department.workloads.filter((w) => w.network === network.name);
          const ports = users.reduce((sum, w) => sum + (w.replicas[site] ?? 0), 0);
          const usable = usableAddresses(parsed.cidr.prefix);
          if (ports <= usable) continue;
          let prefix = parsed.cidr.prefix;
          while (prefix > MIN_PREFIX && usableAddresses(prefix) < ports) prefix -= 1;
          findings.push({
            file,
            path: ["networks", n, "cidrs", site],
            code: "subnet-too-small",
            message:
              `${text} has ${usable} addresses for instances, but ${ports} instances of ` +
              `${users.map((w) => w.name).join(", ")} are placed on ${network.name} at ${site}`,
            found: show(text),
            allowed: `a subnet with at least ${ports} usable addresses (/${prefix} or larger)`,
            fix: `widen the subnet to /${prefix}, or move workloads to another network`,
          });
        }
      });
    }
    return findings;
  },
};
