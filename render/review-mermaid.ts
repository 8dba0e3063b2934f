/**
 * A department's topology as a Mermaid flowchart: one subgraph per site with its networks, the
 * workloads on each network (their volumes folded into the label, so a department with a
 * dozen workloads stays a readable two-column picture), and dashed edges for the replication
 * pairs between sites, labelled with the mode.
 */
import type { DepartmentTopology, TopologyVolume, TopologyWorkload } from "../review/topology";

/**
 * A Mermaid id from parts: letters and digits kept, anything else as `_<hex>_`, so distinct
 * names never collide and no id is a keyword (`end`) or starts an edge (`o`, `x`).
 */
function id(kind: string, ...parts: string[]): string {
  const safe = parts.map((part) =>
    part.replace(/[^A-Za-z0-9]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`),
  );
  return [kind, ...safe].join("_");
}

/**
 * Text for a quoted Mermaid label. Mermaid reads `#name;` as an entity and renders labels as
 * HTML, so quotes, `#`, angle brackets, ampersands and backticks (which start a Markdown label)
 * become entity codes.
 */
export function mermaidText(text: string): string {
  const entities: Record<string, string> = {
    '"': "#quot;",
    "#": "#35;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "|": "#124;",
  };
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/["#<>&`|]/g, (c) => entities[c]);
}

function volumeText(volume: TopologyVolume): string {
  const replica = volume.role === "secondary" ? " replica" : "";
  return `${volume.name}${replica}: ${volume.sizeGiB} GiB ${volume.type} ×${volume.count}`;
}

function workloadLabel(workload: TopologyWorkload): string {
  const vms =
    workload.instances === 0
      ? "standby, no VMs"
      : `${workload.instances} VM${workload.instances === 1 ? "" : "s"}`;
  const head = `<b>${mermaidText(workload.name)}</b>`;
  const lines = [head, mermaidText(`${workload.tier} · ${workload.flavor} · ${vms}`)];
  for (const volume of workload.volumes) lines.push(mermaidText(volumeText(volume)));
  return lines.join("<br/>");
}

export function renderTopologyMermaid(topology: DepartmentTopology): string {
  const lines = ["flowchart LR"];
  const workloadIds = new Set<string>();
  for (const site of topology.sites) {
    lines.push(`  subgraph ${id("site", site.site)}["${mermaidText(site.site)}"]`);
    lines.push("    direction TB");
    for (const network of site.networks) {
      const networkId = id("net", site.site, network.name);
      lines.push(
        `    ${networkId}{{"${mermaidText(network.name)}<br/>${mermaidText(network.cidr)}"}}`,
      );
      for (const workload of network.workloads) {
        const workloadId = id("wl", site.site, workload.name);
        workloadIds.add(workloadId);
        lines.push(`    ${workloadId}["${workloadLabel(workload)}"]`);
        lines.push(`    ${networkId} --- ${workloadId}`);
      }
    }
    if (site.networks.length === 0) {
      lines.push(`    ${id("empty", site.site)}["${mermaidText("no networks")}"]`);
    }
    lines.push("  end");
  }
  // One edge per workload and direction, naming every volume it replicates: a workload with a
  // data and a log volume draws one line, not two on top of each other.
  const edges = new Map<string, { from: string; to: string; labels: string[] }>();
  for (const pair of topology.pairs) {
    const from = id("wl", pair.fromSite, pair.workload);
    const to = id("wl", pair.toSite, pair.workload);
    if (!workloadIds.has(from) || !workloadIds.has(to)) continue;
    const key = `${from} ${to}`;
    const edge = edges.get(key) ?? { from, to, labels: [] };
    edge.labels.push(`${pair.volume}: ${pair.mode}`);
    edges.set(key, edge);
  }
  for (const edge of edges.values()) {
    lines.push(`  ${edge.from} -.->|"${mermaidText(edge.labels.join(", "))}"| ${edge.to}`);
  }
  if (topology.sites.length === 0)
    lines.push(`  ${id("empty")}["${mermaidText(`${topology.department}: no sites`)}"]`);
  return lines.join("\n");
}
