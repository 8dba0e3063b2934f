/**
 * The quick reader (js-yaml) must read every file it accepts to exactly what the yaml package
 * reads, and the yaml package must find nothing wrong with it: files it declines go to the yaml
 * package, which says what is wrong. Compared on the repository's own estates, on generated
 * documents full of scalars the two could read differently, and on each kind it must decline.
 */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { parseDocument } from "yaml";
import { quickRead } from "../../model/yaml-quick-read";
import { parseYamlText } from "../../model/yaml-source";

const REPO = resolve(__dirname, "..", "..");

/** What the yaml package reads, as yaml-source.ts asks it to; undefined when it finds fault. */
function slowRead(text: string): { data: unknown } | undefined {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, strict: true });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  return { data: doc.toJS({ maxAliasCount: 100 }) };
}

/** The YAML files of an estate folder: platform.yaml, tickets.yaml and departments/. */
function estateFiles(root: string): string[] {
  const departments = join(root, "departments");
  return [
    join(root, "platform.yaml"),
    ...(existsSync(join(root, "tickets.yaml")) ? [join(root, "tickets.yaml")] : []),
    ...readdirSync(departments)
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => join(departments, name)),
  ];
}

describe("the quick YAML reader", () => {
  for (const [name, root] of [
    ["bundled estate", REPO],
    ["test estate", join(REPO, "tests", "fixtures", "estate")],
  ]) {
    it(`reads every file of the ${name} itself, to what the yaml package reads`, () => {
      const files = estateFiles(root);
      assert.ok(files.length >= 3);
      for (const file of files) {
        const text = readFileSync(file, "utf8");
        const quick = quickRead(text);
        assert.notEqual(quick, undefined, `${file} was declined`);
        assert.deepStrictEqual(quick, slowRead(text)?.data, file);
      }
    });
  }

  it("reads generated documents to what the yaml package reads, or declines them", () => {
    let accepted = 0;
    fc.assert(
      fc.property(document, (text) => {
        const quick = quickRead(text);
        if (quick === undefined) return;
        accepted++;
        const slow = slowRead(text);
        assert.notEqual(slow, undefined, `the yaml package finds fault with:\n${text}`);
        assert.deepStrictEqual(quick, slow!.data, text);
      }),
      { numRuns: 400 },
    );
    // The generator must reach the quick path, or the property says nothing. About a third of
    // the documents do (110 to 146 of 400 over thirty seeds; one seed gave exactly 100): a tenth
    // is far enough below that no seed fails by chance, and far above a generator gone wrong.
    assert.ok(accepted >= 40, `only ${accepted} of 400 documents were read quickly`);
  });

  const declined: [string, string][] = [
    ["an anchor and an alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!str 1\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["a tab", "a:\t1\n"],
    ["an explicit key", "? a\n: 1\n"],
    ["a collection as a key", "[a, b]: 1\n"],
    ["a flow collection over two lines", "a: [1,\n  2]\n"],
    ["a null key", "~: 1\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["bad indentation", "a:\n  b: 1\n c: 2\n"],
  ];
  for (const [what, text] of declined) {
    it(`leaves a file with ${what} to the yaml package`, () => {
      assert.equal(quickRead(text), undefined);
    });
  }

  it("gives the positions the yaml package gives, when asked", () => {
    const text = "id: water\nworkloads:\n  - name: app\n    replicas: { qingdao: 2 }\n";
    assert.notEqual(quickRead(text), undefined);
    const parsed = parseYamlText("departments/water.yaml", text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.source.data, {
      id: "water",
      workloads: [{ name: "app", replicas: { qingdao: 2 } }],
    });
    assert.deepEqual(parsed.source.locate(["workloads", 0]), { line: 3, column: 5 });
    assert.deepEqual(parsed.source.locate(["workloads", 0, "replicas", "qingdao"]), {
      line: 4,
      column: 26,
    });
    assert.deepEqual(parsed.source.locate(["workloads", 0, "replicas"], true), {
      line: 4,
      column: 5,
    });
  });
});

/** Plain scalars the YAML 1.1 and 1.2 schemas, and js-yaml's and the yaml package's, disagree on. */
const trickyPlain = fc.constantFrom(
  "0",
  "-0",
  "+7",
  "007",
  "1_000",
  "0b101",
  "0o17",
  "0O17",
  "0x1F",
  "0X1f",
  "-0x1F",
  "+0o7",
  "1.",
  ".5",
  "-.5",
  "1e3",
  "1E-3",
  "1.5e+3",
  "6.8523015e+5",
  "190:20:30",
  ".inf",
  "-.Inf",
  "+.INF",
  ".nan",
  ".NaN",
  "NaN",
  "Infinity",
  "~",
  "null",
  "Null",
  "NULL",
  "nULL",
  "true",
  "True",
  "TRUE",
  "tRUE",
  "false",
  "yes",
  "No",
  "on",
  "OFF",
  "y",
  "2026-01-05",
  "2001-12-14t21:59:43.10-05:00",
  "10.16.0.0/24",
  "network:app",
  "a b  c",
  "qd-chg-2026-00001",
  "李沧区教育局",
  "__proto__",
  "constructor",
  "12345678901234567890",
);

const word = fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,8}$/);
/** Quoted text, mostly of characters an estate uses, now and then of any. */
const quotedText = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[a-zA-Z0-9 .:,#/-]{0,12}$/) },
  fc.string({ maxLength: 12 }),
);
const quoted = fc.oneof(
  quotedText.map((s) => JSON.stringify(s)),
  quotedText.filter((s) => !/[\n\r]/.test(s)).map((s) => `'${s.replace(/'/g, "''")}'`),
);
const scalarText = fc.oneof(trickyPlain, word, quoted);
const key = fc.oneof({ weight: 8, arbitrary: word }, trickyPlain, quoted);
const flow = fc
  .array(fc.tuple(key, scalarText), { minLength: 1, maxLength: 3 })
  .map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(", ")} }`);
const flowSeq = fc.array(scalarText, { maxLength: 3 }).map((items) => `[${items.join(", ")}]`);
const comment = fc.constantFrom("", " # a comment", " #no space", "  # [unbalanced");

/** A block of YAML at `indent` spaces: a mapping or a sequence of values, nested twice at most. */
function block(indent: number, depth: number): fc.Arbitrary<string[]> {
  const pad = " ".repeat(indent);
  // A flow mapping over several lines, its lines indented from 0 to 6 spaces past the block's.
  const flowLines = fc
    .tuple(
      fc.array(fc.tuple(key, scalarText), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 0, max: 6 }),
      fc.boolean(),
    )
    .map(
      ([pairs, inner, closer, trailingComma]) =>
        `{\n${pairs.map(([k, v]) => `${" ".repeat(indent + inner)}${k}: ${v}`).join(",\n")}` +
        `${trailingComma ? "," : ""}\n${" ".repeat(indent + closer)}}`,
    );
  const inline = fc.oneof(scalarText, flow, flowSeq, flowLines, fc.constant(""));
  const nested: fc.Arbitrary<string[]> =
    depth >= 2 ? fc.constant([]) : fc.constant(null).chain(() => block(indent + 2, depth + 1));
  const mappingEntry = fc
    .tuple(key, fc.oneof({ weight: 3, arbitrary: inline.map((v) => [v]) }, nested), comment)
    .map(([k, value, c]) =>
      value.length === 1 || value.length === 0
        ? [`${pad}${k}: ${value[0] ?? ""}${c}`.trimEnd()]
        : [`${pad}${k}:${c}`, ...value],
    );
  const sequenceEntry = fc.oneof(
    inline.map((v) => [`${pad}- ${v}`.trimEnd()]),
    fc
      .tuple(key, scalarText, key, scalarText)
      .map(([k1, v1, k2, v2]) => [`${pad}- ${k1}: ${v1}`, `${pad}  ${k2}: ${v2}`]),
  );
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.array(mappingEntry, { minLength: 1, maxLength: 5 }) },
      fc.array(sequenceEntry, { minLength: 1, maxLength: 4 }),
    )
    .map((entries) => entries.flat());
}

/** Whole documents, now and then with a header, a blank line or a document marker. */
const document = fc
  .tuple(
    fc.constantFrom(
      "",
      "# yaml-language-server: $schema=../schema/department.schema.json\n",
      "---\n",
    ),
    block(0, 0),
    fc.constantFrom("", "\n", "\n...\n"),
  )
  .map(([head, lines, tail]) => `${head}${lines.join("\n")}\n${tail}`);
