import type { TestEmulator } from "./test-emulator";
import { waitFor } from "./wait-for";

/** Secret values the seeded workspace holds: pulled files must refer to them, never contain them. */
export const SEEDED_SECRETS = {
  weatherAuthorization: "Bearer seeded-weather-token-must-not-leak",
  agentWebhookSecret: "whsec-seeded-agent-must-not-leak",
  workspaceWebhookSecret: "whsec-seeded-workspace-must-not-leak",
  weatherApiKey: "seeded-weather-api-key-must-not-leak",
};

async function created(emu: TestEmulator, path: string, body: unknown, method: "POST" | "PATCH" = "POST") {
  const res = await emu.api(method, path, body);
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A workspace built by hand through the raw API, as someone clicking in the dashboard would: one
 * or more of every kind, nested config, fields no model names, user-keyed maps, secrets, and two
 * agents with the same name.
 */
export async function seedWorkspace(emu: TestEmulator) {
  const weather = await created(emu, "/tools", {
    type: "server",
    name: "get_weather",
    description: "Current weather",
    server_tool: {
      url: "https://api.example.com/weather/{city}",
      method: "GET",
      headers: { "Content-Type": "application/json", Authorization: SEEDED_SECRETS.weatherAuthorization },
      parameters: [{ name: "city", type: "string", required: true, location: "path", description: "City" }],
      response_schema: { type: "object", properties: { tempC: { type: "number" } } },
    },
    future_tool_setting: { retry_policy: { max_attempts: 2 } },
  });
  const lookup = await created(emu, "/tools", {
    type: "client",
    name: "lookup_order",
    client_tool: { parameters: [{ name: "order_number", type: "string", required: true }], event_name: "lookupOrder" },
  });
  const agent = await created(emu, "/agents", {
    name: "Customer Support",
    conversation_config: {
      agent: {
        first_message: "Hello from the dashboard",
        language: "en",
        prompt: {
          prompt: "You help customers.",
          tool_ids: [weather.tool_id, lookup.tool_id],
          built_in_tools: ["end_call"],
        },
        dynamic_variables: { dynamic_variable_placeholders: { customerName: "there", order_id: "none" } },
        future_agent_setting: { mode: "fast", nested_level: { some_value: 1 } },
      },
      tts: { voice_id: "21m00Tcm4TlvDq8ikWAM", voice_settings: { stability: 0.4, similarity_boost: 0.7 } },
      conversation: { max_duration_seconds: 420 },
    },
    platform_settings: {
      auth: { enable_auth: true, allowed_origins: ["https://shop.example"] },
      webhook: {
        url: "http://127.0.0.1:9/hook",
        events: ["conversation.ended"],
        secret: SEEDED_SECRETS.agentWebhookSecret,
      },
    },
    metadata: { crmRef: "CRM-1", customer_tier: "gold" },
    tags: ["support", "tier-1"],
  });
  const twin = await created(emu, "/agents", { name: "Customer Support", conversation_config: {} });
  const doc = await created(emu, `/agents/${agent.agent_id}/knowledge-base/text`, {
    name: "Opening hours",
    text: "We are open 9 to 5, Monday to Friday.",
    description: "Hours",
    metadata: { source: "wiki" },
  });
  const phone = await created(emu, "/phone-numbers", {
    country: "US",
    area_code: "415",
    capabilities: { voice: true, sms: true },
    agent_id: agent.agent_id,
    greeting_message: "Thanks for calling",
    future_routing: { priority: 3 },
  });
  const secret = await created(emu, "/workspace/secrets", {
    name: "WEATHER_API_KEY",
    value: SEEDED_SECRETS.weatherApiKey,
    description: "Weather service key",
  });
  await created(
    emu,
    "/workspace/settings",
    {
      settings: {
        data_retention_days: 45,
        webhook: { url: "http://127.0.0.1:9/ws-hook", secret: SEEDED_SECRETS.workspaceWebhookSecret },
        future_workspace_setting: { nested_flag: true },
      },
    },
    "PATCH",
  );
  // Widgets exist with their agents. The document is ready before anyone looks (pull waits too, but a snapshot must not change).
  await waitFor(
    async () =>
      (await emu.api("GET", `/agents/${agent.agent_id}/knowledge-base/${doc.document_id}`)).body.status === "ready",
  );
  return { weather, lookup, agent, twin, doc, phone, secret };
}

/** Every object of the seeded kinds as the API answers it now, by id (for before/after comparisons). */
export async function snapshotWorkspace(emu: TestEmulator): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const get = async (path: string) => (await emu.api("GET", path)).body;
  for (const a of await emu.listAll("/agents", "agents")) {
    out[a.agent_id] = await get(`/agents/${a.agent_id}`);
    out[`widget:${a.agent_id}`] = await get(`/agents/${a.agent_id}/widget`);
    for (const d of await emu.listAll(`/agents/${a.agent_id}/knowledge-base`, "documents"))
      out[d.document_id] = await get(`/agents/${a.agent_id}/knowledge-base/${d.document_id}`);
  }
  for (const t of await emu.listAll("/tools", "tools")) out[t.tool_id] = await get(`/tools/${t.tool_id}`);
  for (const p of await emu.listAll("/phone-numbers", "phone_numbers"))
    out[p.phone_number_id] = await get(`/phone-numbers/${p.phone_number_id}`);
  for (const s of await emu.listAll("/workspace/secrets", "secrets")) out[s.secret_id] = s;
  const { updated_at: _, ...settings } = await get("/workspace/settings");
  out.settings = settings;
  return out;
}

