/**
 * model/yaml-fast.ts, case by case: plain scalars resolve as the yaml package's core schema
 * resolves them; what the fast path declines is read by the yaml package with today's data,
 * positions and problems; texts found by the property tests stay fixed; and the yaml package
 * is only loaded when a file needs it.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import { parse } from "yaml";
import { MAX_FAST_ALIASES, NOT_CORE, readYamlFast, resolveCoreScalar } from "../../model/yaml-fast";
import type { ParseResult } from "../../model/yaml-source";
import {
  MAX_ALIAS_COUNT,
  MAX_FILE_BYTES,
  parseYamlBytes,
  parseYamlText,
} from "../../model/yaml-source";
import { assertSameSource, compareReaders } from "./yaml-support";

/** Plain scalars and their value under the core schema. */
const SCALARS: [string, unknown][] = [
  ["~", null],
  ["null", null],
  ["Null", null],
  ["NULL", null],
  ["nULL", "nULL"],
  ["true", true],
  ["True", true],
  ["TRUE", true],
  ["tRUE", "tRUE"],
  ["false", false],
  ["False", false],
  ["FALSE", false],
  ["yes", "yes"],
  ["no", "no"],
  ["on", "on"],
  ["y", "y"],
  ["0", 0],
  ["-0", -0],
  ["+0", 0],
  ["007", 7],
  ["-12", -12],
  ["+12", 12],
  ["123456789012345678901234567890", 1.2345678901234568e29],
  ["0o17", 15],
  ["-0o17", "-0o17"],
  ["+0o17", "+0o17"],
  ["0O17", "0O17"],
  ["0o8", "0o8"],
  ["0x1F", 31],
  ["0x1f", 31],
  ["+0x1F", "+0x1F"],
  ["-0x1F", "-0x1F"],
  ["0X1F", "0X1F"],
  ["0x", "0x"],
  ["0b101", "0b101"],
  ["0b1", "0b1"],
  ["1_000", "1_000"],
  ["1,000", "1,000"],
  ["1.5", 1.5],
  ["-.5", -0.5],
  ["+.5", 0.5],
  [".5", 0.5],
  ["5.", 5],
  ["-0.0", -0],
  ["1e3", 1000],
  ["1E3", 1000],
  ["1e+3", 1000],
  ["1.5e-3", 0.0015],
  [".5e1", 5],
  ["1e400", Infinity],
  ["-1e400", -Infinity],
  ["1e-400", 0],
  ["1e", "1e"],
  ["e3", "e3"],
  [".", "."],
  ["-.", "-."],
  [".inf", Infinity],
  [".Inf", Infinity],
  [".INF", Infinity],
  ["+.inf", Infinity],
  ["-.Inf", -Infinity],
  [".iNF", ".iNF"],
  [".nan", NaN],
  [".NaN", NaN],
  [".NAN", NaN],
  ["-.nan", "-.nan"],
  ["12:30", "12:30"],
  ["1:2:3", "1:2:3"],
  ["2026-01-27", "2026-01-27"],
  ["2026-01-27T10:00:00Z", "2026-01-27T10:00:00Z"],
  ["10.16.0.0/12", "10.16.0.0/12"],
  ["1.2.3", "1.2.3"],
  ["m1.xlarge", "m1.xlarge"],
  ["QD-1129", "QD-1129"],
  ["<<", "<<"],
  ["=", "="],
  ["::1", "::1"],
  ["青岛", "青岛"],
];

/** Reads `text` the default way and with the yaml package only; both must give the same. */
function assertSameResult(text: string, label = "text"): ParseResult {
  const auto = parseYamlText(label, text);
  const reference = parseYamlText(label, text, { reader: "yaml" });
  assert.equal(auto.ok, reference.ok, JSON.stringify(text));
  if (auto.ok && reference.ok)
    assertSameSource(auto.source, reference.source, JSON.stringify(text));
  if (!auto.ok && !reference.ok) assert.deepStrictEqual(auto.problems, reference.problems);
  return auto;
}

/** Runs `read` without the warning the yaml package prints for each collection used as a key. */
function withoutKeyWarnings<T>(read: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes("Keys with collection values")) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return read();
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** Asserts that the fast path declines `text` and that it is still read as the yaml package reads it. */
function assertDeclined(text: string): ParseResult {
  assert.equal(readYamlFast("text", text), undefined, `fast path took ${JSON.stringify(text)}`);
  return withoutKeyWarnings(() => assertSameResult(text));
}

