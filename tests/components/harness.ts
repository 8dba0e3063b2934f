/**
 * The one mock harness of the component tests. It installs Pulumi mocks that
 * - record every registration: type, name, inputs, provider, parent, protect, aliases,
 *   dependencies, delete-before-replace and ignore-changes (read from the register request,
 *   since the mocks' newResource sees only type, name, inputs and provider);
 * - compute the URN the real engine would give (the whole parent type chain: the mock monitor
 *   keeps only the last parent's type);
 * - answer the provider functions the program calls with realistic values, and throw on any
 *   other, so that a new look-up cannot pass unnoticed.
 *
 * Test files call `harness.install()` in `before`: every call of setMocks replaces the mocks of
 * the whole process, and other test files install their own.
 */
import * as pulumi from "@pulumi/pulumi";

export const PROJECT = "govcloud";
export const STACK = "test";
export const AUTOMATION_USER_ID = "automation-user-id";

export interface Registration {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  /** Provider reference (`<urn>::<id>`), empty when none was given. */
  provider: string;
  /** Logical name of the provider, parsed from the reference. */
  providerName?: string;
  parent?: Registration;
  /** URN as the engine computes it, with the whole parent type chain. */
  urn: string;
  /** URN the mock monitor answered. */
  mockUrn?: string;
  typeChain: string;
  protect: boolean;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  aliasNames: string[];
  dependencies: string[];
}

export interface CallRecord {
  token: string;
  inputs: Record<string, unknown>;
  provider?: string;
}

type Callback = (err: unknown, response: { getUrn(): string } | undefined) => void;

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getObject(): Parameters<typeof pulumi.runtime.deserializeProperties>[0];
  getProvider(): string;
  getParent(): string;
  getProtect(): boolean | undefined;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getAliasesList(): { getSpec(): { getName(): string } | undefined }[];
}

interface MockMonitorLike {
  registerResource(req: RegisterRequest, callback: Callback): Promise<void>;
}

/**
 * The id the mocks give a resource: its name and kind, so that two resources with one name (a
 * security group and a server group of one workload) have different ids.
 */
export function mockId(type: string, name: string): string {
  const kind = (type.split(":")[2] ?? type).toLowerCase();
  return `${name}--${kind}`;
}

/** A deterministic, realistic-looking address per name. */
function fakeAddress(name: string, first: number): string {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `${first}.${(hash >> 16) & 255}.${(hash >> 8) & 255}.${(hash & 253) + 1}`;
}

/** Outputs the provider computes, per resource type. */
function computedState(type: string, name: string): Record<string, unknown> {
  switch (type) {
    case "openstack:networking/port:Port":
      return { allFixedIps: [fakeAddress(name, 10)], macAddress: "fa:16:3e:00:00:01" };
    case "openstack:networking/floatingIp:FloatingIp":
      return { address: fakeAddress(name, 203) };
    case "openstack:compute/instance:Instance":
      return { accessIpV4: fakeAddress(name, 10) };
    default:
      return {};
  }
}

function answerCall(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  const inputs = args.inputs as Record<string, unknown>;
  const name = String(inputs.name ?? "");
  switch (args.token) {
    case "openstack:identity/getRole:getRole":
      return { id: `role-${name}`, name, domainId: "", region: "qingdao" };
    case "openstack:identity/getUser:getUser":
      return {
        id: `user-${name}`,
        name,
        domainId: inputs.domainId ?? "default",
        enabled: true,
        region: "qingdao",
      };
    case "openstack:identity/getAuthScope:getAuthScope":
      return {
        id: name,
        name,
        userId: AUTOMATION_USER_ID,
        userName: "govcloud-automation",
        userDomainId: "default",
        userDomainName: "Default",
        projectId: "admin-project-id",
        projectName: "admin",
        projectDomainId: "default",
        projectDomainName: "Default",
        domainId: "",
        domainName: "",
        region: "qingdao",
        roles: [{ roleId: "role-admin", roleName: "admin" }],
        serviceCatalogs: [],
        tokenId: "",
      };
    case "openstack:networking/getNetwork:getNetwork":
      return {
        id: `net-${name}`,
        name,
        external: true,
        shared: false,
        mtu: 1500,
        region: "",
        tenantId: "admin",
      };
    case "openstack:compute/getFlavor:getFlavor":
      return { id: `flavor-${name}`, name, isPublic: inputs.isPublic ?? true, region: "" };
    case "openstack:images/getImage:getImage":
      return { id: `image-${name}`, name, region: "", visibility: "public" };
    default:
      throw new Error(`unmocked call ${args.token} ${JSON.stringify(inputs)}`);
  }
}

