import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiError,
  ConversationClient,
  type ConversationClientOptions,
  ConversationRefusedError,
  type RecordedEvent,
} from "../../../provider/index";
import { createShopAgent, startShop } from "../../support/shop-agent";
import type { TestEmulator } from "../../support/test-emulator";

const SIGNED_URL_ROUTE = "GET /v1/convai/agents/{agent_id}/signed-url";
let t: TestEmulator;
let privateAgent: string;
let publicAgent: string;
/** A stand-in for the live service: only its signed-URL route, answering with the emulator's signed URL. */
let live: Server;
let liveUrl: string;
const liveRequests: { url?: string; apiKey?: string }[] = [];
/** Set to make the stand-in answer a signed URL whose token the emulator refuses. */
let tamper = false;
let lastSignedUrl = "";

beforeAll(async () => {
  ({ t, agentId: publicAgent } = await startShop());
  privateAgent = await createShopAgent(t, { platform_settings: { auth: { enable_auth: true } } });
  live = createServer(async (req, res) => {
    liveRequests.push({ url: req.url, apiKey: req.headers["xi-api-key"] as string | undefined });
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname !== "/v1/convai/conversation/get-signed-url") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ detail: "Not Found" }));
      return;
    }
    const agentId = url.searchParams.get("agent_id") ?? "";
    const signed = await request(`${t.baseUrl}/agents/${agentId}/signed-url`, {
      headers: { "xi-api-key": String(req.headers["xi-api-key"]) },
    });
    const body = (await signed.body.json()) as { signed_url: string };
    lastSignedUrl = tamper ? `${body.signed_url}x` : body.signed_url;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ signed_url: lastSignedUrl }));
  });
  await new Promise<void>((r) => live.listen(0, "127.0.0.1", r));
  liveUrl = `http://127.0.0.1:${(live.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => live.close(r));
});

/** A conversation with the private agent through the live stand-in's signed URL. */
const viaLive = (options: Partial<ConversationClientOptions> = {}) => {
  liveRequests.length = 0;
  return ConversationClient.connect({
    baseUrl: liveUrl,
    apiKey: t.apiKey,
    agentId: privateAgent,
    auth: "signed",
    profile: "live",
    ...options,
  });
};

const greeting = (client: ConversationClient) =>
  client.waitFor((e) => e.type === "agent_response", { timeoutMs: 10_000, description: "the greeting" });

/** Everything a caller could print or keep: the events and any error, serialized. */
const leaks = (key: string, events: readonly RecordedEvent[], error?: unknown) =>
  [JSON.stringify(events), String(error), (error as Error | undefined)?.stack ?? "", JSON.stringify(error) ?? ""].some(
    (text) => text.includes(key),
  );

describe("ConversationClient with a private agent", () => {
  it("auth auto: the public URL is refused, so it asks the contract's route for a signed URL and talks", async () => {
    const events: RecordedEvent[] = [];
    await t.resetStats();
    const client = await ConversationClient.connect({
      baseUrl: t.baseUrl,
      apiKey: t.apiKey,
      agentId: privateAgent,
      onEvent: (e) => events.push(e),
    });
    await greeting(client);
    await client.close();
    expect(leaks(t.apiKey, client.events)).toBe(false);
    expect(events).toEqual(client.events);
    expect((await t.stats()).byRoute[SIGNED_URL_ROUTE]).toBe(1);
  });

  it("auth signed goes straight to the signed URL", async () => {
    const client = await ConversationClient.connect({
      baseUrl: t.url,
      apiKey: t.apiKey,
      agentId: privateAgent,
      auth: "signed",
    });
    expect(client.conversationId).toMatch(/^conv_/);
    await client.close();
  });

  it("in the live profile it asks the live service's get-signed-url route, the agent id in the query and the key in the header only", async () => {
    const client = await viaLive();
    await greeting(client);
    await client.close();
    expect(liveRequests.map((r) => r.url)).toEqual([`/v1/convai/conversation/get-signed-url?agent_id=${privateAgent}`]);
    expect(liveRequests.every((r) => r.apiKey === t.apiKey && !r.url?.includes(t.apiKey))).toBe(true);
  });

  it("a signed URL the server refuses: 403, and neither the token nor the key in the error", async () => {
    tamper = true;
    try {
      const error = await viaLive().catch((e) => e);
      expect(error).toBeInstanceOf(ConversationRefusedError);
      expect(error.status).toBe(403);
      expect(error.message).toContain("its signed URL was refused");
      const token = new URL(lastSignedUrl).searchParams.get("token") as string;
      expect(token.length).toBeGreaterThan(8);
      expect(leaks(token, [], error)).toBe(false);
      expect(leaks(t.apiKey, [], error)).toBe(false);
    } finally {
      tamper = false;
    }
  });

  it("without a key: a refusal that names the agent and says how to connect", async () => {
    const error = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId: privateAgent }).catch((e) => e);
    expect(error).toBeInstanceOf(ConversationRefusedError);
    expect(error.status).toBe(401);
    expect(error.code).toBe("AUTHENTICATION_ERROR");
    expect(error.message).toContain(privateAgent);
    expect(error.message).toContain("give apiKey");
  });

  it("auth public with a key does not ask for a signed URL, and the refusal does not contain the key", async () => {
    const events: RecordedEvent[] = [];
    const error = await ConversationClient.connect({
      baseUrl: t.baseUrl,
      apiKey: t.apiKey,
      agentId: privateAgent,
      auth: "public",
      onEvent: (e) => events.push(e),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ConversationRefusedError);
    expect(error.status).toBe(401);
    expect(leaks(t.apiKey, events, error)).toBe(false);
  });

  it("a wrong key: the signed-URL request's API error, without the key", async () => {
    const wrongKey = "sk_wrong_key_0123456789";
    const error = await ConversationClient.connect({
      baseUrl: t.baseUrl,
      apiKey: wrongKey,
      agentId: privateAgent,
      auth: "signed",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(leaks(wrongKey, [], error)).toBe(false);
  });

  it("an unknown agent is refused with 404 naming it", async () => {
    const error = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId: "agent_doesnotexist00" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConversationRefusedError);
    expect(error.status).toBe(404);
    expect(error.message).toContain("agent_doesnotexist00");
  });

  it("a public agent with auth auto and a key needs no signed URL", async () => {
    await t.resetStats();
    const client = await ConversationClient.connect({ baseUrl: t.baseUrl, apiKey: t.apiKey, agentId: publicAgent });
    await client.close();
    expect((await t.stats()).byRoute[SIGNED_URL_ROUTE]).toBeUndefined();
  });
});
