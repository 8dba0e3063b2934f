/**
 * Failure and recovery of `govcloud up` on the real engine and the loopback OpenStack:
 *
 * 1. One region's Nova API stops while a department with servers in both regions is being
 *    deployed (scripts/cloud/service stop, once its first volume exists). The `up` fails with a
 *    message that names the stack, the region and what failed or was not created, without a
 *    stack trace; once Nova answers again (scripts/cloud/service start) a second `up` completes,
 *    and the OpenStack APIs of both regions hold exactly one server, volume and port of each
 *    name, the state every planned resource, the outputs every server and pair, and no operation
 *    is left pending.
 * 2. Two `up`s of the same stack at once: the second is refused with who holds the lock and what
 *    to do; the first completes and a preview afterwards changes nothing. To have the second
 *    start while the first surely holds the lock, the first's Pulumi CLI (the process the lock
 *    file names) is paused with SIGSTOP once the lock exists, and resumed after the refusal.
 *
 * 3. An `up` killed while a create is in flight (laixi's Cinder scheduler stopped, so that a
 *    volume stays `creating`; then the `govcloud up` and its Pulumi CLI are killed): the state
 *    keeps a pending create and a stale lock. The next `govcloud up` refuses to run over the
 *    pending create and says how to settle it; the operator releases the lock (`pulumi cancel`),
 *    finds the volume (and whatever else was pending) in the cloud and deletes it, clears the
 *    pending creates (`pulumi refresh --clear-pending-creates`); the next `up` completes with one
 *    volume and one server of each name.
 *
 * Whatever a test stops it starts again, and the stacks it deployed are destroyed at the end,
 * whatever happened, so that the other engine tests find the cloud as it was. Each step's time
 * is printed at the end.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { activeSites } from "../model/catalog";
import { loadEstate } from "../model/estate-loader";
import { placeWorkload } from "../model/placement";
import type { Department, Platform } from "../model/types";
import type { Background, Run } from "./support/deployment";
import { cloudDir, Deployment, ESTATE, TODAY } from "./support/deployment";
import { repoRoot } from "./support/engine";
import { OpenStackApi } from "./support/openstack-api";
import { findProject, readRegion } from "./support/vdc-readback";

/** A department with servers and volumes in both regions. */
const DEPARTMENT = "transport";
/** A department of one region (laixi), for the killed up. */
const KILLED_DEPARTMENT = "health";
/** The region whose Nova API stops halfway. */
const STOPPED_SITE = "laixi";
const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?\n|goroutine \d+ \[|panic: /;
/** How long any one wait may take on a busy machine before the test gives up. */
const DEADLINE_MS = 30 * 60_000;

interface StackExport {
  deployment: {
    resources?: { urn: string; type: string }[];
    pending_operations?: { resource: { urn: string; type: string }; type: string }[];
  };
}

interface StackOutputs {
  instances: Record<string, Record<string, { address: string }>>;
  volumePairs: { primary: string; secondary: string; primaryId: string; secondaryId: string }[];
}

/** Runs scripts/cloud/<script> against this test's cloud; fails with its output. */
function cloudScript(script: string, args: string[]): Run {
  const started = performance.now();
  const result = spawnSync(join(repoRoot, "scripts", "cloud", script), args, {
    env: { ...process.env, GOVCLOUD_CLOUD_DIR: cloudDir(), GOVCLOUD_CLOUD_ESTATE: ESTATE },
    encoding: "utf8",
    timeout: 600_000,
  });
  const run = {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    seconds: (performance.now() - started) / 1000,
  };
  assert.equal(
    run.status,
    0,
    `scripts/cloud/${script} ${args.join(" ")}:\n${run.stdout}${run.stderr}`,
  );
  return run;
}

/** Polls `check` until it answers something other than undefined; fails after the deadline. */
async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  deadlineMs = DEADLINE_MS,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    assert.ok(Date.now() < until, `gave up after ${deadlineMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Whether a background command has ended (without waiting for it). */
async function ended(background: Background): Promise<Run | undefined> {
  return Promise.race([
    background.done,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 0)),
  ]);
}

const counts = (names: string[]): Map<string, number> => {
  const found = new Map<string, number>();
  for (const name of names) found.set(name, (found.get(name) ?? 0) + 1);
  return found;
};

describe("failure and recovery of govcloud up", function () {
  this.timeout(3 * 3_600_000);
  let deployment: Deployment;
  let platform: Platform;
  let department: Department;
  const deployed = new Set<string>();
  const timings: string[] = [];
  /** Services this test stopped and has not started again: started in `after` whatever happened. */
  const stopped = new Set<string>();
  const LOCKS = (): string => join(deployment.dir, "state", ".pulumi", "locks");

  const time = (step: string, seconds: number, extra = ""): void => {
    timings.push(`${step}: ${seconds.toFixed(1)} s${extra === "" ? "" : `, ${extra}`}`);
  };

  function regionOf(site: string): string {
    const found = activeSites(platform).find((s) => s.id === site);
    assert.ok(found?.openstack !== undefined, `no OpenStack site ${site}`);
    return found.openstack.region;
  }

  async function api(site: string): Promise<OpenStackApi> {
    const found = activeSites(platform).find((s) => s.id === site)!;
    return OpenStackApi.login(join(cloudDir(), "clouds.yaml"), found.openstack!.cloud);
  }

  function stopService(site: string, service: string): void {
    const run = cloudScript("service", ["stop", regionOf(site), service]);
    stopped.add(`${site} ${service}`);
    time(`stop ${regionOf(site)} ${service}`, run.seconds);
  }

  function startService(site: string, service: string): void {
    const run = cloudScript("service", ["start", regionOf(site), service]);
    stopped.delete(`${site} ${service}`);
    time(`start ${regionOf(site)} ${service}`, run.seconds);
  }

  function stackExport(stack = DEPARTMENT): StackExport {
    const run = deployment.pulumi(["stack", "export", "--stack", stack]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    return JSON.parse(run.stdout) as StackExport;
  }

  /**
   * What the refusal tells the operator to do about pending creates, done through the OpenStack
   * API and CLI: a stale lock released; each pending create looked up by its name in its region
   * and deleted where it exists; then the pending creates cleared with `pulumi refresh`. Returns
   * the names deleted in the cloud.
   */
  async function settlePendingCreates(stack: string): Promise<string[]> {
    if (lockFiles(LOCKS()).length > 0) {
      const cancel = deployment.pulumi(["cancel", "--yes", "--stack", stack]);
      assert.equal(cancel.status, 0, cancel.stdout + cancel.stderr);
    }
    const creates = (stackExport(stack).deployment.pending_operations ?? []).filter(
      (op) => op.type === "creating",
    );
    const deleted: string[] = [];
    for (const op of creates) {
      const name = op.resource.urn.slice(op.resource.urn.lastIndexOf("::") + 2);
      const site = activeSites(platform).find((s) => name.startsWith(`${stack}-${s.id}-`));
      const kind = LOOKUPS[op.resource.type];
      if (site === undefined || kind === undefined) continue;
      const ids = await kind.find(await api(site.id), name);
      for (const id of ids) {
        // A volume still `creating` cannot be deleted yet: tried until Cinder accepts it.
        await waitFor(`${name} deleted`, async () => {
          const run = spawnSync(
            "openstack",
            ["--os-cloud", site.openstack!.cloud, ...kind.cli, "delete", id],
            {
              env: { ...process.env, OS_CLIENT_CONFIG_FILE: join(cloudDir(), "clouds.yaml") },
              encoding: "utf8",
              timeout: 300_000,
            },
          );
          return run.status === 0 ? true : undefined;
        });
        deleted.push(name);
      }
      await waitFor(`${name} gone`, async () =>
        (await kind.find(await api(site.id), name)).length === 0 ? true : undefined,
      );
    }
    if (creates.length > 0) {
      const refresh = deployment.pulumi([
        "refresh",
        "--yes",
        "--stack",
        stack,
        "--clear-pending-creates",
      ]);
      time(`pulumi refresh --clear-pending-creates of ${stack}`, refresh.seconds);
      assert.equal(refresh.status, 0, refresh.stdout + refresh.stderr);
    }
    return deleted;
  }

  /** The servers, volumes and ports the department should have, by region. */
  function expectedNames(): Map<string, { servers: string[]; volumes: string[]; ports: string[] }> {
    const bySite = new Map<string, { servers: string[]; volumes: string[]; ports: string[] }>();
    const at = (site: string) => {
      if (!bySite.has(site)) bySite.set(site, { servers: [], volumes: [], ports: [] });
      return bySite.get(site)!;
    };
    for (const workload of department.workloads) {
      const placement = placeWorkload(department, workload, platform);
      for (const instance of placement.instances) {
        at(instance.site).servers.push(instance.name);
        at(instance.site).ports.push(`${instance.name}-port`);
      }
      for (const volume of placement.volumes) at(volume.site).volumes.push(volume.name);
    }
    return bySite;
  }

  before(async () => {
    deployment = new Deployment();
    const loaded = loadEstate(deployment.root, { today: TODAY });
    assert.ok(loaded.estate !== undefined, JSON.stringify(loaded.problems));
    platform = loaded.estate.platform;
    const entry = loaded.estate.departments.find((d) => d.department.id === DEPARTMENT);
    assert.ok(entry !== undefined, `the test estate has no department ${DEPARTMENT}`);
    department = entry.department;
    const sites = expectedNames();
    assert.ok(
      activeSites(platform).every((site) => (sites.get(site.id)?.servers.length ?? 0) > 0),
      `${DEPARTMENT} must have servers in every region`,
    );
  });

  after(async () => {
    for (const entry of [...stopped]) {
      const [site, service] = entry.split(" ");
      try {
        startService(site, service);
      } catch (error) {
        console.log(`could not start ${service} of ${site} again: ${String(error)}`);
      }
    }
    // Taken down whatever happened, the platform last, so that the cloud is as this test found it.
    for (const stack of [...deployed].filter((s) => s !== "platform")) {
      try {
        await settlePendingCreates(stack);
      } catch (error) {
        console.log(`pending creates of ${stack} not settled: ${String(error)}`);
      }
      deployment.pulumi(["state", "unprotect", "--all", "--yes", "--stack", stack]);
      const run = deployment.pulumi(["destroy", "--yes", "--stack", stack]);
      time(`destroy ${stack}`, run.seconds);
      if (run.status !== 0) console.log(`cleanup of ${stack} failed:\n${run.stdout}${run.stderr}`);
    }
    if (deployed.has("platform")) {
      const run = deployment.pulumi(["destroy", "--yes", "--stack", "platform"]);
      time("destroy platform", run.seconds);
      if (run.status !== 0) console.log(`cleanup of platform failed:\n${run.stdout}${run.stderr}`);
    }
    console.log(`failure and recovery, time per step:\n  ${timings.join("\n  ")}`);
    deployment?.remove();
  });

  it("deploys the platform's OpenStack part", () => {
    deployed.add("platform");
    const run = deployment.govcloud(["up", "platform", "--yes"]);
    time("up platform", run.seconds);
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  it(`fails clearly when ${STOPPED_SITE}'s Nova API stops halfway through an up, and the next up completes without creating anything twice`, async () => {
    deployed.add(DEPARTMENT);
    const started = performance.now();
    const up = deployment.startGovcloud(["up", DEPARTMENT, "--yes"]);
    let run: Run;
    try {
      // Halfway: once the department's first volume exists, in either region (Cinder, which
      // stays up). Servers come after their networks, ports and server groups.
      const apis = await Promise.all(activeSites(platform).map((site) => api(site.id)));
      const firstVolume = await waitFor("the department's first volume", async () => {
        const done = await ended(up);
        assert.ok(done === undefined, `up ended first:\n${done?.stdout}${done?.stderr}`);
        for (const each of apis) {
          const { volumes } = await each.get<{ volumes: { name: string }[] }>(
            "volumev3",
            "/volumes/detail",
            { all_tenants: "True" },
          );
          const ours = volumes.find((v) => v.name.startsWith(`${DEPARTMENT}-`));
          if (ours !== undefined) return `${each.region}: ${ours.name}`;
        }
        return undefined;
      });
      const laixi = apis.find((each) => each.region === regionOf(STOPPED_SITE))!;
      const { servers: before } = await laixi.get<{ servers: { name: string }[] }>(
        "compute",
        "/servers/detail",
        { all_tenants: "True" },
      );
      timings.push(
        `first volume (${firstVolume}) after ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
          `servers of ${DEPARTMENT} in ${STOPPED_SITE} then: ` +
          `${before.filter((s) => s.name.startsWith(`${DEPARTMENT}-`)).length}`,
      );
      stopService(STOPPED_SITE, "nova-api");
      run = await up.done;
    } finally {
      // The up must end before anything else happens to the stack.
      if ((await ended(up)) === undefined) up.child.kill("SIGTERM");
      run = await up.done;
    }
    time(
      `up ${DEPARTMENT} with ${STOPPED_SITE}'s Nova stopped halfway`,
      run.seconds,
      `exit ${run.status}`,
    );
    console.log(run.stderr);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const message = run.stderr.slice(
      run.stderr.indexOf(`govcloud up: the update of ${DEPARTMENT} failed`),
    );
    assert.notEqual(message, "", `no failure summary:\n${run.stderr}`);
    assert.doesNotMatch(run.stdout + run.stderr, STACK_TRACE, "a stack trace reached the operator");
    assert.match(
      message,
      new RegExp(`failed \\(pulumi exited with code \\d+\\) in [^\\n]*${STOPPED_SITE}`),
    );
    // The region names what failed there, with the cause (Nova refused the connection).
    const region = message.slice(message.indexOf(`\n  ${STOPPED_SITE}: `));
    assert.match(region, /\n {4}failed \(\d+\):\n {6}\S+ \(\w+\): \w+: .*(refused|connect)/);
    assert.match(message, /run govcloud up transport again/);

    const afterFailure = stackExport();
    timings.push(
      `state after the failed up: ${afterFailure.deployment.resources?.length ?? 0} resources, ` +
        `${afterFailure.deployment.pending_operations?.length ?? 0} pending operations`,
    );

    startService(STOPPED_SITE, "nova-api");
    const again = deployment.govcloud(["up", DEPARTMENT, "--yes"]);
    time(`up ${DEPARTMENT} again, Nova back`, again.seconds, `exit ${again.status}`);
    assert.equal(again.status, 0, again.stdout + again.stderr);
    await verifyOnceEach();
  });

  it("refuses a second up of the same stack while the first holds it, naming the holder; the first completes and nothing changes after", async () => {
    const locks = LOCKS();
    const resourcesBefore = stackExport().deployment.resources?.length ?? 0;
    const first = deployment.startGovcloud(["up", DEPARTMENT, "--yes"]);
    let holder: { pid: number } | undefined;
    try {
      const started = performance.now();
      const lockFile = await waitFor("the first up's lock file", async () => {
        const done = await ended(first);
        assert.ok(done === undefined, `the first up ended first:\n${done?.stdout}${done?.stderr}`);
        return lockFiles(locks)[0];
      });
      holder = JSON.parse(readFileSync(lockFile, "utf8")) as { pid: number };
      time("first up: until its lock exists", (performance.now() - started) / 1000);
      process.kill(holder.pid, "SIGSTOP");
      const second = deployment.govcloud(["up", DEPARTMENT, "--yes"]);
      time("second up, refused", second.seconds, `exit ${second.status}`);
      console.log(second.stderr);
      assert.equal(second.status, 1, second.stdout + second.stderr);
      assert.doesNotMatch(second.stdout + second.stderr, STACK_TRACE);
      assert.match(
        second.stderr,
        new RegExp(
          `govcloud up: ${DEPARTMENT} is locked by another update of the same stack[^\\n]*nothing was changed`,
        ),
      );
      assert.match(
        second.stderr,
        new RegExp(`held by \\S+@\\S+, process ${holder.pid}, since \\S+ \\(still running\\)`),
      );
      assert.match(second.stderr, /Wait for it to end, then run govcloud up transport again/);
    } finally {
      if (holder !== undefined) process.kill(holder.pid, "SIGCONT");
    }
    const run = await first.done;
    time("first up, resumed", run.seconds, `exit ${run.status}`);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(lockFiles(locks), [], "a lock was left behind");

    const preview = deployment.govcloud(["preview", DEPARTMENT, "--expect-no-changes"]);
    time("preview afterwards (--expect-no-changes)", preview.seconds, `exit ${preview.status}`);
    assert.equal(preview.status, 0, preview.stdout + preview.stderr);
    assert.equal(stackExport().deployment.resources?.length ?? 0, resourcesBefore);
    await verifyOnceEach();
  });

  it("refuses to update over a create a killed up left pending, and says how to settle it; settled, the next up completes with one volume and server of each name", async () => {
    const stack = KILLED_DEPARTMENT;
    deployed.add(stack);
    const volumesOf = async (): Promise<{ id: string; name: string; status: string }[]> => {
      const laixi = await api(STOPPED_SITE);
      const { volumes } = await laixi.get<{
        volumes: { id: string; name: string; status: string }[];
      }>("volumev3", "/volumes/detail", { all_tenants: "True" });
      return volumes.filter((v) => v.name.startsWith(`${stack}-`));
    };
    stopService(STOPPED_SITE, "cinder-scheduler");
    const up = deployment.startGovcloud(["up", stack, "--yes"]);
    let volume: { id: string; name: string; status: string };
    try {
      const started = performance.now();
      volume = await waitFor(`a volume of ${stack} being created`, async () => {
        const done = await ended(up);
        assert.ok(done === undefined, `up ended first:\n${done?.stdout}${done?.stderr}`);
        return (await volumesOf()).find((v) => v.status === "creating");
      });
      time(`up ${stack}: until its volume is being created`, (performance.now() - started) / 1000);
    } finally {
      // Killed as a crash or a lost machine would end it: no chance to write anything more.
      for (const pid of [up.child.pid!, ...descendants(up.child.pid!)]) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone already
        }
      }
      await up.done;
      startService(STOPPED_SITE, "cinder-scheduler");
    }
    const pending = stackExport(stack).deployment.pending_operations ?? [];
    timings.push(
      `state after the kill: ${pending.length} pending operations ` +
        `(${pending.map((op) => `${op.type} ${op.resource.urn.split("::").pop()}`).join(", ")}), ` +
        `${lockFiles(LOCKS()).length} lock file(s)`,
    );
    const volumeUrn = pending.find(
      (op) => op.type === "creating" && op.resource.urn.endsWith(`::${volume.name}`),
    )?.resource.urn;
    assert.ok(volumeUrn !== undefined, `no pending create of ${volume.name}`);

    const refused = deployment.govcloud(["up", stack, "--yes"]);
    time(`up ${stack} over the pending create, refused`, refused.seconds, `exit ${refused.status}`);
    console.log(refused.stderr);
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.doesNotMatch(refused.stdout + refused.stderr, STACK_TRACE);
    assert.match(refused.stderr, new RegExp(`govcloud up: refusing to update ${stack}: `));
    assert.ok(refused.stderr.includes(`creating ${volume.name} (${volumeUrn})`), refused.stderr);
    assert.match(refused.stderr, /and delete what exists/);
    assert.match(refused.stderr, /pulumi refresh --stack health --clear-pending-creates --yes/);
    assert.equal((await volumesOf()).length, 1, "the refused up created a volume");

    // What the message tells the operator to do: release the stale lock, find each pending
    // create in its region and delete what exists, clear them.
    assert.ok(lockFiles(LOCKS()).length > 0, "the killed up left no lock");
    const deleted = await settlePendingCreates(stack);
    timings.push(`pending creates found in the cloud and deleted: ${deleted.join(", ") || "none"}`);
    assert.deepEqual(lockFiles(LOCKS()), []);
    assert.ok(deleted.includes(volume.name), `${volume.name} was not found and deleted`);
    assert.deepEqual(stackExport(stack).deployment.pending_operations ?? [], []);

    const again = deployment.govcloud(["up", stack, "--yes"]);
    time(
      `up ${stack} once the pending creates were settled`,
      again.seconds,
      `exit ${again.status}`,
    );
    assert.equal(again.status, 0, again.stdout + again.stderr);
    const volumes = await volumesOf();
    assert.deepEqual(
      [...counts(volumes.map((v) => v.name))].filter(([, n]) => n > 1),
      [],
      "a volume created twice",
    );
    assert.ok(
      volumes.every((v) => v.id !== volume.id),
      "the deleted volume is back",
    );
    // And one server of each name, the volume attached to it.
    const killed = loadEstate(deployment.root, { today: TODAY }).estate!.departments.find(
      (d) => d.department.id === stack,
    )!.department;
    for (const workload of killed.workloads) {
      for (const instance of placeWorkload(killed, workload, platform).instances) {
        const ids = await LOOKUPS["openstack:compute/instance:Instance"].find(
          await api(instance.site),
          instance.name,
        );
        assert.equal(ids.length, 1, `${instance.name}: ${ids.length} servers`);
      }
    }
    assert.ok(
      volumes.every((v) => v.status === "in-use"),
      volumes.map((v) => `${v.name} ${v.status}`).join(", "),
    );
  });

  it("destroys what it deployed", () => {
    for (const stack of [KILLED_DEPARTMENT, DEPARTMENT, "platform"]) {
      deployment.pulumi(["state", "unprotect", "--all", "--yes", "--stack", stack]);
      const run = deployment.pulumi(["destroy", "--yes", "--stack", stack]);
      time(`destroy ${stack}`, run.seconds);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      deployed.delete(stack);
    }
  });

  /**
   * Exactly one server, volume and port of each name in each region, as planned; every planned
   * resource in the state and nothing pending; the outputs name every server and pair the
   * volumes OpenStack has.
   */
  async function verifyOnceEach(): Promise<void> {
    const identity = await api(activeSites(platform)[0].id);
    const project = await findProject(identity, DEPARTMENT);
    assert.ok(project !== undefined, `no project ${DEPARTMENT}`);
    const volumeIds = new Map<string, string>();
    for (const [site, expected] of expectedNames()) {
      const found = await readRegion(await api(site), project.id);
      for (const [kind, names, want] of [
        ["servers", found.servers.map((s) => s.name), expected.servers],
        ["volumes", found.volumes.map((v) => v.name), expected.volumes],
        [
          "ports",
          found.ports.filter((p) => p.name.startsWith(`${DEPARTMENT}-`)).map((p) => p.name),
          expected.ports,
        ],
      ] as const) {
        const twice = [...counts(names)].filter(([, n]) => n > 1).map(([name]) => name);
        assert.deepEqual(twice, [], `${site}: ${kind} created more than once`);
        assert.deepEqual([...names].sort(), [...want].sort(), `${site}: ${kind}`);
      }
      for (const volume of found.volumes) volumeIds.set(volume.name, volume.id);
      assert.ok(
        found.servers.every((s) => s.status === "ACTIVE"),
        `${site}: a server not ACTIVE`,
      );
    }

    const state = stackExport();
    assert.deepEqual(state.deployment.pending_operations ?? [], [], "operations left pending");
    const planDir = join(deployment.dir, "plans");
    const plan = deployment.govcloud(["plan", DEPARTMENT, "--out", planDir]);
    assert.equal(plan.status, 0, plan.stdout + plan.stderr);
    const planned = (
      JSON.parse(readFileSync(join(planDir, `${DEPARTMENT}.json`), "utf8")) as {
        resources: { urn: string }[];
      }
    ).resources.map((r) => r.urn);
    const inState = new Set((state.deployment.resources ?? []).map((r) => r.urn));
    assert.deepEqual(
      planned.filter((urn) => !inState.has(urn)),
      [],
      "planned resources missing from the state",
    );
    const extra = (state.deployment.resources ?? []).filter(
      (r) => !planned.includes(r.urn) && r.type !== "pulumi:pulumi:Stack",
    );
    assert.deepEqual(
      extra.map((r) => r.urn),
      [],
      "resources in the state the plan does not have",
    );

    const outputsRun = deployment.pulumi(["stack", "output", "--json", "--stack", DEPARTMENT]);
    assert.equal(outputsRun.status, 0, outputsRun.stdout + outputsRun.stderr);
    const outputs = JSON.parse(outputsRun.stdout) as StackOutputs;
    for (const [site, expected] of expectedNames()) {
      assert.deepEqual(
        Object.keys(outputs.instances[site] ?? {}).sort(),
        [...expected.servers].sort(),
        `${site}: servers in the outputs`,
      );
    }
    for (const pair of outputs.volumePairs) {
      assert.equal(pair.primaryId, volumeIds.get(pair.primary), `pair ${pair.primary}`);
      assert.equal(pair.secondaryId, volumeIds.get(pair.secondary), `pair ${pair.secondary}`);
    }
  }
});

