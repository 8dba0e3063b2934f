/** Hand-built stack plans for the harness tests. */
import type { PlannedResource, StackPlan } from "../../plan/types";

export const PROJECT = "govcloud";

export function urn(stack: string, type: string, name: string, parents: string[] = []): string {
  const chain = [...parents, type].join("$");
  return `urn:pulumi:${stack}::${PROJECT}::${chain}::${name}`;
}

export function resource(
  stack: string,
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<PlannedResource> = {},
): PlannedResource {
  return {
    urn: urn(stack, type, name),
    type,
    name,
    custom: true,
    inputs,
    outputs: { ...inputs, id: `${name}-id` },
    dependencies: [],
    propertyDependencies: {},
    options: { protect: false, aliases: [] },
    ...extra,
  };
}

export const TYPES = {
  provider: "pulumi:providers:openstack",
  instance: "openstack:compute/instance:Instance",
  rule: "openstack:networking/secGroupRule:SecGroupRule",
  volume: "openstack:blockstorage/volume:Volume",
  network: "openstack:networking/network:Network",
  vdc: "govcloud:vdc:DepartmentVdc",
  crash: "govcloud:test:Crash",
};

/**
 * A small department: a VDC component, a provider (secret password), a network with port security
 * off, an SSH rule open to the world, a 150 GB volume and three instances: "web" is compliant,
 * "batch" has neither owner nor managedBy (remediated), "db" has an image not known yet, a secret
 * admin password and no managedBy (its remediation cannot run during preview).
 */
export function departmentPlan(stack = "health"): StackPlan {
  const vdcUrn = urn(stack, TYPES.vdc, `${stack}-vdc`);
  const providerUrn = urn(stack, TYPES.provider, `${stack}-qingdao`);
  const providerRef = `${providerUrn}::provider-id`;
  const child = (type: string, name: string, inputs: Record<string, unknown>) =>
    resource(stack, type, name, inputs, {
      urn: urn(stack, type, name, [TYPES.vdc]),
      parent: vdcUrn,
      provider: providerRef,
    });
  const network = child(TYPES.network, `${stack}-qingdao-net`, {
    name: `${stack}-qingdao-net`,
    portSecurityEnabled: false,
  });
  const instance = (name: string, inputs: Record<string, unknown>) =>
    child(TYPES.instance, name, {
      name,
      flavorName: "s1.medium",
      imageId: "0b4f0d8e-1d1b-4b8e-9f7a-2f8f3f1d9a11",
      metadata: { owner: "it@health.example.gov", managedBy: "govcloud" },
      ...inputs,
    });
  const web = instance(`${stack}-qingdao-web`, {});
  web.dependencies = [network.urn];
  web.propertyDependencies = { networks: [network.urn], metadata: [] };
  return {
    project: PROJECT,
    stack,
    resources: [
      resource(
        stack,
        TYPES.vdc,
        `${stack}-vdc`,
        { department: stack },
        { custom: false, outputs: {} },
      ),
      resource(
        stack,
        TYPES.provider,
        `${stack}-qingdao`,
        {
          authUrl: "https://qingdao.example.gov:5000/v3",
          password: { "[secret]": true },
          region: "qingdao",
        },
        { parent: vdcUrn, urn: urn(stack, TYPES.provider, `${stack}-qingdao`) },
      ),
      network,
      child(TYPES.rule, `${stack}-qingdao-ssh`, {
        direction: "ingress",
        protocol: "tcp",
        portRangeMin: 22,
        portRangeMax: 22,
        remoteIpPrefix: "0.0.0.0/0",
      }),
      child(TYPES.volume, `${stack}-qingdao-data`, { name: `${stack}-qingdao-data`, size: 150 }),
      web,
      instance(`${stack}-qingdao-batch`, { metadata: {} }),
      instance(`${stack}-qingdao-db`, {
        imageId: "[unknown]",
        adminPass: { "[secret]": true },
        metadata: { owner: "dba@health.example.gov" },
      }),
    ],
    outputs: { vdc: `${stack}-vdc`, dbPassword: { "[secret]": true } },
  };
}
