import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { widgetHandler as h } from "../../../provider/handlers/widget";
import { checked, useEmulator } from "./harness";

const ctx = useEmulator();
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const dir = mkdtempSync(join(tmpdir(), "widget-"));
let agentId: string;

beforeAll(async () => {
  agentId = (await ctx.emulator.api("POST", "/agents", { name: "W" })).body.agent_id;
});

describe("Widget handler", () => {
  it("uploads the avatar, outputs the embed code, re-uploads only when the image hash changes", async () => {
    const avatar = join(dir, "avatar.png");
    writeFileSync(avatar, PNG);
    const inputs = await checked(h, { agentId, avatarPath: avatar });
    await ctx.emulator.resetStats();
    const { id, outs } = await h.create(inputs);
    expect((await ctx.emulator.stats()).byRoute["POST /v1/convai/agents/{agent_id}/widget/avatar"]).toBe(1);
    expect((outs as any).embedCode).toContain(agentId);
    expect((outs as any).config.avatarUrl).toContain("/widget/avatar");
    expect(id).toBe((outs as any).widgetId);

    const read = await h.read(id, outs!);
    expect(read.inputs).toEqual(inputs);
    expect((await h.diff(id, read.props!, await checked(h, { agentId, avatarPath: avatar }))).changes).toBe(false);

    writeFileSync(avatar, Buffer.concat([PNG, Buffer.from([0])]));
    const changed = await checked(h, { agentId, avatarPath: avatar });
    expect(await h.diff(id, outs!, changed)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
    await ctx.emulator.resetStats();
    await h.update(id, outs!, changed);
    expect((await ctx.emulator.stats()).byRoute["POST /v1/convai/agents/{agent_id}/widget/avatar"]).toBe(1);
  });

  it("delete removes nothing server-side and never fails", async () => {
    const inputs = await checked(h, { agentId });
    const { id, outs } = await h.create(inputs);
    await ctx.emulator.resetStats();
    await h.delete(id, outs!);
    expect((await ctx.emulator.stats()).total).toBe(0);
    expect((await ctx.emulator.api("GET", `/agents/${agentId}/widget`)).status).toBe(200);
  });
});