describe("yaml-fast: plain scalars", () => {
  for (const [source, expected] of SCALARS) {
    it(`resolves ${source} as the yaml package does`, () => {
      const core = resolveCoreScalar(source);
      assert.deepStrictEqual(core === NOT_CORE ? source : core, expected);
      // A comma ends an entry of a flow sequence.
      const list = source.includes(",") ? "[x]" : `[${source}, x]`;
      const text = `value: ${source}\nlist: ${list}\nitems:\n  - ${source}\n`;
      const reference = parse(text) as Record<string, unknown>;
      assert.deepStrictEqual(reference.value, expected, "the table is wrong");
      const fast = readYamlFast("text", text);
      assert.ok(fast !== undefined);
      assert.deepStrictEqual(fast.data, {
        value: expected,
        list: source.includes(",") ? ["x"] : [expected, "x"],
        items: [expected],
      });
      assert.ok(compareReaders(text));
      if (expected !== null) assert.ok(compareReaders(`${source}: key\n`));
    });
  }

  it("differs from js-yaml's own core schema where the yaml package does", () => {
    for (const source of ["0b101", "-.5", "+.5", "+0x1F", "-0x1F", "-0o17", "1e400", "-0"]) {
      const own = (load(`v: ${source}`, { schema: CORE_SCHEMA }) as { v: unknown }).v;
      const reference = (parse(`v: ${source}`) as { v: unknown }).v;
      assert.notDeepStrictEqual(own, reference, source);
      assert.deepStrictEqual(
        (readYamlFast("text", `v: ${source}`)?.data as { v: unknown }).v,
        reference,
      );
    }
  });

  it("leaves quoted and block scalars as strings", () => {
    const text = `a: "1"\nb: '0x1F'\nc: |\n  true\nd: >-\n  null\n`;
    assert.ok(compareReaders(text));
    assert.deepStrictEqual(readYamlFast("text", text)?.data, {
      a: "1",
      b: "0x1F",
      c: "true\n",
      d: "null",
    });
  });
});

describe("yaml-fast: positions", () => {
  it("gives the value, the key, the empty value and the nearest ancestor as before", () => {
    const text = [
      "# header",
      "id: health",
      "tier:",
      "name:   # comment",
      "  zh: 卫健委",
      "  en: Health",
      "owners:",
      "- id: a",
      "  role: approver",
      "-   id: b",
      "cidrs: { qingdao: 10.16.0.0/24, laixi: 10.32.0.0/24 }",
      "ports: [22, 443]",
      "note: |",
      "  text",
      "",
    ].join("\n");
    assert.ok(compareReaders(text));
    const source = readYamlFast("text", text);
    assert.ok(source !== undefined);
    assert.deepStrictEqual(source.locate(["tier"]), { line: 3, column: 6 });
    assert.deepStrictEqual(source.locate(["tier"], true), { line: 3, column: 1 });
    assert.deepStrictEqual(source.locate(["name", "zh"]), { line: 5, column: 7 });
    assert.deepStrictEqual(source.locate(["owners", 1, "id"]), { line: 10, column: 9 });
    assert.deepStrictEqual(source.locate(["owners", 1, "missing"]), { line: 10, column: 5 });
    assert.deepStrictEqual(source.locate(["owners", 7]), { line: 8, column: 1 });
    assert.deepStrictEqual(source.locate(["cidrs", "laixi"]), { line: 11, column: 40 });
    assert.deepStrictEqual(source.locate(["ports", 1]), { line: 12, column: 13 });
    assert.deepStrictEqual(source.locate([]), { line: 2, column: 1 });
  });

  it("counts columns in UTF-16 code units and lines at LF, with CRLF line ends", () => {
    const text = "名称: 卫健委 🙂\r\nid: x\r\nlist:\r\n  - 🙂: 1\r\n";
    assert.ok(compareReaders(text));
    assert.deepStrictEqual(readYamlFast("text", text)?.locate(["list", 0, "🙂"]), {
      line: 4,
      column: 9,
    });
  });

  it("reads anchored block collections and their aliases, located at the alias", () => {
    const text = [
      "quotas:",
      "  qingdao: &quota",
      "    vcpus: 120",
      "    ramGiB: 600",
      "  laixi: *quota",
      "rules:",
      "  - &ssh # the usual",
      "    port: 22",
      "  - *ssh",
      "",
    ].join("\n");
    assert.ok(compareReaders(text));
    const source = readYamlFast("text", text);
    assert.deepStrictEqual(source?.locate(["quotas", "qingdao"]), { line: 3, column: 5 });
    assert.deepStrictEqual(source?.locate(["quotas", "laixi", "vcpus"]), { line: 5, column: 10 });
    assert.deepStrictEqual(source?.locate(["rules", 1, "port"]), { line: 9, column: 5 });
  });
});

