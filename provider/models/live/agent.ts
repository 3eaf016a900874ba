import { z } from "zod";
import { agentBasics } from "../agent";
import { bookkeeping, freeFormMap, nonEmpty, unitInterval } from "../common";
import type { ModelRules } from "../spec";

/**
 * An agent as the live API's create-agent body has it (live-vs-seed.md §3), camelCased. Loose at
 * every level: the live API has many fields this model does not name, and they are sent as given.
 */
export const liveAgentModel = z.looseObject({
  name: nonEmpty.optional().describe('Display name of the agent. @example "Customer Support Agent"'),
  conversationConfig: z
    .looseObject({
      agent: z
        .looseObject({
          prompt: z
            .looseObject({
              prompt: z.string().optional().describe("System prompt."),
              llm: z.string().optional().describe('@example "gemini-2.0-flash"'),
              temperature: z.number().min(0).optional(),
              toolIds: z
                .array(z.string())
                .optional()
                .describe(
                  "Ids of Tool resources the agent may call; `tools` is then never sent (the API refuses both).",
                ),
              builtInTools: z
                .record(z.string(), z.looseObject({}).nullable())
                .optional()
                .describe(
                  'System tools keyed by name, e.g. `{ endCall: { name: "end_call", params: { systemToolType: "end_call" } } }`. @example {}',
                ),
              knowledgeBase: z
                .array(
                  z.looseObject({
                    type: z.enum(["file", "url", "text", "folder"]),
                    name: z.string(),
                    id: nonEmpty,
                    usageMode: z.enum(["auto", "prompt"]).optional(),
                  }),
                )
                .optional()
                .describe(
                  "The workspace's KnowledgeBaseDocuments this agent uses: `{ type, name, id: doc.documentId }`.",
                ),
            })
            .optional(),
          ...agentBasics,
        })
        .optional(),
      asr: z
        .looseObject({
          quality: z.string().optional().describe('@example "high"'),
          provider: z.string().optional().describe('@example "elevenlabs"'),
          userInputAudioFormat: z.string().optional().describe('@example "pcm_16000"'),
          keywords: z.array(z.string()).optional(),
        })
        .optional(),
      tts: z
        .looseObject({
          voiceId: z.string().optional(),
          modelId: z.string().optional().describe('@example "eleven_turbo_v2"'),
          stability: unitInterval.optional(),
          similarityBoost: unitInterval.optional(),
          speed: z.number().positive().optional(),
          agentOutputAudioFormat: z.string().optional(),
        })
        .optional()
        .describe("Flat voice settings (no `voiceSettings` object in the live API)."),
      turn: z.looseObject({}).optional(),
      conversation: z
        .looseObject({
          maxDurationSeconds: z.number().int().positive().optional(),
          textOnly: z.boolean().optional(),
          clientEvents: z.array(z.string()).optional(),
        })
        .optional(),
      languagePresets: freeFormMap.optional().describe("Keyed by language code, kept verbatim."),
    })
    .describe("Conversation behaviour: agent prompt, ASR, TTS, turn taking, limits."),
  platformSettings: z
    .looseObject({
      auth: z
        .looseObject({
          enableAuth: z.boolean().optional(),
          allowlist: z.array(z.looseObject({ hostname: nonEmpty })).optional(),
        })
        .optional(),
      widget: z
        .looseObject({})
        .optional()
        .describe("Widget settings; leave them to a Widget resource if one manages this agent's widget."),
      overrides: z.looseObject({}).optional(),
      callLimits: z.looseObject({}).optional(),
      dataCollection: freeFormMap.optional().describe("Keyed by your own data-collection ids, kept verbatim."),
    })
    .optional()
    .describe("Platform settings: auth, widget, overrides, call limits, evaluation, data collection…"),
  workflow: freeFormMap.optional().describe("Agent workflow; node and edge ids kept verbatim."),
  tags: z.array(z.string()).optional(),
  ...bookkeeping,
});
export type LiveAgentInputs = z.infer<typeof liveAgentModel>;

export const liveAgentRules: ModelRules = {
  naturalKey: "name",
  replaceOnChanges: [],
  secretOutputs: [],
  opaqueMaps: [
    "conversationConfig.agent.dynamicVariables.dynamicVariablePlaceholders",
    "conversationConfig.languagePresets",
    "platformSettings.dataCollection",
    "workflow",
  ],
  // `metadata` holds the timestamps (and, read back, the creation token: see codec/live/agent.ts).
  serverSet: [
    "agentId",
    "metadata",
    "versionId",
    "branchId",
    "mainBranchId",
    "phoneNumbers",
    "whatsappAccounts",
    "accessInfo",
  ],
  profileOnly: [
    "conversationConfig.asr",
    "platformSettings.widget",
    "platformSettings.auth.allowlist",
    "workflow",
    "tags",
  ],
};
