/**
 * The Widget handler against a real emulator, in both API profiles: the avatar is uploaded when
 * its image changes, and delete touches nothing (the widget lives and dies with its agent).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { widgetHandler as h } from "../../../provider/handlers/widget";
import type { ProfileName } from "../../../provider/profiles/types";
import { FIXTURES } from "../../support/profile-fixtures";
import { checked, useEmulator } from "./harness";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const dir = mkdtempSync(join(tmpdir(), "widget-"));

/** Where each profile takes the avatar and serves it, and where the raw widget is read. */
const WIDGET_FIXTURES: {
  profile: ProfileName;
  avatarRoute: string;
  avatarPath: string;
  rawWidget(agentId: string): string;
}[] = [
  {
    profile: "seed",
    avatarRoute: "POST /v1/convai/agents/{agent_id}/widget/avatar",
    avatarPath: "/widget/avatar",
    rawWidget: (agentId) => `/agents/${agentId}/widget`,
  },
  {
    profile: "live",
    avatarRoute: "POST /v1/convai/agents/{agent_id}/avatar",
    avatarPath: "/avatar",
    rawWidget: (agentId) => `/agents/${agentId}`,
  },
];

describe.each(WIDGET_FIXTURES)("Widget handler ($profile API profile)", (wx) => {
  const fx = FIXTURES[wx.profile];
  const ctx = useEmulator(wx.profile);
  let agentId: string;
  beforeAll(async () => {
    agentId = await fx.makeAgentOutOfBand(ctx.emulator);
  });

  it("uploads the avatar, outputs the embed code, re-uploads only when the image hash changes", async () => {
    const avatar = join(dir, `avatar-${wx.profile}.png`);
    writeFileSync(avatar, PNG);
    const inputs = await checked(h, { ...fx.widget(agentId), avatarPath: avatar });
    await ctx.emulator.resetStats();
    const { id, outs } = await h.create(inputs);
    expect((await ctx.emulator.stats()).byRoute[wx.avatarRoute]).toBe(1);
    expect((outs as any).embedCode).toContain(agentId);
    const widget = (await ctx.emulator.api("GET", `/agents/${agentId}/widget`)).body;
    expect(JSON.stringify(widget)).toContain(`/agents/${agentId}${wx.avatarPath}`);
    expect(id).toBe((outs as any).widgetId);

    const read = await h.read(id, outs!);
    expect(read.inputs).toEqual(inputs);
    const same = await checked(h, { ...fx.widget(agentId), avatarPath: avatar });
    await ctx.emulator.resetStats();
    expect((await h.diff(id, read.props!, same)).changes).toBe(false);
    expect((await ctx.emulator.stats()).total).toBe(0);

    writeFileSync(avatar, Buffer.concat([PNG, Buffer.from([0])]));
    const changed = await checked(h, { ...fx.widget(agentId), avatarPath: avatar });
    expect(await h.diff(id, outs!, changed)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
    await ctx.emulator.resetStats();
    await h.update(id, outs!, changed);
    expect((await ctx.emulator.stats()).byRoute[wx.avatarRoute]).toBe(1);
  });

  it("delete removes nothing server-side and never fails", async () => {
    const inputs = await checked(h, fx.widget(agentId));
    const { id, outs } = await h.create(inputs);
    await ctx.emulator.resetStats();
    await h.delete(id, outs!);
    await h.delete(id, outs!);
    expect((await ctx.emulator.stats()).total).toBe(0);
    expect((await ctx.emulator.api("GET", wx.rawWidget(agentId))).status).toBe(200);
  });
});
