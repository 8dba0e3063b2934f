/**
 * Records every registration the program makes under the mock runtime, as the engine would see
 * it: the register request carries parent, provider, dependencies and options (the mocks'
 * newResource sees only type, name and inputs), and the response carries the outputs. URNs are
 * rebuilt with the whole parent type chain, as the engine builds them (the mock monitor keeps
 * only the last parent's type).
 */
import * as pulumi from "@pulumi/pulumi";
import type { PlannedResource } from "./types";
import { toPlanValue } from "./wire-values";

interface StructLike {
  toJavaScript(): Record<string, unknown>;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getObject(): StructLike | undefined;
  getProvider(): string;
  getParent(): string;
  getProtect(): boolean | undefined;
  getDeletebeforereplace(): boolean;
  getRetainondelete?(): boolean | undefined;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getAliasesList(): { getSpec(): { getName(): string } | undefined }[];
}

interface RegisterResponse {
  getUrn(): string;
  getId(): string;
  getObject(): StructLike | undefined;
}

type Callback = (err: unknown, response: RegisterResponse | undefined) => void;

interface MonitorLike {
  registerResource(req: RegisterRequest, callback: Callback): Promise<void>;
}

interface Pending {
  request: RegisterRequest;
  urn: string;
  typeChain: string;
  mockUrn?: string;
  id?: string;
  outputs?: Record<string, unknown>;
}

export class RegistrationRecorder {
  private pending: Pending[] = [];
  private byMockUrn = new Map<string, Pending>();

  constructor(
    private readonly project: string,
    private readonly stack: string,
  ) {}

  /** Wraps the monitor that setMocks installed; call right after setMocks. */
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
  }

  private resolveUrn = (urn: string): string => this.byMockUrn.get(urn)?.urn ?? urn;

  /** Provider references are `<urn>::<id>`. */
  private resolveProvider(reference: string): string | undefined {
    if (reference === "") return undefined;
    const split = reference.lastIndexOf("::");
    return `${this.resolveUrn(reference.slice(0, split))}::${reference.slice(split + 2)}`;
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
      const outputs = toPlanValue(entry.outputs ?? {}, this.resolveUrn) as Record<string, unknown>;
      if (entry.id) outputs.id = entry.id;
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
        },
      };
    });
    return planned.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  }
}
