/** The options that choose the policy pack and its config, shared by every command that runs it. */
import type { Command } from "commander";
import { DEFAULT_PACK_DIR, DEFAULT_POLICY_CONFIG } from "./check-command";

export function withPolicyOptions(command: Command): Command {
  return command
    .option(
      "--policy-pack <dir>",
      `policy pack folder (default: the ${DEFAULT_PACK_DIR}/ pack installed with govcloud)`,
    )
    .option(
      "--policy-config <file>",
      `policy config file (default: ${DEFAULT_POLICY_CONFIG} in the estate, when present)`,
    );
}
