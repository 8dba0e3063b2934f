import { strict as assert } from "node:assert";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { renderReviewJunit, xmlEscape } from "../../render/review-junit";
import {
  change,
  check,
  crashedStack,
  FLAVOR,
  diagnostic,
  everything,
  report,
  stackReview,
} from "./review-fixtures";

interface Case {
  "@_name": string;
  "@_classname": string;
  failure?: { "#text": string; "@_message": string };
  error?: { "#text": string; "@_message": string };
  skipped?: { "@_message": string };
  "system-out"?: string;
}
interface Suite {
  "@_name": string;
  "@_tests": string;
  "@_failures": string;
  "@_errors": string;
  "@_skipped": string;
  testcase: Case[];
}

function parse(xml: string): { root: Record<string, string>; suites: Suite[] } {
  assert.equal(XMLValidator.validate(xml), true, "well-formed XML");
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    alwaysCreateTextNode: false,
    isArray: (name) => name === "testsuite" || name === "testcase",
  });
  const doc = parser.parse(xml) as { testsuites: Record<string, string> & { testsuite: Suite[] } };
  return { root: doc.testsuites, suites: doc.testsuites.testsuite };
}

describe("review JUnit", () => {
  it("has one suite per stack with a plan case and a case per policy", () => {
    const { root, suites } = parse(renderReviewJunit(everything()));
    assert.deepEqual(
      suites.map((s) => s["@_name"]),
      ["platform", "education", "health", "water"],
    );
    for (const suite of suites) {
      assert.deepEqual(
        suite.testcase.map((c) => c["@_name"]),
        ["plan", "policy naming-tagging", "policy security-baseline"],
      );
      assert.equal(suite["@_tests"], "3");
    }
    assert.equal(root["@_tests"], "12");
    assert.equal(root["@_failures"], "1");
  });

  it("fails the policy case with each mandatory violation and its file:line; advisory ones are output", () => {
    const { suites } = parse(renderReviewJunit(everything()));
    const health = suites.find((s) => s["@_name"] === "health")!;
    assert.equal(health["@_failures"], "1");
    const [plan, naming, security] = health.testcase;
    assert.equal(plan.failure, undefined);
    assert.equal(security.failure?.["@_message"], "1 mandatory violation");
    assert.match(
      security.failure?.["#text"] ?? "",
      /^estate\/departments\/health\.yaml:150:5: mandatory \[security-baseline\] health-qingdao-portal-tcp-22-from-0\.0\.0\.0-0\n {4}opens tcp port 22/,
    );
    assert.equal(naming.failure, undefined, "advisory violations do not fail");
    assert.match(
      naming["system-out"] ?? "",
      /estate\/departments\/health\.yaml:171:11: advisory \[naming-tagging\]/,
    );
    assert.ok(
      (naming["system-out"] ?? "").includes("name <Telemedicine> | uses `capitals` & more"),
      "escaped and read back",
    );
    const water = suites.find((s) => s["@_name"] === "water")!;
    assert.ok(water.testcase.every((c) => c.failure === undefined && c.error === undefined));
  });

  it("lists every policy of the pack when given, passing ones as passed cases", () => {
    const { suites } = parse(
      renderReviewJunit(everything(), { policies: ["department-quota", "security-baseline"] }),
    );
    assert.deepEqual(
      suites[0].testcase.map((c) => c["@_name"]),
      ["plan", "policy department-quota", "policy security-baseline"],
    );
    // A policy the list does not name still gets its case where it reported something.
    assert.deepEqual(
      suites[2].testcase.map((c) => c["@_name"]),
      ["plan", "policy department-quota", "policy naming-tagging", "policy security-baseline"],
    );
  });

  it("fails the plan case of a stack that could not be planned, and skips its policies", () => {
    const failed = stackReview("audit", [], {
      status: "failed",
      check: undefined,
      headFailure: 'departments/audit.yaml:3:1: error [schema] "quotas" is required & <missing>',
    });
    const ok = stackReview("water", [], {
      check: check("water", [diagnostic({ policyName: "site-capacity" })]),
    });
    const { suites } = parse(renderReviewJunit(report([failed, ok])));
    const plan = suites[0].testcase[0];
    assert.equal(plan["@_name"], "plan");
    assert.equal(
      plan.failure?.["#text"],
      'departments/audit.yaml:3:1: error [schema] "quotas" is required & <missing>',
    );
    assert.equal(
      suites[0].testcase[1].skipped?.["@_message"],
      "not checked: the stack could not be planned",
    );
    assert.equal(suites[0]["@_skipped"], "1");
    assert.equal(suites[1].testcase[1].failure?.["@_message"], "1 mandatory violation");
  });

  it("reports a crashed policy as an error", () => {
    const crashed = crashedStack({
      message: "policy 'disaster-recovery' crashed: Error: boom",
      detail: "Error: boom\n    at <anonymous>",
    });
    const { suites } = parse(renderReviewJunit(report([crashed])));
    const dr = suites[0].testcase.find((c) => c["@_name"] === "policy disaster-recovery")!;
    assert.equal(
      dr.error?.["@_message"],
      "policy 'disaster-recovery' crashed: Error: boom (this is not a pass)",
    );
    assert.equal(dr.error?.["#text"], "Error: boom\n    at <anonymous>");
    assert.equal(suites[0]["@_errors"], "1");
  });

  it("escapes markup, quotes and line breaks, and replaces characters XML cannot hold", () => {
    assert.equal(xmlEscape('a<b>&"c"'), 'a&lt;b&gt;&amp;"c"');
    assert.equal(xmlEscape('a"b\nc', true), "a&quot;b&#10;c");
    assert.equal(xmlEscape("bell\u0007 nul\u0000"), "bell\uFFFD nul\uFFFD");
    const odd = stackReview("water", [], {
      check: check("water", [
        diagnostic({ policyName: 'x"<y>&', message: "line\u0000one\nline two" }),
      ]),
    });
    const { suites } = parse(renderReviewJunit(report([odd])));
    assert.equal(suites[0].testcase[1]["@_name"], 'policy x"<y>&');
  });

  it("fails a stack whose replacement the cloud refuses, with the reason and the fix", () => {
    const refused = stackReview("water", [
      change("replace", "water-qingdao-flavor-db", FLAVOR, {
        refused: { by: "cloud", reason: "Nova flavor names are unique", fix: "use a new name" },
      }),
    ]);
    const { suites } = parse(renderReviewJunit(report([refused])));
    const entry = suites[0].testcase.find(
      (c) => c["@_name"] === "changes the cloud or the engine refuse",
    );
    assert.equal(entry?.failure?.["@_message"], "1 change OpenStack refuses");
    assert.equal(
      entry?.failure?.["#text"],
      "replace of water-qingdao-flavor-db: Nova flavor names are unique\n    fix: use a new name",
    );
  });
});
