import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApiResponse } from "../support/test-emulator";

/** Asserts the contract's error envelope and returns it. */
export function expectError(res: ApiResponse, status: number, code: string) {
  if (res.status !== status || res.body?.error?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  if (res.body.request_id !== res.headers["x-request-id"] || !/^req_/.test(res.body.request_id)) {
    throw new Error(`request_id ${res.body.request_id} does not match x-request-id ${res.headers["x-request-id"]}`);
  }
  return res.body.error as { code: string; message: string; details: Record<string, unknown> };
}

export interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A local HTTP server on port 0; `respond` picks the status per request (webhook receivers, URL documents). */
export async function startReceiver(
  respond: (req: Received, n: number) => { status: number; body?: string; type?: string },
) {
  const received: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const entry = { path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
    received.push(entry);
    const answer = respond(entry, received.length);
    res.writeHead(answer.status, { "content-type": answer.type ?? "text/plain" });
    res.end(answer.body ?? "");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
