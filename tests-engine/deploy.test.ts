/**
 * Deploying for real, and decommissioning: the platform's OpenStack part, then one department of
 * each tier of the test estate with `govcloud up`, each read back through OpenStack's own APIs
 * (not through Pulumi) and compared with its department file and its stack outputs; then each
 * taken down the documented way (decommission marker, `govcloud up`, `pulumi destroy`, files
 * removed) until nothing of it is left in either region. A department file deleted without the
 * marker is refused before anything is touched.
 *
 * The test leaves the cloud as it found it (the platform is destroyed last, whatever happened),
 * so that the other engine tests can deploy the platform again.
 */
import { strict as assert } from "node:assert";
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { activeSites, findTier, findVolumeType } from "../model/catalog";
import { loadEstate } from "../model/estate-loader";
import { OWNER_ROLES, AUTOMATION_ROLE } from "../model/access";
import { pairMetadata } from "../model/pairing";
import { placeWorkload, workloadsAt } from "../model/placement";
import { siteQuotaLimits } from "../model/quota";
import {
  ALL_SITES,
  labelsToMetadata,
  labelsToTags,
  sharedLabels,
  strictestTier,
  workloadLabels,
} from "../model/tags";
import type { Department, Platform, Site } from "../model/types";
import { cloudDir, Deployment, TODAY } from "./support/deployment";
import type { Run } from "./support/deployment";
import { OpenStackApi } from "./support/openstack-api";
import { findProject, leftovers, readRegion, roleAssignments } from "./support/vdc-readback";
import type { Network } from "./support/vdc-readback";

/** `pulumi stack output --json` of a department stack (components/department-program.ts). */
interface StackOutputs {
  department: string;
  projectId: string;
  networks: Record<string, Record<string, { networkId: string; subnetId: string; cidr: string }>>;
  instances: Record<
    string,
    Record<string, { address: string; floatingIp?: string; availabilityZone?: string }>
  >;
  volumePairs: {
    primary: string;
    secondary: string;
    primarySite: string;
    secondarySite: string;
    mode: string;
    rpoSeconds: number;
    primaryId: string;
    secondaryId: string;
  }[];
}

const DECOMMISSION =
  "decommission: { ticket: QD-CHG-2026-01234, approver: liu.yang, date: 2026-11-20 }\n";

const sorted = (values: Iterable<string>): string[] => [...values].sort();

/** `serverGroupMembers` -> `server_group_members`: the quota APIs' field names. */
const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The engine's summary line: `+ 105 created`, `- 23 deleted`. */
function counted(run: Run, change: "created" | "deleted"): number {
  const sign = change === "created" ? "\\+" : "-";
  const found = new RegExp(`^\\s*${sign} (\\d+) ${change}$`, "m").exec(run.stdout);
  return found === null ? 0 : Number(found[1]);
}

