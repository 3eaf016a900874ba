import { FormData, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { expectError } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start();
});
afterAll(() => t.close());

describe("widget", () => {
  it("returns the embed config and serves an uploaded avatar", async () => {
    const { body: a } = await t.api("POST", "/agents", { name: "Widget" });
    const w = await t.api("GET", `/agents/${a.agent_id}/widget`);
    expect(w.body).toMatchObject({ agent_id: a.agent_id, config: { position: "bottom-right", avatar_url: null } });
    expect(w.body.widget_id).toMatch(/^widget_/);
    expect(w.body.embed_code).toContain(`data-agent-id='${a.agent_id}'`);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const form = new FormData();
    form.set("file", new Blob([png], { type: "image/png" }), "face.png");
    const up = await request(`${t.baseUrl}/agents/${a.agent_id}/widget/avatar`, {
      method: "POST",
      headers: { "xi-api-key": t.apiKey },
      body: form,
    });
    const upBody = (await up.body.json()) as { avatar_url: string };
    expect(up.statusCode).toBe(200);
    expect((await t.api("GET", `/agents/${a.agent_id}/widget`)).body.config.avatar_url).toBe(upBody.avatar_url);
    const img = await request(upBody.avatar_url, { headers: { "xi-api-key": t.apiKey } });
    expect(img.headers["content-type"]).toBe("image/png");
    expect(Buffer.from(await img.body.arrayBuffer())).toEqual(png);
    const txt = new FormData();
    txt.set("file", new Blob(["hello"], { type: "text/plain" }), "a.txt");
    const bad = await request(`${t.baseUrl}/agents/${a.agent_id}/widget/avatar`, {
      method: "POST",
      headers: { "xi-api-key": t.apiKey },
      body: txt,
    });
    expect(bad.statusCode).toBe(400);
    await bad.body.dump();
    expectError(
      await t.api("POST", `/agents/${a.agent_id}/widget/avatar`, "garbage", { "content-type": "multipart/form-data" }),
      400,
      "VALIDATION_ERROR",
    );
    expectError(await t.api("GET", "/agents/agent_none/widget"), 404, "NOT_FOUND");
  });
});

describe("workspace", () => {
  it("returns default settings and merges a PATCH into them", async () => {
    const get = await t.api("GET", "/workspace/settings");
    expect(get.body).toMatchObject({
      workspace_id: "ws_emulator",
      settings: { data_retention_days: 90, gdpr_compliant: true },
    });
    const patched = await t.api("PATCH", "/workspace/settings", {
      settings: { data_retention_days: 60, eu_data_residency: true, custom: 1 },
    });
    expect(patched.body.settings).toMatchObject({
      data_retention_days: 60,
      eu_data_residency: true,
      gdpr_compliant: true,
      custom: 1,
    });
    expect((await t.api("GET", "/workspace/settings")).body).toEqual(patched.body);
    expect(
      expectError(
        await t.api("PATCH", "/workspace/settings", { settings: { data_retention_days: "x" } }),
        400,
        "VALIDATION_ERROR",
      ).details.field,
    ).toBe("settings.data_retention_days");
  });

  it("creates, lists and deletes secrets without ever returning their values", async () => {
    const created = await t.api("POST", "/workspace/secrets", {
      name: "WEATHER_API_KEY",
      value: "super-secret-value",
      description: "d",
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "WEATHER_API_KEY", description: "d", last_used: null });
    expect(created.body.secret_id).toMatch(/^secret_/);
    const list = await t.api("GET", "/workspace/secrets");
    expect(list.body.secrets).toHaveLength(1);
    for (const res of [created, list]) expect(JSON.stringify(res.body)).not.toContain("super-secret-value");
    expect(
      expectError(
        await t.api("POST", "/workspace/secrets", { name: "WEATHER_API_KEY", value: "v" }),
        400,
        "VALIDATION_ERROR",
      ).details.field,
    ).toBe("name");
    expect(
      expectError(await t.api("POST", "/workspace/secrets", { name: "X" }), 400, "VALIDATION_ERROR").details.field,
    ).toBe("value");
    expect(
      expectError(await t.api("POST", "/workspace/secrets", { value: "v" }), 400, "VALIDATION_ERROR").details.field,
    ).toBe("name");
    expect((await t.api("DELETE", `/workspace/secrets/${created.body.secret_id}`)).status).toBe(200);
    expectError(await t.api("DELETE", `/workspace/secrets/${created.body.secret_id}`), 404, "NOT_FOUND");
  });
});
