import { z } from "zod";
import { bookkeeping, httpUrl } from "../common";
import type { ModelRules } from "../spec";

/**
 * The live ConvAI settings (`GET`/`PATCH /v1/convai/settings`, live-vs-seed.md §2.8). The API's
 * object is flat; the resource keeps the contract's `settings` wrapper (the codec flattens it), so
 * the same WorkspaceSettings semantics hold: only the keys set are managed, restored on delete.
 */
export const liveWorkspaceSettingsModel = z.strictObject({
  settings: z
    .looseObject({
      conversationInitiationClientDataWebhook: z
        .looseObject({
          url: httpUrl,
          requestHeaders: z
            .record(z.string(), z.unknown())
            .optional()
            .describe("Kept verbatim; makes `settings` secret in state."),
        })
        .optional(),
      webhooks: z
        .looseObject({ postCallWebhookId: z.string().optional(), events: z.array(z.string()).optional() })
        .optional(),
      ragRetentionPeriodDays: z.number().int().min(1).optional(),
      canUseMcpServers: z.boolean().optional(),
    })
    .describe("The settings to manage; other settings are left alone."),
  ...bookkeeping,
});
export type LiveWorkspaceSettingsInputs = z.infer<typeof liveWorkspaceSettingsModel>;

export const liveWorkspaceSettingsRules: ModelRules = {
  replaceOnChanges: [],
  secretOutputs: ["previousSettings"],
  secretPaths: ["settings.conversationInitiationClientDataWebhook.requestHeaders"],
  opaqueMaps: [
    "settings.conversationInitiationClientDataWebhook.requestHeaders",
    // The same map where the codec puts it on the wire (flat): header names are never case-converted.
    "conversationInitiationClientDataWebhook.requestHeaders",
    "previousSettings.conversationInitiationClientDataWebhook.requestHeaders",
  ],
  serverSet: ["workspaceId", "previousSettings"],
};
