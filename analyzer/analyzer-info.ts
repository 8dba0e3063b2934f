/**
 * GetAnalyzerInfo as the engine reads it (analyzer_plugin.go GetAnalyzerInfo): policies sorted by
 * name; with config support every schema gains an `enforcementLevel` property; the version in
 * PulumiPolicy.yaml, when set, wins over the pack's; initialConfig entries without a level read as
 * advisory (the proto default). Pure.
 */
import type { AnalyzerInfo, PolicyInfo as ProtoPolicyInfo } from "@pulumi/pulumi/proto/analyzer_pb";
import {
  ENFORCEMENT_LEVELS,
  enforcementLevelFromProto,
  policyTypeFromProto,
  severityFromProto,
} from "./enums";
import type { PackInfo, PolicyConfig, PolicyConfigSchema, PolicyInfo } from "./types";

export interface PackProject {
  /** `version` of PulumiPolicy.yaml, if set. */
  version?: string;
  /** `description` of PulumiPolicy.yaml, if set. */
  description?: string;
}

/**
 * A policy's config schema as the engine validates it: the pack's properties plus
 * `enforcementLevel`, and the pack's required list.
 */
export function harnessConfigSchema(
  properties: PolicyConfigSchema["properties"],
  required: readonly string[] = [],
): PolicyConfigSchema {
  const schema: PolicyConfigSchema = {
    properties: {
      ...properties,
      enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] },
    },
  };
  if (required.length > 0) schema.required = [...required];
  return schema;
}

function configSchema(
  policy: ProtoPolicyInfo,
  supportsConfig: boolean,
): PolicyConfigSchema | undefined {
  if (!supportsConfig) return undefined;
  const proto = policy.getConfigschema();
  const properties = (proto?.getProperties()?.toJavaScript() ??
    {}) as PolicyConfigSchema["properties"];
  return harnessConfigSchema(properties, proto?.getRequiredList() ?? []);
}

function policyInfo(policy: ProtoPolicyInfo, supportsConfig: boolean): PolicyInfo {
  const info: PolicyInfo = {
    name: policy.getName(),
    description: policy.getDescription(),
    enforcementLevel: enforcementLevelFromProto(policy.getEnforcementlevel()),
    type: policyTypeFromProto(policy.getPolicyType()),
  };
  if (policy.getDisplayname()) info.displayName = policy.getDisplayname();
  const severity = severityFromProto(policy.getSeverity());
  if (severity) info.severity = severity;
  const schema = configSchema(policy, supportsConfig);
  if (schema) info.configSchema = schema;
  return info;
}

export function packInfoFromProto(info: AnalyzerInfo, project: PackProject = {}): PackInfo {
  const supportsConfig = info.getSupportsconfig();
  const policies = info
    .getPoliciesList()
    .map((p) => policyInfo(p, supportsConfig))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const initialConfig: Record<string, PolicyConfig> = {};
  info.getInitialconfigMap().forEach((config, name) => {
    initialConfig[name] = {
      enforcementLevel: enforcementLevelFromProto(config.getEnforcementlevel()),
      properties: (config.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
    };
  });

  const pack: PackInfo = {
    name: info.getName(),
    version: project.version || info.getVersion(),
    supportsConfig,
    policies,
    initialConfig,
  };
  if (info.getDisplayname()) pack.displayName = info.getDisplayname();
  const description = info.getDescription() || project.description;
  if (description) pack.description = description;
  return pack;
}
