/**
 * The report of `govcloud failover`: for each lost site, per department and for the estate what
 * keeps running, what starts and where, what the surviving site needs against its hosts under
 * the emergency overcommit, what is down and for how long, and what the storage quorum decides.
 * As text for a terminal, Markdown (with a Mermaid picture of what moves where) for a wiki or a
 * pull request, and JSON for other tools. The figures come from model/failover.ts.
 */
import type {
  Demand,
  DepartmentFailover,
  FailoverDimension,
  QuorumReport,
  SiteLoss,
  WorkloadFate,
} from "../model/failover";
import { FAILOVER_DIMENSIONS } from "../model/failover";
import { mermaidText } from "./review-mermaid";

/** One lost site with what the quorum decides around it. */
export interface FailoverCase {
  loss: SiteLoss;
  quorum: QuorumReport;
  /** What a cut link between the two sites asks of the preferred site. */
  link?: SiteLoss;
}

export interface FailoverReport {
  passed: boolean;
  cases: FailoverCase[];
}

const LABEL: Record<FailoverDimension, string> = {
  vcpus: "vCPU",
  ramGiB: "RAM GiB",
  instances: "VM slots",
};

export function amount(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** 5 min, 1 h, 24 h, 1 h 30 min. */
export function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function percent(value: number): string {
  return `${amount(value)}%`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function isDown(workload: WorkloadFate): boolean {
  return workload.fate === "down" || workload.fate === "reduced";
}

function isRunning(workload: WorkloadFate): boolean {
  return (
    workload.fate === "keeps-running" ||
    workload.fate === "continues" ||
    workload.fate === "grows" ||
    workload.fate === "starts"
  );
}

/** Workloads touched by the loss: something of them was at the lost site. */
function touched(department: DepartmentFailover): WorkloadFate[] {
  return department.workloads.filter((workload) => workload.lost > 0);
}

interface DepartmentLine {
  id: string;
  running: number;
  starts: number;
  startsByTier: string;
  down: number;
  longestRto?: number;
  before: Demand;
  after: Demand;
}

function departmentLine(department: DepartmentFailover): DepartmentLine {
  const byTier = new Map<string, number>();
  let longest: number | undefined;
  let down = 0;
  for (const workload of department.workloads) {
    if (workload.starts > 0) {
      byTier.set(workload.tier, (byTier.get(workload.tier) ?? 0) + workload.starts);
    }
    if (isDown(workload)) {
      down += 1;
      if (workload.rtoMinutes !== undefined) longest = Math.max(longest ?? 0, workload.rtoMinutes);
    }
  }
  const after: Demand = { vcpus: 0, ramGiB: 0, instances: 0 };
  for (const dimension of FAILOVER_DIMENSIONS) {
    after[dimension] = department.before[dimension] + department.adds[dimension];
  }
  return {
    id: department.id,
    running: department.workloads.filter(isRunning).length,
    starts: department.adds.instances,
    startsByTier: [...byTier.entries()].map(([tier, n]) => `${tier} +${n}`).join(", "),
    down,
    ...(longest === undefined ? {} : { longestRto: longest }),
    before: department.before,
    after,
  };
}

function downText(line: DepartmentLine): string {
  if (line.down === 0) return "-";
  return line.longestRto === undefined
    ? String(line.down)
    : `${line.down} (≤ ${duration(line.longestRto)})`;
}

function change(before: number, after: number): string {
  return after === before ? amount(before) : `${amount(before)} → ${amount(after)}`;
}

function verdictLine(loss: SiteLoss): string {
  if (loss.shortfalls.length === 0) {
    return (
      `${loss.survivor} can take what the tiers promise when ${loss.lost} is lost ` +
      `(least headroom: ${percent(Math.min(...FAILOVER_DIMENSIONS.map((d) => loss.headroom[d])))})`
    );
  }
  return (
    `${loss.survivor} CANNOT take what the tiers promise when ${loss.lost} is lost: ` +
    loss.shortfalls
      .map(
        (shortfall) =>
          `${LABEL[shortfall.dimension]} short by ${amount(shortfall.short)} ` +
          `(needs ${amount(shortfall.needed)}, holds ${amount(shortfall.available)})`,
      )
      .join("; ")
  );
}

function headroomNote(loss: SiteLoss): string {
  return loss.headroomPercent > 0 ? `, less ${loss.headroomPercent}% kept free` : "";
}

/**
 * The capacity table: what runs, starts and is needed; the site's everyday and emergency
 * capacity, what may be used of it (less the headroom kept free) and the share left free.
 */
function capacityTable(loss: SiteLoss): string[][] {
  const head = [
    loss.survivor,
    "runs today",
    "starts",
    "needed",
    "everyday capacity",
    "emergency capacity",
    ...(loss.headroomPercent > 0 ? [`usable (${loss.headroomPercent}% kept free)`] : []),
    "free after failover",
  ];
  return [
    head,
    ...FAILOVER_DIMENSIONS.map((dimension) => [
      LABEL[dimension],
      amount(loss.before[dimension]),
      `+${amount(loss.adds[dimension])}`,
      amount(loss.needed[dimension]),
      amount(loss.everyday[dimension]),
      amount(loss.emergency[dimension]),
      ...(loss.headroomPercent > 0 ? [amount(loss.available[dimension])] : []),
      percent(loss.headroom[dimension]),
    ]),
  ];
}

function pad(rows: string[][], right: (column: number) => boolean): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) =>
    row
      .map((cell, c) => (right(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd(),
  );
}

function downList(loss: SiteLoss): WorkloadFate[] {
  return loss.departments.flatMap((department) => department.workloads.filter(isDown));
}

function startList(loss: SiteLoss): WorkloadFate[] {
  return loss.departments.flatMap((department) =>
    department.workloads.filter((workload) => workload.starts > 0),
  );
}

function startText(workload: WorkloadFate, survivor: string): string {
  const how =
    workload.fate === "grows"
      ? `grows ${workload.before} → ${workload.after}`
      : `starts its standby: ${workload.before} → ${workload.after}`;
  const volumes =
    workload.attaches.length === 0
      ? ""
      : `, attaching ${workload.attaches.length} volume ${workload.attaches.length === 1 ? "copy" : "copies"} at ${survivor}`;
  const rpo =
    workload.rpoSeconds !== undefined && workload.rpoSeconds > 0
      ? `, up to ${duration(Math.ceil(workload.rpoSeconds / 60))} of data lost`
      : "";
  const rto = workload.rtoMinutes === undefined ? "" : ` within ${duration(workload.rtoMinutes)}`;
  return (
    `${workload.department}/${workload.workload} (${workload.tier}, ${workload.flavor}): ${how}` +
    `${rto}${volumes}${rpo}`
  );
}

function downText2(workload: WorkloadFate): string {
  const rto =
    workload.rtoMinutes === undefined
      ? "until restored"
      : `until restored, within ${duration(workload.rtoMinutes)}`;
  const part = workload.fate === "reduced" ? `${workload.lost} of its instances` : "down";
  return (
    `${workload.department}/${workload.workload} (${workload.tier}, ` +
    `${plural(workload.lost, "VM")}): ${part} ${rto}`
  );
}

function quorumLines(quorum: QuorumReport): string[] {
  const lines: string[] = [];
  lines.push(
    `witness: ${
      quorum.witnessDomain === undefined
        ? "none defined"
        : `${quorum.witnessDomain} at ${quorum.witnessSite ?? "?"}`
    }; preferred site: ${quorum.preferredSite ?? "none"}`,
  );
  for (const scenario of quorum.scenarios) {
    lines.push(
      `if ${scenario.when}: ` +
        `${scenario.outcome}${scenario.automatic ? "" : " (needs an operator)"}`,
    );
  }
  return lines;
}

function linkLine(link: SiteLoss | undefined): string | undefined {
  if (link === undefined) return undefined;
  const fits = link.shortfalls.length === 0;
  return (
    `cut link: ${link.survivor} carries the critical load alone: ` +
    FAILOVER_DIMENSIONS.map(
      (d) => `${LABEL[d]} ${amount(link.needed[d])}/${amount(link.available[d])}`,
    ).join(", ") +
    (fits ? " (fits)" : " (DOES NOT FIT)")
  );
}

// ---------------------------------------------------------------------------------------------
// text
// ---------------------------------------------------------------------------------------------

function textCase({ loss, quorum, link }: FailoverCase): string[] {
  const lines: string[] = [];
  lines.push(
    `losing ${loss.lost}: ${loss.survivor} carries the load ` +
      `(tiers that must survive: ${loss.survivingTiers.join(", ") || "none"}; ` +
      `${loss.hosts} hosts under the emergency overcommit${headroomNote(loss)})`,
    "",
  );
  const head = [
    "department",
    "keeps running",
    `starts at ${loss.survivor}`,
    "down (RTO)",
    `vCPU at ${loss.survivor}`,
    "RAM GiB",
    "VMs",
  ];
  const rows = [head];
  for (const department of loss.departments) {
    const line = departmentLine(department);
    if (touched(department).length === 0 && line.before.instances === 0) continue;
    rows.push([
      line.id,
      String(line.running),
      line.starts === 0 ? "-" : `+${line.starts} (${line.startsByTier})`,
      downText(line),
      change(line.before.vcpus, line.after.vcpus),
      change(line.before.ramGiB, line.after.ramGiB),
      change(line.before.instances, line.after.instances),
    ]);
  }
  const estate = estateLine(loss);
  rows.push([
    "estate",
    String(estate.running),
    estate.starts === 0 ? "-" : `+${estate.starts} (${estate.startsByTier})`,
    downText(estate),
    change(loss.before.vcpus, loss.needed.vcpus),
    change(loss.before.ramGiB, loss.needed.ramGiB),
    change(loss.before.instances, loss.needed.instances),
  ]);
  lines.push(...pad(rows, (c) => c >= 4), "");
  lines.push(
    `${loss.survivor} after losing ${loss.lost}:`,
    ...pad(capacityTable(loss), (c) => c > 0).map((line) => `  ${line}`),
    "",
  );
  const starts = startList(loss);
  if (starts.length > 0) {
    lines.push(`starts at ${loss.survivor} (${plural(loss.adds.instances, "VM")}):`);
    for (const workload of starts) lines.push(`  ${startText(workload, loss.survivor)}`);
    lines.push("");
  }
  const down = downList(loss);
  if (down.length > 0) {
    lines.push(
      `down until restored (${plural(down.length, "workload")}; restoring them at ` +
        `${loss.survivor} would need ${demandText(loss.restoreAdds)} more):`,
    );
    for (const workload of down) lines.push(`  ${downText2(workload)}`);
    lines.push("");
  }
  lines.push("storage quorum:", ...quorumLines(quorum).map((line) => `  ${line}`));
  const cut = linkLine(link);
  if (cut !== undefined) lines.push(`  ${cut}`);
  lines.push("");
  lines.push(verdictLine(loss));
  for (const fix of loss.fixes) lines.push(`  fix: ${fix}`);
  return lines;
}

function demandText(demand: Demand): string {
  return `${amount(demand.vcpus)} vCPU, ${amount(demand.ramGiB)} GiB RAM, ${plural(demand.instances, "VM")}`;
}

function estateLine(loss: SiteLoss): DepartmentLine {
  const lines = loss.departments.map(departmentLine);
  const byTier = new Map<string, number>();
  for (const department of loss.departments) {
    for (const workload of department.workloads) {
      if (workload.starts > 0)
        byTier.set(workload.tier, (byTier.get(workload.tier) ?? 0) + workload.starts);
    }
  }
  const rtos = lines.map((line) => line.longestRto).filter((rto) => rto !== undefined);
  return {
    id: "estate",
    running: lines.reduce((sum, line) => sum + line.running, 0),
    starts: loss.adds.instances,
    startsByTier: [...byTier.entries()].map(([tier, n]) => `${tier} +${n}`).join(", "),
    down: lines.reduce((sum, line) => sum + line.down, 0),
    ...(rtos.length === 0 ? {} : { longestRto: Math.max(...rtos) }),
    before: loss.before,
    after: loss.needed,
  };
}

export function formatFailoverText(report: FailoverReport): string {
  const parts = report.cases.map((entry) => textCase(entry).join("\n"));
  const summary = report.passed
    ? `govcloud failover: passed: ${report.cases.map((c) => `${c.loss.survivor} survives losing ${c.loss.lost}`).join("; ")}`
    : `govcloud failover: FAILED: ${report.cases
        .filter((c) => c.loss.shortfalls.length > 0)
        .map((c) => `${c.loss.survivor} cannot take ${c.loss.lost}'s load`)
        .join("; ")}`;
  return [...parts, summary].join("\n\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function mdTable(head: string[], rows: string[][], right: (c: number) => boolean): string[] {
  return [
    `| ${head.map(cell).join(" | ")} |`,
    `| ${head.map((_, c) => (right(c) ? "--:" : "---")).join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
}

/** A Mermaid id: letters and digits kept, anything else as its code, so ids never collide. */
function mid(...parts: string[]): string {
  return parts
    .map((part) => part.replace(/[^A-Za-z0-9]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`))
    .join("_");
}

/**
 * What moves where: the lost site's departments on the left, the survivor's on the right, an
 * edge per department with what starts (by tier) and a dashed one to what is down; the witness
 * at the bottom, joined to the site that keeps writing.
 */
export function failoverMermaid({ loss, quorum }: FailoverCase): string[] {
  const lines = ["flowchart LR"];
  const lost = mid("lost", loss.lost);
  const survivor = mid("site", loss.survivor);
  const down = mid("down", loss.lost);
  lines.push(`  subgraph ${lost}["${mermaidText(`${loss.lost} (lost)`)}"]`, "    direction TB");
  const moving = loss.departments.filter((department) => touched(department).length > 0);
  for (const department of moving) {
    const lostVms = department.workloads.reduce((sum, workload) => sum + workload.lost, 0);
    lines.push(
      `    ${mid("l", department.id)}["${mermaidText(`${department.id}: ${plural(lostVms, "VM")}`)}"]`,
    );
  }
  lines.push("  end");
  lines.push(
    `  subgraph ${survivor}["${mermaidText(`${loss.survivor} (carries the load)`)}"]`,
    "    direction TB",
  );
  for (const department of moving) {
    const line = departmentLine(department);
    if (line.starts === 0 && line.running === 0) continue;
    lines.push(
      `    ${mid("s", department.id)}["${mermaidText(
        `${department.id}: ${line.before.instances} → ${line.after.instances} VMs`,
      )}"]`,
    );
  }
  lines.push("  end");
  const downCount = downList(loss).length;
  if (downCount > 0) {
    lines.push(
      `  ${down}(["${mermaidText(`down until restored: ${plural(downCount, "workload")}`)}"])`,
    );
  }
  for (const department of moving) {
    const line = departmentLine(department);
    if (line.starts > 0) {
      lines.push(
        `  ${mid("l", department.id)} -- "${mermaidText(`+${line.starts}: ${line.startsByTier}`)}" --> ${mid("s", department.id)}`,
      );
    } else if (line.running > 0) {
      lines.push(`  ${mid("l", department.id)} -. "runs on" .-> ${mid("s", department.id)}`);
    }
    if (line.down > 0) {
      lines.push(
        `  ${mid("l", department.id)} -. "${mermaidText(`${line.down} down`)}" .-> ${down}`,
      );
    }
  }
  if (quorum.witnessSite !== undefined) {
    const witness = mid("witness", quorum.witnessSite);
    lines.push(
      `  ${witness}{{"${mermaidText(`witness at ${quorum.witnessSite}${quorum.witnessDomain === undefined ? " (none defined)" : ""}`)}"}}`,
    );
    lines.push(`  ${witness} -. "arbitrates" .- ${survivor}`);
  }
  lines.push(`  classDef lostSite fill:#fdd,stroke:#c00`, `  class ${lost} lostSite`);
  return lines;
}

function markdownCase(entry: FailoverCase): string[] {
  const { loss, quorum, link } = entry;
  const ok = loss.shortfalls.length === 0;
  const lines: string[] = [];
  lines.push(`## Losing ${loss.lost}: ${loss.survivor} carries the load`, "");
  lines.push(`${ok ? "✅" : "❌"} ${verdictLine(loss)}.`, "");
  lines.push(
    `Tiers that must survive: ${loss.survivingTiers.map((tier) => `\`${tier}\``).join(", ") || "none"}; ` +
      `${loss.hosts} hosts at ${loss.survivor} under \`capacity.emergency\`${headroomNote(loss)}.`,
    "",
  );
  lines.push(...mdTable(capacityTable(loss)[0], capacityTable(loss).slice(1), (c) => c > 0), "");
  if (!ok) {
    lines.push("**What would fix it:**", "", ...loss.fixes.map((fix) => `- ${fix}`), "");
  }
  const rows: string[][] = [];
  for (const department of loss.departments) {
    const line = departmentLine(department);
    if (touched(department).length === 0 && line.before.instances === 0) continue;
    rows.push([
      line.id,
      String(line.running),
      line.starts === 0 ? "" : `+${line.starts} (${line.startsByTier})`,
      line.down === 0 ? "" : downText(line),
      change(line.before.vcpus, line.after.vcpus),
      change(line.before.ramGiB, line.after.ramGiB),
      change(line.before.instances, line.after.instances),
    ]);
  }
  const estate = estateLine(loss);
  rows.push([
    "**estate**",
    `**${estate.running}**`,
    estate.starts === 0 ? "" : `**+${estate.starts}** (${estate.startsByTier})`,
    estate.down === 0 ? "" : `**${downText(estate)}**`,
    `**${change(loss.before.vcpus, loss.needed.vcpus)}**`,
    `**${change(loss.before.ramGiB, loss.needed.ramGiB)}**`,
    `**${change(loss.before.instances, loss.needed.instances)}**`,
  ]);
  lines.push(
    ...mdTable(
      [
        "department",
        "keeps running",
        `starts at ${loss.survivor}`,
        "down (RTO)",
        `vCPU at ${loss.survivor}`,
        "RAM GiB",
        "VMs",
      ],
      rows,
      (c) => c >= 4,
    ),
    "",
  );
  lines.push("```mermaid", ...failoverMermaid(entry), "```", "");
  lines.push("**Storage quorum:**", "", ...quorumLines(quorum).map((line) => `- ${line}`));
  const cut = linkLine(link);
  if (cut !== undefined) lines.push(`- ${cut}`);
  lines.push("");
  const starts = startList(loss);
  if (starts.length > 0) {
    lines.push(
      `<details><summary>What starts at ${loss.survivor} (${plural(loss.adds.instances, "VM")})</summary>`,
      "",
      ...starts.map((workload) => `- ${startText(workload, loss.survivor)}`),
      "",
      "</details>",
      "",
    );
  }
  const down = downList(loss);
  if (down.length > 0) {
    lines.push(
      `<details><summary>Down until restored (${plural(down.length, "workload")})</summary>`,
      "",
      `Restoring them at ${loss.survivor} would need ${demandText(loss.restoreAdds)} more.`,
      "",
      ...down.map((workload) => `- ${downText2(workload)}`),
      "",
      "</details>",
      "",
    );
  }
  return lines;
}

