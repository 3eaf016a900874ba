import { z } from "zod";
import type { App } from "../../app";
import { newId } from "../../ids";
import { isPlainObject, type JsonObject } from "../../merge-patch";
import type { AgentRecord } from "../../models/agent";
import { ACCESS_INFO, unit, unixSecs } from "./common";
import { renderAssignedNumber } from "./phone-number-model";
import { liveToolConfigOf } from "./tool-model";

const locator = z.looseObject({
  type: z.enum(["file", "url", "text", "folder"]),
  name: z.string(),
  id: z.string().min(1),
  usage_mode: z.enum(["auto", "prompt"]).optional(),
});

/**
 * Body of `POST /v1/convai/agents/create`, and an agent after a PATCH merge (PYT
 * `prompt_agent_api_model_input.py`, `tts_conversational_config_input.py`, …). Unknown fields are
 * kept. Only fields the emulator reads, or whose type a client could get wrong, are checked.
 */
export const liveAgentBody = z.looseObject({
  name: z.string().optional(),
  tags: z.array(z.string()).optional(),
  conversation_config: z.looseObject({
    agent: z
      .looseObject({
        first_message: z.string().optional(),
        language: z.string().min(2).optional(),
        prompt: z
          .looseObject({
            prompt: z.string().optional(),
            llm: z.string().optional(),
            temperature: z.number().min(0).max(2).optional(),
            tool_ids: z.array(z.string()).optional(),
            tools: z.array(z.looseObject({})).optional(),
            knowledge_base: z.array(locator).optional(),
            built_in_tools: z.record(z.string(), z.looseObject({}).nullable()).optional(),
          })
          .optional(),
      })
      .optional(),
    tts: z
      .looseObject({
        voice_id: z.string().optional(),
        model_id: z.string().optional(),
        stability: unit.optional(),
        similarity_boost: unit.optional(),
        speed: z.number().min(0.7).max(1.2).optional(),
      })
      .optional(),
    asr: z.looseObject({ user_input_audio_format: z.string().optional() }).optional(),
    conversation: z.looseObject({ max_duration_seconds: z.number().int().positive().optional() }).optional(),
  }),
  platform_settings: z
    .looseObject({
      auth: z
        .looseObject({
          enable_auth: z.boolean().optional(),
          allowlist: z.array(z.looseObject({ hostname: z.string() })).optional(),
        })
        .optional(),
      widget: z.looseObject({}).optional(),
      overrides: z.looseObject({}).optional(),
    })
    .optional(),
  workflow: z.looseObject({}).optional(),
});

/**
 * Server-set fields of a live agent, echoed back in a body, are ignored; so is
 * `version_description`, which describes the write, not the agent.
 */
export const LIVE_AGENT_READ_ONLY = [
  "version_description",
  "agent_id",
  "metadata",
  "version_id",
  "branch_id",
  "main_branch_id",
  "access_info",
  "phone_numbers",
  "whatsapp_accounts",
];

/**
 * What the live service fills in when a client leaves it out (a subset of what it fills, enough
 * that a client must tell server defaults from its own fields). README "Live profile".
 */
export const LIVE_AGENT_DEFAULTS = {
  name: "",
  tags: [],
  conversation_config: {
    agent: {
      first_message: "",
      language: "en",
      prompt: { prompt: "", llm: "gemini-2.0-flash", temperature: 0, knowledge_base: [], built_in_tools: {} },
    },
    tts: {
      model_id: "eleven_flash_v2",
      voice_id: "cjVigY5qzO86Huf0OWal",
      agent_output_audio_format: "pcm_16000",
      stability: 0.5,
      similarity_boost: 0.8,
      speed: 1,
    },
    asr: { quality: "high", provider: "elevenlabs", user_input_audio_format: "pcm_16000", keywords: [] },
    turn: { turn_timeout: 7, silence_end_call_timeout: -1 },
    conversation: { max_duration_seconds: 600, text_only: false },
  },
  platform_settings: {
    auth: { enable_auth: false, allowlist: [] },
    call_limits: { agent_concurrency_limit: -1, daily_limit: 100000, bursting_enabled: true },
    privacy: { record_voice: true, retention_days: -1, delete_transcript_and_pii: false },
  },
  workflow: { edges: {}, nodes: {} },
};

type Prompt = { tool_ids?: string[]; tools?: unknown[] } & JsonObject;

/** Both `tools` and `tool_ids` in one write: the live API refuses it (CLI `cleanConversationConfigForApi`). */
export function writesBothToolForms(body: JsonObject): boolean {
  const prompt = promptOf(body);
  return prompt !== undefined && prompt.tools != null && prompt.tool_ids != null;
}

/**
 * The prompt keeps the tool form written last: writing `tool_ids` drops stored inline `tools` and
 * the reverse, so a merge never ends up holding both.
 */
export function keepWrittenToolForm(merged: JsonObject, written: JsonObject): JsonObject {
  const prompt = promptOf(merged);
  const wrote = promptOf(written);
  if (!prompt || !wrote) return merged;
  if (wrote.tool_ids != null) delete prompt.tools;
  else if (wrote.tools != null) delete prompt.tool_ids;
  return merged;
}

function promptOf(body: JsonObject): Prompt | undefined {
  const config = body.conversation_config;
  const agent = isPlainObject(config) ? config.agent : undefined;
  const prompt = isPlainObject(agent) ? agent.prompt : undefined;
  return isPlainObject(prompt) ? (prompt as Prompt) : undefined;
}

export const newVersionId = () => newId("agtvrsn");

/**
 * GET's shape (PYT `get_agent_response_model.py`): unix-second `metadata`, versions and branches,
 * the numbers assigned to it, and `prompt.tools` resolved from `tool_ids` beside them.
 */
export function renderLiveAgent(app: App, agent: AgentRecord): JsonObject {
  const { agent_id, created_at, updated_at, is_public: _p, is_active: _a, ...rest } = agent as AgentRecord & JsonObject;
  const body = structuredClone(rest) as JsonObject;
  const prompt = promptOf(body);
  if (prompt?.tool_ids) {
    prompt.tools = prompt.tool_ids.flatMap((id) => {
      const tool = app.store.get("tools", id);
      return tool ? [liveToolConfigOf(tool)] : [];
    });
  } else if (prompt) {
    // Inline tools (the deprecated form) come back as written, beside an empty tool_ids.
    prompt.tool_ids = [];
    prompt.tools ??= [];
  }
  return {
    agent_id,
    ...body,
    metadata: { created_at_unix_secs: unixSecs(created_at), updated_at_unix_secs: unixSecs(updated_at) },
    phone_numbers: app.store
      .list("phone_numbers")
      .filter((n) => n.agent_id === agent_id)
      .map((n) => renderAssignedNumber(n)),
    whatsapp_accounts: [],
    access_info: ACCESS_INFO,
  };
}

/** A list item (PYT `agent_summary_response_model.py`). */
export function liveAgentSummary(agent: AgentRecord & JsonObject) {
  return {
    agent_id: agent.agent_id,
    name: agent.name,
    tags: agent.tags ?? [],
    created_at_unix_secs: unixSecs(agent.created_at),
    access_info: ACCESS_INFO,
    last_call_time_unix_secs: null,
    archived: false,
  };
}
