/**
 * Property tests of the fast path (model/yaml-fast.ts) against the yaml package: whenever the
 * fast path accepts a text, the yaml package accepts it too, with equal data and the same
 * position for every path (values and keys). The texts are random data serialized by the yaml
 * package under random options, hand-built documents of plain scalars, YAML-like lines, and
 * random mutations of all of these and of the bundled estate.
 */
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { ToStringOptions } from "yaml";
import { stringify } from "yaml";
import { readYamlFast } from "../../model/yaml-fast";
import { compareReaders } from "./yaml-support";

/** Strings that mean something else to some YAML reader, or need quoting. */
const TRICKY = [
  ...["0b1", "0b101", "-.5", "+.5", ".5", "5.", "1e400", "-1e400", "1E3", "1e+3", "1.5e-3"],
  ...[".inf", "-.Inf", "+.INF", ".nan", ".NaN", "-.nan", "0o17", "-0o17", "0O17", "0x1F"],
  ...["+0x1F", "-0x1F", "0X1F", "007", "-0", "+0", "0.0", "-0.0", "1_000", "12:30", "1:2:3"],
  ...["yes", "no", "on", "off", "y", "n", "~", "null", "Null", "NULL", "nUll", "true", "True"],
  ...["TRUE", "tRue", "false", "2026-01-27", "2026-01-27T10:00:00Z", "10.16.0.0/12", "::1"],
  ...[" lead", "trail ", " both ", "", " ", "  ", "'", '"', "''", "#", "a #b", "a#b", "#a"],
  ...[": ", "a: b", "a:b", "a:", "-", "- a", "-a", "--", "---", "...", "?", "? a", "?a", "["],
  ...["]", "{", "}", "[a]", "{a: 1}", ",", "a, b", "&a", "*a", "!a", "!!str", "%a", "@a", "`a"],
  ...["|", ">", "|-", "a\nb", "a\n\nb", "\na", "a\n", "a\n\n", "\n", " a\n b ", "\\", "\\n"],
  ...["a\\", "中文", "青岛市行政审批服务局", "🙂", "é", "\u00a0", "a\u00a0b", "a\r\nb", "\t"],
  ...["a\tb", "0", "1", "-1", "3.14", "=", "<<", "__proto__", "constructor", "toString"],
  ...["key: value # c", "a  b", "x\n  y", '"quoted"', "'single'", "it's", "a'b\"c", "a\\\n\nb"],
];
const SCALAR_CHARACTERS = [..."0123456789+-.eExXoObB_:~ntrufalsNTRUFALSIiNnFfAaY #'\"?,[]{}"];
SCALAR_CHARACTERS.push(..."&*!|>%@`\\/\n\u00a0中é");

const text: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.string({ unit: fc.constantFrom(...SCALAR_CHARACTERS), maxLength: 10 }),
  fc.tuple(fc.constantFrom(...TRICKY), fc.constantFrom(...TRICKY)).map(([a, b]) => a + b),
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(0, -0, 1e21, 0.1, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2),
);

const key: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z][a-zA-Z0-9_.-]{0,8}$/) },
  { weight: 1, arbitrary: text },
);

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("tree"), { maxLength: 4 }),
    fc.dictionary(key, tie("tree"), { maxKeys: 5 }),
  ),
}));

const data: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(key, tree, { minKeys: 1, maxKeys: 6 }) },
  { weight: 1, arbitrary: fc.array(tree, { minLength: 1, maxLength: 5 }) },
  { weight: 1, arbitrary: tree },
);

/** Data with shared objects, which the yaml package writes as anchors and aliases. */
const sharedData: fc.Arbitrary<unknown> = fc
  .tuple(tree, tree, fc.array(fc.constantFrom("x", "y", "z"), { minLength: 1, maxLength: 5 }))
  .map(([shared, other, names]) => {
    const document: Record<string, unknown> = { other };
    names.forEach((name, i) => (document[`${name}${i}`] = i % 2 ? [shared, other] : shared));
    return document;
  });

