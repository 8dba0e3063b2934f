/**
 * The loopback guard: every endpoint of the bundled platform (the city's real addresses) is
 * found, and an estate whose endpoints are all on this machine passes.
 */
import { strict as assert } from "node:assert";
import { resolve } from "node:path";
import { foreignEndpoints, isLoopbackHost } from "../../deploy/loopback-guard";
import { loadEstate } from "../../model/estate-loader";
import type { Platform } from "../../model/types";

const REPO = resolve(__dirname, "..", "..");

function bundledPlatform(): Platform {
  const platform = loadEstate(REPO, { today: "2026-11-26" }).estate?.platform;
  assert.ok(platform !== undefined);
  return platform;
}

function loopbackPlatform(): Platform {
  const platform = structuredClone(bundledPlatform());
  for (const site of platform.sites) {
    if (site.openstack !== undefined) site.openstack.authUrl = "http://127.0.0.1:15000/v3";
  }
  platform.kvmHosts = platform.kvmHosts.map((host) => ({ ...host, uri: "test:///default" }));
  platform.storagePairing = {
    create: "./scripts/pairing record {primary} {secondary}",
    delete: "./scripts/pairing forget {primary} {secondary}",
  };
  return platform;
}

describe("loopback guard", () => {
  it("knows which hosts are this machine", () => {
    for (const host of [
      "127.0.0.1",
      "127.9.8.7",
      "localhost",
      "::1",
      "[::1]",
      "::ffff:127.0.0.1",
    ]) {
      assert.ok(isLoopbackHost(host), host);
    }
    for (const host of [
      "10.99.0.11",
      "192.168.1.1",
      "keystone.qingdao.egov.qd.internal",
      "::",
      "0.0.0.0",
      "128.0.0.1",
    ]) {
      assert.ok(!isLoopbackHost(host), host);
    }
  });

  it("finds every endpoint of the bundled platform", () => {
    const logins = { "govcloud-qingdao": { auth: { auth_url: "https://10.16.0.5:5000/v3" } } };
    const found = foreignEndpoints(
      REPO,
      bundledPlatform(),
      (cloud) => logins[cloud as keyof typeof logins],
    );
    assert.deepEqual(
      found.map((f) => f.where),
      [
        "platform.yaml sites[0].openstack.authUrl",
        "clouds.yaml clouds.govcloud-qingdao.auth.auth_url",
        "platform.yaml sites[1].openstack.authUrl",
        "platform.yaml kvmHosts[0].uri",
        "platform.yaml storagePairing.create",
        "platform.yaml storagePairing.delete",
      ],
    );
    assert.match(found[3].why, /reaches 10\.99\.0\.11/);
    assert.match(found[4].why, /runs storagectl, not a script inside the estate/);
  });

  it("passes an estate whose every endpoint is on this machine", () => {
    const login = () => ({ auth: { auth_url: "http://127.0.0.1:15000/v3" } });
    assert.deepEqual(foreignEndpoints(REPO, loopbackPlatform(), login), []);
  });

  it("refuses a pairing script that names another host", () => {
    const platform = loopbackPlatform();
    platform.storagePairing.create = "./scripts/pairing --array admin@10.1.2.3 {primary}";
    platform.storagePairing.delete = "./scripts/pairing --url https://array.example:8088 {primary}";
    const found = foreignEndpoints(REPO, platform, () => undefined);
    assert.deepEqual(
      found.map((f) => f.why),
      [
        "names 10.1.2.3, which is not this machine",
        "names array.example, which is not this machine",
      ],
    );
  });
});
