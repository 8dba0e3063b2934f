/**
 * The pure pieces that keep reports safe: excerpts of found text, the redaction of secrets,
 * and patterns from configuration that cannot hang.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { compileConfiguredPattern } from "../../model/configured-pattern";
import { MAX_EXCERPT_CHARS, quoteExcerpt } from "../../model/excerpt";
import { boundProblem, show } from "../../model/problem";
import { isSecretName, redact, REDACTED, secretValues } from "../../model/redaction";

describe("excerpts of found text", () => {
  it("quote short values as JSON does", () => {
    assert.equal(show("s1.larg"), '"s1.larg"');
    assert.equal(show(42), "42");
    assert.equal(show(undefined), "nothing");
  });

  it("bound long values and say how long they were", () => {
    const long = "x".repeat(5000);
    assert.equal(
      show(long),
      `"${"x".repeat(MAX_EXCERPT_CHARS)}"… (5000 characters, shown in part)`,
    );
    assert.ok(show({ a: long }).length < 500);
  });

  it("escape controls, separators and bidirectional marks", () => {
    assert.equal(quoteExcerpt("A=1\u0000B=2\nC"), '"A=1\\u0000B=2\\nC"');
    assert.equal(quoteExcerpt("a\u2028b\u202ec\u0085"), '"a\\u2028b\\u202ec\\u0085"');
  });

  it("never let a control character or more than a bounded text through a problem", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 3000 }), (text) => {
        const problem = boundProblem({
          file: "departments/x.yaml",
          line: 1,
          column: 1,
          path: "id",
          code: "c",
          severity: "error",
          message: text,
          found: show(text),
          fix: text,
        });
        for (const field of [problem.message, problem.found ?? "", problem.fix ?? ""]) {
          // eslint-disable-next-line no-control-regex
          assert.doesNotMatch(field, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
          assert.ok(field.length <= 520, `${field.length} characters`);
        }
      }),
    );
  });
});

describe("redaction", () => {
  it("knows secret names", () => {
    for (const name of [
      "GITHUB_TOKEN",
      "CI_JOB_TOKEN",
      "OS_PASSWORD",
      "PULUMI_CONFIG_PASSPHRASE",
      "PULUMI_ACCESS_TOKEN",
      "AWS_SECRET_ACCESS_KEY",
      "NPM_TOKEN",
      "OS_APPLICATION_CREDENTIAL_SECRET",
      "db_password",
      "API_KEY",
    ]) {
      assert.ok(isSecretName(name), name);
    }
    for (const name of ["PATH", "HOME", "PWD", "KEYBOARD_LAYOUT", "TOKENIZER", "LANG"]) {
      assert.ok(!isSecretName(name), name);
    }
  });

  it("takes a secret out in every form a report carries it", () => {
    const secret = 'p<a>"ss\nw&rd-42';
    const secrets = secretValues({ OS_PASSWORD: secret, HOME: "/root", SHORT_TOKEN: "abc" });
    const forms = [
      secret,
      JSON.stringify(secret),
      "p&lt;a&gt;&quot;ss\nw&amp;rd-42",
      'p<a>"ss w&rd-42',
      JSON.stringify(JSON.stringify(secret)),
    ];
    for (const form of forms) {
      const out = redact(`before ${form} after`, secrets);
      assert.ok(!out.includes("w&rd-42") && !out.includes("w&amp;rd-42"), out);
      assert.ok(out.includes(REDACTED), out);
    }
    assert.equal(
      redact("abc /root", secrets),
      "abc /root",
      "short values and other variables stay",
    );
  });

  it("leaves text without secrets as it is", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        assert.equal(
          redact(text, secretValues({ GOVCLOUD_TOKEN: "\u0001never-in-generated-text" })),
          text,
        );
      }),
    );
  });
});

describe("patterns from configuration", () => {
  it("run in linear time: a pattern that backtracks for years answers at once", () => {
    const pattern = compileConfiguredPattern("^(a+)+$");
    assert.ok(pattern.ok);
    const started = process.hrtime.bigint();
    assert.equal(pattern.test(`${"a".repeat(5000)}!`), false);
    assert.equal(pattern.test("a".repeat(5000)), true);
    // JavaScript's engine takes seconds at 30 characters and doubles with each one more.
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    assert.ok(seconds < 30, `${seconds} s`);
  });

  it("refuse look-around and back-references with the reason", () => {
    for (const [source, reason] of [
      ["(?=QD)", /invalid or unsupported Perl syntax/],
      ["(a)\\1", /invalid escape sequence/],
      ["(", /missing closing \)/],
    ] as const) {
      const pattern = compileConfiguredPattern(source);
      assert.equal(pattern.ok, false);
      if (!pattern.ok) assert.match(pattern.reason, reason);
    }
  });

  it("match as JavaScript's test does for the city's patterns", () => {
    const pattern = compileConfiguredPattern("^QD-(CHG|REQ)-[0-9]{4}-[0-9]{5}$");
    assert.ok(pattern.ok);
    assert.equal(pattern.test("QD-CHG-2026-00001"), true);
    assert.equal(pattern.test("QD-CHG-2026-0001"), false);
    const legacy = compileConfiguredPattern("^legacy-");
    assert.ok(legacy.ok && legacy.test("legacy-web-1"));
  });
});
