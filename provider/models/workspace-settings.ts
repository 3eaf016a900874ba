import { z } from "zod";
import { bookkeeping, unitInterval, webhook } from "./common";
import type { ModelRules } from "./spec";

/**
 * The workspace settings singleton. Only the keys set here are managed; on delete they are
 * restored to what they were before this resource first managed them (`previousSettings`).
 */
export const workspaceSettingsModel = z.strictObject({
  settings: z
    .looseObject({
      dataRetentionDays: z.number().int().min(0).optional(),
      gdprCompliant: z.boolean().optional(),
      euDataResidency: z.boolean().optional(),
      allowedLlmProviders: z.array(z.string()).optional().describe('@example ["openai", "anthropic"]'),
      defaultVoiceSettings: z
        .looseObject({ stability: unitInterval.optional(), similarityBoost: unitInterval.optional() })
        .optional(),
      webhook: webhook.optional(),
    })
    .describe("The settings to manage; other settings are left alone."),
  ...bookkeeping,
});
export type WorkspaceSettingsInputs = z.infer<typeof workspaceSettingsModel>;

export const workspaceSettingsRules: ModelRules = {
  replaceOnChanges: [],
  // What the managed keys held before may include an earlier webhook signing secret.
  secretOutputs: ["previousSettings"],
  secretPaths: ["settings.webhook.secret"],
  opaqueMaps: [],
  serverSet: ["workspaceId", "previousSettings", "updatedAt"],
};
