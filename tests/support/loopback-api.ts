/**
 * A code host's REST API on 127.0.0.1 for tests: each request is answered by `answer` (status,
 * JSON, headers) and recorded with its headers and body, so that tests replay recorded responses
 * and check what was asked, and with which token.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body?: Record<string, unknown>;
}

export interface ApiAnswer {
  status?: number;
  json: unknown;
  headers?: Record<string, string>;
}

export interface LoopbackApi {
  server: Server;
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function loopbackApi(
  answer: (method: string, url: string, api: string) => ApiAnswer,
): Promise<LoopbackApi> {
  const requests: RecordedRequest[] = [];
  let url = "";
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => (text += chunk));
    request.on("end", () => {
      requests.push({
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        ...(text === "" ? {} : { body: JSON.parse(text) as Record<string, unknown> }),
      });
      const { status = 200, json, headers = {} } = answer(request.method!, request.url!, url);
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  return {
    server,
    url,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
