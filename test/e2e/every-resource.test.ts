import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../support/test-emulator";
import { changedPaths } from "./harness/changed-paths";
import { expectCleanState } from "./harness/clean-state";
import { startStack } from "./harness/emulator";
import { changedSteps, type PulumiProject } from "./harness/pulumi-project";

const SECRET_VALUE = "sk-weather-0123456789-plaintext-must-not-leak";
const HEADER_VALUE = "Bearer header-token-must-not-leak-42";
const WEBHOOK_SECRET = "whsec-signing-secret-must-not-leak-7";
const NEW_WORKSPACE_HOOK_SECRET = "whsec-workspace-new-must-not-leak";
const OLD_WORKSPACE_HOOK_SECRET = "whsec-workspace-old-must-not-leak";

// One of each resource, with the fields the tests edit taken from stack config. The secret value,
// the secret header and the webhook signing secret are plain-text literals on purpose: the SDK, not
// the program, must make them secret.
const program = `
const pulumi = require("@pulumi/pulumi");
const el = require("pulumi-elevenlabs");
const cfg = new pulumi.Config();

const agent = new el.Agent("support", {
  name: "Support",
  // User data whose keys case conversion would change: the no-op preview proves they round-trip.
  metadata: { customer_id: "c-1", crmRef: "X" },
  conversationConfig: {
    agent: { firstMessage: "Hello!", language: "en", prompt: { prompt: cfg.require("prompt") } },
    tts: { voiceId: "21m00Tcm4TlvDq8ikWAM", voiceSettings: { stability: 0.5, similarityBoost: 0.75 } },
  },
  platformSettings: {
    auth: { enableAuth: false, allowedOrigins: ["https://example.com"] },
    // Port 9 (discard) on loopback: the emulator's deliveries fail quietly, nothing leaves the machine.
    webhook: { url: "http://127.0.0.1:9/hook", events: ["conversation.ended"], secret: "${WEBHOOK_SECRET}" },
  },
});
const tool = new el.Tool("weather", {
  type: "server",
  name: "get_weather",
  description: "Current weather",
  serverTool: {
    url: "https://api.example.com/weather/{location}",
    method: "GET",
    parameters: [{ name: "location", type: "string", description: "City", required: true, location: "path" }],
  },
  secretHeaders: { Authorization: "${HEADER_VALUE}" },
});
const doc = new el.KnowledgeBaseDocument("faq", { agentId: agent.agentId, name: "FAQ", text: "Opening hours are 9 to 5." });
const index = new el.AgentKnowledgeBaseIndex("faq-index", { agentId: agent.agentId, documentIds: [doc.documentId] });
const phone = new el.PhoneNumber("main-line", { agentId: agent.agentId, country: "US", areaCode: cfg.require("areaCode"), capabilities: { voice: true, sms: false } });
const widget = new el.Widget("widget", { agentId: agent.agentId, avatarPath: "avatar.png" });
const secret = new el.WorkspaceSecret("weather-key", { name: "WEATHER_API_KEY", value: "${SECRET_VALUE}" });
const settings = new el.WorkspaceSettings("settings", {
  settings: { dataRetentionDays: 30, webhook: { url: "http://127.0.0.1:9/workspace-hook", secret: "${NEW_WORKSPACE_HOOK_SECRET}" } },
});

exports.agentId = agent.agentId;
exports.toolId = tool.toolId;
exports.documentId = doc.documentId;
exports.phoneNumberId = phone.phoneNumberId;
exports.embedCode = widget.embedCode;
exports.secretId = secret.secretId;
`;

// 1x1 transparent PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

