import { strict as assert } from "node:assert";
import { mermaidText, renderTopologyMermaid } from "../../render/review-mermaid";
import type { DepartmentTopology } from "../../review/topology";
import { topology } from "./review-fixtures";

const ID = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Node ids declared with a label, and the endpoints of every edge. */
function parse(diagram: string) {
  const declared = new Set<string>();
  const edges: { from: string; to: string; dashed: boolean; label?: string }[] = [];
  for (const raw of diagram.split("\n").slice(1)) {
    const line = raw.trim();
    const node = /^([^\s[{(]+)(\[".*"\]|\{\{".*"\}\})$/.exec(line);
    const edge = /^(\S+) (---|-\.->)(?:\|"([^"]*)"\|)? (\S+)$/.exec(line);
    if (node) declared.add(node[1]);
    else if (edge)
      edges.push({ from: edge[1], to: edge[4], dashed: edge[2] === "-.->", label: edge[3] });
  }
  return { declared, edges };
}

describe("review Mermaid topology", () => {
  it("draws one subgraph per site with its networks and workloads", () => {
    const diagram = renderTopologyMermaid(topology("health", 15));
    const lines = diagram.split("\n");
    assert.equal(lines[0], "flowchart LR");
    assert.deepEqual(
      lines.filter((l) => l.trim().startsWith("subgraph ")).map((l) => l.trim()),
      ['subgraph site_qingdao["qingdao"]', 'subgraph site_laixi["laixi"]'],
    );
    assert.equal(lines.filter((l) => l.trim() === "end").length, 2, "every subgraph closed");
    assert.ok(diagram.includes('net_qingdao_app{{"app<br/>10.16.40.0/24"}}'));
    assert.ok(
      diagram.includes(
        'wl_qingdao_service_2d_0["<b>service-0</b><br/>critical · m1.large · 2 VMs<br/>data: 500 GiB ssd-sync ×2"]',
      ),
    );
    const { declared, edges } = parse(diagram);
    assert.equal(declared.size, 2 * (1 + 15), "a network and 15 workloads per site");
    for (const id of declared) assert.match(id, ID);
    for (const edge of edges) {
      assert.ok(
        declared.has(edge.from) && declared.has(edge.to),
        `${edge.from} → ${edge.to} declared`,
      );
    }
    assert.equal(edges.filter((e) => !e.dashed).length, 30, "each workload on its network");
  });

  it("draws replication pairs as dashed edges between the sites, labelled with the mode", () => {
    const topo = topology("health", 2);
    topo.pairs.push({
      workload: "service-1",
      volume: "logs",
      fromSite: "qingdao",
      toSite: "laixi",
      mode: "async",
    });
    const { edges } = parse(renderTopologyMermaid(topo));
    const dashed = edges.filter((e) => e.dashed);
    assert.deepEqual(dashed, [
      {
        from: "wl_qingdao_service_2d_0",
        to: "wl_laixi_service_2d_0",
        dashed: true,
        label: "data: sync",
      },
      {
        from: "wl_qingdao_service_2d_1",
        to: "wl_laixi_service_2d_1",
        dashed: true,
        label: "data: sync, logs: async",
      },
    ]);
  });

  it("escapes labels and keeps ids valid and distinct for awkward names", () => {
    const topo: DepartmentTopology = {
      department: "x",
      sites: [
        {
          site: "end",
          networks: [
            {
              name: 'a"b',
              cidr: "10.0.0.0/24",
              workloads: [
                { name: "a-b", tier: "standard", flavor: "s1.small", instances: 1, volumes: [] },
                { name: "a_b", tier: "standard", flavor: "s1.small", instances: 0, volumes: [] },
                {
                  name: "<script>#`|x",
                  tier: "standard",
                  flavor: "s1.small",
                  instances: 1,
                  volumes: [],
                },
              ],
            },
          ],
        },
      ],
      pairs: [],
    };
    const diagram = renderTopologyMermaid(topo);
    const { declared } = parse(diagram);
    assert.equal(declared.size, 4, diagram);
    for (const id of declared) assert.match(id, ID);
    assert.ok(diagram.includes('subgraph site_end["end"]'), "a site named end is not the keyword");
    assert.ok(diagram.includes("a#quot;b<br/>10.0.0.0/24"));
    assert.ok(diagram.includes("<b>#lt;script#gt;#35;#96;#124;x</b>"));
    assert.ok(diagram.includes("standby, no VMs"));
    assert.ok(!diagram.includes("<script>"));
    assert.equal(mermaidText("a\nb"), "a b");
  });

  it("still draws a department without sites", () => {
    const diagram = renderTopologyMermaid({ department: "empty", sites: [], pairs: [] });
    assert.equal(diagram, 'flowchart LR\n  empty["empty: no sites"]');
  });
});
