/**
 * The text of the Pulumi project file (Pulumi.yaml) beside the estate, read as the estate's files
 * are (model/estate-file-reader.ts): a regular file only, never through a link, since what it
 * holds (the project's name, its stack settings folder) reaches messages and reports.
 */
import { join } from "node:path";
import { readEstateFile } from "./estate-file-reader";
import { MAX_FILE_BYTES } from "./yaml-source";

/** Pulumi.yaml's text, or undefined when it is missing, unreadable or not a regular file. */
export function readPulumiProjectText(root: string): string | undefined {
  const read = readEstateFile(join(root, "Pulumi.yaml"), { maxBytes: MAX_FILE_BYTES });
  return read.ok ? read.bytes.toString("utf8") : undefined;
}
