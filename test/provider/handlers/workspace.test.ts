/**
 * Workspace secrets and settings against a real emulator: a taken secret name in both API
 * profiles, then the contract's own behaviours (create-only secrets, metadata recovery, settings).
 */
import { describe, expect, it } from "vitest";
import { workspaceSecretHandler as secrets } from "../../../provider/handlers/workspace-secret";
import { workspaceSettingsHandler as settings } from "../../../provider/handlers/workspace-settings";
import { PROFILES } from "../../support/profile-fixtures";
import { checked, token, useEmulator } from "./harness";

const VALUE = "sk-plaintext-value-that-must-stay-in-value-only";

describe.each(PROFILES)("WorkspaceSecret handler ($profile API profile)", (fx) => {
  const ctx = useEmulator(fx.profile);
  const path = fx.paths.secrets;

  it("a name taken by a secret this stack did not create stops the create, naming it and adoptId", async () => {
    // Made in the dashboard or by another stack before this provider process started (so first
    // in this block, before the process lists secrets): no creation token of ours.
    const secret_id = await fx.makeSecretOutOfBand(ctx.emulator, "SHARED_KEY");
    await ctx.emulator.resetStats();
    const inputs = await checked(secrets, { name: "SHARED_KEY", value: VALUE, creationToken: token("s") });
    await expect(secrets.create(inputs)).rejects.toMatchObject({
      code: "ALREADY_EXISTS",
      message: expect.stringContaining(`adoptId: "${secret_id}"`),
    });
    expect((await ctx.emulator.stats()).byRoute[`POST /v1/convai${path}`]).toBeUndefined();
    // Nothing was taken over or replaced.
    const named = (await ctx.emulator.listAll(path, "secrets")).filter((s) => s.name === "SHARED_KEY");
    expect(named.map((s) => s.secret_id)).toEqual([secret_id]);
    const adopted = await secrets.create(await checked(secrets, { ...inputs, adoptId: secret_id }));
    expect(adopted.id).toBe(secret_id);
  });
});

describe("WorkspaceSecret handler, seed API profile (create-only secrets, creation token in metadata)", () => {
  const ctx = useEmulator("seed");

  it("creates, reads from the list, keeps the value only under `value`, and any change replaces", async () => {
    const inputs = await checked(secrets, {
      name: "WEATHER_KEY",
      value: VALUE,
      description: "d",
      creationToken: token("s"),
    });
    const { id, outs } = await secrets.create(inputs);
    expect((outs as any).secretId).toBe(id);
    expect(JSON.stringify({ ...(outs as any), value: undefined })).not.toContain(VALUE);
    const listed = (await ctx.emulator.api("GET", "/workspace/secrets")).body.secrets;
    expect(JSON.stringify(listed)).not.toContain(VALUE);

    const read = await secrets.read(id, outs!);
    expect(read.inputs).toEqual(inputs);
    expect((await secrets.diff(id, read.props!, inputs)).changes).toBe(false);
    expect((await secrets.diff(id, outs!, { ...inputs, value: "other" })).replaces).toEqual(["value"]);
    await secrets.delete(id, outs!);
    expect(await secrets.read(id, outs!)).toEqual({});
    await secrets.delete(id, outs!);
  });

  it("a repeated create with the same token leaves exactly one secret of that name", async () => {
    const inputs = await checked(secrets, { name: "ONCE", value: VALUE, creationToken: token("s") });
    await secrets.create(inputs);
    const second = await secrets.create(inputs);
    const named = (await ctx.emulator.api("GET", "/workspace/secrets")).body.secrets.filter(
      (s: any) => s.name === "ONCE",
    );
    expect(named.map((s: any) => s.secret_id)).toEqual([second.id]);
  });
});

describe("WorkspaceSettings handler, seed API profile (the contract's settings)", () => {
  const ctx = useEmulator("seed");

  it("patches only managed keys, and delete restores what was there before (removing keys it added)", async () => {
    const before = (await ctx.emulator.api("GET", "/workspace/settings")).body.settings;
    const inputs = await checked(settings, {
      settings: { dataRetentionDays: 30, customKnob: "on", defaultVoiceSettings: { stability: 0.9 } },
    });
    const { id, outs } = await settings.create(inputs);
    expect((outs as any).previousSettings).toEqual({
      dataRetentionDays: before.data_retention_days,
      customKnob: null,
      defaultVoiceSettings: { stability: before.default_voice_settings.stability },
    });
    let live = (await ctx.emulator.api("GET", "/workspace/settings")).body.settings;
    expect([live.data_retention_days, live.custom_knob, live.default_voice_settings]).toEqual([
      30,
      "on",
      { ...before.default_voice_settings, stability: 0.9 },
    ]);

    const read = await settings.read(id, outs!);
    expect(read.inputs).toEqual(inputs);
    expect((await settings.diff(id, read.props!, inputs)).changes).toBe(false);

    // Stop managing customKnob, start managing gdprCompliant.
    const news = await checked(settings, {
      settings: { dataRetentionDays: 45, gdprCompliant: false, defaultVoiceSettings: { stability: 0.9 } },
    });
    const { outs: after } = await settings.update(id, read.props!, news);
    live = (await ctx.emulator.api("GET", "/workspace/settings")).body.settings;
    expect(live.custom_knob).toBeUndefined();
    expect([live.data_retention_days, live.gdpr_compliant]).toEqual([45, false]);
    expect((after as any).previousSettings).toEqual({
      dataRetentionDays: before.data_retention_days,
      gdprCompliant: before.gdpr_compliant,
      defaultVoiceSettings: { stability: before.default_voice_settings.stability },
    });

    await settings.delete(id, after!);
    expect((await ctx.emulator.api("GET", "/workspace/settings")).body.settings).toEqual(before);
  });
});