const options: fc.Arbitrary<ToStringOptions> = fc.record(
  {
    indent: fc.integer({ min: 1, max: 6 }),
    indentSeq: fc.boolean(),
    lineWidth: fc.constantFrom(0, 8, 20, 40, 80),
    minContentWidth: fc.constantFrom(0, 5, 20),
    defaultStringType: fc.constantFrom(
      "PLAIN",
      "QUOTE_DOUBLE",
      "QUOTE_SINGLE",
      "BLOCK_FOLDED",
      "BLOCK_LITERAL",
    ),
    defaultKeyType: fc.constantFrom(null, "PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE"),
    collectionStyle: fc.constantFrom("any", "block", "flow"),
    flowCollectionPadding: fc.boolean(),
    doubleQuotedAsJSON: fc.boolean(),
    doubleQuotedMinMultiLineLength: fc.constantFrom(0, 10, 40),
    singleQuote: fc.constantFrom(null, true, false),
    nullStr: fc.constantFrom("null", "~", "", "Null"),
    trueStr: fc.constantFrom("true", "True", "TRUE"),
    falseStr: fc.constantFrom("false", "False", "FALSE"),
    blockQuote: fc.constantFrom(true, false, "folded", "literal"),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<ToStringOptions>;

/** Sometimes with CRLF line ends. */
function lineEnds(source: string, crlf: boolean): string {
  return crlf ? source.replace(/\n/g, "\r\n") : source;
}

const serialized: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(data, sharedData), options, fc.boolean())
  .map(([value, opts, crlf]) => lineEnds(stringify(value, opts), crlf));

/** A plain scalar made of characters that cannot start or end anything else. */
const PLAIN_WORD = /^[0-9a-zA-Z.+~_](?:[0-9a-zA-Z.+\-~_:/]*[0-9a-zA-Z.+\-~_/])?$/;
const plainWord = fc.stringMatching(PLAIN_WORD).filter((word) => word.length <= 10);
const plainScalar = fc.oneof(
  plainWord,
  fc.constantFrom(...TRICKY.filter((word) => PLAIN_WORD.test(word))),
);

/** Documents of plain scalars only, in block mappings, block sequences and flow sequences. */
const plainDocument: fc.Arbitrary<string> = fc
  .tuple(
    // Keys that are strings and differ as strings (`~`, `1` and `01` would not).
    fc.uniqueArray(
      fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/).filter((name) => name !== "null"),
      { minLength: 1, maxLength: 4 },
    ),
    fc.array(plainScalar, { minLength: 1, maxLength: 6 }),
    fc.integer({ min: 1, max: 4 }),
    fc.boolean(),
  )
  .map(([keys, scalars, indent, crlf]) => {
    const pad = " ".repeat(indent);
    const lines = keys.map((name, i) => `${name}: ${scalars[i % scalars.length]}`);
    lines.push("block:", ...scalars.map((value) => `${pad}- ${value}`));
    lines.push(`flow: [${scalars.join(", ")}]`);
    lines.push(
      "nested:",
      ...keys.map((name, i) => `${pad}${name}: ${scalars[(i + 1) % scalars.length]}`),
    );
    return lineEnds(`${lines.join("\n")}\n`, crlf);
  });

/** Lines that look like YAML, at random indentation: many are not valid, some are odd. */
const yamlLines: fc.Arbitrary<string> = (() => {
  const word = fc.oneof(plainScalar, fc.constantFrom("a b", "中文", "a:b", "a#b", "-a", "é"));
  const quoted = fc.constantFrom(
    ...['"x"', '"a\\nb"', '"\\t"', '"\\x41"', '"\\u00e9"', '"\\U0001F642"', '"a\\\n  b"'],
    ...['"a\n  b"', '"a \\ b"', '"\\/"', '"\\ "', '"\\_"', '"\\N"', '"\\L"', '"\\e"', '""'],
    ...['"a\\"b"', '"a\\\n   \\ b"', '"  a  "', '"a\n\n  b"', "'x'", "''", "'it''s'"],
    ...["'a\n  b'", "'a\n\n  b'", "' a '", "'#'"],
  );
  const value = fc.oneof(
    word,
    quoted,
    fc.constantFrom(
      ...["[a, b]", "[]", "{}", "{a: 1}", "{a: 1, b: [x]}", "[a, [b]]", "[ a , b ]", "[a,\n  b]"],
      ...["{a: 1,\n  b: 2}", "[a, b,]", "{a: }", "[a: 1]", "[{a: 1}]", "|", "|-", "|+", ">"],
      ...[">-", ">+", "|2", ">1-", "| # c", "", "&a1", "*a1", "&a1 x", "# c"],
    ),
  );
  const line = fc
    .tuple(
      fc.integer({ min: 0, max: 6 }),
      fc.oneof(
        fc.tuple(fc.oneof(word, quoted), value).map(([k, v]) => `${k}: ${v}`),
        word.map((k) => `${k}:`),
        value.map((v) => `- ${v}`),
        fc.tuple(word, value).map(([k, v]) => `- ${k}: ${v}`),
        fc.constantFrom("-", "- -", "# comment", "", "  ", "text", "]", "}", "a :b", "x: y: z"),
        word,
      ),
    )
    .map(([indent, content]) => " ".repeat(indent) + content);
  return fc
    .tuple(fc.array(line, { minLength: 1, maxLength: 10 }), fc.boolean())
    .map(([lines, crlf]) => lineEnds(lines.join("\n"), crlf));
})();

