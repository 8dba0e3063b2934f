/**
 * One resource, as the engine's step generator sends it: Remediate first (when a policy runs at
 * remediate), its result replacing the inputs, then Analyze.
 */
import type { PlannedResource } from "../plan/types";
import { decodeProperties } from "./decode";
import { encodeProperties, type WireObject } from "../wire/encode";
import { analyzeEncoding, analyzeRequest, remediateEncoding, type ProviderOf } from "./requests";
import {
  analyzeDiagnostics,
  notApplicable,
  remediationResults,
  type ResponseContext,
} from "./responses";
import type { StructFactory } from "../wire/struct";
import { RpcError, UNIMPLEMENTED, type AnalyzerTransport } from "./transport";
import type { AnalysisPhase, Diagnostic, NotApplicable, PolicyCrash, Remediation } from "./types";

/** What the analysis of one resource found. */
export interface Findings {
  diagnostics: Diagnostic[];
  notApplicable: NotApplicable[];
  remediations: Remediation[];
  crashes: PolicyCrash[];
}

export interface ResourceAnalysis {
  secretPlaceholder?: string;
  /** How property maps become Structs (the transport's choice). */
  struct: StructFactory;
  /** The resource's provider message, encoded for Analyze (shared within a stack). */
  providerOf: ProviderOf;
  /** Whether any policy runs at `remediate` (else Remediate would change nothing). */
  remediating: boolean;
  context: ResponseContext;
  found: Findings;
  /** A policy crash from a failed call, or throws when the failure is not one. */
  crashOrThrow: (e: unknown, phase: AnalysisPhase, urn?: string) => PolicyCrash;
}

export async function analyzeResource(
  transport: AnalyzerTransport,
  resource: PlannedResource,
  {
    secretPlaceholder,
    struct,
    providerOf,
    remediating,
    context,
    found,
    crashOrThrow,
  }: ResourceAnalysis,
): Promise<void> {
  const encoding = analyzeEncoding(secretPlaceholder);
  // The provider is always marshalled without internal keys, Remediate included.
  const provider = providerOf(resource);
  let inputs: WireObject | undefined;

  if (remediating) {
    let current = encodeProperties(resource.inputs, remediateEncoding(secretPlaceholder));
    try {
      const response = await transport.remediate(
        analyzeRequest(resource, current, provider, struct),
      );
      for (const result of remediationResults(response, context)) {
        if (result.diagnostic) {
          found.diagnostics.push({
            policyName: result.policyName,
            policyPackName: result.policyPackName,
            policyPackVersion: result.policyPackVersion,
            description: result.description,
            message: result.diagnostic,
            enforcementLevel: "advisory",
            urn: resource.urn,
            phase: "remediate",
          });
        } else if (result.properties) {
          // Each result holds the inputs after its policy (and the ones before it) ran.
          found.remediations.push({
            urn: resource.urn,
            policyName: result.policyName,
            policyPackName: result.policyPackName,
            policyPackVersion: result.policyPackVersion,
            description: result.description,
            before: decodeProperties(current),
            after: decodeProperties(result.properties),
          });
          current = result.properties;
          inputs = current;
        }
      }
      found.notApplicable.push(...notApplicable(response, "remediate", resource.urn));
    } catch (e) {
      if (!(e instanceof RpcError && e.code === UNIMPLEMENTED)) {
        found.crashes.push(crashOrThrow(e, "remediate", resource.urn));
      }
    }
  }

  const properties = encodeProperties(inputs ?? resource.inputs, encoding);
  try {
    const response = await transport.analyze(
      analyzeRequest(resource, properties, provider, struct),
    );
    found.diagnostics.push(...analyzeDiagnostics(response, context, resource.urn));
    found.notApplicable.push(...notApplicable(response, "analyze", resource.urn));
  } catch (e) {
    found.crashes.push(crashOrThrow(e, "analyze", resource.urn));
  }
}
