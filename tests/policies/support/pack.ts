/**
 * The real pack folder (policies/), run out of process exactly as `pulumi preview --policy-pack
 * policies` runs it, by the harness in analyzer/. One pack process serves every policy test; it
 * reads the test estate (GOVCLOUD_ESTATE_ROOT) with a fixed date (GOVCLOUD_TODAY).
 *
 * The pack runs compiled JavaScript (package.json "main": ../dist/policies/index.js). When the
 * sources are newer than what dist/ holds, the pack is compiled first (tsc -p policies), so the
 * tests never judge stale code.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { openPolicyPack } from "../../../analyzer";
import type {
  AnalysisReport,
  Diagnostic,
  PolicyPackSession,
  StackOptions,
} from "../../../analyzer";
import type { StackPlan } from "../../../plan/types";
import { closeAtRunEnd } from "../../support/run-end";
import { FIXTURE_ROOT, PACK_DIR, REPO_ROOT, STACK, TODAY } from "./estate";

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (entry.name.endsWith(".ts") || entry.name.endsWith(".json")) out.push(path);
  }
  return out;
}

/** Sources whose compiled file in dist/ is missing or older. */
export function staleSources(): string[] {
  const stale: string[] = [];
  // The schemas reach the pack compiled into generated/schema-validators.ts (written by the build).
  for (const folder of ["policies", "model"]) {
    for (const source of sources(join(REPO_ROOT, folder))) {
      const rel = relative(REPO_ROOT, source);
      if (rel === join("policies", "tsconfig.json") || rel === join("policies", "package.json")) {
        continue;
      }
      const compiled = join(REPO_ROOT, "dist", rel.replace(/\.ts$/, ".js"));
      if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs) {
        stale.push(rel);
      }
    }
  }
  return stale;
}

export function ensureCompiledPack(): void {
  if (staleSources().length === 0) return;
  const tsc = require.resolve("typescript/bin/tsc", { paths: [REPO_ROOT] });
  let output = "";
  try {
    execFileSync(process.execPath, [tsc, "-p", join(PACK_DIR, "tsconfig.json")], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: "pipe",
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  const still = staleSources();
  if (still.length > 0) {
    throw new Error(`the policy pack does not compile (${still.join(", ")}):\n${output}`);
  }
}

let session: Promise<PolicyPackSession> | undefined;

/** The shared pack process, started on first use. */
export function fixturePack(): Promise<PolicyPackSession> {
  if (session === undefined) {
    closeAtRunEnd(closeFixturePack);
    session = startFixturePack();
  }
  return session;
}

async function startFixturePack(): Promise<PolicyPackSession> {
  ensureCompiledPack();
  const saved = { ...process.env };
  process.env.GOVCLOUD_ESTATE_ROOT = FIXTURE_ROOT;
  process.env.GOVCLOUD_TODAY = TODAY;
  try {
    return await openPolicyPack({
      packDir: PACK_DIR,
      launch: { organization: "organization", project: "govcloud", stack: STACK, dryRun: true },
    });
  } finally {
    for (const key of ["GOVCLOUD_ESTATE_ROOT", "GOVCLOUD_TODAY"]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

/** Stops the shared pack process; the next test file to need one starts a fresh one. */
async function closeFixturePack(): Promise<void> {
  const closing = session;
  session = undefined;
  if (closing !== undefined) await (await closing.catch(() => undefined))?.close();
}

export function analyze(plan: StackPlan, options: StackOptions = {}): Promise<AnalysisReport> {
  return fixturePack().then((pack) => pack.analyze(plan, options));
}

/** The resource name of a URN. */
export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** The policy's own words, without the description the SDK puts first. */
export function messageOf(d: Diagnostic): string {
  return d.message.startsWith(`${d.description}\n`)
    ? d.message.slice(d.description.length + 1)
    : d.message;
}

/** `<level> <resource>: <message>` for every diagnostic of `policy`, in the report's order. */
export function findings(report: AnalysisReport, policy: string): string[] {
  return report.diagnostics
    .filter((d) => d.policyName === policy)
    .map((d) => `${d.enforcementLevel} ${urnName(d.urn)}: ${messageOf(d)}`);
}

/** Why `policy` did not apply to the resource named `name`, as the pack said. */
export function notApplicableReasons(
  report: AnalysisReport,
  policy: string,
  name: string,
): string[] {
  return report.notApplicable
    .filter((n) => n.policyName === policy && n.urn !== undefined && urnName(n.urn) === name)
    .map((n) => n.reason);
}

/** Every diagnostic and crash, one line each: what a failing assertion shows. */
export function everything(report: AnalysisReport): string[] {
  return [
    ...report.diagnostics.map(
      (d) => `${d.policyName} ${d.enforcementLevel} ${urnName(d.urn)}: ${messageOf(d)}`,
    ),
    ...report.crashes.map((c) => `CRASH ${c.message}`),
  ];
}

/** The pack's policies, as docs/policies.md lists them. */
export const POLICY_NAMES = [
  "department-quota",
  "site-capacity",
  "site-failover",
  "approval-tags",
  "change-approval",
  "approval-recertification",
  "disaster-recovery",
  "security-baseline",
  "naming-tagging",
] as const;

/**
 * Policy config (the --policy-pack-config format) that runs only `policy`, at its own level, with
 * `properties` over its defaults: the other rules are disabled, so a test sees one rule's verdict.
 */
export function isolate(
  policy: string,
  properties: Record<string, unknown> = {},
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const name of POLICY_NAMES) if (name !== policy) config[name] = "disabled";
  if (Object.keys(properties).length > 0) config[policy] = properties;
  return config;
}

/** The findings of one policy on `plan`, the others disabled. */
export async function check(
  plan: StackPlan,
  policy: string,
  properties: Record<string, unknown> = {},
): Promise<string[]> {
  return findings(await analyze(plan, { policyConfig: isolate(policy, properties) }), policy);
}
