/**
 * JSON text parsed with errors that say where and what, and never quote the text.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { jsonErrorPlace, parseJsonText } from "../../model/json-text";

const SECRET = "s3cr3t-T0KEN";

function failure(text: string): { reason: string; line?: number; column?: number } {
  const parsed = parseJsonText(text);
  assert.equal(parsed.ok, false, `${JSON.stringify(text)} parsed`);
  if (parsed.ok) throw new Error("unreachable");
  return { reason: parsed.reason, line: parsed.line, column: parsed.column };
}

describe("JSON text", () => {
  it("hands back the value of valid JSON", () => {
    assert.deepEqual(parseJsonText('{ "a": [1, "two", null] }'), {
      ok: true,
      value: { a: [1, "two", null] },
    });
  });

  it("places each kind of mistake by line and column, in words of its own", () => {
    const cases: [string, { reason: RegExp; line?: number; column?: number }][] = [
      ['{\n  "a": 1,\n}', { reason: /^expected double-quoted property name$/, line: 3, column: 1 }],
      ['{"a" 1}', { reason: /^expected ':' after property name$/, line: 1, column: 6 }],
      ["[1, 2", { reason: /^expected ',' or '\]' after array element$/, line: 1, column: 6 }],
      ['{"a": "x', { reason: /^unterminated string$/, line: 1, column: 9 }],
      ["{} {}", { reason: /^more text follows the end of the JSON value$/, line: 1, column: 4 }],
      ["", { reason: /the text ends inside a value/, line: 1, column: 1 }],
      ['{"a":\n  [\n', { reason: /the text ends inside a value/, line: 3, column: 1 }],
      // V8 gives no position for an unexpected token: found from the text it quotes.
      ['{"abc": x}', { reason: /^unexpected character/, line: 1, column: 9 }],
      [
        '{\n  "site-capacity": "mandatory",\n  "all": \n}\n',
        { reason: /^unexpected character/, line: 4, column: 1 },
      ],
      [`${SECRET}`, { reason: /^unexpected character/, line: 1, column: 1 }],
    ];
    for (const [text, expected] of cases) {
      const found = failure(text);
      assert.match(found.reason, expected.reason, JSON.stringify(text));
      assert.deepEqual(
        { line: found.line, column: found.column },
        { line: expected.line, column: expected.column },
        JSON.stringify(text),
      );
    }
  });

  it("gives no place when the text V8 quotes appears twice (rather than a wrong one)", () => {
    const found = failure('["aaaaaaaaaaaa", x, "aaaaaaaaaaaa", x, "aaaaaaaaaaaa"]');
    assert.deepEqual(
      { line: found.line, column: found.column },
      {
        line: undefined,
        column: undefined,
      },
    );
    assert.equal(jsonErrorPlace("cfg.json", found), "cfg.json");
  });

  it("names the file with the place", () => {
    assert.equal(jsonErrorPlace("cfg.json", failure("[1,")), "cfg.json:1:4");
  });

  it("never quotes the text, whatever it holds and wherever it breaks", () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.constant(SECRET),
        fc.string(),
        fc.integer().map(String),
        fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(", ")}]`),
        fc
          .array(fc.tuple(fc.string(), tie("value")), { maxLength: 4 })
          .map(
            (entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(", ")}}`,
          ),
      ),
    })).value;
    fc.assert(
      fc.property(json, fc.nat(), (text, cut) => {
        const broken = `${text.slice(0, cut % (text.length + 1))}${SECRET}`;
        const parsed = parseJsonText(broken);
        if (parsed.ok) return;
        assert.ok(!parsed.reason.includes("s3cr3t"), parsed.reason);
        assert.ok(!/["\\]/.test(parsed.reason), parsed.reason);
      }),
    );
  });
});
