/**
 * One program per API profile, for the suites that run against both (`describe.each(PROFILES)`):
 * the same resources written in each profile's shape, how to edit one field, and where to look
 * at the raw API object. The live inputs are the vendor's documented request bodies
 * (live-vs-seed.md §0 sources: create-agent, create-tool, import-phone-number), camelCased.
 */
import type { ProfileName } from "../../provider/profiles/types";

type Json = Record<string, any>;

export interface ProfileFixture {
  profile: ProfileName;
  agent: Json;
  tool: Json;
  /** A text document; `agentId` is the contract's owner (live documents belong to the workspace). */
  document(agentId: string): Json;
  /** The tool with its description changed (one field, wherever the profile keeps it). */
  editTool(tool: Json, description: string): Json;
  /** The tool's plain (not secret) headers in outputs. */
  plainHeaders(outs: Json): Json;
  /** A number the agent answers, and an edit of it that updates in place. */
  phoneNumber(agentId: string): Json;
  editPhoneNumber(number: Json): Json;
  /** The agent's widget. */
  widget(agentId: string): Json;
  /** Workspace settings to manage, and where the raw API keeps that value. */
  settings: Json;
  rawSetting(emu: { api(method: "GET", path: string): Promise<{ body: any }> }): Promise<unknown>;
  /** Whether a secret's new value is written in place (live) or replaces the secret (seed). */
  secretUpdatesInPlace: boolean;
  /**
   * An agent and a tool made outside the program (the dashboard), by raw API call; each answers
   * its id. Each is what `adopting` declares but for one field: the agent's name, the tool's
   * description.
   */
  makeAgentOutOfBand(emu: RawApi): Promise<string>;
  makeToolOutOfBand(emu: RawApi): Promise<string>;
  /** A workspace secret `name` made outside the program by raw API call; answers its id. */
  makeSecretOutOfBand(emu: RawApi, name: string): Promise<string>;
  /** The program's declarations of the objects made out of band, to adopt them. */
  adopting: { agent: Json; tool: Json };
  /** The tool's description in the raw API object. */
  rawToolDescription(raw: Json): unknown;
  /** Raw API paths (relative to /v1/convai). */
  paths: {
    agent(id: string): string;
    tool(id: string): string;
    document(id: string, agentId: string): string;
    phoneNumber(id: string): string;
    secrets: string;
  };
}

type RawApi = { api(method: "POST", path: string, body: unknown): Promise<{ body: any }> };

/** The dashboard's agent as a raw create body (the same in both profiles), and the program's. */
const DASHBOARD_AGENT = {
  name: "Dashboard agent",
  conversation_config: { agent: { first_message: "Hello!", prompt: { prompt: "You are helpful." } } },
};
const ADOPTING_AGENT = {
  name: "Support",
  conversationConfig: { agent: { firstMessage: "Hello!", prompt: { prompt: "You are helpful." } } },
};
const DASHBOARD_TOOL_DESCRIPTION = "Weather, as set up in the dashboard";

export const TWILIO_TOKEN = "twilio-auth-token-must-not-leak-3";

export const SECRET_HEADER = "Bearer tool-header-must-not-leak-7";

