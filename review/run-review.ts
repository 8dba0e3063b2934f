/**
 * `govcloud review`: what a change does to the estate. Finds the changed files between the base
 * and the head (a commit, or the working tree), the stacks they touch (review/affected-stacks.ts),
 * plans those stacks on both sides, checks the head with the policy pack, and diffs the plans
 * per department and site (diff/plan-diff.ts). The base is checked out into a temporary git
 * worktree, so the working tree is never touched.
 */
import { join } from "node:path";
import type { Baseline } from "../check/changed-resources";
import type { CheckedStack } from "../check/in-process-check";
import { findDepartment } from "../model/estate";
import { readPulumiProjectText } from "../model/pulumi-project-file";
import type { LoadResult } from "../model/estate-loader";
import { PLATFORM_STACK } from "../model/naming";
import { formatProblemText } from "../model/problem";
import { mandatoryCount, advisoryCount } from "../check/stack-result";
import { PLANNING_PATHS, matchesPath } from "./affected-stacks";
import { repositoryApprovals, requiredApprovals } from "./approvals";
import { planWithBaseProgram, planWithThisProgram } from "./base-plans";
import type { SidePlans } from "./base-plans";
import { existsAt } from "./git";
import type { Repository, TemporaryCheckout } from "./git";
import { destructionAlerts, missingDepartmentAlert } from "./destruction";
import { diffPlans } from "../diff/plan-diff";
import { quotaChanges } from "./quota-changes";
import { openRevisions } from "./revisions";
import type { RevisionOptions } from "./revisions";
import { departmentTopology } from "./topology";
import type { Problem } from "../model/problem";
import { filesThatStop } from "../model/estate-files";
import type { ReviewAlert, ReviewReport, ReviewVerdict, StackReview, StackStatus } from "./types";
import type { SiteLossOptions } from "../model/failover";
import { failoverChanges } from "./failover-change";

export interface ReviewOptions extends RevisionOptions {
  /** The policy pack folder and config (checked by the command). */
  packDir: string;
  configFile?: string;
  workers?: number;
  isolated?: boolean;
  /** How site-failover judges a site loss (its policy config), for the failover headroom. */
  failover?: SiteLossOptions;
}

/**
 * The project name in Pulumi.yaml next to the estate, or "govcloud". Read as the estate's files
 * are (a regular file, not a link), since the review's report is posted on the change.
 */
function projectName(root: string): string {
  const text = readPulumiProjectText(root);
  const match = text === undefined ? null : /^name:\s*(\S+)/m.exec(text);
  return match?.[1] ?? "govcloud";
}

/**
 * The head's errors that stop a stack, as the program decides (components/program.ts
 * partitionProblems, model/estate-files.ts filesThatStop).
 */
function blockingProblems(stack: string, loaded: LoadResult): Problem[] {
  const own = filesThatStop(stack, PLATFORM_STACK, loaded.estate?.platform.approvals.register);
  return loaded.problems.filter(
    (problem) => problem.severity === "error" && (own === undefined || own.has(problem.file)),
  );
}

function problemsText(loaded: LoadResult): string {
  return loaded.problems.map(formatProblemText).join("\n");
}

/** The stacks of the base, planned by the right program (see review/base-plans.ts). */
async function basePlans(
  repo: Repository,
  commit: string,
  checkout: TemporaryCheckout,
  loaded: LoadResult | undefined,
  stacks: string[],
  files: readonly string[],
  today: string | undefined,
): Promise<{ plans: SidePlans; program: ReviewReport["basePlannedWith"] }> {
  const programChanged = files.some((file) => matchesPath(file, PLANNING_PATHS));
  if (programChanged && existsAt(repo, commit, "cli/main.ts")) {
    const estateRoot = join(checkout.dir, repo.estatePath);
    return {
      plans: planWithBaseProgram(checkout.dir, estateRoot, stacks, today),
      program: "base program",
    };
  }
  if (loaded === undefined || loaded.estate === undefined) {
    const why = loaded === undefined ? "no estate" : problemsText(loaded);
    return {
      plans: { plans: new Map(), failures: new Map(stacks.map((stack) => [stack, why])) },
      program: "head program",
    };
  }
  return { plans: await planWithThisProgram(loaded, stacks), program: "head program" };
}

