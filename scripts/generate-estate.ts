/**
 * Generates a synthetic estate for benchmarks: platform.yaml and departments/<id>.yaml for any
 * number of departments, valid under every rule and the same for the same seed.
 *
 *   npx ts-node --transpile-only scripts/generate-estate.ts --departments 100 --out /tmp/synth
 *
 * The platform is the bundled platform.yaml with more hosts and storage where the departments
 * need them. See docs/benchmarks.md.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import type { Document as YamlDocument, ToStringOptions } from "yaml";
import { Document, isMap, parseDocument } from "yaml";
import { estateUsage, siteCapacity } from "../model/capacity";
import { activeSites } from "../model/catalog";
import type { Estate } from "../model/estate";
import { failoverInput, siteLoss } from "../model/failover";
import { DEPARTMENTS_DIR, PLATFORM_FILE } from "../model/estate-files";
import { registerText, seedGrants } from "../model/ticket-seed";
import { parseCidr } from "../model/rules/ipv4";
import type { Department, Platform } from "../model/types";
import type {
  GeneratedDepartment,
  PendingApproval,
  TicketKind,
} from "./synthetic-estate/department";
import { BLOCK_PREFIX, buildDepartment } from "./synthetic-estate/department";
import { departmentNames } from "./synthetic-estate/names";
import { Random } from "./synthetic-estate/random";

const BUNDLED_PLATFORM = resolve(__dirname, "..", PLATFORM_FILE);

/**
 * The schema comments point where the bundled files point, so that a file's bytes depend only on
 * the seed and the number of departments, not on the folder it is written to.
 */
const DEPARTMENT_SCHEMA_LINE = "# yaml-language-server: $schema=../schema/department.schema.json";

const YAML_OPTIONS: ToStringOptions = { lineWidth: 100 };

/** Spare capacity the sites keep over what every department together uses. */
const SITE_HEADROOM = 1.25;

export interface EstateOptions {
  departments: number;
  seed: number;
}

export interface GeneratedEstate {
  /** Path relative to the estate root -> file text. */
  files: Map<string, string>;
  departments: Department[];
}

export function generateEstate(options: EstateOptions): GeneratedEstate {
  const platformDoc = parseDocument(readFileSync(BUNDLED_PLATFORM, "utf8"));
  const platform = platformDoc.toJS() as Platform;
  const max = maxDepartments(platform);
  if (!Number.isInteger(options.departments) || options.departments < 1) {
    throw new Error(`the number of departments must be a whole number from 1 to ${max}`);
  }
  if (options.departments > max) {
    throw new Error(
      `the address pools hold ${max} departments (one /${BLOCK_PREFIX} per site each), not ${options.departments}`,
    );
  }

  const names = departmentNames(new Random(options.seed), options.departments);
  // Platform approvers' ids are taken, so that no department owner shadows one.
  const taken = new Set(platform.approvals.approvers.map((person) => person.id));
  const generated: GeneratedDepartment[] = names.map((name, index) =>
    buildDepartment(
      {
        id: `dept-${String(index + 1).padStart(3, "0")}`,
        name,
        costCentre: `QD-${2001 + index}`,
        blocks: blocksOf(platform, index),
      },
      platform,
      Random.derive(options.seed, index),
      taken,
    ),
  );
  numberTickets(generated.flatMap((entry) => entry.approvals));
  const departments = generated.map((entry) => entry.department);

  scalePlatform(platformDoc, platform, departments);
  const files = new Map<string, string>();
  files.set(PLATFORM_FILE, platformYaml(platformDoc, options));
  for (const department of departments) {
    files.set(`${DEPARTMENTS_DIR}/${department.id}.yaml`, departmentYaml(department));
  }
  const register = platform.approvals.register;
  // The platform names a ticket register: it grants the generated departments' tickets.
  if (register !== undefined) {
    files.set(register, registerText(seedGrants(departments, platform).grants));
  }
  return { files, departments };
}

/** How many /21 blocks the smallest active site's address pool holds. */
function maxDepartments(platform: Platform): number {
  return Math.min(
    ...activeSites(platform).map((site) => {
      const pool = parseCidr(site.addressPool);
      if (!pool.ok) throw new Error(`address pool ${site.addressPool} is not a CIDR`);
      return 2 ** Math.max(0, BLOCK_PREFIX - pool.cidr.prefix);
    }),
  );
}

/** Department `index` owns the index-th /21 of every active site's pool. */
function blocksOf(platform: Platform, index: number): Record<string, number> {
  const blocks: Record<string, number> = {};
  for (const site of activeSites(platform)) {
    const pool = parseCidr(site.addressPool);
    if (pool.ok) blocks[site.id] = pool.cidr.start + index * 2 ** (32 - BLOCK_PREFIX);
  }
  return blocks;
}

/**
 * Tickets are numbered in date order per kind (QD-CHG-2026-00001, ...), as a change system
 * issues them, which also makes every ticket unique.
 */
function numberTickets(approvals: PendingApproval[]): void {
  const next: Record<TicketKind, number> = { CHG: 1, REQ: 1 };
  const byDate = approvals.slice().sort((a, b) => a.approval.date.localeCompare(b.approval.date));
  for (const { approval, kind } of byDate) {
    const year = approval.date.slice(0, 4);
    approval.ticket = `QD-${kind}-${year}-${String(next[kind]++).padStart(5, "0")}`;
  }
}

/** The generated departments on a platform, as the loader would give them to the rules. */
function estateOf(platform: Platform, departments: readonly Department[]): Estate {
  return {
    root: "",
    platformFile: PLATFORM_FILE,
    platform,
    departments: departments.map((department) => ({
      file: `${DEPARTMENTS_DIR}/${department.id}.yaml`,
      department,
    })),
  };
}

