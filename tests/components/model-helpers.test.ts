/** The pure functions the components are built on: names, labels, quotas, pairing, logins. */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  cloudEntries,
  cloudsFileCandidates,
  credentialsFromEntry,
  forbiddenOpenStackVariables,
  mergeCloudEntry,
  unreadableCloudsFile,
} from "../../components/credentials";
import { partitionProblems } from "../../components/program";
import { decommissionMarker, previousNames, renameConflicts } from "../../model/lifecycle";
import { formatPath } from "../../model/problem";
import { ingressRuleSlug } from "../../model/naming";
import { fillPairingTemplate, pairMetadata } from "../../model/pairing";
import { siteQuotaLimits } from "../../model/quota";
import { departmentOwner, labelsToTags, sharedLabels, strictestTier } from "../../model/tags";
import type { Site, Workload } from "../../model/types";
import { platformOnly, police } from "./fixtures";

describe("model helpers", () => {
  const platform = platformOnly().platform;

  describe("ingressRuleSlug", () => {
    it("names a rule after what it allows", () => {
      assert.equal(
        ingressRuleSlug({ protocol: "tcp", port: 5432, from: "network:app" }),
        "tcp-5432-from-network-app",
      );
      assert.equal(
        ingressRuleSlug({ protocol: "tcp", port: 80, toPort: 80, from: "0.0.0.0/0" }),
        "tcp-80-from-0.0.0.0-0",
      );
      assert.equal(
        ingressRuleSlug({ protocol: "udp", port: 8000, toPort: 8080, from: "10.0.0.0/8" }),
        "udp-8000-8080-from-10.0.0.0-8",
      );
      assert.equal(
        ingressRuleSlug({ protocol: "icmp", from: "10.16.0.0/12" }),
        "icmp-from-10.16.0.0-12",
      );
    });
  });

  describe("labels", () => {
    it("name the first approver as owner", () => {
      assert.equal(departmentOwner(police()), "zhang.wei");
      const noApprover = {
        ...police(),
        owners: police().owners.filter((o) => o.role === "maintainer"),
      };
      assert.equal(departmentOwner(noApprover), "sun.li");
    });

    it("give shared resources the most demanding tier of their users", () => {
      const [caseDb, portal, video] = police().workloads;
      assert.equal(strictestTier(platform, [video, portal]), "important");
      assert.equal(strictestTier(platform, [video, caseDb, portal]), "critical");
      assert.equal(strictestTier(platform, []), "none");
      assert.deepEqual(labelsToTags(sharedLabels(police(), platform, "laixi", [video])), [
        "department=police",
        "site=laixi",
        "tier=standard",
        "owner=zhang.wei",
        "cost-centre=QD-1101",
        "approval=QD-CHG-2026-00011",
        "approved-on=2026-02-10",
        "approver=liu.yang",
      ]);
    });
  });

  describe("siteQuotaLimits", () => {
    it("converts units and fills what the department leaves out", () => {
      const limits = siteQuotaLimits(police().quotas.laixi, platform);
      assert.deepEqual(limits.compute, {
        cores: 320,
        ram: 1572864,
        instances: 40,
        keyPairs: 3,
        serverGroups: 20,
        serverGroupMembers: 20,
        metadataItems: 128,
        injectedFiles: 5,
        injectedFileContentBytes: 10240,
        injectedFilePathBytes: 255,
      });
      assert.deepEqual(limits.network, {
        network: 4,
        subnet: 10,
        port: 500,
        router: 2,
        floatingip: 2,
        securityGroup: 20,
        securityGroupRule: 200,
        rbacPolicy: 0,
        subnetpool: 0,
      });
      assert.deepEqual(limits.volume, {
        volumes: 80,
        gigabytes: 40000,
        snapshots: 50,
        backups: 50,
        backupGigabytes: 40000,
        perVolumeGigabytes: 65536,
        groups: 10,
      });
    });
  });

  describe("storage pairing", () => {
    const template =
      "storagectl pair create --primary {primary} --secondary {secondary} --mode {mode} --rpo {rpo}";

    it("fills every placeholder, as often as it appears", () => {
      assert.equal(
        fillPairingTemplate(`${template} # {primary}`, {
          primary: "a1",
          secondary: "b2",
          mode: "async",
          rpo: 300,
        }),
        "storagectl pair create --primary a1 --secondary b2 --mode async --rpo 300 # a1",
      );
    });

    it("refuses values that would change the shell command", () => {
      assert.throws(
        () =>
          fillPairingTemplate(template, {
            primary: "a; rm -rf /",
            secondary: "b",
            mode: "sync",
            rpo: 0,
          }),
        /primary="a; rm -rf \/" may hold only/,
      );
    });

    it("links the halves by name", () => {
      assert.deepEqual(
        pairMetadata({
          role: "secondary",
          primary: "p",
          secondary: "s",
          peerSite: "qingdao",
          mode: "sync",
          rpoSeconds: 0,
        }),
        {
          "replication-role": "secondary",
          "replication-primary": "p",
          "replication-secondary": "s",
          "replication-peer-site": "qingdao",
          "replication-mode": "sync",
          "replication-rpo-seconds": "0",
        },
      );
    });
  });

  describe("rename and decommission markers", () => {
    const withHistory = (names: string[]): Workload => ({
      ...police().workloads[0],
      previousNames: names,
    });

    it("read previousNames", () => {
      assert.deepEqual(previousNames(police().workloads[0]), []);
      assert.deepEqual(previousNames(withHistory(["a", "b"])), ["a", "b"]);
    });

    it("find conflicting histories, each at its entry", () => {
      const department = police();
      department.workloads[0] = withHistory(["case-db", "video-index", "old"]);
      department.workloads[1] = { ...department.workloads[1], previousNames: ["old"] };
      const conflicts = renameConflicts(department);
      assert.deepEqual(
        conflicts.map((c) => [formatPath(c.path), c.name]),
        [
          ["workloads[0].previousNames[0]", "case-db"],
          ["workloads[0].previousNames[1]", "video-index"],
          ["workloads[1].previousNames[0]", "old"],
        ],
      );
      assert.match(conflicts[0].message, /lists its own name/);
      assert.match(conflicts[1].message, /video-index is still a workload of police/);
      assert.match(conflicts[2].message, /case-db and hukou-portal both list old/);
      assert.deepEqual(renameConflicts(police()), []);
    });

    it("read the decommission block", () => {
      const marker = { ticket: "QD-CHG-2026-00001", approver: "liu.yang", date: "2026-10-01" };
      assert.equal(decommissionMarker(police()), undefined);
      assert.deepEqual(decommissionMarker({ ...police(), decommission: marker }), marker);
    });
  });

  describe("problem gate", () => {
    const p = (file: string, severity: "error" | "warning" = "error") =>
      ({ file, line: 1, column: 1, path: "", code: "x", severity, message: "m" }) as const;

    it("blocks a department on its own file and platform.yaml only", () => {
      const { blocking, other } = partitionProblems("health", [
        p("departments/health.yaml"),
        p("platform.yaml"),
        p("departments/police.yaml"),
        p("departments/health.yaml", "warning"),
      ]);
      assert.deepEqual(
        blocking.map((x) => x.file),
        ["departments/health.yaml", "platform.yaml"],
      );
      assert.equal(other.length, 2);
    });
  });

  describe("OpenStack logins", () => {
    const site = platform.sites[1] as Site;
    const clouds = {
      clouds: {
        "govcloud-laixi": {
          auth: {
            auth_url: "https://k.example/v3",
            username: "auto",
            user_domain_name: "Ops",
            project_name: "admin",
          },
          cacert: "/etc/ssl/city-ca.pem",
        },
        "app-cred": { auth_type: "v3applicationcredential", auth: {} },
      },
    };
    const secure = { clouds: { "govcloud-laixi": { auth: { password: "from-secure-yaml" } } } };

    it("merge secure.yaml into clouds.yaml as the OpenStack clients do", () => {
      assert.deepEqual(mergeCloudEntry(clouds, secure, "govcloud-laixi")?.auth, {
        auth_url: "https://k.example/v3",
        username: "auto",
        user_domain_name: "Ops",
        project_name: "admin",
        password: "from-secure-yaml",
      });
      assert.equal(mergeCloudEntry(clouds, secure, "missing"), undefined);
    });

    it("build the project provider's login without the entry's project", () => {
      const result = credentialsFromEntry(
        site,
        mergeCloudEntry(clouds, secure, "govcloud-laixi"),
        undefined,
      );
      assert.ok(result.ok);
      const { password, ...rest } = result.value;
      assert.ok(pulumi.Output.isInstance(password));
      assert.deepEqual(rest, {
        cloud: "govcloud-laixi",
        authUrl: "https://k.example/v3",
        userName: "auto",
        userDomainName: "Ops",
        cacertFile: "/etc/ssl/city-ca.pem",
        passwordFromConfig: false,
      });
      const fromConfig = credentialsFromEntry(
        site,
        mergeCloudEntry(clouds, {}, "govcloud-laixi"),
        pulumi.secret("x"),
      );
      assert.ok(fromConfig.ok && fromConfig.value.passwordFromConfig);
    });

    it("say what is missing", () => {
      const none = credentialsFromEntry(site, undefined, undefined);
      assert.ok(!none.ok && /clouds.yaml has no entry "govcloud-laixi"/.test(none.error));
      const noPassword = credentialsFromEntry(
        site,
        mergeCloudEntry(clouds, {}, "govcloud-laixi"),
        undefined,
      );
      assert.ok(!noPassword.ok && /auth.password/.test(noPassword.error));
      const appCred = credentialsFromEntry(
        site,
        mergeCloudEntry(clouds, {}, "app-cred"),
        undefined,
      );
      assert.ok(!appCred.ok && /application credentials/.test(appCred.error));
    });

    it("search where the clients search, the variable first", () => {
      assert.deepEqual(
        cloudsFileCandidates({ OS_CLIENT_CONFIG_FILE: "/x/c.yaml" }, "/p", "/h", "clouds.yaml"),
        [
          "/x/c.yaml",
          "/p/clouds.yaml",
          "/h/.config/openstack/clouds.yaml",
          "/etc/openstack/clouds.yaml",
        ],
      );
    });

    it("say where clouds.yaml is broken without showing a line of it", () => {
      const dir = mkdtempSync(join(tmpdir(), "govcloud-clouds-"));
      try {
        const file = join(dir, "clouds.yaml");
        writeFileSync(
          file,
          'clouds:\n  qingdao:\n    auth:\n      password: "Sup3rS3cret\n    bad: [\n',
        );
        const entries = () => cloudEntries({ OS_CLIENT_CONFIG_FILE: file }, dir)("qingdao");
        assert.throws(entries, (error: Error) => {
          assert.match(
            error.message,
            new RegExp(`^${file}:\\d+:\\d+: not valid YAML \\([A-Z_]+\\); fix the file there`),
          );
          assert.ok(!/Sup3rS3cret|bad/.test(error.message), error.message);
          // A RunError: the engine shows a program's RunError by its message, without the stack.
          assert.ok(pulumi.RunError.isInstance(error), "not a RunError");
          return true;
        });
        assert.equal(
          unreadableCloudsFile(dir, Object.assign(new Error("EISDIR: ..."), { code: "EISDIR" })),
          `${dir} cannot be read (EISDIR)`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("refuse OS_* variables but the two that locate clouds.yaml", () => {
      assert.deepEqual(
        forbiddenOpenStackVariables({
          OS_CLOUD: "x",
          OS_CLIENT_CONFIG_FILE: "y",
          OS_PROJECT_ID: "z",
          HOME: "/h",
        }),
        ["OS_CLOUD", "OS_PROJECT_ID"],
      );
    });
  });
});
