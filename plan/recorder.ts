/**
 * Records every registration the program makes under the mock runtime, as the engine would see
 * it: the register request carries parent, provider, dependencies and options (the mocks'
 * newResource sees only type, name and inputs), and the response carries the outputs. URNs are
 * rebuilt with the whole parent type chain, as the engine builds them (the mock monitor keeps
 * only the last parent's type). It also records the provider functions the program calls
 * (look-ups such as getRole), with the provider each went to.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PlannedResource } from "./types";
import { toPlanValue, UNKNOWN_MARKER } from "./wire-values";

interface StructLike {
  toJavaScript(): Record<string, unknown>;
}

/** The SDK's RegisterResourceRequest, as far as it is read here. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getProvider(): string;
  getObject(): StructLike | undefined;
  getProtect(): boolean | undefined;
  getDeletebeforereplace(): boolean;
  getRetainondelete?(): boolean | undefined;
  getIgnorechangesList(): string[];
  getReplaceonchangesList(): string[];
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getAliasesList(): { getSpec(): { getName(): string } | undefined }[];
}

/** The mock monitor's RegisterResourceResponse, as far as it is read here. */
interface RegisterResponse {
  getUrn(): string;
  getId(): string;
  getObject(): StructLike | undefined;
}

type Callback = (err: unknown, response: RegisterResponse | undefined) => void;

interface InvokeRequest {
  getTok(): string;
  getArgs(): StructLike | undefined;
  getProvider(): string;
}

interface MonitorLike {
  registerResource(req: RegisterRequest, callback: Callback): Promise<void>;
  invoke(req: InvokeRequest, callback: (err: unknown, response: unknown) => void): Promise<void>;
}

/** A provider function the program called, e.g. a role look-up. */
export interface RecordedCall {
  /** Function token, e.g. openstack:identity/getRole:getRole. */
  token: string;
  /** Arguments as plan values (secrets masked). */
  inputs: Record<string, unknown>;
  /** Provider reference `<provider urn>::<provider id>`, when the call was sent to one. */
  provider?: string;
}

/** Answered by the SDK's mock monitor itself, never by the cloud: not a look-up of the program. */
const SDK_INTERNAL_CALLS = new Set(["pulumi:pulumi:getResource"]);

interface Pending {
  request: RegisterRequest;
  urn: string;
  typeChain: string;
  mockUrn?: string;
  id?: string;
  outputs?: Record<string, unknown>;
}

/** `outputs` (keys in order) with `id` set, keys still in order. */
function withId(outputs: Record<string, unknown>, id: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const key of Object.keys(outputs)) {
    if (key === "id") continue;
    if (!placed && key > "id") {
      out.id = id;
      placed = true;
    }
    out[key] = outputs[key];
  }
  if (!placed) out.id = id;
  return out;
}

export class RegistrationRecorder {
  private pending: Pending[] = [];
  private byMockUrn = new Map<string, Pending>();
  private invocations: InvokeRequest[] = [];

  constructor(
    private readonly project: string,
    private readonly stack: string,
  ) {}

  /**
   * Wraps the monitor that setMocks installed; call right after setMocks.
   */
  attach(): void {
    const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike;
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
      const parent = request.getParent() ? this.byMockUrn.get(request.getParent()) : undefined;
      const type = request.getType();
      const typeChain = parent === undefined ? type : `${parent.typeChain}$${type}`;
      const entry: Pending = {
        request,
        typeChain,
        urn: `urn:pulumi:${this.stack}::${this.project}::${typeChain}::${request.getName()}`,
      };
      this.pending.push(entry);
      return original(request, (err, response) => {
        if (response !== undefined) {
          entry.mockUrn = response.getUrn();
          entry.id = response.getId();
          entry.outputs = response.getObject()?.toJavaScript() ?? {};
          this.byMockUrn.set(entry.mockUrn, entry);
        }
        callback(err, response);
      });
    };
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (request, callback) => {
      if (!SDK_INTERNAL_CALLS.has(request.getTok())) this.invocations.push(request);
      return invoke(request, callback);
    };
  }

  /**
   * Forgets everything recorded so far, so that the next program run under the same mocks is
   * recorded on its own. Only between runs: a registration still in flight would lose its parent.
   */
  reset(): void {
    this.pending = [];
    this.byMockUrn.clear();
    this.invocations = [];
  }

  private resolveUrn = (urn: string): string => this.byMockUrn.get(urn)?.urn ?? urn;

  /** Provider references are `<urn>::<id>`. */
  private resolveProvider(reference: string): string | undefined {
    if (reference === "") return undefined;
    const split = reference.lastIndexOf("::");
    return `${this.resolveUrn(reference.slice(0, split))}::${reference.slice(split + 2)}`;
  }

  /** Every provider function the program called, in the order it called them. */
  calls(): RecordedCall[] {
    return this.invocations.map((request) => {
      const provider = this.resolveProvider(request.getProvider());
      return {
        token: request.getTok(),
        inputs: toPlanValue(request.getArgs()?.toJavaScript() ?? {}, this.resolveUrn) as Record<
          string,
          unknown
        >,
        ...(provider === undefined ? {} : { provider }),
      };
    });
  }

  /** Every recorded resource, sorted by URN. */
  resources(): PlannedResource[] {
    const planned = this.pending.map((entry): PlannedResource => {
      const req = entry.request;
      const propertyDependencies: Record<string, string[]> = {};
      req.getPropertydependenciesMap().forEach((value, key) => {
        propertyDependencies[key] = [...new Set(value.getUrnsList().map(this.resolveUrn))].sort();
      });
      const parent = req.getParent() ? this.resolveUrn(req.getParent()) : undefined;
      const provider = this.resolveProvider(req.getProvider());
      const retain = req.getRetainondelete?.();
      const ignoreChanges = req.getIgnorechangesList();
      const replaceOnChanges = req.getReplaceonchangesList();
      let outputs = toPlanValue(entry.outputs ?? {}, this.resolveUrn) as Record<string, unknown>;
      // Only custom resources have an id; a preview has none yet (the engine shows it unknown).
      // Kept in key order like every other plan object, so that nothing downstream re-sorts it.
      if (req.getCustom()) outputs = withId(outputs, entry.id ? entry.id : UNKNOWN_MARKER);
      return {
        urn: entry.urn,
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        ...(parent === undefined ? {} : { parent }),
        inputs: toPlanValue(req.getObject()?.toJavaScript() ?? {}, this.resolveUrn) as Record<
          string,
          unknown
        >,
        outputs,
        dependencies: [...new Set(req.getDependenciesList().map(this.resolveUrn))].sort(),
        propertyDependencies,
        ...(provider === undefined ? {} : { provider }),
        options: {
          protect: req.getProtect() === true,
          aliases: req
            .getAliasesList()
            .map((alias) => alias.getSpec()?.getName() ?? "")
            .filter((name) => name !== ""),
          ...(req.getDeletebeforereplace() ? { deleteBeforeReplace: true } : {}),
          ...(retain === true ? { retainOnDelete: true } : {}),
          ...(ignoreChanges.length > 0 ? { ignoreChanges } : {}),
          ...(replaceOnChanges.length > 0 ? { replaceOnChanges } : {}),
        },
      };
    });
    return planned.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  }
}
