/**
 * The Pulumi program: the stack name picks what to build. `platform` builds the platform's
 * catalog and KVM hosts; any other stack name is a department id and builds that department.
 *
 * Before anything is registered, the estate must be valid where it matters to the stack: a
 * department stack stops on errors in platform.yaml or in its own file (a broken file of another
 * department does not hold it up), the platform stack stops on any error (removing a flavor a
 * department still uses shows up as an error in that department's file). The stack then fails
 * with the formatted problem list, without a stack trace.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatProblemText } from "../model/problem";
import type { Estate } from "../model/estate";
import { findDepartment } from "../model/estate";
import { DEPARTMENTS_DIR, filesThatStop } from "../model/estate-files";
import { missingDepartmentMessage } from "../model/lifecycle";
import { PLATFORM_STACK } from "../model/naming";
import type { Problem } from "../model/problem";
import { buildDepartment } from "./department-program";
import type { DepartmentProgramOptions, DepartmentStackOutputs } from "./department-program";
import { buildPlatform } from "./platform-program";
import type { PlatformStackOutputs } from "./platform-program";

export type ProgramOptions = DepartmentProgramOptions;

export interface LoadedEstate {
  estate?: Estate;
  problems: Problem[];
}

export function departmentFile(id: string): string {
  return `${DEPARTMENTS_DIR}/${id}.yaml`;
}

/** The problems that stop `stack`, and the others (reported as warnings). */
export function partitionProblems(
  stack: string,
  problems: readonly Problem[],
  register?: string,
): { blocking: Problem[]; other: Problem[] } {
  const ownFiles = filesThatStop(stack, PLATFORM_STACK, register);
  const blocking: Problem[] = [];
  const other: Problem[] = [];
  for (const problem of problems) {
    const relevant = ownFiles === undefined || ownFiles.has(problem.file);
    (problem.severity === "error" && relevant ? blocking : other).push(problem);
  }
  return { blocking, other };
}

export function problemReport(stack: string, problems: readonly Problem[]): string {
  return [
    `Stack ${stack} cannot be deployed: the estate has ${problems.length} ` +
      `error${problems.length === 1 ? "" : "s"} (run govcloud validate to see them locally).`,
    ...problems.map(formatProblemText),
  ].join("\n");
}

/** Runs the program for `stack`; throws a RunError (message only, no stack trace) when it must not. */
export function buildStack(
  stack: string,
  loaded: LoadedEstate,
  options: ProgramOptions,
): DepartmentStackOutputs | PlatformStackOutputs {
  const { blocking, other } = partitionProblems(
    stack,
    loaded.problems,
    loaded.estate?.platform.approvals.register,
  );
  if (blocking.length > 0 || loaded.estate === undefined) {
    throw new pulumi.RunError(
      problemReport(stack, blocking.length > 0 ? blocking : loaded.problems),
    );
  }
  for (const problem of other) {
    if (problem.severity === "warning") pulumi.log.warn(formatProblemText(problem));
  }
  const elsewhere = new Set(other.filter((p) => p.severity === "error").map((p) => p.file));
  if (elsewhere.size > 0) {
    pulumi.log.warn(
      `other files have errors that do not stop this stack: ${[...elsewhere].sort().join(", ")}`,
    );
  }
  if (stack === PLATFORM_STACK) return buildPlatform(loaded.estate, options);
  if (findDepartment(loaded.estate, stack) === undefined) {
    throw new pulumi.RunError(missingDepartmentMessage(stack, departmentFile(stack)));
  }
  return buildDepartment(loaded.estate, stack, options).outputs;
}
