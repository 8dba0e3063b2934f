/**
 * Reading the loopback OpenStack back through its own APIs, not through Pulumi: a Keystone token
 * for the automation account of a clouds.yaml entry (scoped to the `admin` project, so that it
 * sees every project), and GET requests to the region's endpoints from the token's catalog.
 * Every URL must be on 127.0.0.1, as everything the engine tests reach.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { parse } from "yaml";

interface CloudEntry {
  auth: {
    auth_url: string;
    username: string;
    password: string;
    user_domain_name?: string;
    project_name: string;
    project_domain_name?: string;
  };
  region_name: string;
}

interface CatalogEntry {
  type: string;
  endpoints: { interface: string; region_id: string; url: string }[];
}

export type Service = "identity" | "compute" | "network" | "volumev3";

/** Nova's microversion: 2.79 shows tags (2.26), the flavor's name (2.47) and server groups (2.71). */
const COMPUTE_VERSION = "2.79";

function assertLoopback(url: string): void {
  assert.equal(new URL(url).hostname, "127.0.0.1", `${url} is not on loopback`);
}

export class OpenStackApi {
  private constructor(
    readonly region: string,
    private readonly token: string,
    private readonly endpoints: Record<Service, string>,
  ) {}

  /** Logs in as the clouds.yaml entry `cloud` says. */
  static async login(cloudsFile: string, cloud: string): Promise<OpenStackApi> {
    const clouds = (
      parse(readFileSync(cloudsFile, "utf8")) as { clouds: Record<string, CloudEntry> }
    ).clouds;
    const entry = clouds[cloud];
    assert.ok(entry !== undefined, `${cloud} is not in ${cloudsFile}`);
    const { auth } = entry;
    const authUrl = auth.auth_url.replace(/\/$/, "");
    assertLoopback(authUrl);
    const response = await fetch(`${authUrl}/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: {
              user: {
                name: auth.username,
                password: auth.password,
                domain: { name: auth.user_domain_name ?? "Default" },
              },
            },
          },
          scope: {
            project: {
              name: auth.project_name,
              domain: { name: auth.project_domain_name ?? "Default" },
            },
          },
        },
      }),
    });
    if (response.status !== 201) {
      assert.fail(`login to ${cloud}: ${response.status} ${await response.text()}`);
    }
    const token = response.headers.get("x-subject-token");
    assert.ok(token !== null, `login to ${cloud}: no token`);
    const body = (await response.json()) as { token: { catalog: CatalogEntry[] } };
    const endpoint = (type: Service): string => {
      const found = body.token.catalog
        .find((service) => service.type === type)
        ?.endpoints.find((e) => e.interface === "public" && e.region_id === entry.region_name);
      assert.ok(found !== undefined, `no public ${type} endpoint in ${entry.region_name}`);
      assertLoopback(found.url);
      return found.url.replace(/\/$/, "");
    };
    return new OpenStackApi(entry.region_name, token, {
      identity: authUrl,
      compute: endpoint("compute"),
      network: `${endpoint("network")}/v2.0`,
      volumev3: endpoint("volumev3"),
    });
  }

  /** GET `path` of a service; the JSON body. */
  /** `computeVersion`: Nova's microversion for this request (default COMPUTE_VERSION). */
  async get<T>(
    service: Service,
    path: string,
    query: Record<string, string> = {},
    computeVersion = COMPUTE_VERSION,
  ): Promise<T> {
    const search = new URLSearchParams(query).toString();
    const url = `${this.endpoints[service]}${path}${search === "" ? "" : `?${search}`}`;
    assertLoopback(url);
    const response = await fetch(url, {
      headers: {
        "x-auth-token": this.token,
        accept: "application/json",
        // Only Nova gets its microversion: Cinder refuses a version header for another service.
        ...(service === "compute"
          ? {
              "openstack-api-version": `compute ${computeVersion}`,
              "x-openstack-nova-api-version": computeVersion,
            }
          : {}),
      },
    });
    if (response.status !== 200) {
      assert.fail(`GET ${url}: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as T;
  }

  /**
   * Changes the cloud behind Pulumi's back (the drift tests): `method` on `path` of a service
   * with a JSON body; the JSON answer, or undefined for an empty one (a DELETE's 204).
   */
  async send<T>(
    method: "PUT" | "POST" | "DELETE",
    service: Service,
    path: string,
    body?: unknown,
  ): Promise<T | undefined> {
    const url = `${this.endpoints[service]}${path}`;
    assertLoopback(url);
    const response = await fetch(url, {
      method,
      headers: {
        "x-auth-token": this.token,
        accept: "application/json",
        ...(service === "compute" ? { "x-openstack-nova-api-version": COMPUTE_VERSION } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status < 200 || response.status > 299) {
      assert.fail(`${method} ${url}: ${response.status} ${await response.text()}`);
    }
    const text = await response.text();
    return text === "" ? undefined : (JSON.parse(text) as T);
  }
}