describe("yaml-fast: what the yaml package reads instead", () => {
  const declined: [string, string][] = [
    ["an anchored scalar", "a: &x 5\nb: *x\n"],
    ["an anchored flow collection", "a: &x [1]\nb: *x\n"],
    ["an anchor on a key", "a:\n  &x b: 1\nc: *x\n"],
    ["an alias inside an anchored node", "a: &x\n  b: 1\nc: &y\n  d: *x\ne: *y\n"],
    ["an alias in a flow collection", "a: &x\n  b: 1\nc: [*x]\n"],
    ["an alias as a key", "a: &x\n  b: 1\n*x : 2\n"],
    ["an anchor defined twice", "a: &x\n  b: 1\nc: &x\n  d: 1\ne: *x\n"],
    ["an anchor name the yaml package warns about", "a: &x:\n  b: 1\n"],
    ["a tag", "a: !!str 5\n"],
    ["a local tag", "a: !thing\n  b: 1\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["a document start", "---\na: 1\n"],
    ["a document end", "a: 1\n...\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["an explicit key", "? a\n: 1\n"],
    ["a complex key", "[a, b]: 1\n"],
    ["a flow mapping in a flow sequence", "a: [{b: 1}]\n"],
    ["a flow pair in a flow sequence", "a: [b: 1]\n"],
    ["a flow entry without a value", "a: {b, c: 1}\n"],
    ["an empty flow value", "a: {b: }\n"],
    ["a null key", "~: 1\n"],
    ["a null key in a flow mapping", "a: {: 1}\n"],
    ["an empty sequence entry", "a:\n  -\n  - b\n"],
    ["a tab", "a:\tb\n"],
    ["a tab as indentation", "a:\n\tb: 1\n"],
    ["a lone CR", "a: 1\rb: 2\n"],
    ["a BOM left in the text", "\ufeffa: 1\n"],
    ["a control character", "a: b\u0007\n"],
    ["a line separator", "a: b\u2028c\n"],
    ["a lone surrogate", "a: \ud800\n"],
    ["a key over 1000 characters", `${"k".repeat(1001)}: 1\n`],
    ["a key spanning lines", '"a\n  b": 1\n'],
    ["a block scalar with a line of spaces", "a: |\n  x\n   \nb: 1\n"],
    ["a comment right after a quote", 'a: "b"#c\n'],
    ["a comment right after a bracket", "a: [b]#c\n"],
    ["an escaped line break before an empty line", 'a: "x\\\n\n  y"\n'],
    ["a reserved indicator", "a: @b\n"],
    ["a duplicate key", "a: 1\nb: 2\na: 3\n"],
    ["keys equal as strings", '1: a\n"1": b\n'],
    ["insufficient indentation in a flow collection", "a: [b,\nc]\n"],
    ["nesting deeper than js-yaml allows", `${"[".repeat(120)}${"]".repeat(120)}\n`],
    ["a syntax error", "a: [b\n"],
    ["an empty text", ""],
    ["comments only", "# nothing\n"],
    ["a null document", "~\n"],
  ];
  for (const [what, text] of declined) {
    it(`declines ${what}`, () => {
      assertDeclined(text);
    });
  }

  it("reports the yaml package's problems, codes and positions", () => {
    const duplicate = assertDeclined("id: a\nname: b\nid: c\n");
    assert.ok(!duplicate.ok);
    assert.deepStrictEqual(
      duplicate.problems.map((p) => [p.code, p.line, p.column, p.message]),
      [["duplicate-key", 3, 1, 'YAML: the key "id" appears twice in the same mapping']],
    );
    const tab = assertDeclined("a:\n\tb: 1\n");
    assert.ok(!tab.ok);
    assert.equal(tab.problems[0].code, "tab-indent");
    const documents = assertDeclined("a: 1\n---\nb: 2\n");
    assert.ok(!documents.ok);
    assert.equal(documents.problems[0].code, "multiple-documents");
    const alias = assertDeclined("a: *nowhere\n");
    assert.ok(!alias.ok);
    assert.deepStrictEqual(
      alias.problems.map((p) => [p.code, p.line, p.column]),
      [["yaml-alias", 1, 4]],
    );
    const empty = assertDeclined("# nothing\n");
    assert.ok(!empty.ok);
    assert.equal(empty.problems[0].code, "empty-file");
  });

  it("stops an alias bomb as before", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 6; i++) {
      const previous = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(`${next}: &${next} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    const result = assertDeclined(`${lines.join("\n")}\n`);
    assert.ok(!result.ok);
    assert.equal(result.problems[0].code, "alias-bomb");
  });

  it("takes at most MAX_FAST_ALIASES aliases, fewer than the yaml package's limit", () => {
    assert.ok(MAX_FAST_ALIASES < MAX_ALIAS_COUNT);
    const uses = (n: number) =>
      `base: &base\n  a: 1\nuses:\n${Array.from({ length: n }, () => "  - *base\n").join("")}`;
    assert.ok(compareReaders(uses(MAX_FAST_ALIASES)));
    const bomb = assertDeclined(uses(MAX_FAST_ALIASES + 1));
    assert.ok(!bomb.ok);
    assert.equal(bomb.problems[0].code, "alias-bomb");
  });

  it("keeps the checks on bytes: size, UTF-8 and the BOM", () => {
    const big = parseYamlBytes("big.yaml", Buffer.alloc(MAX_FILE_BYTES + 1, "a"));
    assert.ok(!big.ok);
    assert.equal(big.problems[0].code, "file-too-large");
    const gbk = Buffer.concat([
      Buffer.from("id: a\nname: "),
      Buffer.from([0xc7, 0xe0, 0xb5, 0xba]),
    ]);
    const notUtf8 = parseYamlBytes("gbk.yaml", gbk);
    assert.ok(!notUtf8.ok);
    assert.deepStrictEqual(
      notUtf8.problems.map((p) => [p.code, p.line, p.column]),
      [["not-utf8", 2, 7]],
    );
    const bom = parseYamlBytes("bom.yaml", Buffer.from("\ufeffid: a\nname: b\n", "utf8"));
    assert.ok(bom.ok);
    assert.deepStrictEqual(bom.source.data, { id: "a", name: "b" });
    assert.deepStrictEqual(bom.source.locate(["name"]), { line: 2, column: 7 });
    const reference = parseYamlBytes("bom.yaml", Buffer.from("\ufeffid: a\nname: b\n"), {
      reader: "yaml",
    });
    assert.ok(reference.ok);
    assert.deepStrictEqual(reference.source.locate(["name"]), { line: 2, column: 7 });
  });
});

describe("yaml-fast: texts found by the property tests", () => {
  const found = [
    // An escaped line break followed by a line of spaces: the packages fold it differently.
    'a:\n   - "":\n        " \\" undefined\\\n        \n        \\"  "\n',
    'a: "x \\\n   \n  y"\n',
    // Block scalars followed or ended by lines of spaces.
    "0b1: |2 # c\n   ",
    '      "a \\ b": >+\n ',
    "  -.Inf: |2\r\n        ",
    " a: >1-\r\n     - -\r\n \r\n    ",
    "- k: |+\n ",
    "k: >3+\n \n ",
    "k: |1\n  \n  ",
  ];
  for (const text of found) {
    it(`reads ${JSON.stringify(text)} as the yaml package does`, () => {
      compareReaders(text);
      assertSameResult(text);
    });
  }
});

describe("yaml-fast: loading", () => {
  it("does not load the yaml package when every file takes the fast path", function () {
    this.timeout(60000);
    const script = [
      'const { parseYamlText } = require("./model/yaml-source");',
      'const fast = parseYamlText("a.yaml", "id: a\\nlist: [1, 2]\\n");',
      "const loaded = () => Object.keys(require.cache).some((p) => /[\\\\/]node_modules[\\\\/]yaml[\\\\/]/.test(p));",
      "const before = loaded();",
      'const slow = parseYamlText("b.yaml", "a: !!str 1\\n");',
      "console.log(JSON.stringify([fast.ok, before, slow.ok, loaded()]));",
    ].join("\n");
    const run = spawnSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "-e", script],
      {
        cwd: join(__dirname, "..", ".."),
        encoding: "utf8",
      },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepStrictEqual(JSON.parse(run.stdout.trim()), [true, false, true, true]);
  });
});
