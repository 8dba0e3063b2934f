/**
 * A policy that throws. @pulumi/policy catches the exception and fails the whole RPC with
 * "Error validating resource with policy '<p>' from policy pack '<pack>@v<version>':\n<stack>"
 * (or "Error remediating resource with remediation '<p>' ..."); the engine turns that into
 * "failed to run policy" and stops the preview. This recognizes such a failure. Pure.
 */
import type { AnalysisPhase, PolicyCrash } from "./types";

const CRASH =
  /^Error (?:validating|remediating) resource with (?:policy|remediation) '([^']+)' from policy pack '([^'@]+)@v([^']*)':\n?([\s\S]*)$/;

/** The crash described by a failed RPC's details, or undefined if it is not a policy crash. */
export function policyCrashFrom(
  details: string,
  phase: AnalysisPhase,
  urn?: string,
): PolicyCrash | undefined {
  const match = CRASH.exec(details);
  if (!match) return undefined;
  const [, policyName, policyPackName, policyPackVersion, error] = match;
  const firstLine = error.split("\n").find((l) => l.trim() !== "") ?? "(no message)";
  const where = urn ? ` on ${urn}` : "";
  const crash: PolicyCrash = {
    policyName,
    policyPackName,
    policyPackVersion,
    phase,
    message: `policy '${policyName}' from policy pack '${policyPackName}@v${policyPackVersion}' crashed during ${phase}${where}: ${firstLine.trim()}`,
    detail: details,
  };
  if (urn !== undefined) crash.urn = urn;
  return crash;
}
