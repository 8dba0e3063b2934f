/**
 * `govcloud preview` and `govcloud up` end to end, through the built command: without the Pulumi
 * CLI (one message, exit 2), with usage mistakes, with a department the offline check refuses,
 * and with a stand-in for the `pulumi` executable (tests/support/stand-in-pulumi.ts) that records
 * how the Automation API drives it.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { standInPulumi, type StandIn } from "../support/stand-in-pulumi";
import { copyBundledEstate, ESTATE_FILES } from "../support/bundled-estate";

const REPO = resolve(__dirname, "..", "..");
const CLI = join(REPO, "dist", "cli", "main.js");
const TODAY = "2026-11-26";
const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?\n/;

const temporary: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `govcloud-deploy-${prefix}-`));
  temporary.push(dir);
  return dir;
}

/** A copy of the project's estate and Pulumi project. */
function copyProject(): string {
  const root = tempDir("project");
  for (const entry of [...ESTATE_FILES, "Pulumi.yaml", "stacks", "policy-config.json"]) {
    cpSync(join(REPO, entry), join(root, entry), { recursive: true });
  }
  return root;
}

/** A copy of the project's estate and Pulumi project, with one department file edited. */
function projectWith(department: string, from: string, to: string): string {
  const root = copyProject();
  const file = join(root, "departments", `${department}.yaml`);
  const before = readFileSync(file, "utf8");
  assert.equal(before.split(from).length, 2, `"${from}" is not in the file exactly once`);
  writeFileSync(file, before.replace(from, to));
  return root;
}

const SSH_FROM_ANYWHERE: [string, string] = [
  "    approval: { ticket: QD-CHG-2026-00291, date: 2026-02-27 }",
  "    ingress:\n      - { protocol: tcp, port: 22, from: 0.0.0.0/0 }\n" +
    "    approval: { ticket: QD-CHG-2026-00291, date: 2026-02-27 }",
];
// The violation points at the workload the rule belongs to: `  - name: audit-office`.
const AUDIT_OFFICE_LINE =
  readFileSync(join(REPO, "departments", "audit.yaml"), "utf8")
    .split("\n")
    .indexOf("  - name: audit-office") + 1;

/** Runs the built command with only the environment given: no inherited PATH or PULUMI_HOME. */
function govcloud(args: string[], env: Record<string, string>, root = REPO) {
  return spawnSync(process.execPath, [CLI, ...args, "--root", root, "--today", TODAY], {
    encoding: "utf8",
    timeout: 120_000,
    env,
    cwd: root,
  });
}

/** A PATH and HOME on which there is no pulumi anywhere. */
function withoutPulumi(): Record<string, string> {
  const home = tempDir("home");
  const emptyBin = tempDir("bin");
  return { PATH: emptyBin, HOME: home };
}

function withStandIn(standIn: StandIn): Record<string, string> {
  return { ...withoutPulumi(), PATH: standIn.binDir };
}

function missingMessage(command: string, stack: string, headline: string): string {
  return (
    [
      `govcloud ${command}: ${headline}`,
      `    needs:   Pulumi CLI 3.147.0 or later (the Automation API of @pulumi/pulumi 3.248.0 accepts 3.2.0 and later; the libvirt package in Pulumi.yaml needs 3.147.0)`,
      `    install: curl -fsSL https://get.pulumi.com | sh`,
      `             Windows: winget install pulumi (or choco install pulumi); macOS: brew install pulumi/tap/pulumi`,
      `             every way to install it: https://www.pulumi.com/docs/iac/download-install/`,
      `    then:    pulumi login <state backend> (see docs/deploying.md), and run govcloud ${command} ${stack} again`,
      `    meanwhile: govcloud check ${stack} plans the stack and runs the policy pack without the CLI`,
    ].join("\n") + "\n"
  );
}

