/**
 * Comparing the two ways model/yaml-source.ts reads a file: the fast path (js-yaml,
 * model/yaml-fast.ts) must give exactly what the yaml package gives, data and positions.
 */
import { strict as assert } from "node:assert";
import type { FieldPath } from "../../model/problem";
import { readYamlFast } from "../../model/yaml-fast";
import type { YamlSource } from "../../model/yaml-position";
import { parseYamlText } from "../../model/yaml-source";

type Path = (string | number)[];

/** Every path in `value`, the root included, in document order. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

/** Paths that lead nowhere from `path`, for the nearest-ancestor rule. */
function missingFrom(path: Path): Path[] {
  return [
    [...path, "\u0000missing"],
    [...path, 0],
    [...path, "0"],
    [...path, 1000],
    [...path, -1],
    [...path, 0.5],
    [...path, "\u0000missing", 0],
  ];
}

/** The reference: the file read by the yaml package alone. */
export function readWithYaml(file: string, text: string): YamlSource {
  const result = parseYamlText(file, text, { reader: "yaml" });
  if (!result.ok) {
    assert.fail(
      `the yaml package refuses a text the fast path accepts: ${JSON.stringify(text)}\n` +
        result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`).join("\n"),
    );
  }
  return result.source;
}

/** Asserts that `fast` and `reference` agree on data and on the position of every path. */
export function assertSameSource(fast: YamlSource, reference: YamlSource, label: string): void {
  assert.deepStrictEqual(fast.data, reference.data, `data of ${label}`);
  for (const path of pathsOf(reference.data)) {
    for (const probe of [path, ...missingFrom(path)]) {
      for (const key of [false, true]) {
        assert.deepStrictEqual(
          fast.locate(probe as FieldPath, key),
          reference.locate(probe as FieldPath, key),
          `position of ${JSON.stringify(probe)}${key ? " (key)" : ""} in ${label}`,
        );
      }
    }
  }
}

/**
 * Reads `text` both ways. When the fast path accepts it, the yaml package must accept it too,
 * with equal data and positions, and parseYamlText must give the fast path's reading. Returns
 * whether the fast path accepted the text.
 */
export function compareReaders(text: string, label = "text"): boolean {
  const fast = readYamlFast(label, text);
  if (fast === undefined) return false;
  const reference = readWithYaml(label, text);
  const context = `${label}: ${text.length > 2000 ? `${text.length} characters` : JSON.stringify(text)}`;
  assertSameSource(fast, reference, context);
  const auto = parseYamlText(label, text);
  assert.ok(auto.ok, context);
  assert.deepStrictEqual(auto.source.data, fast.data, context);
  return true;
}
