/**
 * What the Pulumi CLI runs: reads the stack's config and the OpenStack logins, loads the estate
 * from the project folder, and hands over to buildStack. Kept apart from buildStack so that
 * tests and the offline planner run the same program with their own logins.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadEstate } from "../model/estate-loader";
import { cloudsYamlCredentials, forbiddenOpenStackVariables } from "./credentials";
import { buildStack } from "./program";

function projectRoot(): string {
  try {
    return pulumi.runtime.getRootDirectory() || process.cwd();
  } catch {
    return process.cwd();
  }
}

/**
 * The program. `root` is the project folder: given when the program runs inline through the
 * Automation API (`govcloud preview` / `up`), found from the runtime when the CLI runs it.
 */
export function main(root: string = projectRoot()) {
  const forbidden = forbiddenOpenStackVariables(process.env);
  if (forbidden.length > 0) {
    throw new pulumi.RunError(
      `Unset ${forbidden.join(", ")}: the OpenStack provider would mix them into the logins ` +
        `govcloud builds from clouds.yaml (only OS_CLIENT_CONFIG_FILE and OS_CLIENT_SECURE_FILE may stay).`,
    );
  }
  const config = new pulumi.Config("govcloud");
  const password = config.getSecret("openstackPassword");
  const credentials = cloudsYamlCredentials(process.env, root, password);
  const ownerDomainId = config.get("ownerDomainId");
  return buildStack(pulumi.getStack(), loadEstate(root), {
    credentials,
    ...(ownerDomainId === undefined ? {} : { ownerDomainId }),
  });
}
