/** Public types of the policy harness. */
import type { PlanValue } from "./decode";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";
export type PolicyType = "resource" | "stack" | "unknown";

/** A policy's config schema as the pack declares it (JSON Schema of its properties). */
export interface PolicyConfigSchema {
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
}

/** A policy as GetAnalyzerInfo describes it, after the engine's conversions. */
export interface PolicyInfo {
  name: string;
  displayName?: string;
  description: string;
  /** The level the pack declares (the policy's own, else the pack's). */
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  type: PolicyType;
  /** The pack's schema, with the `enforcementLevel` property the engine injects. */
  configSchema?: PolicyConfigSchema;
}

/** One policy's configuration: the shape the engine passes in Configure. */
export interface PolicyConfig {
  enforcementLevel: EnforcementLevel;
  properties: Record<string, unknown>;
}

/** A configuration entry as given (pack initialConfig or config file): either part may be absent. */
export interface PolicyConfigInput {
  enforcementLevel?: EnforcementLevel;
  properties?: Record<string, unknown>;
}

export interface PackInfo {
  name: string;
  /** From PulumiPolicy.yaml when it sets one (the engine prefers it), else the pack's package.json. */
  version: string;
  displayName?: string;
  description?: string;
  /** The @pulumi/policy version the pack runs (GetPluginInfo). */
  sdkVersion?: string;
  supportsConfig: boolean;
  policies: PolicyInfo[];
  /**
   * The pack's initialConfig as the engine reads it: an entry that sets no level reads as advisory
   * (the proto default), which then overrides the policy's own level.
   */
  initialConfig: Record<string, PolicyConfig>;
}

export type AnalysisPhase = "remediate" | "analyze" | "analyzeStack";

export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  message: string;
  /** After the engine's rules: remediate is reported as mandatory. */
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  /** The resource the engine attributes the diagnostic to. */
  urn: string;
  phase: AnalysisPhase;
}

export interface NotApplicable {
  policyName: string;
  reason: string;
  /** The resource (Analyze, Remediate); absent for AnalyzeStack. */
  urn?: string;
  phase: AnalysisPhase;
}

export interface Remediation {
  urn: string;
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  /** Inputs before and after, in plan JSON (secrets masked). */
  before: Record<string, PlanValue>;
  after: Record<string, PlanValue>;
}

/** A policy that threw: the pack fails the whole RPC; the engine would stop the preview here. */
export interface PolicyCrash {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  phase: AnalysisPhase;
  /** The resource whose Analyze/Remediate failed; absent for AnalyzeStack. */
  urn?: string;
  /** "policy 'x' from policy pack 'p@v1' crashed: Error: boom" */
  message: string;
  /** The pack's full error text (includes the policy's stack trace). */
  detail: string;
}

export interface PackLogLine {
  stream: "stdout" | "stderr";
  line: string;
}

export interface AnalysisTimings {
  /** Start of the pack process up to a working connection (0 when the process was reused). */
  launchMs: number;
  configureMs: number;
  resourcesMs: number;
  analyzeStackMs: number;
  totalMs: number;
}

export interface AnalysisReport {
  project: string;
  stack: string;
  organization: string;
  dryRun: boolean;
  pack: { name: string; version: string; sdkVersion?: string; dir: string };
  /** Every policy of the pack with the level it ran at (after config). */
  policies: Array<{
    name: string;
    enforcementLevel: EnforcementLevel;
    severity?: Severity;
    description: string;
    type: PolicyType;
  }>;
  /** What was passed to Configure, per policy (and "all" when the config file has it). */
  config: Record<string, PolicyConfig>;
  diagnostics: Diagnostic[];
  notApplicable: NotApplicable[];
  remediations: Remediation[];
  crashes: PolicyCrash[];
  /** What the pack printed while this stack was analyzed (the engine shows these lines too). */
  logs: PackLogLine[];
  summary: {
    resources: number;
    mandatory: number;
    advisory: number;
    crashes: number;
    /** No mandatory violation and no crash: `pulumi preview --policy-pack` would succeed. */
    passed: boolean;
  };
  timings: AnalysisTimings;
}