/**
 * Adds hosts (every host group in the same proportion) and storage where the departments need
 * more than the bundled platform has, with SITE_HEADROOM to spare. Never removes any: a small
 * estate keeps the bundled platform's hosts.
 */
function scalePlatform(doc: YamlDocument, platform: Platform, departments: Department[]): void {
  // The same sum the site-capacity rule checks.
  const used = estateUsage(estateOf(platform, departments));
  let storage = platform.capacity.storageGiBPerSite;
  platform.sites.forEach((site, s) => {
    const need = used.get(site.id);
    if (site.role !== "active" || need === undefined) return;
    const have = siteCapacity(platform, site.id);
    const factor = Math.max(
      need.instances / have.instances,
      need.vcpus / have.vcpus,
      need.ramGiB / have.ramGiB,
    );
    if (factor * SITE_HEADROOM > 1) {
      site.hosts.forEach((group, g) => {
        const count = Math.ceil(group.count * factor * SITE_HEADROOM);
        doc.setIn(["sites", s, "hosts", g, "count"], count);
      });
    }
    storage = Math.max(storage, Math.ceil((need.volumeGiB * SITE_HEADROOM) / 100_000) * 100_000);
  });
  doc.setIn(["capacity", "storageGiBPerSite"], storage);
  scaleForFailover(doc, departments);
}

/**
 * Adds hosts where a site could not carry the other's load when it is lost (model/failover.ts,
 * what the site-failover policy checks), with SITE_HEADROOM to spare: a generated estate is
 * meant to pass its check, so that a benchmark measures a passing run.
 */
function scaleForFailover(doc: YamlDocument, departments: Department[]): void {
  const platform = doc.toJS() as Platform;
  const input = failoverInput(estateOf(platform, departments));
  for (const site of activeSites(platform)) {
    const loss = siteLoss(input, site.id);
    if (loss === undefined || loss.shortfalls.length === 0) continue;
    const factor = Math.max(...loss.shortfalls.map((s) => s.needed / s.available));
    const s = platform.sites.findIndex((candidate) => candidate.id === loss.survivor);
    platform.sites[s].hosts.forEach((group, g) => {
      doc.setIn(["sites", s, "hosts", g, "count"], Math.ceil(group.count * factor * SITE_HEADROOM));
    });
  }
}

/**
 * The platform file with a note under its first line (the schema comment, which must stay
 * first) saying where it came from.
 */
function platformYaml(doc: YamlDocument, options: EstateOptions): string {
  const text = doc.toString(YAML_OPTIONS);
  const firstLine = text.indexOf("\n") + 1;
  const note =
    `#\n# Synthetic estate of ${options.departments} departments (seed ${options.seed}) written by\n` +
    "# scripts/generate-estate.ts: the bundled platform with hosts and storage scaled to fit.\n";
  return text.slice(0, firstLine) + note + text.slice(firstLine);
}

/** Block style like the bundled files, with short maps (sites, volumes, approvals) on one line. */
function departmentYaml(department: Department): string {
  const doc = new Document(department);
  const flow = (...path: (string | number)[]) => {
    const node = doc.getIn(path, true);
    if (isMap(node)) node.flow = true;
  };
  department.networks.forEach((_, n) => flow("networks", n, "cidrs"));
  department.workloads.forEach((workload, w) => {
    flow("workloads", w, "replicas");
    workload.volumes?.forEach((_, v) => flow("workloads", w, "volumes", v));
    flow("workloads", w, "approval");
  });
  return `${DEPARTMENT_SCHEMA_LINE}\n${doc.toString(YAML_OPTIONS)}`;
}

/**
 * Writes the files under `out`. An existing estate there is replaced only with `force`, and then
 * its department files are removed first, so that none of an earlier, larger run is left over.
 */
export function writeEstate(out: string, files: Map<string, string>, force = false): void {
  const departmentsDir = join(out, DEPARTMENTS_DIR);
  const old = existsSync(departmentsDir)
    ? readdirSync(departmentsDir).filter((name) => name.endsWith(".yaml"))
    : [];
  if (!force && (old.length > 0 || existsSync(join(out, PLATFORM_FILE)))) {
    throw new Error(`${out} already holds an estate; pass --force to replace it`);
  }
  for (const name of old) rmSync(join(departmentsDir, name));
  for (const [path, text] of files) {
    const file = join(out, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

function wholeNumber(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

/** The generator's state is 32 bits: larger seeds would repeat smaller ones. */
const MAX_SEED = 2 ** 32 - 1;

function main(argv: string[]): void {
  new Command("generate-estate")
    .description("Write a synthetic, valid estate (platform.yaml and departments/) for benchmarks.")
    .requiredOption("--out <dir>", "folder to write the estate to")
    .option("--departments <n>", "number of departments", wholeNumber(1, 100_000), 100)
    .option(
      "--seed <n>",
      "seed of the random choices; the same seed gives the same files",
      wholeNumber(0, MAX_SEED),
      1,
    )
    .option("--force", "replace an estate already in --out", false)
    .action((options: { out: string; departments: number; seed: number; force: boolean }) => {
      try {
        const estate = generateEstate(options);
        writeEstate(options.out, estate.files, options.force);
        const workloads = estate.departments.reduce((sum, d) => sum + d.workloads.length, 0);
        console.log(
          `generate-estate: ${estate.departments.length} departments, ${workloads} workloads ` +
            `(seed ${options.seed}) written to ${options.out}`,
        );
      } catch (error) {
        console.error(`generate-estate: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 2;
      }
    })
    .parse(argv);
}

if (require.main === module) main(process.argv);