function argsOf(standIn: StandIn, command: string): string[] {
  const calls = standIn.calls().filter((call) => call.args[0] === command);
  assert.equal(calls.length, 1, `pulumi ${command} was called ${calls.length} times`);
  return calls[0].args;
}

/** The values that follow each occurrence of a flag. */
function flagValues(args: string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag ? [args[i + 1]] : []));
}

describe("govcloud preview and up", function () {
  this.timeout(180_000);
  after(() => {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  });

  describe("without the Pulumi CLI", () => {
    for (const command of ["preview", "up"]) {
      it(`${command}: says what is missing and how to install it, exit 2`, () => {
        const env = withoutPulumi();
        const args = command === "up" ? ["up", "audit", "--yes"] : ["preview", "audit"];
        const run = govcloud(args, env);
        assert.equal(run.status, 2, run.stdout + run.stderr);
        assert.equal(run.stdout, "");
        assert.equal(
          run.stderr,
          missingMessage(
            command,
            "audit",
            `the Pulumi CLI is not installed (not found on PATH nor in ${join(env.HOME, ".pulumi", "bin")})`,
          ),
        );
      });
    }

    it("looks in $PULUMI_HOME/bin when PULUMI_HOME is set", () => {
      const pulumiHome = tempDir("pulumi-home");
      const run = govcloud(["up", "audit", "--yes"], {
        ...withoutPulumi(),
        PULUMI_HOME: pulumiHome,
      });
      assert.equal(run.status, 2);
      assert.match(run.stderr, new RegExp(`not found on PATH nor in ${pulumiHome}/bin\\)`));
    });

    it("names the --pulumi path that does not hold it", () => {
      const run = govcloud(
        ["up", "audit", "--yes", "--pulumi", "/opt/nowhere/pulumi"],
        withoutPulumi(),
      );
      assert.equal(run.status, 2);
      assert.equal(
        run.stderr,
        missingMessage(
          "up",
          "audit",
          "the Pulumi CLI is not at /opt/nowhere/pulumi (--pulumi names the pulumi executable or the folder that holds it)",
        ),
      );
    });

    it("finds it in $PULUMI_HOME/bin, where the install script puts it, when PATH lacks it", () => {
      const pulumiHome = tempDir("pulumi-home");
      const standIn = standInPulumi(pulumiHome);
      const run = govcloud(["up", "audit", "--yes"], {
        ...withoutPulumi(),
        PULUMI_HOME: pulumiHome,
      });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.deepEqual(flagValues(argsOf(standIn, "up"), "--stack"), ["audit"]);
    });

    it("reports a CLI older than the project needs in the same form, exit 2", () => {
      const standIn = standInPulumi(tempDir("old"), { version: "3.100.0" });
      const run = govcloud(["up", "audit", "--yes"], withStandIn(standIn));
      assert.equal(run.status, 2, run.stdout + run.stderr);
      assert.equal(
        run.stderr,
        missingMessage(
          "up",
          "audit",
          `the Pulumi CLI at ${standIn.executable} cannot be used: it is version 3.100.0; this project needs 3.147.0 or later`,
        ),
      );
      assert.deepEqual(
        standIn.calls().map((call) => call.args[0]),
        ["version"],
      );
    });
  });

  describe("usage", () => {
    it("refuses an unknown stack with a suggestion, before anything else", () => {
      const standIn = standInPulumi(tempDir("usage"));
      for (const command of ["preview", "up"]) {
        const args = command === "up" ? ["up", "helth", "--yes"] : ["preview", "helth"];
        const run = govcloud(args, withStandIn(standIn));
        assert.equal(run.status, 2);
        assert.equal(run.stdout, "");
        assert.equal(
          run.stderr,
          'govcloud: no department "helth" in the estate: did you mean "health"?\n',
        );
      }
      assert.deepEqual(standIn.calls(), []);
    });

    it("refuses up without --yes when there is no terminal to confirm on", () => {
      const standIn = standInPulumi(tempDir("no-tty"));
      const run = govcloud(["up", "audit"], withStandIn(standIn));
      assert.equal(run.status, 2);
      assert.equal(
        run.stderr,
        "govcloud: up audit needs --yes when there is no terminal to confirm on (CI): run " +
          "govcloud up audit --yes, or run it in a terminal to review the preview first\n",
      );
      assert.deepEqual(standIn.calls(), []);
    });

    it("needs the Pulumi project in the estate folder", () => {
      const root = tempDir("no-project");
      copyBundledEstate(root);
      const run = govcloud(
        ["up", "audit", "--yes", "--policy-pack", join(REPO, "policies")],
        withoutPulumi(),
        root,
      );
      assert.equal(run.status, 2);
      assert.match(
        run.stderr,
        /^govcloud: no Pulumi\.yaml in .+: preview and up run the project's Pulumi program/,
      );
    });
    it("needs the stack's settings file, which turns default providers off", () => {
      const root = copyProject();
      rmSync(join(root, "stacks", "Pulumi.audit.yaml"));
      for (const command of [
        ["up", "audit", "--yes"],
        ["preview", "audit"],
      ]) {
        const run = govcloud(
          [...command, "--policy-pack", join(REPO, "policies")],
          withoutPulumi(),
          root,
        );
        assert.equal(run.status, 2, command.join(" "));
        assert.equal(
          run.stderr,
          "govcloud: stacks/Pulumi.audit.yaml is missing: every stack has a settings file, which " +
            "turns Pulumi's default providers off (a resource that forgot its provider must fail, " +
            "not go to a default one); add it, as stacks/Pulumi.platform.yaml is written, in the " +
            "same change as the stack's department file\n",
        );
      }
    });

    it("looks for the settings file where Pulumi.yaml's stackConfigDir says", () => {
      const root = copyProject();
      const project = join(root, "Pulumi.yaml");
      writeFileSync(project, readFileSync(project, "utf8").replace(/^stackConfigDir:.*$/m, ""));
      const run = govcloud(
        ["up", "audit", "--yes", "--policy-pack", join(REPO, "policies")],
        withoutPulumi(),
        root,
      );
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^govcloud: Pulumi\.audit\.yaml is missing: /);
    });

    it("takes nothing from a Pulumi.yaml that is a link to a file elsewhere", () => {
      const root = copyProject();
      const outside = join(tempDir("outside"), "project.yaml");
      writeFileSync(outside, "name: govcloud\nruntime: nodejs\nstackConfigDir: secret-4711\n");
      rmSync(join(root, "Pulumi.yaml"));
      symlinkSync(outside, join(root, "Pulumi.yaml"));
      const run = govcloud(["up", "audit", "--yes"], withoutPulumi(), root);
      assert.equal(run.status, 2, run.stdout + run.stderr);
      assert.doesNotMatch(run.stdout + run.stderr, /secret-4711/);
    });
  });

  describe("up refuses what the offline check refuses", () => {
    it("lists a mandatory violation with its file and line and never runs the CLI", () => {
      const root = projectWith("audit", ...SSH_FROM_ANYWHERE);
      const standIn = standInPulumi(tempDir("refused"));
      const run = govcloud(
        ["up", "audit", "--yes", "--policy-pack", join(REPO, "policies")],
        withStandIn(standIn),
        root,
      );
      assert.equal(run.status, 1, run.stdout + run.stderr);
      const violations = run.stdout
        .split("\n")
        .filter((line) => /: (mandatory|advisory) \[/.test(line));
      assert.deepEqual(violations, [
        `departments/audit.yaml:${AUDIT_OFFICE_LINE}:5 (workloads[1]): mandatory [security-baseline] audit-qingdao-audit-office-tcp-22-from-0.0.0.0-0`,
      ]);
      assert.match(
        run.stdout,
        /govcloud check: FAILED \(audit\): 1 stack, \d+ resources, 1 mandatory/,
      );
      assert.match(
        run.stdout,
        /govcloud up: refusing to deploy audit: 1 mandatory policy violation \(listed above with the file and line\)\. .*nothing was sent to Pulumi\.\n$/,
      );
      assert.deepEqual(standIn.calls(), [], "the Pulumi CLI was run");
      assert.doesNotMatch(run.stdout + run.stderr, STACK_TRACE);
    });

    it("refuses a department whose file has errors: it cannot be planned", () => {
      const root = projectWith("audit", "flavor: m1.xlarge", "flavor: m1.xxlarge");
      const standIn = standInPulumi(tempDir("unplannable"));
      const run = govcloud(
        ["up", "audit", "--yes", "--policy-pack", join(REPO, "policies")],
        withStandIn(standIn),
        root,
      );
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /error \[unknown-flavor\] workloads\[0\]\.flavor/);
      assert.match(
        run.stdout,
        /govcloud up: refusing to deploy audit: the stack could not be planned/,
      );
      assert.deepEqual(standIn.calls(), []);
    });
    it("refuses a department whose file is gone without a decommission, with the steps", () => {
      const root = copyProject();
      rmSync(join(root, "departments", "audit.yaml"));
      const standIn = standInPulumi(tempDir("missing-file"));
      const run = govcloud(
        ["up", "audit", "--yes", "--policy-pack", join(REPO, "policies")],
        withStandIn(standIn),
        root,
      );
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(
        run.stdout,
        /departments\/audit\.yaml does not exist, but stack audit is being deployed/,
      );
      assert.match(run.stdout, /pulumi destroy --stack audit/);
      assert.match(
        run.stdout,
        /govcloud up: refusing to deploy audit: .*nothing was sent to Pulumi/,
      );
      assert.deepEqual(standIn.calls(), [], "the Pulumi CLI was run");
    });
  });

  describe("with GOVCLOUD_LOOPBACK_ONLY=1", () => {
    it("refuses the bundled platform's endpoints, naming each, and never runs the engine", () => {
      const standIn = standInPulumi(tempDir("loopback"));
      const run = govcloud(["preview", "audit"], {
        ...withStandIn(standIn),
        GOVCLOUD_LOOPBACK_ONLY: "1",
      });
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stderr, /^govcloud preview: GOVCLOUD_LOOPBACK_ONLY=1 and \d+ endpoints are/);
      assert.match(
        run.stderr,
        /platform\.yaml sites\[0\]\.openstack\.authUrl: https:\/\/keystone\.qingdao\.egov\.qd\.internal:5000\/v3\n {4}reaches keystone\.qingdao\.egov\.qd\.internal, which is not this machine\n/,
      );
      assert.match(run.stderr, /platform\.yaml kvmHosts\[0\]\.uri: qemu\+ssh:\/\/govops@10\./);
      assert.deepEqual(
        standIn.calls().filter((call) => call.args[0] !== "version"),
        [],
        "the engine was run",
      );
    });

    it("names a clouds.yaml that does not parse by line and column, shows none of it, exit 2", () => {
      const standIn = standInPulumi(tempDir("loopback-clouds"));
      const clouds = join(tempDir("clouds"), "clouds.yaml");
      writeFileSync(
        clouds,
        "clouds:\n  govcloud-qingdao:\n    auth:\n      password: s3cret-in-clouds\n     username: [\n",
      );
      for (const command of [
        ["preview", "audit"],
        ["drift", "audit"],
      ]) {
        const run = govcloud(command, {
          ...withStandIn(standIn),
          GOVCLOUD_LOOPBACK_ONLY: "1",
          OS_CLIENT_CONFIG_FILE: clouds,
        });
        assert.equal(run.status, 2, run.stdout + run.stderr);
        assert.match(
          run.stderr,
          new RegExp(
            `^govcloud: ${command[0]}: ${clouds}:\\d+:\\d+: not valid YAML \\([A-Z_]+\\); fix the ` +
              "file there \\(its lines are not shown, since the file holds passwords\\)\n$",
          ),
        );
        assert.doesNotMatch(run.stdout + run.stderr, /s3cret|internal error/);
        assert.doesNotMatch(run.stdout + run.stderr, STACK_TRACE);
      }
      assert.deepEqual(
        standIn.calls().filter((call) => call.args[0] !== "version"),
        [],
        "the engine was run",
      );
    });
  });

  describe("with a stand-in for the pulumi executable", () => {
    it("up --yes runs the project's program inline on the stack with the policy pack and its config", () => {
      const standIn = standInPulumi(tempDir("up"));
      const run = govcloud(
        ["up", "audit", "--yes", "--message", "merge 1234"],
        withStandIn(standIn),
      );
      assert.equal(run.status, 0, run.stdout + run.stderr);
      const calls = standIn.calls();
      assert.deepEqual(
        calls.map((call) => call.args.slice(0, 2).join(" ")),
        [
          "version",
          "stack select",
          "stack export",
          "up --yes",
          "stack output",
          "stack output",
          "stack history",
        ],
      );
      for (const call of calls) assert.equal(call.cwd, REPO, "the work dir is the project folder");
      const up = argsOf(standIn, "up");
      assert.deepEqual(flagValues(up, "--stack"), ["audit"]);
      assert.deepEqual(flagValues(up, "--policy-pack"), [join(REPO, "policies")]);
      // The city's settings with the estate's facts, in a file of the run's own, gone after it.
      const [packConfig] = flagValues(up, "--policy-pack-config");
      assert.match(packConfig, /govcloud-pack-config-[^/]+\/policy-pack-config\.json$/);
      assert.ok(!existsSync(packConfig), "the run's pack config was left behind");
      assert.deepEqual(flagValues(up, "--message"), ["merge 1234"]);
      assert.ok(up.includes("--skip-preview") && up.includes("--non-interactive"));
      // The program runs inside govcloud, which serves it to the engine: no language host needed.
      assert.deepEqual(flagValues(up, "--exec-kind"), ["auto.inline"], "the inline program");
      assert.ok(
        up.some((arg) => /^--client=127\.0\.0\.1:\d+$/.test(arg)),
        "the engine is pointed at the program, on loopback",
      );
      assert.match(run.stdout, /govcloud check: passed: 1 stack/);
      assert.match(run.stdout, /stand-in pulumi up ran\n/, "the engine's output is streamed");
      assert.match(
        run.stdout,
        /govcloud up: audit: deployed, 0 mandatory, 0 advisory policy violations\n$/,
      );
    });

    it("up and preview create a stack the backend does not have yet", () => {
      for (const command of [
        ["up", "audit", "--yes"],
        ["preview", "audit"],
      ]) {
        const standIn = standInPulumi(tempDir(`new-stack-${command[0]}`), { noStack: true });
        const run = govcloud(command, withStandIn(standIn));
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.deepEqual(
          standIn
            .calls()
            .filter((call) => call.args[0] === "stack" && call.args[1] === "init")[0]
            ?.args.slice(0, 3),
          ["stack", "init", "audit"],
          command[0],
        );
      }
    });

    it("redacts a secret the engine's output brings in two pieces, and keeps every line in order", () => {
      const secret = "s3cr3t-t0ken-9f2a71";
      const standIn = standInPulumi(tempDir("secret-in-pieces"), {
        stdoutPieces: [
          "first line\nthe token is s3cr3t-",
          "t0ken-9f2a71, as given\nno line break at the end",
        ],
      });
      const run = govcloud(["preview", "audit"], {
        ...withStandIn(standIn),
        GOVCLOUD_DEPLOY_TOKEN: secret,
      });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      for (const part of ["s3cr3t", "t0ken", "9f2a71"]) {
        assert.ok(!run.stdout.includes(part), `"${part}" of the secret is in: ${run.stdout}`);
      }
      assert.match(
        run.stdout,
        /first line\nthe token is \[redacted\], as given\nno line break at the endstand-in pulumi preview ran\n/,
      );
    });

    it("preview reports the engine's failure and its policy results with the file and line", () => {
      const root = projectWith("audit", ...SSH_FROM_ANYWHERE);
      const urn = securityBaselineUrn(root);
      const standIn = standInPulumi(tempDir("engine-fails"), {
        exitCode: 255,
        events: [
          policyEvent(urn, "security-baseline", "mandatory", "opens tcp port 22 to 0.0.0.0/0"),
          policyEvent(undefined, "naming-tagging", "remediate", "labels were fixed up"),
        ],
      });
      const run = govcloud(
        ["preview", "audit", "--policy-pack", join(REPO, "policies")],
        withStandIn(standIn),
        root,
      );
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(
        run.stdout,
        /govcloud preview: continuing: the engine runs the same policy pack and reports these too\n/,
      );
      const summary = run.stdout.slice(run.stdout.indexOf("policy results the engine reported"));
      assert.equal(
        summary,
        "policy results the engine reported during the preview of audit:\n" +
          `departments/audit.yaml:${AUDIT_OFFICE_LINE}:5 (workloads[1]): mandatory [security-baseline] audit-qingdao-audit-office-tcp-22-from-0.0.0.0-0\n` +
          "    opens tcp port 22 to 0.0.0.0/0\n" +
          "stack: remediate [naming-tagging]\n" +
          "    labels were fixed up\n",
      );
      assert.equal(
        run.stderr,
        "govcloud preview: preview of audit failed (pulumi exited with code 255)\n",
      );
      const preview = argsOf(standIn, "preview");
      assert.deepEqual(flagValues(preview, "--stack"), ["audit"]);
      assert.deepEqual(flagValues(preview, "--policy-pack"), [join(REPO, "policies")]);
      assert.ok(!preview.includes("--yes"));
    });

    it("up refuses to update over a create a killed update left pending, and says how to settle it", () => {
      const urn =
        "urn:pulumi:audit::govcloud::govcloud:vdc:DepartmentVdc$openstack:blockstorage/volume:Volume::audit-qingdao-audit-office-0-data";
      const standIn = standInPulumi(tempDir("pending"), {
        state: {
          version: 3,
          deployment: {
            resources: [],
            pending_operations: [{ resource: { urn, type: "x" }, type: "creating" }],
          },
        },
      });
      const run = govcloud(["up", "audit", "--yes"], withStandIn(standIn));
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.ok(!standIn.calls().some((call) => call.args[0] === "up"), "up ran anyway");
      assert.match(
        run.stderr,
        /^govcloud up: refusing to update audit: 1 operation of audit began/,
      );
      assert.ok(run.stderr.includes(`creating audit-qingdao-audit-office-0-data (${urn})`));
      assert.match(
        run.stderr,
        /and delete what exists[^\n]*\nThen: pulumi refresh --stack audit --clear-pending-creates --yes, and run govcloud up audit again/,
      );
    });

    it("a failed up says per region what failed and why, from the engine's events and the state", () => {
      const prefix = "urn:pulumi:audit::govcloud::govcloud:vdc:DepartmentVdc$";
      const server = {
        op: "create",
        urn: `${prefix}openstack:compute/instance:Instance::audit-qingdao-audit-office-0`,
        type: "openstack:compute/instance:Instance",
        provider: "",
      };
      const standIn = standInPulumi(tempDir("up-fails"), {
        exitCode: 255,
        events: [
          { sequence: 1, timestamp: 1, resourcePreEvent: { metadata: server } },
          {
            sequence: 2,
            timestamp: 2,
            diagnosticEvent: {
              urn: server.urn,
              message: `creating ${server.urn}: 1 error occurred:\n\t* connect: connection refused\n`,
              color: "never",
              severity: "error",
            },
          },
          {
            sequence: 3,
            timestamp: 3,
            resOpFailedEvent: { metadata: server, status: 1, steps: 1 },
          },
        ],
      });
      const run = govcloud(["up", "audit", "--yes"], withStandIn(standIn));
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.doesNotMatch(run.stdout + run.stderr, STACK_TRACE);
      assert.match(
        run.stderr,
        /^govcloud up: the update of audit failed \(pulumi exited with code 255\) in qingdao: what did not finish, per region:\n {2}qingdao: /,
      );
      assert.match(
        run.stderr,
        /\n {2}qingdao: 0 of the \d+ planned resources are in the stack, 0 done in this run\n {4}failed \(1\):\n {6}audit-qingdao-audit-office-0 \(Instance\): create: creating audit-qingdao-audit-office-0: connect: connection refused\n {4}not in the stack yet: \d+ planned resources\n {2}What exists/,
      );
      assert.match(run.stderr, /run govcloud up audit again/);
    });

    it("up of a stack another update holds: who holds it and what to do", () => {
      const standIn = standInPulumi(tempDir("locked"), {
        exitCode: 255,
        stderr:
          "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) " +
          "to end or delete the lock file with `pulumi cancel`.\n" +
          "  file:///state/.pulumi/locks/organization/govcloud/audit/1.json: created by ci@build-7.example (pid 4711) at 2026-11-26T10:00:00Z\n",
      });
      const run = govcloud(["up", "audit", "--yes"], withStandIn(standIn));
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(
        run.stderr,
        /govcloud up: audit is locked by another update of the same stack, which is running or was interrupted; nothing was changed by this run\.\n {4}held by ci@build-7\.example, process 4711, since 2026-11-26T10:00:00Z \(on another machine; check there whether process 4711 still runs\)\n/,
      );
      assert.match(run.stderr, /Wait for it to end, then run govcloud up audit again/);
    });

    it("runs a CLI named with --pulumi outside any bin folder", () => {
      const dir = tempDir("explicit");
      const standIn = standInPulumi(dir, { path: join(dir, "tools", "pulumi") });
      mkdirSync(join(dir, "empty"));
      const run = govcloud(["preview", "audit", "--pulumi", standIn.executable], {
        ...withoutPulumi(),
        PATH: join(dir, "empty"),
      });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(
        run.stdout,
        /govcloud preview: audit: previewed, 0 mandatory, 0 advisory policy violations\n$/,
      );
      assert.deepEqual(flagValues(argsOf(standIn, "preview"), "--stack"), ["audit"]);
    });
  });
});

function policyEvent(
  resourceUrn: string | undefined,
  policyName: string,
  enforcementLevel: string,
  message: string,
): object {
  return {
    sequence: 1,
    timestamp: 1,
    policyEvent: {
      ...(resourceUrn === undefined ? {} : { resourceUrn }),
      message,
      color: "never",
      policyName,
      policyPackName: "govcloud",
      policyPackVersion: "0.1.0",
      policyPackVersionTag: "0.1.0",
      enforcementLevel,
    },
  };
}

/** The URN `govcloud check` attributes the SSH violation to, as the engine would name it. */
function securityBaselineUrn(root: string): string {
  const run = spawnSync(
    process.execPath,
    [
      CLI,
      "check",
      "audit",
      "--root",
      root,
      "--today",
      TODAY,
      "--format",
      "json",
      "--policy-pack",
      join(REPO, "policies"),
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  const report = JSON.parse(run.stdout) as {
    checks: { diagnostics: { policyName: string; urn: string }[] }[];
  };
  const found = report.checks[0].diagnostics.find((d) => d.policyName === "security-baseline");
  assert.ok(found, run.stdout);
  return found.urn;
}
