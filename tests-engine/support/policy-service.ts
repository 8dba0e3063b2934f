/**
 * The part of the Pulumi Cloud API `pulumi login` and `pulumi policy publish` use, on 127.0.0.1:
 * who the token belongs to, the publication of a pack's metadata (answered with an upload URL on
 * this same server), the upload of its tarball and the completion. It keeps every request and
 * what was published, so that a test can look at exactly what the CLI sent.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export const ORGANIZATION = "city";

export interface ServiceRequest {
  method: string;
  path: string;
}

export interface PolicyService {
  url: string;
  requests: ServiceRequest[];
  /** The body of the publication request (the pack's name, version, policies and schemas). */
  published?: Record<string, unknown>;
  /** The tarball the CLI uploaded. */
  tarball?: Buffer;
  close(): Promise<void>;
}

function body(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export async function startPolicyService(): Promise<PolicyService> {
  const service: PolicyService = {
    url: "",
    requests: [],
    close: async () => undefined,
  };
  const server = http.createServer((request, response) => {
    void body(request).then((content) => {
      const method = request.method ?? "";
      const path = (request.url ?? "").split("?")[0];
      service.requests.push({ method, path });
      const json = (value: unknown, status = 200) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(value));
      };
      if (method === "GET" && path === "/api/user") {
        json({ githubLogin: "platform-team", name: "platform team", organizations: [] });
      } else if (method === "GET" && path === "/api/user/organizations/default") {
        json({ GitHubLogin: ORGANIZATION });
      } else if (method === "GET" && path === "/api/capabilities") {
        json({ capabilities: [] });
      } else if (method === "POST" && path === `/api/orgs/${ORGANIZATION}/policypacks`) {
        service.published = JSON.parse(content.toString("utf8")) as Record<string, unknown>;
        json({ version: 1, uploadURI: `${service.url}/upload/pack.tgz`, requiredHeaders: {} });
      } else if (method === "PUT" && path === "/upload/pack.tgz") {
        service.tarball = content;
        response.end();
      } else if (method === "POST" && path.endsWith("/complete")) {
        json({});
      } else {
        json({ code: 404, message: `${method} ${path} is not served here` }, 404);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  service.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return service;
}
