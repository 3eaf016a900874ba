import diagnostics from "node:diagnostics_channel";
import { afterEach, describe, expect, it } from "vitest";
import { ElevenLabsClient } from "../../../provider/client/client";
import { TimeoutError } from "../../../provider/errors";
import { FAST, json, type LocalServer, SECRET_KEY, startLocalServer } from "./local-server";

const servers: LocalServer[] = [];
const clients: ElevenLabsClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(handler: Parameters<typeof startLocalServer>[0], port?: number) {
  const server = await startLocalServer(handler, port);
  servers.push(server);
  return server;
}
function clientFor(baseUrl: string, options: Partial<ConstructorParameters<typeof ElevenLabsClient>[0]> = {}) {
  const client = new ElevenLabsClient({ apiKey: SECRET_KEY, baseUrl, ...FAST, ...options });
  clients.push(client);
  return client;
}

describe("timeouts", () => {
  it("a GET that times out is retried, a slow first attempt does not fail the call", async () => {
    // The first request is answered only once the retry has arrived, i.e. after the client gave up on it.
    let retried: () => void = () => {};
    const retryArrived = new Promise<void>((resolve) => {
      retried = resolve;
    });
    let n = 0;
    const server = await serve(async (_req, res) => {
      if (n++ === 0) await retryArrived;
      else retried();
      json(res, 200, { agent_id: "a" });
    });
    const client = clientFor(server.baseUrl, { timeoutMs: 100 });
    await expect(client.request("agents.get", { path: { agent_id: "a" } })).resolves.toEqual({ agent_id: "a" });
    expect(server.requests).toHaveLength(2);
  });

  it("a POST that times out is not retried (it may have been applied)", async () => {
    const server = await serve(() => undefined); // never answers
    const client = clientFor(server.baseUrl, { timeoutMs: 80 });
    await expect(client.request("agents.create", { body: { name: "x" } })).rejects.toBeInstanceOf(TimeoutError);
    // A retry would have been sent, and timed out, before the call could reject.
    expect(server.requests).toHaveLength(1);
  });
});

describe("connection refused", () => {
  it("even a POST is retried when the connection was refused, and succeeds once the server is up", async () => {
    const probe = await startLocalServer(() => undefined);
    const { port, baseUrl } = probe;
    await probe.close();
    // undici reports each failed connect on a diagnostics channel: the server starts only once
    // the client has been refused, so the retry is what reaches it.
    const refused = new Promise<void>((resolve) => {
      const onConnectError = (message: unknown) => {
        if ((message as { connectParams: { port: string } }).connectParams.port !== String(port)) return;
        diagnostics.unsubscribe("undici:client:connectError", onConnectError);
        resolve();
      };
      diagnostics.subscribe("undici:client:connectError", onConnectError);
    });
    const client = clientFor(baseUrl, { retryBaseDelayMs: 100, retryMaxDelayMs: 200, maxRetries: 8 });
    const pending = client.request("agents.create", { body: { name: "late" } });
    await refused;
    const server = await serve(
      (req, res) => json(res, 200, { agent_id: "agent_1", name: JSON.parse(req.body).name }),
      port,
    );
    await expect(pending).resolves.toEqual({ agent_id: "agent_1", name: "late" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("keep-alive and concurrency", () => {
  it("keeps exactly maxConcurrency requests in flight, over as many reused sockets", async () => {
    // The server answers in batches of three: it holds each request until three are in flight,
    // so a client that allowed fewer would stall; one that allowed more would open more sockets.
    let held: (() => void)[] = [];
    const server = await serve(async (_req, res) => {
      await new Promise<void>((resolve) => {
        held.push(resolve);
        if (held.length < 3) return;
        for (const release of held) release();
        held = [];
      });
      json(res, 200, { ok: true });
    });
    const client = clientFor(server.baseUrl, { maxConcurrency: 3 });
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => client.request("tools.get", { path: { tool_id: `t${i}` } })),
    );
    expect(server.requests).toHaveLength(60);
    expect(server.connections()).toBe(3);
  });

  it("sends JSON bodies and multipart forms", async () => {
    const server = await serve((req, res) =>
      json(res, 200, { contentType: req.headers["content-type"], body: req.body }),
    );
    const client = clientFor(server.baseUrl);
    const sent = await client.request<{ contentType: string; body: string }>("tools.create", { body: { name: "t" } });
    expect(sent).toEqual({ contentType: "application/json", body: '{"name":"t"}' });
    const form = new FormData();
    form.set("name", "Manual");
    form.set("file", new Blob(["hello"], { type: "text/plain" }), "manual.txt");
    const multipart = await client.request<{ contentType: string; body: string }>("knowledgeBase.createFromFile", {
      path: { agent_id: "a" },
      form,
    });
    expect(multipart.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(multipart.body).toContain('filename="manual.txt"');
    expect(multipart.body).toContain("hello");
  });
});

describe("multipart with undici's own FormData", () => {
  it("is accepted as well as the global one", async () => {
    const { FormData: UndiciFormData } = await import("undici");
    const server = await serve((req, res) =>
      json(res, 200, { contentType: req.headers["content-type"], body: req.body }),
    );
    const form = new UndiciFormData();
    form.set("file", new Blob(["png-bytes"], { type: "image/png" }), "avatar.png");
    const sent = await clientFor(server.baseUrl).request<{ contentType: string; body: string }>("widget.uploadAvatar", {
      path: { agent_id: "a" },
      form,
    });
    expect(sent.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.body).toContain('filename="avatar.png"');
  });
});