/** How to find a resource of a type by its name in a region, and the CLI's word for it. */
const LOOKUPS: Record<
  string,
  { find: (api: OpenStackApi, name: string) => Promise<string[]>; cli: string[] }
> = {
  "openstack:blockstorage/volume:Volume": {
    cli: ["volume"],
    find: async (api, name) =>
      (
        await api.get<{ volumes: { id: string }[] }>("volumev3", "/volumes/detail", {
          all_tenants: "True",
          name,
        })
      ).volumes.map((v) => v.id),
  },
  "openstack:compute/instance:Instance": {
    cli: ["server"],
    find: async (api, name) =>
      (
        await api.get<{ servers: { id: string }[] }>("compute", "/servers/detail", {
          all_tenants: "True",
          name: `^${name}$`,
        })
      ).servers.map((v) => v.id),
  },
  ...Object.fromEntries(
    (
      [
        ["openstack:networking/network:Network", "networks", ["network"]],
        ["openstack:networking/subnet:Subnet", "subnets", ["subnet"]],
        ["openstack:networking/router:Router", "routers", ["router"]],
        ["openstack:networking/port:Port", "ports", ["port"]],
        ["openstack:networking/secGroup:SecGroup", "security-groups", ["security", "group"]],
      ] as const
    ).map(([type, path, cli]) => [
      type,
      {
        cli: [...cli],
        find: async (api: OpenStackApi, name: string) =>
          Object.values(
            await api.get<Record<string, { id: string }[]>>("network", `/${path}`, { name }),
          )[0].map((item) => item.id),
      },
    ]),
  ),
};

/** Every process below `pid`, children first found first (from /proc). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (at: number): void => {
    for (const child of parents.get(at) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/** The lock files under a file backend's `.pulumi/locks`. */
function lockFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".json"))
    .map((file) => join(dir, file));
}
