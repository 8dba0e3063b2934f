/**
 * Engine events recorded from `pulumi refresh --preview-only` of the test estate's health
 * department on the loopback cloud (tests/fixtures/drift), trimmed to the refreshed resources:
 * - `health-first-deployment`: right after its first `govcloud up` (the network quota's fields of
 *   0 not applied: docs/engine.md, "Zero quotas");
 * - `health-quota-raised-rule-deleted`: after a second `up`, its compute quota's cores raised from
 *   8 to 20 and its one ingress rule deleted through the OpenStack API.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";

const FIXTURES = resolve(__dirname, "..", "fixtures", "drift");

export function recorded(name: string): EngineEvent[] {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.events.json`), "utf8")) as EngineEvent[];
}
