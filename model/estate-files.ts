/** Where the estate's files live, shared by the loader and the rules. */
import { basename } from "node:path";

export const PLATFORM_FILE = "platform.yaml";
export const DEPARTMENTS_DIR = "departments";

/** The department id a file should declare: its name without .yaml. */
export function expectedIdFor(file: string): string {
  return basename(file).replace(/\.yaml$/, "");
}

/**
 * The files whose errors stop a stack: for a department, platform.yaml, the ticket register (when
 * platform.yaml names one) and its own file; for the platform (undefined), every file.
 */
export function filesThatStop(
  stack: string,
  platformStack: string,
  register: string | undefined,
): Set<string> | undefined {
  if (stack === platformStack) return undefined;
  return new Set([
    PLATFORM_FILE,
    `${DEPARTMENTS_DIR}/${stack}.yaml`,
    ...(register === undefined ? [] : [register]),
  ]);
}

/** The folder of the Pulumi stack settings (Pulumi.yaml's stackConfigDir), next to platform.yaml. */
export const STACKS_DIR = "stacks";

/** The settings file of a stack: stacks/Pulumi.<stack>.yaml. */
export function stackSettingsFile(stack: string): string {
  return `${STACKS_DIR}/Pulumi.${stack}.yaml`;
}

/** The stack a settings file belongs to, or undefined when the name is not Pulumi.<stack>.yaml. */
export function stackOfSettingsFile(name: string): string | undefined {
  return /^Pulumi\.([^/]+)\.yaml$/.exec(name)?.[1];
}
