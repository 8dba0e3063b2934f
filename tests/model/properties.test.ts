/**
 * Property tests: whatever happens to a valid file (a key deleted, a value replaced, a line
 * duplicated, stray characters, a truncation, flipped bytes), loading the estate never throws
 * and every problem can be shown as file:line:column with a code and a message.
 */
import { strict as assert } from "node:assert";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { loadEstate } from "../../model/estate-loader";
import type { Problem } from "../../model/problem";
import { copyFixture, fixtureText, HEALTH, PLATFORM, removeDir, TODAY, WATER } from "./support";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path in a parsed document, the root excluded, in a stable order. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => [
      [...prefix, key],
      ...pathsOf(item, [...prefix, key]),
    ]);
  }
  return [];
}

function parentAndKey(root: Json, path: Path): [Json, string | number] {
  let node = root;
  for (const part of path.slice(0, -1)) node = (node as Record<string | number, Json>)[part];
  return [node, path[path.length - 1]];
}

function deleteAt(root: Json, path: Path): void {
  const [parent, key] = parentAndKey(root, path);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete (parent as Record<string, Json>)[key as string];
}

function setAt(root: Json, path: Path, value: Json): void {
  const [parent, key] = parentAndKey(root, path);
  (parent as Record<string | number, Json>)[key] = value;
}

/** Values that pass the schema's types more often than random JSON, to reach the rules. */
const plausible: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    "qingdao",
    "laixi",
    "quorum",
    "constructor",
    "__proto__",
    "toString",
    "s1.small",
    "db.xlarge",
    "windows-2019",
    "ssd-sync",
    "sas-local",
    "critical",
    "important",
    "standard",
    "app",
    "data",
    "network:app",
    "network:",
    "10.16.8.0/24",
    "10.16.0.0/12",
    "10.32.9.0/25",
    "0.0.0.0/0",
    "10.16.8.0",
    "10.16.8.7/31",
    "255.255.255.255/32",
    "wang.fang",
    "li.na",
    "liu.yang",
    "QD-CHG-2026-00001",
    "2026-02-29",
    "2024-02-29",
    "2026-11-27",
    "9999-99-99",
    "tcp",
    "udp",
    "icmp",
    "approver",
    "maintainer",
    "active",
    "witness",
    "none",
    "async",
    "sync",
    "active-active",
    "active-standby",
    "single-site",
    "small-host",
    "^QD-",
    "(",
    0,
    1,
    2,
    100,
    65535,
    1000000,
    true,
    false,
    [],
    {},
  ),
  fc.integer({ min: 0, max: 70000 }),
  fc.string({ maxLength: 12 }),
);

type Mutation = (text: string) => string | Buffer;

const parsedCache = new Map<string, Json>();

/** A fresh copy of the fixture's data: parsing YAML costs more than the rest of a run. */
function parsed(text: string): Json {
  let data = parsedCache.get(text);
  if (data === undefined) {
    data = parse(text) as Json;
    parsedCache.set(text, data);
  }
  return structuredClone(data);
}

const deleteKey: fc.Arbitrary<Mutation> = fc.nat().map((n) => (text: string) => {
  const data = parsed(text);
  const paths = pathsOf(data);
  deleteAt(data, paths[n % paths.length]);
  return stringify(data);
});

const replaceValue = (values: fc.Arbitrary<Json>): fc.Arbitrary<Mutation> =>
  fc.tuple(fc.nat(), values).map(([n, value]) => (text: string) => {
    const data = parsed(text);
    const paths = pathsOf(data);
    setAt(data, paths[n % paths.length], value);
    return stringify(data);
  });

/** Renames a mapping key, keeping the key order; `__proto__` becomes an own key, as YAML makes it. */
function renameAt(root: Json, path: Path, name: string): void {
  const [parent, key] = parentAndKey(root, path);
  if (Array.isArray(parent) || parent === null || typeof parent !== "object") return;
  const entries = Object.entries(parent);
  for (const [k] of entries) delete (parent as Record<string, Json>)[k];
  for (const [k, v] of entries) {
    Object.defineProperty(parent, k === key ? name : k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

const renameKey: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.nat(),
    fc.constantFrom(
      "qingdao",
      "laixi",
      "quorum",
      "constructor",
      "__proto__",
      "toString",
      "hasOwnProperty",
      "valueOf",
      "serverGroups",
      "name",
      "id",
    ),
  )
  .map(([n, name]) => (text: string) => {
    const data = parsed(text);
    const paths = pathsOf(data).filter((path) => typeof path[path.length - 1] === "string");
    renameAt(data, paths[n % paths.length], name);
    return stringify(data);
  });

const lines = (text: string) => text.split("\n");

const duplicateLine: fc.Arbitrary<Mutation> = fc.nat().map((n) => (text: string) => {
  const all = lines(text);
  const i = n % all.length;
  return [...all.slice(0, i + 1), all[i], ...all.slice(i + 1)].join("\n");
});

const insertCharacters: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.nat(),
    fc.oneof(
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 4 }),
      fc.constantFrom(
        "\t",
        "\t\t",
        "\u00a0",
        "\ufeff",
        "\u0000",
        "\r",
        "&a",
        "*a",
        "!!str",
        "---\n",
        "{",
        "]",
        ": ",
        "\\",
      ),
    ),
  )
  .map(([n, inserted]) => (text: string) => {
    const at = n % (text.length + 1);
    return text.slice(0, at) + inserted + text.slice(at);
  });

const truncate: fc.Arbitrary<Mutation> = fc
  .nat()
  .map((n) => (text: string) => text.slice(0, n % (text.length + 1)));

const flipBytes: fc.Arbitrary<Mutation> = fc
  .array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 })
  .map((flips) => (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    for (const [n, mask] of flips) bytes[n % bytes.length] ^= mask;
    return bytes;
  });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  deleteKey,
  replaceValue(fc.jsonValue() as fc.Arbitrary<Json>),
  replaceValue(plausible),
  replaceValue(plausible),
  renameKey,
  duplicateLine,
  insertCharacters,
  truncate,
  flipBytes,
);

function assertWellFormed(problem: Problem, files: string[]): void {
  assert.ok(files.includes(problem.file), `unexpected file ${problem.file}`);
  assert.ok(Number.isInteger(problem.line) && problem.line >= 1, `line ${problem.line}`);
  assert.ok(Number.isInteger(problem.column) && problem.column >= 1, `column ${problem.column}`);
  assert.match(problem.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  assert.ok(problem.message.length > 0);
  assert.equal(typeof problem.path, "string");
  assert.ok(problem.severity === "error" || problem.severity === "warning");
}

describe("properties of loading", function () {
  let dir: string;
  before(() => {
    // The second department only costs time here: a mutated file is checked against the
    // platform and itself.
    dir = copyFixture();
    rmSync(join(dir, HEALTH));
  });
  after(() => removeDir(dir));

  const check = (file: string, runs: number) =>
    fc.assert(
      fc.property(mutation, (mutate) => {
        const original = fixtureText(file);
        writeFileSync(join(dir, file), mutate(original));
        try {
          const result = loadEstate(dir, { today: TODAY });
          for (const problem of result.problems) assertWellFormed(problem, result.files);
        } finally {
          writeFileSync(join(dir, file), original);
        }
      }),
      { numRuns: runs },
    );

  it("an unchanged department validates cleanly", () => {
    const result = loadEstate(dir, { today: TODAY });
    assert.deepEqual(result.problems, []);
  });

  it("a mutated department file never makes the loader throw", () => check(WATER, 300));

  it("a mutated platform file never makes the loader throw", () => check(PLATFORM, 60));
});