describe("deploying for real, read back through the OpenStack API, and decommissioning", function () {
  this.timeout(3_600_000);
  let deployment: Deployment;
  let platform: Platform;
  /** One department per tier, strictest first: [tier, department]. */
  let byTier: [string, Department][];
  const apis = new Map<string, OpenStackApi>();
  const projectIds = new Map<string, string>();
  /** Stacks that may hold resources: taken down in `after` when a test stopped halfway. */
  const deployed = new Set<string>();
  const timings: string[] = [];

  before(async () => {
    deployment = new Deployment();
    const loaded = loadEstate(deployment.root, { today: TODAY });
    assert.ok(loaded.estate !== undefined, JSON.stringify(loaded.problems));
    const estate = loaded.estate;
    platform = estate.platform;
    byTier = platform.tiers.map((tier) => {
      const found = estate.departments.find(
        ({ department }) => strictestTier(platform, department.workloads) === tier.name,
      );
      assert.ok(found !== undefined, `the test estate has no department of tier ${tier.name}`);
      return [tier.name, found.department];
    });
    for (const site of activeSites(platform)) {
      apis.set(
        site.id,
        await OpenStackApi.login(join(cloudDir(), "clouds.yaml"), site.openstack!.cloud),
      );
    }
  });

  after(() => {
    deployment.destroyLeftovers(deployed);
    console.log(timings.join("\n"));
    deployment?.remove();
  });

  it("deploys the platform's OpenStack part", () => {
    deployed.add("platform");
    const run = deployment.govcloud(["up", "platform", "--yes"]);
    timings.push(`up platform: ${run.seconds.toFixed(1)} s, ${counted(run, "created")} created`);
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  for (const tier of ["critical", "important", "standard"]) {
    it(`deploys the ${tier} department with govcloud up`, () => {
      const dept = departmentOf(tier);
      deployed.add(dept.id);
      const run = deployment.govcloud(["up", dept.id, "--yes"]);
      const created = counted(run, "created");
      timings.push(`up ${dept.id} (${tier}): ${run.seconds.toFixed(1)} s, ${created} created`);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, new RegExp(`govcloud up: ${dept.id}: deployed, 0 mandatory`));
      assert.ok(created > 0, run.stdout);
    });

    it(`reads the ${tier} department back through the OpenStack API: as its file and its stack outputs say`, async () => {
      await verifyDepartment(departmentOf(tier));
    });
  }

  it("refuses a department file deleted without a decommission, before touching anything", async () => {
    const dept = departmentOf("standard");
    const file = join(deployment.root, "departments", `${dept.id}.yaml`);
    const aside = join(deployment.dir, `${dept.id}.yaml`);
    const before = await readRegion(apis.get(siteOf(dept).id)!, projectIds.get(dept.id)!);
    renameSync(file, aside);
    try {
      for (const args of [["validate"], ["check", "--all"], ["up", dept.id, "--yes"]]) {
        const run = deployment.govcloud(args);
        assert.equal(run.status, 1, `${args.join(" ")}:\n${run.stdout}${run.stderr}`);
        // validate and check name the problem; up refuses the stack with the same steps.
        assert.match(
          run.stdout,
          args[0] === "up"
            ? /does not exist, but stack \S+ is being deployed[^]*nothing was sent to Pulumi/
            : /error \[department-file-missing\]/,
          args.join(" "),
        );
      }
    } finally {
      renameSync(aside, file);
    }
    const after = await readRegion(apis.get(siteOf(dept).id)!, projectIds.get(dept.id)!);
    assert.deepEqual(
      after.servers.map((s) => `${s.id} ${s.status}`),
      before.servers.map((s) => `${s.id} ${s.status}`),
    );
    assert.deepEqual(
      after.volumes.map((v) => `${v.id} ${v.status}`),
      before.volumes.map((v) => `${v.id} ${v.status}`),
    );
    assert.ok(await findProject(apis.get(siteOf(dept).id)!, dept.id));
  });

  for (const tier of ["critical", "important", "standard"]) {
    it(`decommissions the ${tier} department: marker, govcloud up, pulumi destroy, files removed; nothing left in either region`, async () => {
      const dept = departmentOf(tier);
      const file = join(deployment.root, "departments", `${dept.id}.yaml`);
      appendFileSync(file, DECOMMISSION);
      const lift = deployment.govcloud(["up", dept.id, "--yes"]);
      assert.equal(lift.status, 0, lift.stdout + lift.stderr);
      const destroy = deployment.pulumi(["destroy", "--yes", "--stack", dept.id]);
      timings.push(
        `destroy ${dept.id} (${tier}): marker up ${lift.seconds.toFixed(1)} s, ` +
          `destroy ${destroy.seconds.toFixed(1)} s, ${counted(destroy, "deleted")} deleted`,
      );
      assert.equal(destroy.status, 0, destroy.stdout + destroy.stderr);
      deployed.delete(dept.id);
      const rm = deployment.pulumi(["stack", "rm", "--yes", "--stack", dept.id]);
      assert.equal(rm.status, 0, rm.stdout + rm.stderr);
      // `pulumi stack rm` removes the stack settings file already; the department file goes with it.
      rmSync(file);
      rmSync(join(deployment.root, "stacks", `Pulumi.${dept.id}.yaml`), { force: true });

      const left: string[] = [];
      for (const api of apis.values()) {
        left.push(...(await leftovers(api, dept.id, projectIds.get(dept.id)!)));
      }
      assert.deepEqual(left, []);
      const pairs = readLog().filter((line) => line.startsWith("create "));
      const deleted = readLog().filter((line) => line.startsWith("delete "));
      for (const pair of outputsOf.get(dept.id)!.volumePairs) {
        assert.ok(
          deleted.includes(`delete ${pair.primaryId} ${pair.secondaryId}`),
          `pair ${pair.primary} not deleted on the storage:\n${[...pairs, ...deleted].join("\n")}`,
        );
      }
      // The estate stays valid without the department (an estate needs at least one).
      if (
        byTier.some(([, other]) =>
          existsSync(join(deployment.root, "departments", `${other.id}.yaml`)),
        )
      ) {
        const validate = deployment.govcloud(["validate"]);
        assert.equal(validate.status, 0, validate.stdout + validate.stderr);
      }
    });
  }

  it("destroys the platform's OpenStack part, leaving the cloud as it was", () => {
    const run = deployment.pulumi(["destroy", "--yes", "--stack", "platform"]);
    timings.push(
      `destroy platform: ${run.seconds.toFixed(1)} s, ${counted(run, "deleted")} deleted`,
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    deployed.delete("platform");
  });

  function departmentOf(tier: string): Department {
    const found = byTier.find(([name]) => name === tier);
    assert.ok(found !== undefined, `no department of tier ${tier}`);
    return found[1];
  }

  function siteOf(dept: Department): Site {
    return activeSites(platform).find((site) => dept.quotas[site.id] !== undefined)!;
  }

  function readLog(): string[] {
    return existsSync(deployment.pairingLog)
      ? readFileSync(deployment.pairingLog, "utf8").split("\n").filter(Boolean)
      : [];
  }

  const outputsOf = new Map<string, StackOutputs>();

  function stackOutputs(id: string): StackOutputs {
    const run = deployment.pulumi(["stack", "output", "--json", "--stack", id]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const outputs = JSON.parse(run.stdout) as StackOutputs;
    outputsOf.set(id, outputs);
    return outputs;
  }

  async function verifyDepartment(dept: Department): Promise<void> {
    const outputs = stackOutputs(dept.id);
    assert.equal(outputs.department, dept.id);
    const identity = apis.values().next().value!;
    const project = await findProject(identity, dept.id);
    assert.ok(project !== undefined, `no project ${dept.id} in Keystone`);
    projectIds.set(dept.id, project.id);
    assert.equal(outputs.projectId, project.id);
    assert.equal(project.enabled, true);
    assert.deepEqual(
      sorted(project.tags),
      sorted(labelsToTags(sharedLabels(dept, platform, ALL_SITES, dept.workloads))),
    );
    const roles = await roleAssignments(identity, project.id);
    const granted = new Set(roles.map((r) => `${r.user?.name ?? "?"} ${r.role.name}`));
    for (const owner of dept.owners) {
      assert.ok(granted.has(`${owner.id} ${OWNER_ROLES[owner.role]}`), [...granted].join("\n"));
    }
    assert.ok([...granted].some((g) => g.endsWith(` ${AUTOMATION_ROLE}`)));

    const sites = activeSites(platform).filter((site) => dept.quotas[site.id] !== undefined);
    assert.deepEqual(sorted(Object.keys(outputs.instances)), sorted(sites.map((s) => s.id)));
    const volumeIds = new Map<string, string>();
    for (const site of sites) {
      await verifySite(dept, site, outputs, project.id, volumeIds);
    }

    // Every replicated volume is paired on the storage, with the Cinder ids of both halves.
    const replicated = dept.workloads.flatMap((workload) => {
      const { volumes } = placeWorkload(dept, workload, platform);
      return volumes.flatMap((primary) => {
        const secondary = volumes.find(
          (v) =>
            v.role === "secondary" &&
            v.instance.name === primary.instance.name &&
            v.volume.name === primary.volume.name,
        );
        return primary.role === "primary" && secondary !== undefined
          ? [{ primary, secondary: secondary.name }]
          : [];
      });
    });
    assert.equal(outputs.volumePairs.length, replicated.length);
    const log = readLog();
    for (const { primary, secondary } of replicated) {
      const pair = outputs.volumePairs.find((p) => p.primary === primary.name);
      assert.ok(pair !== undefined, `no pair for ${primary.name} in the stack outputs`);
      const type = findVolumeType(platform, primary.volume.type)!;
      assert.deepEqual(pair, {
        primary: primary.name,
        secondary,
        primarySite: primary.site,
        secondarySite: primary.peerSite,
        mode: type.replication,
        rpoSeconds: type.rpoSeconds ?? 0,
        primaryId: volumeIds.get(primary.name),
        secondaryId: volumeIds.get(secondary),
      });
      assert.ok(
        log.includes(
          `create ${pair.primaryId} ${pair.secondaryId} ${type.replication} ${type.rpoSeconds ?? 0}`,
        ),
        `pair ${primary.name} not recorded by the pairing command:\n${log.join("\n")}`,
      );
    }
  }

  async function verifySite(
    dept: Department,
    site: Site,
    outputs: StackOutputs,
    projectId: string,
    volumeIds: Map<string, string>,
  ): Promise<void> {
    const api = apis.get(site.id)!;
    const at = (what: string) => `${dept.id} at ${site.id}: ${what}`;
    const named = (...parts: string[]) => [dept.id, site.id, ...parts].join("-");
    const found = await readRegion(api, projectId);
    const here = workloadsAt(dept, site.id);

    // Quotas: every field, as model/quota.ts computes them, zeros too: govcloud up applies the
    // network quota's fields of 0 the provider leaves out on create (docs/engine.md, "Zero
    // quotas").
    const limits = siteQuotaLimits(dept.quotas[site.id], platform);
    for (const [group, fields] of Object.entries(limits)) {
      for (const [field, value] of Object.entries(fields as Record<string, number>)) {
        assert.equal(
          found.quotas[group as keyof typeof found.quotas][snake(field)],
          value,
          at(`${group} quota ${field}`),
        );
      }
    }

    // Networks, subnets, the router and its interfaces.
    const { networks: external } = await api.get<{ networks: Network[] }>("network", "/networks", {
      name: site.externalNetwork!,
    });
    assert.equal(external.length, 1, at(`external network ${site.externalNetwork}`));
    const atSite = dept.networks.filter((network) => network.cidrs[site.id] !== undefined);
    assert.deepEqual(
      sorted(found.networks.map((n) => n.name)),
      sorted(atSite.map((n) => named(n.name))),
      at("networks"),
    );
    assert.equal(found.routers.length, 1, at("routers"));
    const router = found.routers[0];
    assert.equal(router.name, named("router"));
    assert.equal(router.external_gateway_info?.network_id, external[0].id, at("router gateway"));
    assert.deepEqual(
      sorted(router.tags),
      sorted(labelsToTags(sharedLabels(dept, platform, site.id, here))),
      at("router tags"),
    );
    const interfaces = found.ports.filter(
      (p) => p.device_owner === "network:router_interface" && p.device_id === router.id,
    );
    const subnetIds = new Map<string, string>();
    for (const network of atSite) {
      const net = found.networks.find((n) => n.name === named(network.name))!;
      const subnet = found.subnets.find((s) => s.network_id === net.id);
      assert.ok(subnet !== undefined, at(`no subnet on ${net.name}`));
      assert.equal(subnet.name, named(network.name, "subnet"));
      assert.equal(subnet.cidr, network.cidrs[site.id]);
      const tags = sorted(
        labelsToTags(
          sharedLabels(
            dept,
            platform,
            site.id,
            here.filter((w) => w.network === network.name),
          ),
        ),
      );
      assert.deepEqual(sorted(net.tags), tags, at(`tags of ${net.name}`));
      assert.deepEqual(sorted(subnet.tags), tags, at(`tags of ${subnet.name}`));
      assert.deepEqual(outputs.networks[site.id][network.name], {
        networkId: net.id,
        subnetId: subnet.id,
        cidr: subnet.cidr,
      });
      assert.ok(
        interfaces.some((p) => p.fixed_ips.some((ip) => ip.subnet_id === subnet.id)),
        at(`${subnet.name} is not on the router`),
      );
      subnetIds.set(network.name, subnet.id);
    }
    assert.equal(interfaces.length, atSite.length, at("router interfaces"));

    // Security groups: one per workload at the site, with exactly its ingress.
    const groups = found.securityGroups.filter((g) => g.name !== "default");
    assert.deepEqual(
      sorted(groups.map((g) => g.name)),
      sorted(here.map((w) => named(w.name))),
      at("security groups"),
    );

    const expectedServers: string[] = [];
    const expectedVolumes: string[] = [];
    let expectedFloating = 0;
    for (const workload of here) {
      const labels = workloadLabels(dept, workload, site.id);
      const group = groups.find((g) => g.name === named(workload.name))!;
      assert.deepEqual(
        sorted(group.tags),
        sorted(labelsToTags(labels)),
        at(`tags of ${group.name}`),
      );
      const rule = (
        protocol: string | null,
        min: number | null,
        max: number | null,
        from: string | null,
      ) => `${protocol ?? "any"} ${min ?? ""}-${max ?? ""} from ${from ?? "anywhere"}`;
      assert.deepEqual(
        sorted(
          group.security_group_rules
            .filter((r) => r.direction === "ingress")
            .map((r) => rule(r.protocol, r.port_range_min, r.port_range_max, r.remote_ip_prefix)),
        ),
        sorted(
          (workload.ingress ?? []).map((r) => {
            const from = r.from.startsWith("network:")
              ? dept.networks.find((n) => n.name === r.from.slice("network:".length))!.cidrs[
                  site.id
                ]
              : r.from;
            return r.protocol === "icmp" || r.port === undefined
              ? rule(r.protocol, null, null, from)
              : rule(r.protocol, r.port, r.toPort ?? r.port, from);
          }),
        ),
        at(`ingress of ${group.name}`),
      );

      // The server group and its policy.
      const serverGroup = found.serverGroups.find((g) => g.name === named(workload.name));
      assert.ok(serverGroup !== undefined, at(`no server group ${named(workload.name)}`));
      assert.equal(
        serverGroup.policy,
        findTier(platform, workload.tier)?.antiAffinity === true
          ? "anti-affinity"
          : "soft-anti-affinity",
        at(`policy of ${serverGroup.name}`),
      );

      const placement = placeWorkload(dept, workload, platform);
      const instances = placement.instances.filter((i) => i.site === site.id);
      assert.equal(
        serverGroup.members.length,
        instances.length,
        at(`members of ${serverGroup.name}`),
      );
      for (const planned of instances) {
        expectedServers.push(planned.name);
        const server = found.servers.find((s) => s.name === planned.name);
        assert.ok(server !== undefined, at(`no server ${planned.name}`));
        assert.equal(server.status, "ACTIVE", at(`${planned.name} status`));
        assert.equal(server["OS-EXT-AZ:availability_zone"], planned.availabilityZone);
        assert.equal(server.flavor.original_name, workload.flavor);
        assert.deepEqual(
          sorted(server.tags),
          sorted(labelsToTags(labels)),
          at(`tags of ${planned.name}`),
        );
        assert.deepEqual(
          server.metadata,
          labelsToMetadata(labels),
          at(`metadata of ${planned.name}`),
        );
        // The group's members, as Nova keeps them (a server lists its groups only from API 2.71).
        assert.ok(serverGroup.members.includes(server.id), at(`${planned.name} not in its group`));

        const port = found.ports.find((p) => p.name === `${planned.name}-port`);
        assert.ok(port !== undefined, at(`no port ${planned.name}-port`));
        assert.equal(port.device_id, server.id, at(`${port.name} is not on its server`));
        assert.deepEqual(port.security_groups, [group.id]);
        assert.deepEqual(sorted(port.tags), sorted(labelsToTags(labels)));
        assert.equal(port.fixed_ips.length, 1);
        assert.equal(port.fixed_ips[0].subnet_id, subnetIds.get(workload.network));
        const output = outputs.instances[site.id][planned.name];
        assert.ok(output !== undefined, at(`no stack output for ${planned.name}`));
        assert.equal(output.address, port.fixed_ips[0].ip_address);
        assert.equal(output.availabilityZone, planned.availabilityZone);

        const fip = found.floatingIps.find((f) => f.port_id === port.id);
        if (workload.floatingIp === true) {
          expectedFloating++;
          assert.ok(fip !== undefined, at(`no floating IP for ${planned.name}`));
          assert.equal(fip.floating_network_id, external[0].id);
          assert.equal(fip.fixed_ip_address, output.address);
          assert.equal(output.floatingIp, fip.floating_ip_address);
          assert.deepEqual(sorted(fip.tags), sorted(labelsToTags(labels)));
        } else {
          assert.equal(fip, undefined, at(`${planned.name} has a floating IP`));
          assert.equal(output.floatingIp, undefined);
        }
      }
    }

    // Volumes, of every workload (a replica may live where its workload runs no instance): of
    // their type and size; primaries attached to their instance, replicas not.
    for (const workload of dept.workloads) {
      const labels = workloadLabels(dept, workload, site.id);
      const placement = placeWorkload(dept, workload, platform);
      for (const planned of placement.volumes.filter((v) => v.site === site.id)) {
        expectedVolumes.push(planned.name);
        const volume = found.volumes.find((v) => v.name === planned.name);
        assert.ok(volume !== undefined, at(`no volume ${planned.name}`));
        volumeIds.set(planned.name, volume.id);
        assert.equal(volume.size, planned.volume.sizeGiB, at(`size of ${planned.name}`));
        assert.equal(volume.volume_type, planned.volume.type, at(`type of ${planned.name}`));
        const type = findVolumeType(platform, planned.volume.type)!;
        const primaryName = `${planned.instance.name}-${planned.volume.name}`;
        const pairName =
          planned.role === "primary"
            ? placement.volumes.find(
                (v) =>
                  v.role === "secondary" &&
                  v.instance.name === planned.instance.name &&
                  v.volume.name === planned.volume.name,
              )?.name
            : planned.name;
        assert.deepEqual(
          volume.metadata,
          {
            ...labelsToMetadata(labels),
            ...(planned.peerSite === undefined
              ? {}
              : pairMetadata({
                  role: planned.role,
                  primary: primaryName,
                  secondary: pairName!,
                  peerSite: planned.peerSite,
                  mode: type.replication,
                  rpoSeconds: type.rpoSeconds ?? 0,
                })),
          },
          at(`metadata of ${planned.name}`),
        );
        if (planned.role === "primary") {
          const server = found.servers.find((s) => s.name === planned.instance.name)!;
          assert.equal(volume.status, "in-use", at(`${planned.name} status`));
          assert.deepEqual(
            volume.attachments.map((a) => a.server_id),
            [server.id],
            at(`${planned.name} attachment`),
          );
          assert.ok(server["os-extended-volumes:volumes_attached"].some((v) => v.id === volume.id));
        } else {
          assert.equal(volume.status, "available", at(`${planned.name} status`));
          assert.deepEqual(volume.attachments, []);
        }
      }
    }
    assert.deepEqual(
      sorted(found.servers.map((s) => s.name)),
      sorted(expectedServers),
      at("servers"),
    );
    assert.deepEqual(
      sorted(found.volumes.map((v) => v.name)),
      sorted(expectedVolumes),
      at("volumes"),
    );
    assert.equal(found.floatingIps.length, expectedFloating, at("floating IPs"));
    assert.deepEqual(
      sorted(Object.keys(outputs.instances[site.id])),
      sorted(expectedServers),
      at("instances in the stack outputs"),
    );
  }
});