/**
 * Checks the head's stacks; `baselines` tells the pack what each stack is on the base, so that
 * what the change creates or alters needs an approval valid at --today (change-approval).
 */
async function headChecks(
  root: string,
  loaded: LoadResult,
  stacks: string[],
  baselines: ReadonlyMap<string, Baseline>,
  options: ReviewOptions,
): Promise<Map<string, CheckedStack>> {
  if (stacks.length === 0 || loaded.estate === undefined) return new Map();
  const { checkStacks } = await import("../check/check-stacks");
  const checked = await checkStacks(root, loaded, stacks, {
    packDir: options.packDir,
    ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
    ...(options.today === undefined ? {} : { today: options.today }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.isolated === undefined ? {} : { isolated: options.isolated }),
    keepPlans: true,
    baselines,
  });
  return new Map(checked.map((entry) => [entry.check.stack, entry]));
}

function statusOf(
  onBase: boolean,
  onHead: boolean,
  baseFailure: string | undefined,
  headFailure: string | undefined,
  changed: boolean,
): StackStatus {
  if (baseFailure !== undefined || headFailure !== undefined) return "failed";
  if (!onBase) return "added";
  if (!onHead) return "removed";
  return changed ? "changed" : "unchanged";
}

function verdictOf(stacks: readonly StackReview[]): ReviewVerdict {
  const verdict: ReviewVerdict = {
    passed: true,
    mandatory: 0,
    advisory: 0,
    crashes: 0,
    failedStacks: 0,
    missingDepartments: 0,
    undeclaredDestruction: 0,
    refusedByCloud: 0,
    refusedByEngine: 0,
    creates: 0,
    updates: 0,
    replacements: 0,
    deletions: 0,
  };
  for (const stack of stacks) {
    verdict.creates += stack.counts.create;
    verdict.updates += stack.counts.update;
    verdict.replacements += stack.counts.replace;
    verdict.deletions += stack.counts.delete;
    if (stack.status === "failed") verdict.failedStacks++;
    for (const change of stack.changes) {
      if (change.refused?.by === "cloud") verdict.refusedByCloud!++;
      if (change.refused?.by === "engine") verdict.refusedByEngine!++;
    }
    for (const alert of stack.alerts ?? []) {
      if (alert.kind === "department-file-missing") verdict.missingDepartments++;
      if (alert.kind === "undeclared-destruction") verdict.undeclaredDestruction++;
    }
    if (stack.check !== undefined) {
      verdict.mandatory += mandatoryCount(stack.check);
      verdict.advisory += advisoryCount(stack.check);
      verdict.crashes += stack.check.crashes.length;
    }
  }
  verdict.passed =
    verdict.mandatory === 0 &&
    verdict.crashes === 0 &&
    verdict.failedStacks === 0 &&
    verdict.missingDepartments === 0 &&
    verdict.undeclaredDestruction === 0 &&
    verdict.refusedByCloud === 0;
  return verdict;
}

