/**
 * Where a stack's settings file is: `Pulumi.<stack>.yaml` in the folder Pulumi.yaml names as its
 * `stackConfigDir` (the project folder when it names none). The settings of every stack of this
 * project turn Pulumi's default providers off, so that a resource that forgot its provider fails
 * instead of going to a default one; a deployment without the file would lose that.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { load } from "js-yaml";
import { readPulumiProjectText } from "../model/pulumi-project-file";

/** The stack settings folder Pulumi.yaml in `root` names, relative to `root` ("" for none). */
function stackConfigDir(root: string): string {
  // The folder's name is shown in a message: read as the estate's files are, so that a link in
  // Pulumi.yaml's place cannot bring another file's text into it.
  const text = readPulumiProjectText(root);
  if (text === undefined) return ""; // unreadable: Pulumi reports that itself, with its own words
  let project: unknown;
  try {
    project = load(text);
  } catch {
    return "";
  }
  const dir = (project as { stackConfigDir?: unknown } | null)?.stackConfigDir;
  return typeof dir === "string" ? dir : "";
}

/** The settings file of `stack`, relative to `root`. */
function stackSettingsFile(root: string, stack: string): string {
  return join(stackConfigDir(root), `Pulumi.${stack}.yaml`);
}

/** Why `stack` cannot be deployed from `root` for want of its settings file, if it cannot. */
export function missingStackSettings(root: string, stack: string): string | undefined {
  const file = stackSettingsFile(root, stack);
  if (existsSync(join(root, file))) return undefined;
  const example = relative(root, join(root, stackSettingsFile(root, "platform")));
  return (
    `${file} is missing: every stack has a settings file, which turns Pulumi's default ` +
    `providers off (a resource that forgot its provider must fail, not go to a default one); ` +
    `add it, as ${example} is written, in the same change as the stack's department file`
  );
}
