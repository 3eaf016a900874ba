import { z } from "zod";
import { nonEmpty, webhookConfig } from "./common";

const unit = z.number().min(0).max(1);

/** Body of `POST /agents`, and of an agent after a `PATCH` merge. Unknown fields are kept. */
export const agentBody = z.looseObject({
  name: nonEmpty,
  conversation_config: z
    .looseObject({
      agent: z
        .looseObject({
          prompt: z
            .looseObject({
              prompt: z.string().min(1, "Prompt cannot be empty").optional(),
              tool_ids: z.array(z.string()).optional(),
              built_in_tools: z.array(z.string()).optional(),
            })
            .optional(),
          first_message: z.string().optional(),
          language: z.string().min(2).optional(),
        })
        .optional(),
      tts: z
        .looseObject({
          voice_id: z.string().optional(),
          model_id: z.string().optional(),
          voice_settings: z
            .looseObject({
              stability: unit.optional(),
              similarity_boost: unit.optional(),
              style: unit.optional(),
              use_speaker_boost: z.boolean().optional(),
            })
            .optional(),
        })
        .optional(),
      stt: z
        .looseObject({
          model: z.string().optional(),
          language_detection: z
            .looseObject({ enabled: z.boolean().optional(), languages: z.array(z.string()).optional() })
            .optional(),
        })
        .optional(),
      conversation: z
        .looseObject({
          max_duration_seconds: z.number().int().positive().optional(),
          timeout_seconds: z.number().int().positive().optional(),
        })
        .optional(),
    })
    .optional(),
  platform_settings: z
    .looseObject({
      auth: z
        .looseObject({
          enable_auth: z.boolean().optional(),
          allowed_origins: z.array(z.string()).optional(),
        })
        .optional(),
      webhook: webhookConfig.optional(),
    })
    .optional(),
  is_public: z.boolean().optional(),
  is_active: z.boolean().optional(),
});

export type AgentRecord = z.infer<typeof agentBody> & {
  agent_id: string;
  created_at: string;
  updated_at: string;
  is_public: boolean;
  is_active: boolean;
};

/** Filled wherever the client left them out (on create and after every PATCH). See README. */
export const AGENT_DEFAULTS = {
  conversation_config: {
    agent: { language: "en", first_message: "" },
    tts: { voice_id: "21m00Tcm4TlvDq8ikWAM", model_id: "eleven_turbo_v2_5" },
    conversation: { max_duration_seconds: 600, timeout_seconds: 30 },
  },
  platform_settings: { auth: { enable_auth: false } },
  is_public: false,
  is_active: true,
};

/** The list shows the contract's summary fields only. */
export const agentSummary = (a: AgentRecord) => ({
  agent_id: a.agent_id,
  name: a.name,
  created_at: a.created_at,
  updated_at: a.updated_at,
  is_public: a.is_public,
  is_active: a.is_active,
});