export function formatFailoverMarkdown(report: FailoverReport): string {
  const lines = ["# govcloud failover", ""];
  lines.push(
    report.passed
      ? "✅ **Passes**: each surviving site can take what the tiers promise."
      : "❌ **Fails**: a surviving site cannot take what the tiers promise.",
    "",
  );
  for (const entry of report.cases) lines.push(...markdownCase(entry));
  return lines.join("\n").trimEnd() + "\n";
}

export function formatFailoverJson(report: FailoverReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}

/** One line per lost site for `govcloud check`: what the survivor needs of its emergency capacity. */
export function formatFailoverHeadroom(losses: readonly SiteLoss[]): string {
  return losses
    .map(
      (loss) =>
        `failover: losing ${loss.lost}, ${loss.survivor} needs ` +
        FAILOVER_DIMENSIONS.map(
          (d) =>
            `${amount(loss.needed[d])}/${amount(loss.emergency[d])} ${LABEL[d]} ` +
            `(${percent(loss.headroom[d])} free)`,
        ).join(", ") +
        (loss.shortfalls.length > 0
          ? ` — DOES NOT FIT${loss.headroomPercent > 0 ? ` with ${loss.headroomPercent}% kept free` : ""} (govcloud failover --lose ${loss.lost})`
          : loss.headroomPercent > 0
            ? `; ${loss.headroomPercent}% kept free`
            : ""),
    )
    .join("\n");
}