/** Secret values the live seeded workspace holds. */
export const LIVE_SEEDED_SECRETS = {
  weatherApiKey: "live-seeded-weather-api-key-must-not-leak",
  weatherAuthorization: "Bearer live-seeded-weather-token-must-not-leak",
  initiationWebhookAuthorization: "Bearer live-seeded-initiation-hook-must-not-leak",
};

/**
 * The same hand-built workspace in the live API's shapes (live-vs-seed.md): a stored secret that
 * a webhook tool's header names by id, a credential header with a plain value, a client tool, a
 * workspace document the agent lists in its prompt's knowledge base, the agent's widget in its
 * platform settings, a SIP-trunk number answered by the agent, flat settings with a secret
 * header, fields no model names and user-keyed maps; and two agents with the same name.
 */
export async function seedLiveWorkspace(emu: TestEmulator) {
  const secret = await created(emu, "/secrets", {
    type: "new",
    name: "WEATHER_API_KEY",
    value: LIVE_SEEDED_SECRETS.weatherApiKey,
  });
  const weather = await created(emu, "/tools", {
    tool_config: {
      type: "webhook",
      name: "get_weather",
      description: "Current weather",
      api_schema: {
        url: "https://api.example.com/weather/{city}",
        method: "GET",
        request_headers: {
          "Content-Type": "application/json",
          "X-Api-Key": { secret_id: secret.secret_id },
          Authorization: LIVE_SEEDED_SECRETS.weatherAuthorization,
        },
        path_params_schema: { city: { type: "string", description: "City" } },
      },
      future_tool_setting: { retry_policy: { max_attempts: 2 } },
    },
  });
  const lookup = await created(emu, "/tools", {
    tool_config: {
      type: "client",
      name: "lookup_order",
      description: "Look an order up",
      parameters: { type: "object", properties: { order_number: { type: "string" } }, required: ["order_number"] },
      expects_response: true,
    },
  });
  const doc = await created(emu, "/knowledge-base/text", {
    name: "Opening hours",
    text: "We are open 9 to 5, Monday to Friday.",
  });
  const agent = await created(emu, "/agents/create", {
    name: "Customer Support",
    conversation_config: {
      agent: {
        first_message: "Hello from the dashboard",
        language: "en",
        prompt: {
          prompt: "You help customers.",
          tool_ids: [weather.id, lookup.id],
          knowledge_base: [{ type: "text", name: "Opening hours", id: doc.id, usage_mode: "auto" }],
        },
        dynamic_variables: { dynamic_variable_placeholders: { customerName: "there", order_id: "none" } },
        future_agent_setting: { mode: "fast", nested_level: { some_value: 1 } },
      },
      tts: { voice_id: "21m00Tcm4TlvDq8ikWAM", stability: 0.4, similarity_boost: 0.7 },
      conversation: { max_duration_seconds: 420 },
    },
    platform_settings: {
      widget: { variant: "compact", placement: "bottom-right", future_widget_flag: true },
      data_collection: { order_Id: { type: "string", description: "The order" } },
    },
    tags: ["support", "tier-1"],
  });
  const twin = await created(emu, "/agents/create", { name: "Customer Support", conversation_config: {} });
  const phone = await created(emu, "/phone-numbers", {
    provider: "sip_trunk",
    phone_number: "+14155550100",
    label: "Main line",
    agent_id: agent.agent_id,
    future_routing: { priority: 3 },
  });
  await created(
    emu,
    "/settings",
    {
      rag_retention_period_days: 21,
      conversation_initiation_client_data_webhook: {
        url: "https://hooks.example.com/initiation",
        request_headers: { Authorization: LIVE_SEEDED_SECRETS.initiationWebhookAuthorization },
      },
      future_workspace_setting: { nested_flag: true },
    },
    "PATCH",
  );
  return { secret, weather, lookup, doc, agent, twin, phone };
}

/** Every object of the live seeded kinds as the API answers it now, by id. */
export async function snapshotLiveWorkspace(emu: TestEmulator): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const get = async (path: string) => (await emu.api("GET", path)).body;
  for (const a of await emu.listAll("/agents", "agents")) out[a.agent_id] = await get(`/agents/${a.agent_id}`);
  for (const d of await emu.listAll("/knowledge-base", "documents")) out[d.id] = await get(`/knowledge-base/${d.id}`);
  for (const t of await emu.listAll("/tools", "tools")) out[t.id] = await get(`/tools/${t.id}`);
  for (const p of await emu.listAll("/phone-numbers", "phone_numbers"))
    out[p.phone_number_id] = await get(`/phone-numbers/${p.phone_number_id}`);
  for (const s of await emu.listAll("/secrets", "secrets")) out[s.secret_id] = s;
  out.settings = await get("/settings");
  return out;
}
