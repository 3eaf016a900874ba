import { isPlainObject } from "../../merge-patch";
import type { AgentRecord } from "../../models/agent";
import type { ConversationCodec } from "../profile";
import { liveToolSpec } from "./tool-model";

type LiveAgent = {
  conversation_config?: {
    agent?: {
      prompt?: { tool_ids?: string[]; built_in_tools?: Record<string, unknown>; knowledge_base?: { id: string }[] };
    };
    turn?: { silence_end_call_timeout?: number };
    conversation?: { max_duration_seconds?: number };
  };
  platform_settings?: {
    auth?: { enable_auth?: boolean; allowlist?: { hostname: string }[] };
    overrides?: { conversation_config_override?: unknown; custom_llm_extra_body?: boolean };
  };
};

const live = (agent: AgentRecord) => agent as unknown as LiveAgent;

/**
 * How conversations read a live agent and tool (live-vs-seed.md §2.2, §3): built-in tools are an
 * object, documents come from `prompt.knowledge_base`, origins from `auth.allowlist` host names,
 * the signature is `conversation_signature`, and overrides need `platform_settings.overrides`.
 */
export const liveConversationCodec: ConversationCodec = {
  signatureParam: "conversation_signature",
  agent(agent) {
    const a = live(agent);
    const prompt = a.conversation_config?.agent?.prompt;
    const silence = a.conversation_config?.turn?.silence_end_call_timeout ?? -1;
    const maxDuration = a.conversation_config?.conversation?.max_duration_seconds ?? 600;
    return {
      toolIds: prompt?.tool_ids ?? [],
      builtInTools: Object.entries(prompt?.built_in_tools ?? {})
        .filter(([, config]) => config != null)
        .map(([name]) => name),
      // -1 (the default) turns the silence timeout off; the call then lasts until max duration.
      timeoutSeconds: silence > 0 ? silence : maxDuration,
      enableAuth: a.platform_settings?.auth?.enable_auth ?? false,
      allowedOrigins: (a.platform_settings?.auth?.allowlist ?? []).map((item) => item.hostname),
      hostOnly: true,
      // The live turn settings (turn_timeout, turn_eagerness, …) are not the VAD's; its defaults apply.
      turn: {},
    };
  },
  tool: liveToolSpec,
  documents(store, agent) {
    const ids = (live(agent).conversation_config?.agent?.prompt?.knowledge_base ?? []).map((k) => k.id);
    return ids.flatMap((id) => {
      const doc = store.get("documents", id);
      return doc ? [doc] : [];
    });
  },
  refusedOverride(agent, init) {
    const allowed = live(agent).platform_settings?.overrides;
    const fromConfig = firstRefused(init.conversation_config_override, allowed?.conversation_config_override, []);
    if (fromConfig) return fromConfig;
    if (init.custom_llm_extra_body !== undefined && allowed?.custom_llm_extra_body !== true)
      return "custom_llm_extra_body";
    return undefined;
  },
  // The AsyncAPI document lists no `error` event (§6): refusals are close codes only.
  error: () => undefined,
};

/**
 * The first leaf of `given` whose path is not `true` in `allowed` (PYT
 * `conversation_config_client_override_config_input.py` mirrors the override's shape with booleans).
 */
function firstRefused(given: unknown, allowed: unknown, path: string[]): string | undefined {
  if (given === undefined) return undefined;
  if (isPlainObject(given)) {
    for (const [key, value] of Object.entries(given)) {
      const refused = firstRefused(value, isPlainObject(allowed) ? allowed[key] : undefined, [...path, key]);
      if (refused) return refused;
    }
    return undefined;
  }
  return allowed === true ? undefined : path.join(".");
}