describe("a stack with one of each resource, through the real engine", () => {
  let emu: TestEmulator;
  let project: PulumiProject;
  let initialSettings: unknown;

  beforeAll(async () => {
    ({ emu, project } = await startStack("every-resource", program));
    // Set up in the dashboard before the stack existed: the stack's settings replace it, and
    // destroy must put it back. Its secret then sits in previousSettings, which must stay secret.
    await emu.api("PATCH", "/workspace/settings", {
      settings: { webhook: { url: "http://127.0.0.1:9/old-hook", secret: OLD_WORKSPACE_HOOK_SECRET } },
    });
    initialSettings = (await emu.api("GET", "/workspace/settings")).body.settings;
    writeFileSync(join(project.dir, "avatar.png"), PNG);
    await project.setConfig("prompt", "You are a helpful support agent.");
    await project.setConfig("areaCode", "415");
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("goes up and creates every object", async () => {
    await project.up();
    const out = await project.outputs();
    expect((await emu.api("GET", `/agents/${out.agentId}`)).status).toBe(200);
    expect((await emu.api("GET", `/tools/${out.toolId}`)).status).toBe(200);
    expect((await emu.api("GET", `/agents/${out.agentId}/knowledge-base/${out.documentId}`)).body.status).toBe("ready");
    expect((await emu.api("GET", `/phone-numbers/${out.phoneNumberId}`)).status).toBe(200);
    expect(String(out.embedCode)).toContain(String(out.agentId));
    expect((await emu.listAll("/workspace/secrets", "secrets")).map((s) => s.name)).toEqual(["WEATHER_API_KEY"]);
    expect((await emu.api("GET", "/workspace/settings")).body.settings.data_retention_days).toBe(30);
  });

  it("a second preview shows no changes and makes zero API calls", async () => {
    await emu.resetStats();
    expect(changedSteps(await project.preview())).toEqual([]);
    expect((await emu.stats()).total).toBe(0);
  });

  it("a refresh reads everything back as written: no drift from server defaults, server-set fields or user-map keys", async () => {
    const out = await project.outputs();
    expect((await emu.api("GET", `/agents/${out.agentId}`)).body.metadata).toMatchObject({
      customer_id: "c-1",
      crmRef: "X",
    });
    expect(changedSteps(await project.preview(["--refresh"]))).toEqual([]);
  });

  it("the state holds no secret in plain text and every __provider is a small shim", async () => {
    await expectCleanState(
      project,
      [SECRET_VALUE, HEADER_VALUE, WEBHOOK_SECRET, NEW_WORKSPACE_HOOK_SECRET, OLD_WORKSPACE_HOOK_SECRET, emu.apiKey],
      8,
    );
  });

  it("editing one nested field previews exactly that field as an update", async () => {
    await project.setConfig("prompt", "You are a terse support agent.");
    const steps = changedSteps(await project.preview());
    expect(steps.map((s) => [s.op, s.urn.split("::").pop()])).toEqual([["update", "support"]]);
    expect(changedPaths(steps[0]?.oldState?.inputs, steps[0]?.newState?.inputs)).toEqual([
      "conversationConfig.agent.prompt.prompt",
    ]);
    await project.up();
    const { agentId } = await project.outputs();
    const live = await emu.api("GET", `/agents/${agentId}`);
    expect(live.body.conversation_config.agent.prompt.prompt).toBe("You are a terse support agent.");
  });

  it("changing an immutable field previews a replacement", async () => {
    await project.setConfig("areaCode", "212");
    const steps = changedSteps(await project.preview());
    const ops = steps.filter((s) => s.urn.endsWith("::main-line")).map((s) => s.op);
    expect(ops).toContain("replace");
    await project.up();
    const { phoneNumberId } = await project.outputs();
    expect((await emu.api("GET", `/phone-numbers/${phoneNumberId}`)).body.area_code).toBe("212");
    expect(await emu.listAll("/phone-numbers", "phone_numbers")).toHaveLength(1);
  });

  it("an out-of-band edit shows in preview --refresh and up --refresh restores it", async () => {
    const { agentId } = await project.outputs();
    await emu.api("PATCH", `/agents/${agentId}`, {
      conversation_config: { agent: { prompt: { prompt: "Edited in the dashboard" } } },
    });
    const steps = changedSteps(await project.preview(["--refresh"])).filter((s) => s.op === "update");
    expect(steps.map((s) => s.urn.split("::").pop())).toEqual(["support"]);
    expect(changedPaths(steps[0]?.oldState?.inputs, steps[0]?.newState?.inputs)).toEqual([
      "conversationConfig.agent.prompt.prompt",
    ]);
    await project.up(["--refresh"]);
    const live = await emu.api("GET", `/agents/${agentId}`);
    expect(live.body.conversation_config.agent.prompt.prompt).toBe("You are a terse support agent.");
  });

  it("an object deleted out of band shows as gone on refresh, and the next up creates it again", async () => {
    const { toolId } = await project.outputs();
    await emu.api("DELETE", `/tools/${toolId}`);
    await project.refresh();
    const known = (await project.stackExport()).deployment.resources?.filter((r) => r.type.endsWith("elevenlabs:Tool"));
    expect(known).toEqual([]);
    const steps = changedSteps(await project.preview());
    expect(steps.map((s) => [s.op, s.urn.split("::").pop()])).toEqual([["create", "weather"]]);
    await project.up();
    const tools = await emu.listAll("/tools", "tools");
    expect(tools.map((t) => t.name)).toEqual(["get_weather"]);
    expect((await project.outputs()).toolId).toBe(tools[0]?.tool_id);
  });

  it("destroy leaves the emulator empty and the workspace settings as they were", async () => {
    await project.destroy();
    expect(await emu.listAll("/agents", "agents")).toEqual([]);
    expect(await emu.listAll("/tools", "tools")).toEqual([]);
    expect(await emu.listAll("/phone-numbers", "phone_numbers")).toEqual([]);
    expect(await emu.listAll("/workspace/secrets", "secrets")).toEqual([]);
    expect((await emu.api("GET", "/workspace/settings")).body.settings).toEqual(initialSettings);
  });
});
