/**
 * A parsed YAML file and positions in it: the shape the reader (model/yaml-source.ts) produces and
 * the loader, the schema check and the rules consume.
 */
import type { FieldPath } from "./problem";

export interface Position {
  line: number;
  column: number;
}

/** A parsed YAML file: its plain data and a way back from a field path to a position. */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Position of the value at `path`, or of the key when `key` is set; the nearest existing ancestor otherwise. */
  locate(path: FieldPath, key?: boolean): Position;
}
