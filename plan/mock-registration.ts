/**
 * Answers the SDK's register-resource requests under the mock runtime as the SDK's own
 * MockMonitor does (@pulumi/pulumi runtime/mocks.js: the mocks' newResource gets the
 * deserialized inputs, its state is serialized and remembered for `getResource`, the URN is the
 * mock monitor's), with one difference: the response reaches the SDK as plain values. The SDK's
 * monitor builds a protobuf RegisterResourceResponse and a Struct of the state, which the SDK
 * turns straight back into plain values (and the recorder a second time); those three
 * conversions were a tenth of a plan's time. The state, plain data from the pretend cloud, is
 * serialized as the SDK would, without its asynchronous walk (plan/plain-serialization.ts).
 *
 * While planning it takes the place of MockMonitor.registerResource (plan/runtime-tuning.ts).
 * Only the response's getters the SDK reads (runtime/resource.js registerResource) are given:
 * the URN, the id, the state, no property dependencies and a successful result.
 */
import * as pulumi from "@pulumi/pulumi";
import { serializePlain } from "./plain-serialization";

type PlainMap = Record<string, unknown>;

/** What the SDK's deserializeProperties reads of a Struct. */
interface StructLike {
  toJavaScript(): PlainMap;
}

export interface RegisterRequestLike {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getProvider(): string;
  getImportid(): string;
  getObject(): StructLike | undefined;
}

/** The SDK's MockMonitor, as far as it is used here. */
export interface MockMonitorLike {
  mocks: pulumi.runtime.Mocks;
  resources: Map<string, { urn: string; id: string | null; state: PlainMap }>;
  newUrn(parent: string, type: string, name: string): string;
}

export interface RegisterResponseLike {
  getUrn(): string;
  getId(): string;
  getObject(): StructLike;
  getPropertydependenciesMap(): undefined;
  getResult(): number;
}

export interface Registration {
  /** The mock monitor's URN (only the parent's last type in it). */
  urn: string;
  /** The id the mocks gave, "" for none (a preview). */
  id: string;
  /** The resource's state, serialized. */
  state: PlainMap;
  response: RegisterResponseLike;
}

/** The SDK's Result.SUCCESS (proto/resource_pb.js). */
const RESULT_SUCCESS = 0;

function plainStruct(values: PlainMap): StructLike {
  return { toJavaScript: () => values };
}

/** The mocks' state as the SDK serializes it; plain state (the usual) is copied at once. */
async function serializeState(state: PlainMap): Promise<PlainMap> {
  const plain = serializePlain(state);
  if (typeof plain === "object" && plain !== null && !Array.isArray(plain))
    return plain as PlainMap;
  return (await pulumi.runtime.serializeProperties("", state)) as PlainMap;
}

export async function registerWithMocks(
  monitor: MockMonitorLike,
  request: RegisterRequestLike,
): Promise<Registration> {
  const inputs = request.getObject()?.toJavaScript() ?? {};
  const result = await monitor.mocks.newResource({
    type: request.getType(),
    name: request.getName(),
    inputs: pulumi.runtime.deserializeProperties(plainStruct(inputs) as never),
    provider: request.getProvider(),
    custom: request.getCustom(),
    id: request.getImportid(),
  });
  const urn = monitor.newUrn(request.getParent(), request.getType(), request.getName());
  const state = await serializeState(result.state);
  monitor.resources.set(urn, { urn, id: result.id ?? null, state });
  const id = result.id || "";
  return {
    urn,
    id,
    state,
    response: {
      getUrn: () => urn,
      getId: () => id,
      getObject: () => plainStruct(state),
      getPropertydependenciesMap: () => undefined,
      getResult: () => RESULT_SUCCESS,
    },
  };
}
