/**
 * Everything govcloud writes leaves through here: standard output, standard error and report
 * files (text, Markdown, JSON, SARIF, JUnit, plans), each passed through the one redaction
 * step (model/redaction.ts) against this process's environment.
 */
import { writeFileSync } from "node:fs";
import { redact, secretValues } from "../model/redaction";

let secrets: string[] | undefined;

function redacted(text: string): string {
  secrets ??= secretValues(process.env);
  return secrets.length === 0 ? text : redact(text, secrets);
}

export function writeStdout(text: string): void {
  process.stdout.write(redacted(text));
}

export function writeStderr(text: string): void {
  process.stderr.write(redacted(text));
}

export function writeReportFile(file: string, text: string): void {
  writeFileSync(file, redacted(text));
}
