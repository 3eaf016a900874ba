import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { expectError } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start();
});
afterAll(() => t.close());

describe("agents", () => {
  it("creates an agent with a server-set id, timestamps and documented defaults, keeping unknown fields", async () => {
    const res = await t.api("POST", "/agents", {
      name: "Support",
      conversation_config: { agent: { prompt: { prompt: "Be kind" } } },
      custom_field: { nested: [1, 2] },
    });
    expect(res.status).toBe(200);
    const a = res.body;
    expect(a.agent_id).toMatch(/^agent_[a-z0-9]{16}$/);
    expect(new Date(a.created_at).toISOString()).toBe(a.created_at);
    expect(a.updated_at).toBe(a.created_at);
    expect(a.custom_field).toEqual({ nested: [1, 2] });
    expect(a.conversation_config.agent.prompt.prompt).toBe("Be kind");
    expect(a.conversation_config.agent.language).toBe("en");
    expect(a.conversation_config.conversation.max_duration_seconds).toBe(600);
    expect(a.platform_settings.auth.enable_auth).toBe(false);
    expect(a).toMatchObject({ is_public: false, is_active: true });
  });

  it("keeps values the client sent over defaults", async () => {
    const res = await t.api("POST", "/agents", {
      name: "Spanish",
      conversation_config: { agent: { language: "es" }, conversation: { max_duration_seconds: 120 } },
    });
    expect(res.body.conversation_config.agent.language).toBe("es");
    expect(res.body.conversation_config.conversation.max_duration_seconds).toBe(120);
  });

  it("gets, lists (summary fields) and deletes an agent; the deleted agent is then 404", async () => {
    const { body: created } = await t.api("POST", "/agents", { name: "Short-lived" });
    expect((await t.api("GET", `/agents/${created.agent_id}`)).body).toEqual(created);
    const list = await t.api("GET", "/agents?page_size=100");
    const summary = list.body.agents.find((a: { agent_id: string }) => a.agent_id === created.agent_id);
    expect(Object.keys(summary).sort()).toEqual([
      "agent_id",
      "created_at",
      "is_active",
      "is_public",
      "name",
      "updated_at",
    ]);
    const del = await t.api("DELETE", `/agents/${created.agent_id}`);
    expect(del.body).toEqual({ message: "Agent deleted successfully", agent_id: created.agent_id });
    expectError(await t.api("GET", `/agents/${created.agent_id}`), 404, "NOT_FOUND");
    expectError(await t.api("DELETE", `/agents/${created.agent_id}`), 404, "NOT_FOUND");
    expectError(await t.api("PATCH", `/agents/${created.agent_id}`, { name: "x" }), 404, "NOT_FOUND");
  });

  it("returns a signed URL to the conversation socket of this server, expiring in 15 minutes", async () => {
    const { body: a } = await t.api("POST", "/agents", { name: "Signed" });
    const before = Date.now();
    const res = await t.api("GET", `/agents/${a.agent_id}/signed-url`);
    expect(res.status).toBe(200);
    const url = new URL(res.body.signed_url);
    expect(`${url.protocol}//${url.host}`).toBe(t.url.replace("http:", "ws:"));
    expect(url.pathname).toBe("/v1/convai/conversation");
    expect(url.searchParams.get("agent_id")).toBe(a.agent_id);
    // `<expiry in epoch seconds>.<base64url HMAC-SHA256>`, the expiry the one the body states.
    const expiry = Date.parse(res.body.expires_at) / 1000;
    expect(url.searchParams.get("token")).toMatch(new RegExp(`^${expiry}\\.[A-Za-z0-9_-]{43}$`));
    const ttl = Date.parse(res.body.expires_at) - before;
    expect(ttl).toBeGreaterThan(890_000);
    expect(ttl).toBeLessThanOrEqual(900_000);
    expectError(await t.api("GET", "/agents/agent_missing/signed-url"), 404, "NOT_FOUND");
  });

  it("rejects a missing name and wrong nested types with the field path", async () => {
    const missing = expectError(await t.api("POST", "/agents", {}), 400, "VALIDATION_ERROR");
    const required = { field: "name", issue: "is required (expected string)" };
    expect(missing.details).toEqual({ ...required, errors: [required] });
    const wrong = expectError(
      await t.api("POST", "/agents", { name: "x", conversation_config: { agent: { prompt: { prompt: 42 } } } }),
      400,
      "VALIDATION_ERROR",
    );
    expect(wrong.details.field).toBe("conversation_config.agent.prompt.prompt");
    expect(wrong.details.issue).toMatch(/expected string/);
    const webhook = expectError(
      await t.api("POST", "/agents", { name: "x", platform_settings: { webhook: { url: "not a url" } } }),
      400,
      "VALIDATION_ERROR",
    );
    expect(webhook.details.field).toBe("platform_settings.webhook.url");
  });
});
