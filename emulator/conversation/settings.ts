import { type AudioFormat, isAudioFormat } from "../../provider/audio/formats";
import type { AgentRecord } from "../models/agent";
import type { AgentView } from "../profiles/profile";
import type { InitiationData } from "./protocol";

/** What one conversation runs with: the agent's configuration, then the client's overrides. */
export interface ConversationSettings {
  prompt: string;
  firstMessage: string;
  language: string;
  voiceId: string;
  outputFormat: AudioFormat;
  inputFormat: AudioFormat;
  turn: { threshold: number; prefixPaddingMs: number; silenceDurationMs: number };
  maxDurationSeconds: number;
  timeoutSeconds: number;
  toolIds: string[];
  builtInTools: string[];
}

export const TURN_DEFAULTS = { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 700 };

/** A `{{name}}` placeholder in a prompt or first message that no dynamic variable fills. */
export class MissingVariableError extends Error {
  constructor(readonly variable: string) {
    super(`dynamic variable {{${variable}}} is used but was not provided`);
  }
}

const format = (value: unknown, fallback: AudioFormat): AudioFormat => (isAudioFormat(value) ? value : fallback);

/**
 * Overrides are applied as sent: the ones an agent does not allow were refused before (the
 * profile's `refusedOverride`). `view` is what the profile reads from the agent's own shape.
 */
export function conversationSettings(
  agent: AgentRecord,
  view: AgentView,
  init: InitiationData | undefined,
  system: Record<string, string>,
): ConversationSettings {
  const config = agent.conversation_config ?? {};
  const override = init?.conversation_config_override ?? {};
  const asr = (config as { asr?: { user_input_audio_format?: unknown } }).asr;
  const tts = config.tts as { output_format?: unknown; agent_output_audio_format?: unknown } | undefined;
  const turn = view.turn;
  const variables = { ...system, ...stringify(init?.dynamic_variables ?? {}) };
  return {
    prompt: fill(override.agent?.prompt?.prompt ?? config.agent?.prompt?.prompt ?? "", variables),
    firstMessage: fill(override.agent?.first_message ?? config.agent?.first_message ?? "", variables),
    language: override.agent?.language ?? config.agent?.language ?? "en",
    voiceId: override.tts?.voice_id ?? config.tts?.voice_id ?? "21m00Tcm4TlvDq8ikWAM",
    outputFormat:
      override.tts?.output_format ?? format(tts?.agent_output_audio_format ?? tts?.output_format, "pcm_16000"),
    inputFormat: format(asr?.user_input_audio_format, "pcm_16000"),
    turn: {
      threshold: override.turn?.threshold ?? turn.threshold ?? TURN_DEFAULTS.threshold,
      prefixPaddingMs: override.turn?.prefix_padding_ms ?? turn.prefix_padding_ms ?? TURN_DEFAULTS.prefixPaddingMs,
      silenceDurationMs:
        override.turn?.silence_duration_ms ?? turn.silence_duration_ms ?? TURN_DEFAULTS.silenceDurationMs,
    },
    maxDurationSeconds: config.conversation?.max_duration_seconds ?? 600,
    timeoutSeconds: view.timeoutSeconds,
    toolIds: view.toolIds,
    builtInTools: view.builtInTools,
  };
}

const stringify = (vars: Record<string, string | number | boolean>) =>
  Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)]));

/** Replaces every `{{name}}`; throws `MissingVariableError` for the first one without a value. */
export function fill(template: string, variables: Record<string, string>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new MissingVariableError(name);
    return value;
  });
}