export const FIXTURES: Record<ProfileName, ProfileFixture> = {
  seed: {
    profile: "seed",
    agent: {
      name: "Support",
      conversationConfig: {
        agent: { firstMessage: "Hello!", language: "en", prompt: { prompt: "You are helpful." } },
        tts: { voiceId: "21m00Tcm4TlvDq8ikWAM", voiceSettings: { stability: 0.5, similarityBoost: 0.75 } },
      },
      platformSettings: { auth: { enableAuth: false, allowedOrigins: ["https://example.com"] } },
    },
    tool: {
      type: "server",
      name: "get_weather",
      description: "Current weather",
      serverTool: { url: "https://api.example.com/weather", method: "GET" },
      secretHeaders: { Authorization: SECRET_HEADER },
    },
    document: (agentId) => ({ agentId, name: "FAQ", text: "Opening hours are 9 to 5." }),
    editTool: (tool, description) => ({ ...tool, description }),
    plainHeaders: (outs) => outs.serverTool?.headers ?? {},
    phoneNumber: (agentId) => ({ agentId, country: "US", areaCode: "415", capabilities: { voice: true, sms: false } }),
    editPhoneNumber: (number) => ({ ...number, greetingMessage: "Thanks for calling." }),
    widget: (agentId) => ({ agentId }),
    makeAgentOutOfBand: async (emu) => (await emu.api("POST", "/agents", DASHBOARD_AGENT)).body.agent_id,
    makeToolOutOfBand: async (emu) =>
      (
        await emu.api("POST", "/tools", {
          type: "server",
          name: "get_weather",
          description: DASHBOARD_TOOL_DESCRIPTION,
          server_tool: { url: "https://api.example.com/weather", method: "GET" },
        })
      ).body.tool_id,
    makeSecretOutOfBand: async (emu, name) =>
      (await emu.api("POST", "/workspace/secrets", { name, value: "set-in-the-dashboard" })).body.secret_id,
    adopting: {
      agent: ADOPTING_AGENT,
      tool: {
        type: "server",
        name: "get_weather",
        description: "Current weather",
        serverTool: { url: "https://api.example.com/weather", method: "GET" },
      },
    },
    rawToolDescription: (raw) => raw.description,
    settings: { settings: { dataRetentionDays: 30 } },
    rawSetting: async (emu) => (await emu.api("GET", "/workspace/settings")).body.settings.data_retention_days,
    secretUpdatesInPlace: false,
    paths: {
      agent: (id) => `/agents/${id}`,
      tool: (id) => `/tools/${id}`,
      document: (id, agentId) => `/agents/${agentId}/knowledge-base/${id}`,
      phoneNumber: (id) => `/phone-numbers/${id}`,
      secrets: "/workspace/secrets",
    },
  },
  live: {
    profile: "live",
    // POST /v1/convai/agents/create (PY agents/raw_client.py create; PYT conversational_config.py…)
    agent: {
      name: "Support",
      conversationConfig: {
        agent: {
          firstMessage: "Hello!",
          language: "en",
          prompt: { prompt: "You are helpful.", llm: "gemini-2.0-flash", temperature: 0.2 },
        },
        asr: { quality: "high", provider: "elevenlabs", userInputAudioFormat: "pcm_16000" },
        tts: { voiceId: "21m00Tcm4TlvDq8ikWAM", modelId: "eleven_turbo_v2", stability: 0.5, similarityBoost: 0.8 },
        conversation: { maxDurationSeconds: 600 },
      },
      platformSettings: { auth: { enableAuth: false, allowlist: [{ hostname: "example.com" }] } },
      tags: ["support"],
    },
    // POST /v1/convai/tools (PYT tool_request_model.py, webhook_tool_api_schema_config_input.py)
    tool: {
      toolConfig: {
        type: "webhook",
        name: "get_weather",
        description: "Current weather",
        apiSchema: {
          url: "https://api.example.com/weather",
          method: "GET",
          queryParamsSchema: { properties: { city: { type: "string", description: "City name" } }, required: ["city"] },
        },
      },
      secretHeaders: { Authorization: SECRET_HEADER },
    },
    document: () => ({ name: "FAQ", text: "Opening hours are 9 to 5." }),
    editTool: (tool, description) => ({ ...tool, toolConfig: { ...tool.toolConfig, description } }),
    plainHeaders: (outs) => outs.toolConfig?.apiSchema?.requestHeaders ?? {},
    // POST /v1/convai/phone-numbers, provider "twilio" (phone_numbers_create_request_body.py)
    phoneNumber: (agentId) => ({
      provider: "twilio",
      phoneNumber: "+14155550100",
      label: "Main line",
      sid: "AC0123456789abcdef0123456789abcdef",
      token: TWILIO_TOKEN,
      agentId,
    }),
    editPhoneNumber: (number) => ({ ...number, label: "Support line" }),
    // platform_settings.widget (PYT widget_config.py)
    widget: (agentId) => ({
      agentId,
      config: { variant: "compact", placement: "bottom-right", textInputEnabled: true },
    }),
    makeAgentOutOfBand: async (emu) => (await emu.api("POST", "/agents/create", DASHBOARD_AGENT)).body.agent_id,
    makeToolOutOfBand: async (emu) =>
      (
        await emu.api("POST", "/tools", {
          tool_config: {
            type: "webhook",
            name: "get_weather",
            description: DASHBOARD_TOOL_DESCRIPTION,
            api_schema: { url: "https://api.example.com/weather", method: "GET" },
          },
        })
      ).body.id,
    makeSecretOutOfBand: async (emu, name) =>
      (await emu.api("POST", "/secrets", { type: "new", name, value: "set-in-the-dashboard" })).body.secret_id,
    adopting: {
      agent: ADOPTING_AGENT,
      tool: {
        toolConfig: {
          type: "webhook",
          name: "get_weather",
          description: "Current weather",
          apiSchema: { url: "https://api.example.com/weather", method: "GET" },
        },
      },
    },
    rawToolDescription: (raw) => raw.tool_config?.description,
    // PATCH /v1/convai/settings (PYT get_conv_ai_settings_response_model.py), wrapped in `settings`
    settings: { settings: { ragRetentionPeriodDays: 20 } },
    rawSetting: async (emu) => (await emu.api("GET", "/settings")).body.rag_retention_period_days,
    secretUpdatesInPlace: true,
    paths: {
      agent: (id) => `/agents/${id}`,
      tool: (id) => `/tools/${id}`,
      document: (id) => `/knowledge-base/${id}`,
      phoneNumber: (id) => `/phone-numbers/${id}`,
      secrets: "/secrets",
    },
  },
};

