/**
 * A review of a change to the estate: what each affected stack will create, update, replace and
 * delete, per department and site; quota use before and after; the policy results on the head;
 * and who must approve. Plain JSON (the `--format json` output is this object), rendered to
 * Markdown, SARIF, JUnit and Mermaid by render/review-*.ts.
 */
import type { Problem } from "../model/problem";
import type { SiteQuota } from "../model/types";
import type { SiteUsage } from "../model/usage";
import type { StackCheck } from "../check/stack-result";
import type { ChangeCounts, ResourceChange } from "../diff/types";
import type { DepartmentTopology } from "./topology";
import type { FailoverChange } from "./failover-change";

/**
 * What a reviewer must read before anything else, most dangerous first: a department whose file
 * is gone without a decommission, a decommission, and the destruction of what holds data or
 * identity, undeclared (blocks the change) or declared in `allowDestroy`.
 */
export type AlertKind =
  "department-file-missing" | "decommission" | "undeclared-destruction" | "declared-destruction";

export interface ReviewAlert {
  kind: AlertKind;
  stack: string;
  /** The alert alone fails the review. */
  blocks: boolean;
  /** One sentence a department officer understands: what happens and what is lost. */
  headline: string;
  /** What will be destroyed, one line each (per site, or per resource group). */
  details: string[];
  /** How to make the change acceptable, when it blocks. */
  fix?: string;
  /** The ticket and reason that declare it (decommission, allowDestroy). */
  ticket?: string;
  reason?: string;
  /** Names of the resources concerned. */
  resources: string[];
  /** Where to annotate: a file relative to the estate root, and a line when one applies. */
  file?: string;
  line?: number;
}

/** Quota use of one site of a department, before and after. */
export interface QuotaChange {
  site: string;
  /** Absent when the site is new to the department. */
  before?: SiteUsage;
  /** Absent when the department leaves the site. */
  after?: SiteUsage;
  quotaBefore?: SiteQuota;
  quotaAfter?: SiteQuota;
}

/** One approval the change needs. */
export interface ApprovalRequirement {
  /** Who: "department" (the department's approvers) or "platform" (the platform team). */
  by: "department" | "platform";
  /** People who can give it (ids, names, code-host handles with @). */
  people: { id: string; name: string; handle?: string }[];
  /** Why this approval is needed, in a sentence. */
  reason: string;
  /** The same, one entry per reason (what the reason sentence joins). */
  reasons?: string[];
}

export type StackStatus =
  /** The stack exists on both sides. */
  | "changed"
  | "unchanged"
  /** A new department (no stack on the base). */
  | "added"
  /** A department that is gone on the head (decommissioned). */
  | "removed"
  /** One side could not be planned (the reason is in baseFailure or headFailure). */
  | "failed";

export interface StackReview {
  /** Department id, or "platform". */
  stack: string;
  /** The changed files that made this stack part of the review. */
  reasons: string[];
  /** The department file on the head (or base, when removed). */
  file?: string;
  status: StackStatus;
  counts: ChangeCounts;
  /** Every created, updated, replaced and deleted resource, sorted by site, then name. */
  changes: ResourceChange[];
  /** Per site, quota use before and after (departments only). */
  quotas: QuotaChange[];
  /** The policy pack's results on the head (absent when the head could not be planned). */
  check?: StackCheck;
  approvals: ApprovalRequirement[];
  /** Why the base could not be planned, when it could not. */
  baseFailure?: string;
  /** Why the head could not be planned, when it could not. */
  headFailure?: string;
  /** The department on the head (for diagrams); absent for the platform and removed stacks. */
  topology?: DepartmentTopology;
  /** Most dangerous first (see ReviewAlert); empty when nothing needs special attention. */
  alerts?: ReviewAlert[];
  /** The head's validation errors that stop this stack, each with its file and line. */
  problems?: Problem[];
}

export interface ReviewSide {
  /** As given (`main`, `HEAD~1`), or "working tree". */
  ref: string;
  /** Full commit id; absent for the working tree. */
  commit?: string;
}

export interface ReviewVerdict {
  /**
   * No mandatory violation, no crash, every stack planned on the head, no department file gone
   * without a decommission, nothing destroyed that the change does not declare, and no
   * replacement the cloud refuses.
   */
  passed: boolean;
  mandatory: number;
  advisory: number;
  crashes: number;
  /** Stacks whose head or base could not be planned. */
  failedStacks: number;
  /** Departments whose file is gone without a decommission. */
  missingDepartments: number;
  /** Groups of data or identity the change destroys without declaring it in allowDestroy. */
  undeclaredDestruction: number;
  /** Replacements OpenStack refuses (a unique name taken twice): the deployment would stop. */
  refusedByCloud?: number;
  /**
   * Deletions and replacements the engine refuses because the resource is protected: shown, not
   * blocking (the protection is the second key, lifted by its own change).
   */
  refusedByEngine?: number;
  creates: number;
  updates: number;
  replacements: number;
  deletions: number;
}

export interface ReviewReport {
  /** The project name (Pulumi.yaml) and estate folder, relative to the repository root. */
  project: string;
  estatePath: string;
  base: ReviewSide;
  head: ReviewSide;
  /** Files that differ between base and head, relative to the repository root. */
  changedFiles: string[];
  /**
   * How the base was planned: with the base's own program (code changed between the two) or with
   * this program on the base's files (only estate files changed).
   */
  basePlannedWith: "base program" | "head program";
  /** Stacks in the review: the platform first, then departments by id. */
  stacks: StackReview[];
  /**
   * Approvals the change needs beyond its stacks: changed files that touch no stack in the
   * review and that only the platform team owns (CODEOWNERS): docs, pipelines, scripts.
   */
  approvals?: ApprovalRequirement[];
  /** Each active site lost in turn: the survivor's failover headroom on base and head. */
  failover: FailoverChange[];
  verdict: ReviewVerdict;
}
