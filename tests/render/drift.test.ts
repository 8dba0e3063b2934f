/**
 * The drift report in its three formats, from recorded refresh events of the loopback cloud
 * (tests/fixtures/drift) and constructed stacks: text for the terminal, Markdown for the report
 * and the issues, JSON as the model itself.
 */
import { strict as assert } from "node:assert";
import { driftReport, refreshedStack, unrefreshedStack } from "../../deploy/drift-report";
import type { DriftReport } from "../../deploy/drift-types";
import { renderDrift } from "../../cli/drift-command";
import { renderDriftMarkdown, renderStackDriftMarkdown } from "../../render/drift-markdown";
import { renderDriftText } from "../../render/drift-text";
import { recorded } from "../deploy/drift-fixtures";

const SITES = ["qingdao", "laixi", "witness"];

function report(): DriftReport {
  return driftReport([
    refreshedStack("platform", [], SITES),
    refreshedStack("health", recorded("health-quota-raised-rule-deleted"), SITES),
    unrefreshedStack("water", "missing", "not deployed: the backend has no stack water"),
  ]);
}

describe("drift report rendering", () => {
  it("text: per stack and site, each property with both values, what up does, one summary line", () => {
    assert.equal(
      renderDriftText(report(), 12.34),
      [
        "platform: no drift: every resource is as deployed",
        "health: drifted: 2 resources differ from what was deployed",
        "  laixi:",
        "    health-laixi-compute-quota (compute quota)",
        "      cores: 8 in the code, 20 in the cloud",
        "      -> up --refresh sets cores back to 8",
        "    health-laixi-portal-tcp-443-from-10.0.0.0-8 (security group rule)",
        "      deleted in the cloud",
        "      -> up --refresh re-creates the security group rule",
        "water: not deployed: the backend has no stack water",
        "",
        "govcloud drift: drift in 1 of 3 stacks: 2 resources differ from what was deployed; " +
          "1 stack not deployed (12.3 s)",
        "",
      ].join("\n"),
    );
  });

  it("text: the zero quotas with their note, and a clean run", () => {
    const text = renderDriftText(
      driftReport([refreshedStack("health", recorded("health-first-deployment"), SITES)]),
    );
    assert.match(
      text,
      /floatingip: 0 in the code, 50 in the cloud\n\s+note: a quota of 0 the OpenStack provider does not apply/,
    );
    assert.match(text, /-> up --refresh sets floatingip to 0, rbacPolicy to 0 and subnetpool to 0/);
    assert.equal(
      renderDriftText(driftReport([refreshedStack("platform", [], SITES)])),
      "platform: no drift: every resource is as deployed\n\ngovcloud drift: no drift in 1 stack\n",
    );
  });

  it("Markdown: a verdict, a table of stacks, and per drifted stack a row per property", () => {
    const markdown = renderDriftMarkdown(report());
    assert.match(markdown, /^## govcloud drift\n\n⚠️ \*\*Drift found\*\*/);
    assert.match(markdown, /\| health \| drifted \| 2 \|/);
    assert.match(markdown, /\| water \| not deployed \| {2}\|/);
    assert.ok(
      markdown.includes(
        "| laixi | health-laixi-compute-quota | compute quota | cores | 8 | 20 | up --refresh sets cores back to 8 |",
      ),
      markdown,
    );
    assert.ok(
      markdown.includes(
        "| laixi | health-laixi-portal-tcp-443-from-10.0.0.0-8 | security group rule | — | exists | **deleted** | up --refresh re-creates the security group rule |",
      ),
      markdown,
    );
    // A clean stack is in the table only.
    assert.doesNotMatch(markdown, /### platform/);
  });

  it("Markdown: values from the cloud cannot break the table or open HTML", () => {
    const [event] = recorded("health-quota-raised-rule-deleted").filter(
      (e) => e.resOutputsEvent?.metadata.op === "update",
    );
    const metadata = structuredClone(event.resOutputsEvent!.metadata);
    metadata.new!.outputs.cores = "<b>|x|</b>";
    const stack = refreshedStack("health", [{ ...event, resOutputsEvent: { metadata } }], SITES);
    const markdown = renderStackDriftMarkdown(stack);
    assert.ok(markdown.includes('| "&lt;b&gt;\\|x\\|&lt;/b&gt;" |'), markdown);
  });

  it("JSON: the report itself, every value whole", () => {
    const parsed = JSON.parse(renderDrift(report(), "json")) as DriftReport;
    assert.equal(parsed.drifted, true);
    const health = parsed.stacks.find((s) => s.stack === "health")!;
    assert.deepEqual(
      health.resources.map((r) => ({ site: r.site, name: r.name, up: r.up.action })),
      [
        { site: "laixi", name: "health-laixi-compute-quota", up: "update" },
        { site: "laixi", name: "health-laixi-portal-tcp-443-from-10.0.0.0-8", up: "create" },
      ],
    );
    assert.deepEqual(parsed.counts, { stacks: 3, drifted: 1, resources: 2, missing: 1, failed: 0 });
  });
});
