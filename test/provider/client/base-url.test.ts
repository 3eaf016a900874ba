import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElevenLabsClient, parseBaseUrl } from "../../../provider/client/client";
import { ConfigError, ConnectionError, NotFoundError, UnexpectedResponseError } from "../../../provider/errors";
import { TestEmulator } from "../../support/test-emulator";
import { FAST } from "./local-server";

let emulator: TestEmulator;
const clients: ElevenLabsClient[] = [];
const clientAt = (baseUrl: string, options = {}) => {
  const client = new ElevenLabsClient({ apiKey: emulator.apiKey, baseUrl, ...FAST, ...options });
  clients.push(client);
  return client;
};
const getAgent = (client: ElevenLabsClient, id: string) =>
  client.request("agents.get", { path: { agent_id: id } }).catch((e: unknown) => e);

beforeAll(async () => {
  emulator = await TestEmulator.start();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await emulator.close();
});

describe("the base URL a newcomer gives", () => {
  it("the host alone (what the emulator prints) means the API under /v1/convai", async () => {
    expect(parseBaseUrl("http://127.0.0.1:8787").href).toBe("http://127.0.0.1:8787/v1/convai");
    expect(parseBaseUrl("https://api.elevenlabs.io/").href).toBe("https://api.elevenlabs.io/v1/convai");
    expect(parseBaseUrl("https://proxy.example/el/v1/convai/").pathname).toBe("/el/v1/convai/");
    const { agent_id } = await clientAt(emulator.url).request<{ agent_id: string }>("agents.create", {
      body: { name: "via host" },
    });
    expect((await emulator.api("GET", `/agents/${agent_id}`)).status).toBe(200);
  });

  it("a real missing object is absence, through either spelling of the base URL", async () => {
    expect(await getAgent(clientAt(emulator.url), "agent_missing")).toBeInstanceOf(NotFoundError);
    expect(await getAgent(clientAt(emulator.baseUrl), "agent_missing")).toBeInstanceOf(NotFoundError);
  });

  it("a wrong path is never taken for absence: the error names the URL and elevenlabs:baseUrl", async () => {
    const { agent_id } = await clientAt(emulator.url).request<{ agent_id: string }>("agents.create", {
      body: { name: "exists" },
    });
    const error = await getAgent(clientAt(`${emulator.url}/v1`), agent_id);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(`GET ${emulator.url}/v1/agents/${agent_id} answered 404`);
    expect((error as Error).message).toContain("elevenlabs:baseUrl");
  });

  it("a page that is not JSON (a web server, a login page) fails naming the URL", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>welcome</html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const error = await getAgent(clientAt(url), "agent_1");
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect((error as Error).message).toContain(`GET ${url}/v1/convai/agents/agent_1 answered 200`);
      expect((error as Error).message).toContain("text/html");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("anything but an http(s) URL without query is refused before any request", () => {
    for (const bad of ["127.0.0.1:8787", "ftp://x", "http://h/v1/convai?x=1", ""]) {
      expect(() => parseBaseUrl(bad)).toThrow(ConfigError);
    }
  });

  it("an unreachable loopback API says after how many attempts, and asks whether the emulator runs", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve)); // nothing listens there now
    const error = await getAgent(clientAt(`http://127.0.0.1:${port}`, { maxRetries: 2 }), "agent_1");
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain(
      `could not reach http://127.0.0.1:${port} (ECONNREFUSED), after 3 attempts`,
    );
    expect((error as Error).message).toContain("Is the emulator running?");
  });
});
