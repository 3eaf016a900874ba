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
