import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { waitFor } from "../support/wait-for";
import { startReceiver } from "./helpers";

let t: TestEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const failFirst = new Set<string>();

beforeAll(async () => {
  t = await TestEmulator.start({
    webhookSecret: "server-secret",
    webhookRetryBaseMs: 50,
    conversationStepMs: 30,
    kbProcessingDelayMs: 30,
  });
  receiver = await startReceiver((req) => {
    // The first delivery of an event whose path is marked fails with 500.
    const key = `${req.path}:${req.headers["x-elevenlabs-delivery"]}`;
    if (req.path.startsWith("/flaky") && !failFirst.has(key)) {
      failFirst.add(key);
      return { status: 500 };
    }
    return { status: 200 };
  });
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

const sign = (body: string, secret: string) => createHmac("sha256", secret).update(body).digest("hex");
const events = (path: string, event: string) =>
  receiver.received.filter((r) => r.path === path && JSON.parse(r.body).event === event);

describe("webhooks", () => {
  it("delivers agent.updated to the agent's webhook, signed with its own secret", async () => {
    const { body: a } = await t.api("POST", "/agents", {
      name: "Hooked",
      platform_settings: {
        webhook: { url: `${receiver.url}/agent`, events: ["agent.updated"], secret: "agent-secret" },
      },
    });
    await t.api("PATCH", `/agents/${a.agent_id}`, { name: "Renamed" });
    const [hit] = await waitFor(() =>
      events("/agent", "agent.updated").length ? events("/agent", "agent.updated") : undefined,
    );
    const payload = JSON.parse(hit!.body);
    expect(payload.data).toMatchObject({ agent_id: a.agent_id, changed_fields: ["name"] });
    expect(new Date(payload.timestamp).toISOString()).toBe(payload.timestamp);
    expect(hit!.headers["x-elevenlabs-signature"]).toBe(sign(hit!.body, "agent-secret"));
    expect(hit!.headers["content-type"]).toBe("application/json");
  });

  it("retries after a failing first attempt, with the same body and signature", async () => {
    const { body: a } = await t.api("POST", "/agents", {
      name: "Flaky",
      platform_settings: { webhook: { url: `${receiver.url}/flaky` } },
    });
    await t.api("PATCH", `/agents/${a.agent_id}`, { is_active: false });
    const hits = await waitFor(() => {
      const h = receiver.received.filter((r) => r.path === "/flaky");
      return h.length >= 2 ? h : undefined;
    });
    expect(hits[0]!.body).toBe(hits[1]!.body);
    expect(hits[1]!.headers["x-elevenlabs-signature"]).toBe(sign(hits[1]!.body, "server-secret"));
    expect(hits[0]!.headers["x-elevenlabs-delivery"]).toBe(hits[1]!.headers["x-elevenlabs-delivery"]);
  });

  it("sends conversation, knowledge-base and tool events to the workspace webhook", async () => {
    await t.api("PATCH", "/workspace/settings", {
      settings: { webhook: { url: `${receiver.url}/workspace`, secret: "ws-secret" } },
    });
    const { body: a } = await t.api("POST", "/agents", { name: "Busy" });
    const { body: tool } = await t.api("POST", "/tools", { type: "client", name: "wave" });
    const { body: conv } = await t.api("POST", "/conversations/outbound-call", {
      agent_id: a.agent_id,
      to_number: "+14155550000",
    });
    const { body: doc } = await t.api("POST", `/agents/${a.agent_id}/knowledge-base/text`, { name: "n", text: "t" });
    const call = await t.api("POST", "/_emulator/tool-calls", {
      agent_id: a.agent_id,
      tool_id: tool.tool_id,
      conversation_id: conv.conversation_id,
      parameters: { hand: "left" },
    });
    expect(call.body).toMatchObject({ tool_name: "wave", parameters: { hand: "left" } });
    for (const event of ["conversation.started", "conversation.ended", "knowledge_base.updated", "tool.called"]) {
      const [hit] = await waitFor(() => (events("/workspace", event).length ? events("/workspace", event) : undefined));
      expect(hit!.headers["x-elevenlabs-signature"]).toBe(sign(hit!.body, "ws-secret"));
    }
    expect(JSON.parse(events("/workspace", "conversation.ended")[0]!.body).data).toMatchObject({
      conversation_id: conv.conversation_id,
      agent_id: a.agent_id,
    });
    expect(JSON.parse(events("/workspace", "knowledge_base.updated")[0]!.body).data).toMatchObject({
      document_id: doc.document_id,
      status: "ready",
    });
    expect(JSON.parse(events("/workspace", "tool.called")[0]!.body).data).toMatchObject({
      tool_id: tool.tool_id,
      conversation_id: conv.conversation_id,
    });
  });

  it("never blocks the API on a delivery: the answer comes while the receiver still holds the webhook", async () => {
    // A receiver that takes the request and never answers it.
    const held: Socket[] = [];
    const hanging = createServer((req: IncomingMessage) => held.push(req.socket));
    await new Promise<void>((r) => hanging.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`;
      const { body: a } = await t.api("POST", "/agents", {
        name: "Slow hook",
        platform_settings: { webhook: { url } },
      });
      // A delivery awaited inside the request would hang here, or end with the client giving up.
      expect((await t.api("PATCH", `/agents/${a.agent_id}`, { name: "x" })).status).toBe(200);
      await waitFor(() => held.length > 0);
      expect(held[0]?.destroyed).toBe(false);
    } finally {
      hanging.closeAllConnections();
      await new Promise((r) => hanging.close(r));
    }
  });
});
