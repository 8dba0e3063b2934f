/**
 * Test data: the real platform.yaml, and small departments written here in TS so that the
 * expectations do not move when the department files change.
 */
import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { CredentialsResult } from "../../components/credentials";
import type { ProgramOptions } from "../../components/program";
import type { Estate } from "../../model/estate";
import { loadEstate } from "../../model/estate-loader";
import type { LoadResult } from "../../model/estate-loader";
import type { Department, Site } from "../../model/types";

export const REPO_ROOT = resolve(__dirname, "..", "..");
/** Approvals expire: a fixed date keeps the loaded estate the same from day to day. */
export const TODAY = "2026-11-01";

let cached: LoadResult | undefined;
export function repoEstate(): LoadResult {
  cached ??= loadEstate(REPO_ROOT, { today: TODAY });
  return cached;
}

export function platformOnly(): Estate {
  const estate = repoEstate().estate;
  if (estate === undefined) throw new Error("platform.yaml does not load");
  return { ...estate, departments: [] };
}

export function estateWith(...departments: Department[]): Estate {
  return {
    ...platformOnly(),
    departments: departments.map((department) => ({
      file: `departments/${department.id}.yaml`,
      department,
    })),
  };
}

export function fakeCredentials(site: Site): CredentialsResult {
  return {
    ok: true,
    value: {
      cloud: site.openstack?.cloud ?? "none",
      authUrl: site.openstack?.authUrl ?? "https://keystone.invalid/v3",
      userName: "govcloud-automation",
      userDomainName: "Default",
      password: pulumi.secret("not-a-real-password"),
      passwordFromConfig: false,
    },
  };
}

export const OPTIONS: ProgramOptions = { credentials: fakeCredentials };

/** A police department with one workload of each tier. */
export function police(): Department {
  return {
    id: "police",
    name: { zh: "公安局", en: "Police" },
    costCentre: "QD-1101",
    owners: [
      { id: "sun.li", name: "Sun Li", email: "sun.li@example.gov.cn", role: "maintainer" },
      { id: "zhang.wei", name: "Zhang Wei", email: "zhang.wei@example.gov.cn", role: "approver" },
    ],
    approval: { ticket: "QD-CHG-2026-00011", approver: "liu.yang", date: "2026-02-10" },
    quotas: {
      qingdao: {
        vcpus: 320,
        ramGiB: 1536,
        instances: 40,
        volumes: 80,
        volumeGiB: 40000,
        floatingIps: 2,
        networks: 4,
      },
      laixi: {
        vcpus: 320,
        ramGiB: 1536,
        instances: 40,
        volumes: 80,
        volumeGiB: 40000,
        floatingIps: 2,
        networks: 4,
        ports: 500,
        keyPairs: 3,
      },
    },
    networks: [
      {
        name: "app",
        description: "Application servers",
        cidrs: { qingdao: "10.16.0.0/24", laixi: "10.32.0.0/24" },
      },
      { name: "data", cidrs: { qingdao: "10.16.1.0/24", laixi: "10.32.1.0/24" } },
      { name: "dmz", cidrs: { qingdao: "10.16.2.0/25", laixi: "10.32.2.0/25" } },
    ],
    workloads: [
      {
        name: "case-db",
        tier: "critical",
        flavor: "db.2xlarge",
        image: "kylin-server-v10-sp3",
        network: "data",
        replicas: { qingdao: 2, laixi: 2 },
        volumes: [
          { name: "data", sizeGiB: 2000, type: "ssd-sync" },
          { name: "redo", sizeGiB: 200, type: "ssd-sync" },
        ],
        ingress: [{ protocol: "tcp", port: 5432, from: "network:app", description: "PostgreSQL" }],
        approval: { ticket: "QD-CHG-2026-00153", approver: "zhang.wei", date: "2026-03-02" },
      },
      {
        name: "hukou-portal",
        tier: "important",
        flavor: "s1.large",
        image: "uos-server-20-1070e",
        network: "dmz",
        replicas: { qingdao: 2, laixi: 1 },
        primarySite: "qingdao",
        floatingIp: true,
        volumes: [{ name: "uploads", sizeGiB: 500, type: "ssd-async" }],
        ingress: [
          { protocol: "tcp", port: 443, from: "0.0.0.0/0" },
          { protocol: "icmp", from: "10.0.0.0/8" },
        ],
        approval: { ticket: "QD-REQ-2026-00871", approver: "zhang.wei", date: "2026-05-18" },
      },
      {
        name: "video-index",
        tier: "standard",
        flavor: "c1.2xlarge",
        image: "openeuler-22.03-lts-sp4",
        network: "app",
        replicas: { qingdao: 4 },
        volumes: [{ name: "index", sizeGiB: 4000, type: "sas-local" }],
        approval: { ticket: "QD-CHG-2026-00402", date: "2026-04-21" },
      },
    ],
  };
}
