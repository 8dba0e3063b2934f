/**
 * The program of a department stack: the department's VDC, and the outputs a person wants
 * after `pulumi up`: networks and instance addresses per site, and the replicated volume pairs.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Estate } from "../model/estate";
import { findDepartment } from "../model/estate";
import { decommissionMarker } from "../model/lifecycle";
import { departmentResourceName } from "../model/naming";
import { DepartmentVdc, departmentSites, identitySite } from "./department-vdc";
import type { VolumePair } from "./replicated-volume";
import { collectCredentials } from "./stack-credentials";
import type { CredentialSource } from "./stack-credentials";

export interface DepartmentProgramOptions {
  credentials: CredentialSource;
  /** Keystone domain of the owners' accounts (config govcloud:ownerDomainId). */
  ownerDomainId?: string;
}

export interface DepartmentStackOutputs {
  department: string;
  projectId: pulumi.Output<string>;
  /** site -> network -> ids and CIDR. */
  networks: Record<
    string,
    Record<
      string,
      { networkId: pulumi.Output<string>; subnetId: pulumi.Output<string>; cidr: string }
    >
  >;
  /** site -> instance -> address, floating IP, availability zone. */
  instances: Record<
    string,
    Record<
      string,
      {
        address: pulumi.Output<string>;
        floatingIp?: pulumi.Output<string>;
        availabilityZone?: string;
      }
    >
  >;
  volumePairs: VolumePair[];
  /** Present while the department is being decommissioned: what to run next. */
  decommission?: { ticket: string; next: string };
}

export interface DepartmentProgram {
  vdc: DepartmentVdc;
  outputs: DepartmentStackOutputs;
}

/** Builds the VDC of department `id`; the caller has checked that the department exists. */
export function buildDepartment(
  estate: Estate,
  id: string,
  options: DepartmentProgramOptions,
): DepartmentProgram {
  const loaded = findDepartment(estate, id);
  if (loaded === undefined) throw new pulumi.RunError(`department ${id} is not in the estate`);
  const { department } = loaded;
  const { platform } = estate;
  const sites = departmentSites(platform, department);
  const identity = identitySite(platform);
  const needed = sites.some((site) => site.id === identity.id) ? sites : [identity, ...sites];
  const credentials = collectCredentials(needed, options.credentials);

  const vdc = new DepartmentVdc(departmentResourceName(department.id), {
    platform,
    department,
    credentials,
    ...(options.ownerDomainId === undefined ? {} : { ownerDomainId: options.ownerDomainId }),
  });

  const networks: DepartmentStackOutputs["networks"] = {};
  const instances: DepartmentStackOutputs["instances"] = {};
  for (const [site, outputs] of Object.entries(vdc.sites)) {
    networks[site] = outputs.networks;
    instances[site] = outputs.instances;
  }
  const marker = decommissionMarker(department);
  if (marker !== undefined) {
    pulumi.log.warn(
      `${id} is being decommissioned (${marker.ticket}): this update lifts the protection of its ` +
        `project and replicated volumes. Next: pulumi destroy --stack ${id}`,
    );
  }
  const outputs: DepartmentStackOutputs = {
    department: id,
    projectId: vdc.projectId,
    networks,
    instances,
    volumePairs: vdc.volumePairs,
    ...(marker === undefined
      ? {}
      : { decommission: { ticket: marker.ticket, next: `pulumi destroy --stack ${id}` } }),
  };
  return { vdc, outputs };
}
