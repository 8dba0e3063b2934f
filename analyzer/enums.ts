/** Proto enum <-> string conversions, as the engine does them (analyzer_plugin.go). Pure. */
import {
  EnforcementLevel as ProtoEnforcementLevel,
  PolicySeverity as ProtoSeverity,
  PolicyType as ProtoPolicyType,
} from "@pulumi/pulumi/proto/analyzer_pb";
import type { EnforcementLevel, PolicyType, Severity } from "./types";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = [
  "advisory",
  "mandatory",
  "remediate",
  "disabled",
];

export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

export function enforcementLevelFromProto(level: number): EnforcementLevel {
  switch (level) {
    case ProtoEnforcementLevel.ADVISORY:
      return "advisory";
    case ProtoEnforcementLevel.MANDATORY:
      return "mandatory";
    case ProtoEnforcementLevel.REMEDIATE:
      return "remediate";
    case ProtoEnforcementLevel.DISABLED:
      return "disabled";
    default:
      throw new Error(`invalid enforcement level ${level}`);
  }
}

export function enforcementLevelToProto(level: EnforcementLevel): ProtoEnforcementLevel {
  switch (level) {
    case "advisory":
      return ProtoEnforcementLevel.ADVISORY;
    case "mandatory":
      return ProtoEnforcementLevel.MANDATORY;
    case "remediate":
      return ProtoEnforcementLevel.REMEDIATE;
    case "disabled":
      return ProtoEnforcementLevel.DISABLED;
  }
}

export function severityFromProto(severity: number): Severity | undefined {
  switch (severity) {
    case ProtoSeverity.POLICY_SEVERITY_LOW:
      return "low";
    case ProtoSeverity.POLICY_SEVERITY_MEDIUM:
      return "medium";
    case ProtoSeverity.POLICY_SEVERITY_HIGH:
      return "high";
    case ProtoSeverity.POLICY_SEVERITY_CRITICAL:
      return "critical";
    default:
      return undefined;
  }
}

export function policyTypeFromProto(type: number): PolicyType {
  switch (type) {
    case ProtoPolicyType.POLICY_TYPE_RESOURCE:
      return "resource";
    case ProtoPolicyType.POLICY_TYPE_STACK:
      return "stack";
    default:
      return "unknown";
  }
}