const ESTATE = join(__dirname, "..", "..");
const estateTexts = [
  "platform.yaml",
  ...readdirSync(join(ESTATE, "departments"))
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => join("departments", name)),
].map((file) => readFileSync(join(ESTATE, file), "utf8"));

/** Lines `from` to `from + count` of a bundled file, or the whole file now and then. */
const estateText: fc.Arbitrary<string> = fc
  .tuple(fc.nat(estateTexts.length - 1), fc.nat(), fc.integer({ min: 3, max: 40 }), fc.nat(9))
  .map(([file, from, count, whole]) => {
    const lines = estateTexts[file].split("\n");
    if (whole === 0) return estateTexts[file];
    const start = from % lines.length;
    return lines.slice(start, start + count).join("\n");
  });

type Mutation = (source: string) => string;
const INSERTED = [
  ...[" ", "  ", "\t", ":", ": ", "-", "- ", '"', "'", "[", "]", "{", "}", ",", "#", " #", "\n"],
  ...["\n  ", "\r\n", "\r", "?", "? ", "&", "*", "&a1", "*a1", "!", "|", ">", "%", "@", "`", "\\"],
  ...[".", "x", "0", "~", "中", "\u00a0", "---", "...", "|-", ">+", "|2", "\n    \n"],
];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...INSERTED)).map(([n, inserted]) => (source: string) => {
    const at = n % (source.length + 1);
    return source.slice(0, at) + inserted + source.slice(at);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...INSERTED)).map(([n, replacement]) => (source: string) => {
    const at = n % (source.length + 1);
    return source.slice(0, at) + replacement + source.slice(at + 1);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 })).map(([n, count]) => (source: string) => {
    const at = n % (source.length + 1);
    return source.slice(0, at) + source.slice(at + count);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -2, max: 2 })).map(([n, shift]) => (source: string) => {
    const lines = source.split("\n");
    const i = n % lines.length;
    lines[i] = shift > 0 ? " ".repeat(shift) + lines[i] : lines[i].replace(/^ {1,2}/, "");
    return lines.join("\n");
  }),
  fc.nat().map((n) => (source: string) => {
    const lines = source.split("\n");
    const i = n % lines.length;
    lines.splice(i, 0, lines[i]);
    return lines.join("\n");
  }),
);

function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(base, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([source, mutations]) => mutations.reduce((out, mutate) => mutate(out), source));
}

/** Runs `property` over `texts`; returns how many texts the fast path accepted. */
function compareAll(texts: fc.Arbitrary<string>, numRuns: number): number {
  let accepted = 0;
  fc.assert(
    fc.property(texts, (source) => {
      if (compareReaders(source)) accepted++;
    }),
    { numRuns },
  );
  return accepted;
}

describe("yaml-fast: properties", function () {
  // Hundreds of texts read twice each: longer than a unit test on a busy machine.
  this.timeout(300000);

  it("reads data serialized by the yaml package under random options as the yaml package does", () => {
    const accepted = compareAll(serialized, 1000);
    assert.ok(accepted > 0, "the fast path accepted none of the texts");
  });

  it("reads every document of plain scalars, as the yaml package does", () => {
    fc.assert(
      fc.property(plainDocument, (source) => {
        assert.ok(readYamlFast("text", source) !== undefined, `declined ${JSON.stringify(source)}`);
        assert.ok(compareReaders(source));
      }),
      { numRuns: 500 },
    );
  });

  it("reads YAML-like lines as the yaml package does when it accepts them", () => {
    compareAll(yamlLines, 5000);
  });

  it("reads mutated serialized data as the yaml package does when it accepts it", () => {
    compareAll(mutated(serialized), 1000);
  });

  it("reads mutated estate files as the yaml package does when it accepts them", () => {
    compareAll(mutated(estateText), 1000);
  });
});