export async function runReview(options: ReviewOptions): Promise<ReviewReport> {
  const revisions = openRevisions(options);
  try {
    const { repo, baseCommit, headCommit, files, baseLoaded, headLoaded, headRoot } = revisions;
    const { onBase, onHead, touched, everyStack, platformFiles } = revisions;
    const missing = new Map(revisions.missingDepartments.map((entry) => [entry.stack, entry]));
    const names = [...touched.keys()].filter(
      (stack) => onBase.has(stack) || onHead.has(stack) || missing.has(stack),
    );

    const base = await basePlans(
      repo,
      baseCommit,
      revisions.baseCheckout,
      baseLoaded,
      names.filter((stack) => onBase.has(stack)),
      files,
      options.today,
    );
    const headStacks = names.filter((stack) => onHead.has(stack));
    // A stack missing on the base is new: all of it is created. One the base could not plan is
    // not compared (the review fails it) and is judged as it runs.
    const baselines = new Map<string, Baseline>();
    for (const stack of headStacks) {
      const plan = base.plans.plans.get(stack);
      if (!onBase.has(stack)) baselines.set(stack, {});
      else if (plan !== undefined) baselines.set(stack, { plan });
    }
    const head = await headChecks(headRoot, headLoaded, headStacks, baselines, options);
    const sites =
      (headLoaded.estate ?? baseLoaded?.estate)?.platform.sites.map((site) => site.id) ?? [];

    const stacks: StackReview[] = names.map((stack) => {
      const isBase = onBase.has(stack);
      const isHead = onHead.has(stack);
      const baseFailure = isBase ? base.plans.failures.get(stack) : undefined;
      const checked = head.get(stack);
      const headFailure = isHead
        ? headLoaded.estate === undefined
          ? problemsText(headLoaded)
          : checked?.check.failure
        : undefined;
      // A side that could not be planned is unknown, not empty: no diff rather than a false one.
      const { changes, counts } =
        baseFailure !== undefined || headFailure !== undefined
          ? diffPlans(undefined, undefined, sites)
          : diffPlans(
              isBase ? base.plans.plans.get(stack) : undefined,
              isHead ? checked?.plan : undefined,
              sites,
            );
      const quotas =
        stack === PLATFORM_STACK ? [] : quotaChanges(stack, baseLoaded?.estate, headLoaded.estate);
      const status = statusOf(isBase, isHead, baseFailure, headFailure, changes.length > 0);
      const baseEntry = baseLoaded?.estate && findDepartment(baseLoaded.estate, stack);
      const headEntry = headLoaded.estate && findDepartment(headLoaded.estate, stack);
      const gone = missing.get(stack);
      const basePlan = base.plans.plans.get(stack);
      let alerts: ReviewAlert[] = [];
      if (gone !== undefined) {
        alerts = [missingDepartmentAlert(stack, gone.file, basePlan, sites, gone.settingsFile)];
      } else if (stack !== PLATFORM_STACK && isHead) {
        alerts = destructionAlerts({
          stack,
          changes,
          ...(basePlan === undefined ? {} : { basePlan }),
          ...(checked?.plan === undefined ? {} : { headPlan: checked.plan }),
          ...(baseEntry === undefined ? {} : { base: baseEntry }),
          ...(headEntry === undefined ? {} : { head: headEntry }),
          locate: headLoaded.locate,
        });
      }
      const review: StackReview = {
        stack,
        reasons: touched.get(stack) ?? [],
        status,
        counts,
        changes,
        quotas,
        approvals: requiredApprovals({
          stack,
          status,
          reasons: touched.get(stack) ?? [],
          everyStack,
          platformFiles,
          changes,
          quotas,
          alerts,
          ...(baseLoaded?.estate === undefined ? {} : { base: baseLoaded.estate }),
          ...(headLoaded.estate === undefined ? {} : { head: headLoaded.estate }),
        }),
        alerts,
      };
      const problems = isHead ? blockingProblems(stack, headLoaded) : [];
      if (problems.length > 0) review.problems = problems;
      const entry =
        (headLoaded.estate && findDepartment(headLoaded.estate, stack)) ??
        (baseLoaded?.estate && findDepartment(baseLoaded.estate, stack));
      if (entry !== undefined) review.file = entry.file;
      if (checked !== undefined) review.check = checked.check;
      if (baseFailure !== undefined) review.baseFailure = baseFailure;
      if (headFailure !== undefined) review.headFailure = headFailure;
      const headDepartment = headLoaded.estate && findDepartment(headLoaded.estate, stack);
      if (headDepartment !== undefined && headLoaded.estate !== undefined) {
        try {
          review.topology = departmentTopology(
            headDepartment.department,
            headLoaded.estate.platform,
          );
        } catch {
          // a department the rules reject: its problems are in headFailure, no diagram
        }
      }
      return review;
    });

    const approvals = repositoryApprovals(
      files,
      repo.estatePath,
      stacks,
      headLoaded.estate ?? baseLoaded?.estate,
    );
    return {
      project: projectName(headRoot),
      estatePath: repo.estatePath,
      base: { ref: options.base, commit: baseCommit },
      head:
        headCommit === undefined
          ? { ref: "working tree" }
          : { ref: options.head!, commit: headCommit },
      changedFiles: files,
      basePlannedWith: base.program,
      stacks,
      ...(approvals.length === 0 ? {} : { approvals }),
      failover: failoverChanges(baseLoaded?.estate, headLoaded.estate, options.failover ?? {}),
      verdict: verdictOf(stacks),
    };
  } finally {
    revisions.close();
  }
}
