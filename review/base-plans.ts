/**
 * Plans of the base revision. When only estate files changed, the base's files are planned with
 * this program, in this process. When the program itself changed (components, model, planner,
 * dependencies), the base must be planned with the base's own program, or every difference in
 * the program would be missed: its `govcloud plan` runs from the base checkout through ts-node,
 * with this checkout's installed packages.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { LoadResult } from "../model/estate-loader";
import type { StackPlan } from "../plan/types";

export interface SidePlans {
  plans: Map<string, StackPlan>;
  /** Stack -> why it could not be planned. */
  failures: Map<string, string>;
}

export async function planWithThisProgram(
  loaded: LoadResult,
  stacks: readonly string[],
): Promise<SidePlans> {
  const { planStacks } = await import("../plan/plan-stacks");
  const { plans, failures } = await planStacks(loaded, stacks);
  return {
    plans: new Map(plans.map((plan) => [plan.stack, plan])),
    failures: new Map(failures.map((failure) => [failure.stack, failure.message])),
  };
}

/** The folder of the installed packages this program runs with. */
function installedPackages(): string {
  return dirname(dirname(require.resolve("ts-node/package.json")));
}

/** Where the base's `plan` said a stack was not planned: "<stack>: not planned\n<why>". */
function failureText(stdout: string, stack: string): string | undefined {
  const start = stdout.indexOf(`${stack}: not planned\n`);
  if (start < 0) return undefined;
  const rest = stdout.slice(start + `${stack}: not planned\n`.length);
  const end = rest.search(/\n(?:\S+: not planned\n|govcloud plan: )/);
  return (end < 0 ? rest : rest.slice(0, end)).trim();
}

/**
 * Runs the base's own `govcloud plan` in its checkout. `checkout` is the repository top at the
 * base, `estateRoot` the estate folder inside it.
 */
export function planWithBaseProgram(
  checkout: string,
  estateRoot: string,
  stacks: readonly string[],
  today: string | undefined,
): SidePlans {
  const result: SidePlans = { plans: new Map(), failures: new Map() };
  if (stacks.length === 0) return result;
  const modules = join(checkout, "node_modules");
  const linked = !existsSync(modules);
  if (linked) symlinkSync(installedPackages(), modules, "dir");
  const out = mkdtempSync(join(tmpdir(), "govcloud-base-plans-"));
  try {
    const run = spawnSync(
      process.execPath,
      [
        "-r",
        require.resolve("ts-node/register/transpile-only"),
        join(checkout, "cli", "main.ts"),
        "plan",
        ...stacks,
        "--root",
        estateRoot,
        "--out",
        out,
        ...(today === undefined ? [] : ["--today", today]),
      ],
      { cwd: checkout, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60 * 1000 },
    );
    const why =
      run.error?.message ??
      (run.status === 0 || run.status === 1 ? undefined : (run.stderr || run.stdout).trim());
    for (const stack of stacks) {
      const file = join(out, `${stack}.json`);
      if (existsSync(file)) {
        result.plans.set(stack, JSON.parse(readFileSync(file, "utf8")) as StackPlan);
      } else {
        result.failures.set(
          stack,
          failureText(run.stdout ?? "", stack) ??
            `the base revision's program could not plan it: ${why ?? "no plan was written"}`,
        );
      }
    }
    return result;
  } finally {
    rmSync(out, { recursive: true, force: true });
    // Unlinked here so that removing the checkout can never reach into the installed packages.
    if (linked) unlinkSync(modules);
  }
}
