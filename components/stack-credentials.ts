/** Collects the automation login of every site a stack needs, or one error naming them all. */
import * as pulumi from "@pulumi/pulumi";
import type { Site } from "../model/types";
import type { CredentialsResult } from "./credentials";
import type { SiteCredentials } from "./providers";

export type CredentialSource = (site: Site) => CredentialsResult;

export function collectCredentials(
  sites: readonly Site[],
  source: CredentialSource,
): Record<string, SiteCredentials> {
  const found: Record<string, SiteCredentials> = {};
  const errors: string[] = [];
  for (const site of sites) {
    const result = source(site);
    if (result.ok) found[site.id] = result.value;
    else errors.push(`  ${site.id}: ${result.error}`);
  }
  if (errors.length > 0) {
    throw new pulumi.RunError(
      `No OpenStack login for every site this stack needs:\n${errors.join("\n")}`,
    );
  }
  return found;
}