class Harness {
  resources: Registration[] = [];
  calls: CallRecord[] = [];
  preview = false;
  private byMockUrn = new Map<string, Registration>();

  /** Installs the mocks; `preview` makes computed outputs and ids unknown, as in `pulumi preview`. */
  async install(options: { preview?: boolean } = {}): Promise<void> {
    await this.settle();
    this.preview = options.preview ?? false;
    const preview = this.preview;
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => ({
          id: preview ? undefined : mockId(args.type, args.name),
          state: preview
            ? { ...args.inputs }
            : { ...args.inputs, ...computedState(args.type, args.name) },
        }),
        call: (args) => {
          this.calls.push({
            token: args.token,
            inputs: args.inputs,
            ...(args.provider ? { provider: args.provider } : {}),
          });
          return answerCall(args);
        },
      },
      PROJECT,
      STACK,
      preview,
    );
    this.wrapMonitor();
    this.reset();
  }

  reset(): void {
    this.resources = [];
    this.calls = [];
    this.byMockUrn.clear();
  }

  /** Waits until every registration (including those made inside `apply`) has completed. */
  async settle(): Promise<void> {
    const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
    if (runtime.waitForRPCs !== undefined) await runtime.waitForRPCs();
    await new Promise((resolve) => setImmediate(resolve));
    if (runtime.waitForRPCs !== undefined) await runtime.waitForRPCs();
  }

  private wrapMonitor(): void {
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
      const parent = req.getParent() ? this.byMockUrn.get(req.getParent()) : undefined;
      const type = req.getType();
      const typeChain = parent === undefined ? type : `${parent.typeChain}$${type}`;
      const provider = req.getProvider();
      const record: Registration = {
        type,
        name: req.getName(),
        custom: req.getCustom(),
        inputs: pulumi.runtime.deserializeProperties(req.getObject()) as Record<string, unknown>,
        provider,
        ...(provider ? { providerName: provider.split("::")[3] } : {}),
        ...(parent === undefined ? {} : { parent }),
        urn: `urn:pulumi:${STACK}::${PROJECT}::${typeChain}::${req.getName()}`,
        typeChain,
        protect: req.getProtect() === true,
        deleteBeforeReplace: req.getDeletebeforereplace(),
        ignoreChanges: req.getIgnorechangesList(),
        aliasNames: req
          .getAliasesList()
          .map((alias) => alias.getSpec()?.getName() ?? "")
          .filter((name) => name !== ""),
        dependencies: req.getDependenciesList(),
      };
      this.resources.push(record);
      return original(req, (err, response) => {
        if (response !== undefined) {
          record.mockUrn = response.getUrn();
          this.byMockUrn.set(record.mockUrn, record);
        }
        callback(err, response);
      });
    };
  }

  named(name: string, type?: string): Registration {
    const found = this.resources.filter(
      (r) => r.name === name && (type === undefined || r.type === type),
    );
    if (found.length !== 1) {
      throw new Error(
        `expected one resource named ${name}${type ? ` of type ${type}` : ""}, found ${found.length}`,
      );
    }
    return found[0];
  }

  ofType(type: string): Registration[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** Every resource below `ancestor` in the tree. */
  descendants(ancestor: Registration): Registration[] {
    const isBelow = (r: Registration): boolean =>
      r.parent !== undefined && (r.parent === ancestor || isBelow(r.parent));
    return this.resources.filter(isBelow);
  }
}

export const harness = new Harness();

/** `type name` lines, sorted: the shape of a subtree at a glance in assertion diffs. */
export function shape(resources: readonly Registration[]): string[] {
  return resources.map((r) => `${r.type} ${r.name}`).sort();
}

export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
