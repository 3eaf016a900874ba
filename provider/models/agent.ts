import { z } from "zod";
import { bookkeeping, freeFormMap, nonEmpty, unitInterval, webhook } from "./common";
import type { ModelRules } from "./spec";

/** What an agent says and how, the same in both API profiles. */
export const agentBasics = {
  firstMessage: z.string().optional().describe("What the agent says first."),
  language: z.string().min(2).optional().describe('@example "en"'),
  dynamicVariables: z
    .looseObject({
      dynamicVariablePlaceholders: freeFormMap.optional().describe("Keys are variable names, kept verbatim."),
    })
    .optional(),
};

/** Loose at every level: fields this model does not name are kept and sent (no silent drops). */
export const agentModel = z.looseObject({
  name: nonEmpty.describe('Display name of the agent. @example "Customer Support Agent"'),
  conversationConfig: z
    .looseObject({
      agent: z
        .looseObject({
          prompt: z
            .looseObject({
              prompt: nonEmpty.optional().describe("System prompt."),
              toolIds: z.array(z.string()).optional().describe("Ids of Tool resources the agent may call."),
              builtInTools: z.array(z.string()).optional().describe('@example ["end_call", "language_detection"]'),
            })
            .optional(),
          ...agentBasics,
        })
        .optional(),
      tts: z
        .looseObject({
          voiceId: z.string().optional(),
          modelId: z.string().optional().describe('@example "eleven_turbo_v2_5"'),
          voiceSettings: z
            .looseObject({
              stability: unitInterval.optional(),
              similarityBoost: unitInterval.optional(),
              style: unitInterval.optional(),
              useSpeakerBoost: z.boolean().optional(),
            })
            .optional(),
        })
        .optional(),
      stt: z
        .looseObject({
          model: z.string().optional().describe('@example "whisper_large"'),
          languageDetection: z
            .looseObject({ enabled: z.boolean().optional(), languages: z.array(z.string()).optional() })
            .optional(),
        })
        .optional(),
      conversation: z
        .looseObject({
          maxDurationSeconds: z.number().int().positive().optional(),
          timeoutSeconds: z.number().int().positive().optional(),
        })
        .optional(),
    })
    .optional()
    .describe("Conversation behaviour: agent prompt, TTS, STT, turn taking, limits."),
  platformSettings: z
    .looseObject({
      auth: z
        .looseObject({ enableAuth: z.boolean().optional(), allowedOrigins: z.array(z.string()).optional() })
        .optional(),
      webhook: webhook.optional(),
    })
    .optional()
    .describe("Platform settings: auth (allowed origins) and the conversation webhook."),
  metadata: freeFormMap.optional().describe("Free-form metadata; keys kept verbatim."),
  ...bookkeeping,
});
export type AgentInputs = z.infer<typeof agentModel>;

export const agentRules: ModelRules = {
  naturalKey: "name",
  replaceOnChanges: [],
  secretOutputs: [],
  secretPaths: ["platformSettings.webhook.secret"],
  opaqueMaps: ["metadata", "conversationConfig.agent.dynamicVariables.dynamicVariablePlaceholders"],
  serverSet: ["agentId", "createdAt", "updatedAt", "isPublic", "isActive"],
  profileOnly: [
    "conversationConfig.stt",
    "conversationConfig.tts.voiceSettings",
    "platformSettings.webhook",
    "platformSettings.auth.allowedOrigins",
    "metadata",
  ],
};
