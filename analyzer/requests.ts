/**
 * Proto requests built from plan resources, field by field as the engine fills them
 * (step_generator.go for Analyze/Remediate/AnalyzeStack, analyzer_plugin.go for the rest). Pure.
 */
import {
  AnalyzeRequest,
  AnalyzeStackRequest,
  AnalyzerHandshakeRequest,
  AnalyzerPropertyDependencies,
  AnalyzerProviderResource,
  AnalyzerResource,
  AnalyzerResourceOptions,
  AnalyzerStackConfigureRequest,
  ConfigureAnalyzerRequest,
  PolicyConfig as ProtoPolicyConfig,
} from "@pulumi/pulumi/proto/analyzer_pb";
import type { PlannedResource } from "../plan/types";
import { encodeProperties, type EncodeOptions, type WireObject } from "../wire/encode";
import { enforcementLevelToProto } from "./enums";
import { toStruct, type StructFactory } from "../wire/struct";
import type { PolicyConfig } from "./types";

const URN_DELIMITER = "::";

/** URN.Name(): everything after the third "::" (names may contain "::" themselves). */
export function urnName(urn: string): string {
  let at = -URN_DELIMITER.length;
  for (let i = 0; i < 3; i++) {
    at = urn.indexOf(URN_DELIMITER, at + URN_DELIMITER.length);
    if (at < 0) return urn;
  }
  return urn.slice(at + URN_DELIMITER.length);
}

/** The provider URN of a reference "<provider urn>::<provider id>" (split at the last "::"). */
export function providerUrn(reference: string): string {
  const at = reference.lastIndexOf(URN_DELIMITER);
  return at < 0 ? reference : reference.slice(0, at);
}

/** Analyze sees inputs; Remediate keeps internal keys; AnalyzeStack sees outputs. */
export function analyzeEncoding(secretPlaceholder?: string): EncodeOptions {
  return { skipInternalKeys: true, secretPlaceholder };
}
export function remediateEncoding(secretPlaceholder?: string): EncodeOptions {
  return { skipInternalKeys: false, secretPlaceholder };
}

export function resourceOptions(resource: PlannedResource): AnalyzerResourceOptions {
  const options = new AnalyzerResourceOptions();
  const planned = resource.options;
  options.setProtect(planned?.protect ?? false);
  options.setIgnorechangesList(planned?.ignoreChanges ?? []);
  if (planned?.deleteBeforeReplace !== undefined) {
    options.setDeletebeforereplace(planned.deleteBeforeReplace);
    options.setDeletebeforereplacedefined(true);
  }
  options.setAdditionalsecretoutputsList([]);
  options.setAliasesList(planned?.aliases ?? []);
  options.setCustomtimeouts(new AnalyzerResourceOptions.CustomTimeouts());
  if (resource.parent) options.setParent(resource.parent);
  return options;
}

/** The provider as the engine describes it: its URN, type, name and *inputs*. */
export function providerResource(
  resource: PlannedResource,
  byUrn: ReadonlyMap<string, PlannedResource>,
  encoding: EncodeOptions,
  struct: StructFactory = toStruct,
): AnalyzerProviderResource | undefined {
  if (!resource.provider) return undefined;
  const provider = byUrn.get(providerUrn(resource.provider));
  if (!provider) return undefined;
  const message = new AnalyzerProviderResource();
  message.setUrn(provider.urn);
  message.setType(provider.type);
  message.setName(urnName(provider.urn));
  message.setProperties(struct(encodeProperties(provider.inputs, encoding)));
  return message;
}

/** The provider message of a resource, as providerResource builds it. */
export type ProviderOf = (resource: PlannedResource) => AnalyzerProviderResource | undefined;

/**
 * providerResource, built once per provider of a stack: a stack has a handful of providers and
 * every resource names one, and a request only reads the message, so they can share it.
 */
export function providerCache(
  byUrn: ReadonlyMap<string, PlannedResource>,
  encoding: EncodeOptions,
  struct: StructFactory = toStruct,
): ProviderOf {
  const built = new Map<string, AnalyzerProviderResource | undefined>();
  return (resource) => {
    const reference = resource.provider;
    if (!reference) return undefined;
    if (!built.has(reference))
      built.set(reference, providerResource(resource, byUrn, encoding, struct));
    return built.get(reference);
  };
}

