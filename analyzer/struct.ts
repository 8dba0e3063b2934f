/** google.protobuf.Struct conversions, exactly as the SDKs do them (Struct.fromJavaScript). */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { WireObject } from "./encode";

export function toStruct(obj: WireObject): Struct {
  return Struct.fromJavaScript(obj as Parameters<typeof Struct.fromJavaScript>[0]);
}

export function fromStruct(struct: Struct | undefined): WireObject {
  return struct === undefined ? {} : (struct.toJavaScript() as WireObject);
}
