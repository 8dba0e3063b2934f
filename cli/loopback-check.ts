/**
 * The loopback guard as `preview`, `up` and `drift` run it (deploy/loopback-guard.ts): only with
 * GOVCLOUD_LOOPBACK_ONLY=1, before the engine starts. It reads clouds.yaml for each site's auth
 * URL, so a clouds.yaml that does not parse is reported here, as the user's file to fix, and
 * not as a crash of the command.
 */
import type { Platform } from "../model/types";
import { UsageError } from "./usage-error";

/**
 * Why the engine must not start for `stacks` (what to print), or undefined when the guard is off
 * or every endpoint is on this machine. Throws a UsageError for a clouds.yaml or secure.yaml that
 * cannot be read (its path, line and column; none of its lines, which hold passwords).
 */
export async function loopbackRefusal(
  command: string,
  stacks: string,
  root: string,
  platform: Platform,
): Promise<string | undefined> {
  if (process.env.GOVCLOUD_LOOPBACK_ONLY !== "1") return undefined;
  // Loaded only here: reading clouds.yaml loads the Pulumi SDK, which other commands skip.
  const { foreignEndpoints, foreignEndpointsMessage } = await import("../deploy/loopback-guard");
  const { cloudEntries, CloudsFileError } = await import("../components/credentials");
  let login: ReturnType<typeof cloudEntries>;
  try {
    login = cloudEntries(process.env, root);
  } catch (error) {
    if (error instanceof CloudsFileError) throw new UsageError(`${command}: ${error.message}`);
    throw error;
  }
  const found = foreignEndpoints(root, platform, login);
  return found.length === 0 ? undefined : foreignEndpointsMessage(command, stacks, found);
}