/** Analyze or Remediate request; `properties` are already encoded (inputs, maybe remediated). */
export function analyzeRequest(
  resource: PlannedResource,
  properties: WireObject,
  provider: AnalyzerProviderResource | undefined,
  struct: StructFactory = toStruct,
): AnalyzeRequest {
  const request = new AnalyzeRequest();
  request.setUrn(resource.urn);
  request.setType(resource.type);
  request.setName(urnName(resource.urn));
  request.setProperties(struct(properties));
  request.setOptions(resourceOptions(resource));
  if (provider) request.setProvider(provider);
  return request;
}

/** One resource of AnalyzeStack: outputs, parent, dependencies, property dependencies, provider. */
export function stackResource(
  resource: PlannedResource,
  byUrn: ReadonlyMap<string, PlannedResource>,
  encoding: EncodeOptions,
  struct: StructFactory = toStruct,
  providerOf: ProviderOf = (r) => providerResource(r, byUrn, encoding, struct),
): AnalyzerResource {
  const message = new AnalyzerResource();
  message.setUrn(resource.urn);
  message.setType(resource.type);
  message.setName(urnName(resource.urn));
  message.setProperties(struct(encodeProperties(resource.outputs, encoding)));
  message.setOptions(resourceOptions(resource));
  const provider = providerOf(resource);
  if (provider) message.setProvider(provider);
  if (resource.parent) message.setParent(resource.parent);
  message.setDependenciesList(resource.dependencies ?? []);
  const propertyDependencies = message.getPropertydependenciesMap();
  for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
    if (urns.length === 0) continue; // the engine skips properties without dependencies
    propertyDependencies.set(key, new AnalyzerPropertyDependencies().setUrnsList(urns));
  }
  return message;
}

export function analyzeStackRequest(
  resources: readonly PlannedResource[],
  byUrn: ReadonlyMap<string, PlannedResource>,
  encoding: EncodeOptions,
  struct: StructFactory = toStruct,
  providerOf: ProviderOf = providerCache(byUrn, encoding, struct),
): AnalyzeStackRequest {
  return new AnalyzeStackRequest().setResourcesList(
    resources.map((r) => stackResource(r, byUrn, encoding, struct, providerOf)),
  );
}

export interface StackSettings {
  project: string;
  stack: string;
  organization: string;
  dryRun: boolean;
  /** Decrypted stack config, keys "project:key". */
  config?: Record<string, string>;
  configSecretKeys?: string[];
  tags?: Record<string, string>;
}

export function configureStackRequest(settings: StackSettings): AnalyzerStackConfigureRequest {
  const request = new AnalyzerStackConfigureRequest();
  request.setStack(settings.stack);
  request.setProject(settings.project);
  request.setOrganization(settings.organization);
  request.setDryRun(settings.dryRun);
  for (const [k, v] of Object.entries(settings.config ?? {})) request.getConfigMap().set(k, v);
  request.setConfigSecretKeysList(settings.configSecretKeys ?? []);
  for (const [k, v] of Object.entries(settings.tags ?? {})) request.getTagsMap().set(k, v);
  return request;
}

/** Configure's request; `struct` makes each policy's properties (PlainStruct in-process). */
export function configureRequest(
  config: Record<string, PolicyConfig>,
  struct: StructFactory = toStruct,
): ConfigureAnalyzerRequest {
  const request = new ConfigureAnalyzerRequest();
  const map = request.getPolicyconfigMap();
  for (const [name, entry] of Object.entries(config)) {
    const message = new ProtoPolicyConfig();
    message.setEnforcementlevel(enforcementLevelToProto(entry.enforcementLevel));
    // A copy of the top level: the policy SDK writes the level into the object it is given,
    // which a PlainStruct hands over as it is; what is below is shared (the facts).
    message.setProperties(struct({ ...(entry.properties as WireObject) }));
    map.set(name, message);
  }
  return request;
}

export function handshakeRequest(engineAddress: string, packDir: string): AnalyzerHandshakeRequest {
  return new AnalyzerHandshakeRequest()
    .setEngineAddress(engineAddress)
    .setRootDirectory(packDir)
    .setProgramDirectory(packDir);
}
