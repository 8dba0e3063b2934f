/**
 * Pack responses read as the engine reads them (analyzer_plugin.go convertDiagnostics, Remediate;
 * step_generator.go): the PulumiPolicy.yaml version wins over the pack's; a diagnostic without a
 * severity takes its policy's; remediate is reported as mandatory; Analyze diagnostics are filed
 * under the analyzed resource, AnalyzeStack ones under their URN if it is in the stack, else under
 * the root stack. Pure.
 */
import type { AnalyzeResponse, RemediateResponse } from "@pulumi/pulumi/proto/analyzer_pb";
import type { WireObject } from "../wire/encode";
import { enforcementLevelFromProto, severityFromProto } from "./enums";
import { fromStruct } from "../wire/struct";
import type { AnalysisPhase, Diagnostic, NotApplicable, PolicyInfo, Severity } from "./types";

export interface ResponseContext {
  /** The version of PulumiPolicy.yaml, if it sets one. */
  projectVersion?: string;
  policies: readonly PolicyInfo[];
}

function severityOf(policies: readonly PolicyInfo[], name: string): Severity | undefined {
  return policies.find((p) => p.name === name)?.severity;
}

function diagnostics(
  response: AnalyzeResponse,
  context: ResponseContext,
  phase: AnalysisPhase,
  urnOf: (reported: string) => string,
): Diagnostic[] {
  return response.getDiagnosticsList().map((d) => {
    let enforcementLevel = enforcementLevelFromProto(d.getEnforcementlevel());
    if (enforcementLevel === "remediate") enforcementLevel = "mandatory";
    const diagnostic: Diagnostic = {
      policyName: d.getPolicyname(),
      policyPackName: d.getPolicypackname(),
      policyPackVersion: context.projectVersion || d.getPolicypackversion(),
      description: d.getDescription(),
      message: d.getMessage(),
      enforcementLevel,
      urn: urnOf(d.getUrn()),
      phase,
    };
    const severity =
      severityFromProto(d.getSeverity()) ?? severityOf(context.policies, d.getPolicyname());
    if (severity) diagnostic.severity = severity;
    return diagnostic;
  });
}

/** Diagnostics of Analyze: always filed under the analyzed resource, as the engine does. */
export function analyzeDiagnostics(
  response: AnalyzeResponse,
  context: ResponseContext,
  urn: string,
): Diagnostic[] {
  return diagnostics(response, context, "analyze", () => urn);
}

/** Diagnostics of AnalyzeStack: their own URN when it names a resource of the stack, else the root. */
export function analyzeStackDiagnostics(
  response: AnalyzeResponse,
  context: ResponseContext,
  stackUrns: ReadonlySet<string>,
  rootUrn: string,
): Diagnostic[] {
  return diagnostics(response, context, "analyzeStack", (reported) =>
    reported !== "" && stackUrns.has(reported) ? reported : rootUrn,
  );
}

export function notApplicable(
  response: AnalyzeResponse | RemediateResponse,
  phase: AnalysisPhase,
  urn?: string,
): NotApplicable[] {
  return response.getNotApplicableList().map((n) => {
    const entry: NotApplicable = { policyName: n.getPolicyName(), reason: n.getReason(), phase };
    if (urn !== undefined) entry.urn = urn;
    return entry;
  });
}

export interface RemediationResult {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  /** The new inputs (wire form, secrets still wrapped) or, for a remediation that could not run, none. */
  properties?: WireObject;
  /** Set when the remediation could not run (e.g. an unknown value during preview). */
  diagnostic?: string;
}

export function remediationResults(
  response: RemediateResponse,
  context: ResponseContext,
): RemediationResult[] {
  return response.getRemediationsList().map((r) => {
    const result: RemediationResult = {
      policyName: r.getPolicyname(),
      policyPackName: r.getPolicypackname(),
      policyPackVersion: context.projectVersion || r.getPolicypackversion(),
      description: r.getDescription(),
    };
    if (r.hasProperties()) result.properties = fromStruct(r.getProperties());
    if (r.getDiagnostic()) result.diagnostic = r.getDiagnostic();
    return result;
  });
}
