/**
 * The same stack in both API profiles, through the real engine: each profile's program
 * (test/support/profile-fixtures.ts; the live one written from the vendor's request bodies) goes
 * up, previews no change a second time with zero API calls, reads back with no drift, updates
 * one field, and is destroyed. A program of one profile against an emulator of the other fails
 * before any object is made, with a message that names the profile mismatch.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eProgram, FIXTURES, PROFILES, SECRET_HEADER, SECRET_VALUE, TWILIO_TOKEN } from "../support/profile-fixtures";
import type { TestEmulator } from "../support/test-emulator";
import { changedPaths } from "./harness/changed-paths";
import { expectCleanState } from "./harness/clean-state";
import { startStack } from "./harness/emulator";
import { changedSteps, type PulumiProject } from "./harness/pulumi-project";

describe.each(PROFILES)("a stack in the $profile API profile, through the real engine", (fx) => {
  let emu: TestEmulator;
  let project: PulumiProject;
  let settingBefore: unknown;

  beforeAll(async () => {
    ({ emu, project } = await startStack(`profile-${fx.profile}`, e2eProgram(fx), { profile: fx.profile }));
    settingBefore = await fx.rawSetting(emu);
    await project.setConfig("prompt", "You are a helpful support agent.");
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("goes up: the agent calls the tool and uses the document", async () => {
    const { stdout } = await project.up();
    expect(stdout).toContain(`speaking the "${fx.profile}" API profile`);
    const out = await project.outputs();
    const agent = (await emu.api("GET", fx.paths.agent(String(out.agentId)))).body;
    expect(agent.conversation_config.agent.prompt.tool_ids).toEqual([out.toolId]);
    expect((await emu.api("GET", fx.paths.tool(String(out.toolId)))).status).toBe(200);
    const doc = await emu.api("GET", fx.paths.document(String(out.documentId), String(out.agentId)));
    expect(doc.status).toBe(200);
    if (fx.profile === "live") expect(agent.conversation_config.agent.prompt.knowledge_base[0].id).toBe(out.documentId);
    expect((await emu.api("GET", fx.paths.phoneNumber(String(out.phoneNumberId)))).status).toBe(200);
    expect(String(out.embedCode)).toContain(String(out.agentId));
    expect((await emu.listAll(fx.paths.secrets, "secrets")).map((s) => s.name)).toEqual(["WEATHER_API_KEY"]);
    expect(await fx.rawSetting(emu)).toBe(Object.values(fx.settings.settings)[0]);
  });

  it("a second preview shows no changes and makes zero API calls", async () => {
    await emu.resetStats();
    expect(changedSteps(await project.preview())).toEqual([]);
    expect((await emu.stats()).total).toBe(0);
  });

  it("a refresh reads everything back as written: no drift from server defaults or server-set fields", async () => {
    expect(changedSteps(await project.preview(["--refresh"]))).toEqual([]);
  });

  it("the state holds no secret in plain text: header, secret value, Twilio token, API key", async () => {
    await expectCleanState(project, [SECRET_HEADER, SECRET_VALUE, TWILIO_TOKEN, emu.apiKey], 7);
  });

  it("editing the prompt previews exactly that field, and up writes it", async () => {
    await project.setConfig("prompt", "You are a terse support agent.");
    const steps = changedSteps(await project.preview());
    expect(steps.map((s) => [s.op, s.urn.split("::").pop()])).toEqual([["update", "support"]]);
    expect(changedPaths(steps[0]?.oldState?.inputs, steps[0]?.newState?.inputs)).toEqual([
      "conversationConfig.agent.prompt.prompt",
    ]);
    await project.up();
    const { agentId, toolId } = await project.outputs();
    const live = (await emu.api("GET", fx.paths.agent(String(agentId)))).body;
    expect(live.conversation_config.agent.prompt).toMatchObject({
      prompt: "You are a terse support agent.",
      tool_ids: [toolId],
    });
    expect(changedSteps(await project.preview(["--refresh"]))).toEqual([]);
  });

  it("an out-of-band edit shows in preview --refresh as exactly that field, and up --refresh restores it", async () => {
    const { agentId } = await project.outputs();
    const live = (await emu.api("GET", fx.paths.agent(String(agentId)))).body;
    // What a dashboard edit sends: the whole conversation_config back with one field changed.
    const conversationConfig = structuredClone(live.conversation_config);
    conversationConfig.agent.prompt.prompt = "Edited in the dashboard";
    if (fx.profile === "live") delete conversationConfig.agent.prompt.tools;
    await emu.api("PATCH", fx.paths.agent(String(agentId)), { conversation_config: conversationConfig });
    const steps = changedSteps(await project.preview(["--refresh"])).filter((s) => s.op === "update");
    expect(steps.map((s) => s.urn.split("::").pop())).toEqual(["support"]);
    expect(changedPaths(steps[0]?.oldState?.inputs, steps[0]?.newState?.inputs)).toEqual([
      "conversationConfig.agent.prompt.prompt",
    ]);
    await project.up(["--refresh"]);
    const after = (await emu.api("GET", fx.paths.agent(String(agentId)))).body;
    expect(after.conversation_config.agent.prompt.prompt).toBe("You are a terse support agent.");
  });

  it("an object deleted out of band shows as gone on refresh, and the next up creates it again", async () => {
    const { phoneNumberId } = await project.outputs();
    await emu.api("DELETE", fx.paths.phoneNumber(String(phoneNumberId)));
    await project.refresh();
    const known = (await project.stackExport()).deployment.resources?.filter((r) => r.type.endsWith(":PhoneNumber"));
    expect(known).toEqual([]);
    expect(changedSteps(await project.preview()).map((s) => [s.op, s.urn.split("::").pop()])).toEqual([
      ["create", "main-line"],
    ]);
    await project.up();
    const numbers = await emu.listAll("/phone-numbers", "phone_numbers");
    expect(numbers.map((n) => n.phone_number_id)).toEqual([(await project.outputs()).phoneNumberId]);
  });

  it("destroy leaves the emulator empty and the workspace settings as they were", async () => {
    await project.destroy();
    expect(await emu.listAll("/agents", "agents")).toEqual([]);
    expect(await emu.listAll("/tools", "tools")).toEqual([]);
    expect(await emu.listAll("/phone-numbers", "phone_numbers")).toEqual([]);
    expect(await emu.listAll(fx.paths.secrets, "secrets")).toEqual([]);
    expect(await fx.rawSetting(emu)).toBe(settingBefore);
    if (fx.profile === "live") expect(await emu.listAll("/knowledge-base", "documents")).toEqual([]);
  });
});

describe("a program written for one API profile, run against an emulator of the other", () => {
  it("live-shaped against a seed emulator: preview fails at check naming the profiles, with zero API calls", async () => {
    const { emu, project } = await startStack("live-on-seed", e2eProgram(FIXTURES.live));
    try {
      await project.setConfig("prompt", "hi");
      const result = await project.pulumi(["preview"], { allowFailure: true });
      expect(result.code).not.toBe(0);
      const output = result.stdout + result.stderr;
      // The first resource checked stops the preview: either the tool or the (agent-less) document.
      expect(output).toMatch(
        /is the live API's shape of Tool, but this stack speaks the seed API profile|agentId: is required \(expected a string\) \(that is the live API's shape/,
      );
      expect(output).toMatch(/set elevenlabs:apiProfile (\(or ELEVENLABS_API_PROFILE\) )?to "live"/);
      expect((await emu.stats()).total).toBe(0);
    } finally {
      await emu.close();
    }
  });

  it("seed-shaped against a live emulator with apiProfile live: preview fails at check naming the profiles", async () => {
    const { emu, project } = await startStack("seed-on-live", e2eProgram(FIXTURES.seed), { profile: "live" });
    try {
      await project.setConfig("prompt", "hi");
      const result = await project.pulumi(["preview"], { allowFailure: true });
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toContain(
        "is the seed API's shape of Tool, but this stack speaks the live API profile",
      );
      expect((await emu.stats()).total).toBe(0);
    } finally {
      await emu.close();
    }
  });

  it("seed-shaped against a live emulator left on the host default (seed): up stops at the first call, naming the mismatch", async () => {
    const { emu, project } = await startStack("seed-default-on-live", e2eProgram(FIXTURES.seed), { profile: "live" });
    try {
      await project.pulumi(["config", "rm", "elevenlabs:apiProfile"]);
      await project.setConfig("prompt", "hi");
      const result = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
      expect(result.code).not.toBe(0);
      const output = result.stdout + result.stderr;
      expect(output).toContain("in the live API's error format");
      expect(output).toContain('elevenlabs:apiProfile (or ELEVENLABS_API_PROFILE) to "live"');
      expect(await emu.listAll("/agents", "agents")).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});
