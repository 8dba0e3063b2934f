/**
 * Every name a department file refers to must exist: sites, tiers, flavors, images, volume
 * types and its own networks. A typo gets a "did you mean".
 */
import { activeSites } from "../catalog";
import type { Finding, FieldPath } from "../problem";
import { show } from "../problem";
import { didYouMean, listNames } from "../suggest";
import type { Rule } from "./rule";

export const references: Rule = {
  name: "references",
  description: "Sites, tiers, flavors, images, volume types and networks referred to exist.",
  check({ estate }) {
    const { platform } = estate;
    const findings: Finding[] = [];
    const siteIds = activeSites(platform).map((site) => site.id);
    const tiers = platform.tiers.map((tier) => tier.name);
    const flavors = platform.catalog.flavors.map((flavor) => flavor.name);
    const images = platform.catalog.images.map((image) => image.name);
    const volumeTypes = platform.catalog.volumeTypes.map((type) => type.name);

    for (const { file, department } of estate.departments) {
      const expect = (
        value: string,
        known: string[],
        path: FieldPath,
        what: string,
        where: string,
      ) => {
        if (known.includes(value)) return;
        findings.push({
          file,
          path,
          code: `unknown-${what.replace(/ /g, "-")}`,
          message: `${what} "${value}" is not ${where}`,
          found: show(value),
          allowed: listNames(known),
          fix: didYouMean(
            value,
            known,
            `use one of the ${what}s listed, or ask the platform team to add it`,
          ),
        });
      };
      const expectSite = (site: string, path: FieldPath) =>
        expect(site, siteIds, path, "site", "an active site in platform.yaml");

      for (const site of Object.keys(department.quotas)) expectSite(site, ["quotas", site]);
      const quotaSites = Object.keys(department.quotas);
      const networkNames = department.networks.map((network) => network.name);

      department.networks.forEach((network, n) => {
        for (const site of Object.keys(network.cidrs)) {
          const path = ["networks", n, "cidrs", site];
          if (!siteIds.includes(site)) expectSite(site, path);
          else if (!quotaSites.includes(site)) {
            findings.push(noQuotaAt(file, path, site, quotaSites));
          }
        }
      });

      department.workloads.forEach((workload, w) => {
        const at = (...rest: (string | number)[]) => ["workloads", w, ...rest];
        expect(workload.tier, tiers, at("tier"), "tier", "a tier in platform.yaml");
        expect(workload.flavor, flavors, at("flavor"), "flavor", "in the platform catalog");
        expect(workload.image, images, at("image"), "image", "in the platform catalog");
        expect(
          workload.network,
          networkNames,
          at("network"),
          "network",
          `a network of ${department.id}`,
        );
        for (const site of Object.keys(workload.replicas)) {
          if (!siteIds.includes(site)) expectSite(site, at("replicas", site));
          else if (!quotaSites.includes(site)) {
            findings.push(noQuotaAt(file, at("replicas", site), site, quotaSites));
          }
        }
        if (workload.primarySite !== undefined) {
          expectSite(workload.primarySite, at("primarySite"));
        }
        (workload.volumes ?? []).forEach((volume, v) => {
          expect(
            volume.type,
            volumeTypes,
            at("volumes", v, "type"),
            "volume type",
            "in the platform catalog",
          );
        });
        (workload.ingress ?? []).forEach((rule, r) => {
          if (!rule.from.startsWith("network:")) return;
          const name = rule.from.slice("network:".length);
          expect(
            name,
            networkNames,
            at("ingress", r, "from"),
            "network",
            `a network of ${department.id}`,
          );
        });
      });
    }
    return findings;
  },
};

function noQuotaAt(file: string, path: FieldPath, site: string, quotaSites: string[]): Finding {
  return {
    file,
    path,
    code: "site-without-quota",
    message: `site "${site}" is used here but the department has no quota there`,
    found: show(site),
    allowed: listNames(quotaSites),
    fix: `add a quota for ${site} under quotas:, or remove the site here`,
  };
}
