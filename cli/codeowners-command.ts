/**
 * `govcloud codeowners [--check] [--out <file>]`: writes CODEOWNERS from the department owners,
 * or with --check exits 1 when the file differs from what the estate says.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { LoadResult } from "../model/estate-loader";
import { renderCodeowners } from "../render/codeowners";
import { formatProblemText } from "../model/problem";

export const DEFAULT_CODEOWNERS = ".github/CODEOWNERS";

export function runCodeowners(
  root: string,
  loaded: LoadResult,
  options: { check: boolean; out?: string },
  cwd = process.cwd(),
): { exitCode: number; stdout: string } {
  const errors = loaded.problems.filter((problem) => problem.severity === "error");
  if (loaded.estate === undefined || errors.length > 0) {
    return {
      exitCode: 1,
      stdout:
        [...errors.map(formatProblemText), "govcloud codeowners: fix the estate first"].join("\n") +
        "\n",
    };
  }
  const file =
    options.out === undefined ? join(root, DEFAULT_CODEOWNERS) : resolve(cwd, options.out);
  const shown = relative(cwd, file) || file;
  const wanted = renderCodeowners(loaded.estate);
  const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  if (options.check) {
    if (current === wanted)
      return { exitCode: 0, stdout: `govcloud codeowners: ${shown} is up to date\n` };
    return {
      exitCode: 1,
      stdout:
        `govcloud codeowners: ${shown} ` +
        (current === undefined
          ? "does not exist"
          : "is stale: owners or approvers changed since it was written") +
        "; run `govcloud codeowners` and commit the file\n",
    };
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, wanted);
  return {
    exitCode: 0,
    stdout: `govcloud codeowners: ${current === wanted ? "unchanged" : "wrote"} ${shown}\n`,
  };
}