export const PROFILES = [FIXTURES.seed, FIXTURES.live];

/**
 * A program with an agent that calls a tool and uses a knowledge-base document, in the profile's
 * shape; the prompt comes from stack config `prompt` (the field the tests edit). The contract's
 * document belongs to the agent; the live document to the workspace, listed by the agent.
 */
export function e2eProgram(fx: ProfileFixture): string {
  const agent = JSON.stringify(fx.agent);
  const live = fx.profile === "live";
  return `
const pulumi = require("@pulumi/pulumi");
const el = require("pulumi-elevenlabs");
const cfg = new pulumi.Config();
const base = ${agent};
const tool = new el.Tool("weather", ${JSON.stringify(fx.tool)});
${live ? `const doc = new el.KnowledgeBaseDocument("faq", ${JSON.stringify(fx.document(""))});` : ""}
const prompt = {
  ...base.conversationConfig.agent.prompt,
  prompt: cfg.require("prompt"),
  toolIds: [tool.toolId],
  ${live ? `knowledgeBase: [{ type: "text", name: "FAQ", id: doc.documentId, usageMode: "auto" }],` : ""}
};
const agent = new el.Agent("support", {
  ...base,
  conversationConfig: { ...base.conversationConfig, agent: { ...base.conversationConfig.agent, prompt } },
});
${live ? "" : `const doc = new el.KnowledgeBaseDocument("faq", { agentId: agent.agentId, name: "FAQ", text: "Opening hours are 9 to 5." });`}
const phone = new el.PhoneNumber("main-line", ${withAgent(fx.phoneNumber(AGENT))});
const widget = new el.Widget("widget", ${withAgent(fx.widget(AGENT))});
const secret = new el.WorkspaceSecret("weather-key", { name: "WEATHER_API_KEY", value: "${SECRET_VALUE}" });
new el.WorkspaceSettings("settings", ${JSON.stringify(fx.settings)});
exports.agentId = agent.agentId;
exports.toolId = tool.toolId;
exports.documentId = doc.documentId;
exports.phoneNumberId = phone.phoneNumberId;
exports.embedCode = widget.embedCode;
exports.secretId = secret.secretId;
`;
}

const AGENT = "__AGENT_ID__";
export const SECRET_VALUE = "sk-weather-secret-value-must-not-leak-9";

/** Inputs as program source, the agent's id taken from the agent resource. */
const withAgent = (inputs: Json) => JSON.stringify(inputs).replace(`"${AGENT}"`, "agent.agentId");
