import { z } from "zod";
import { bookkeeping, nonEmpty } from "../common";
import type { ModelRules } from "../spec";

/**
 * The widget of one agent: the live API keeps it in the agent's `platform_settings.widget`,
 * written through the agent's PATCH (live-vs-seed.md §2.7). This resource manages that object
 * (and the avatar); the Agent resource must then leave `platformSettings.widget` unset.
 */
export const liveWidgetModel = z.strictObject({
  agentId: nonEmpty.describe("The agent; changing it replaces the widget resource."),
  config: z
    .looseObject({
      variant: z.string().optional().describe('@example "compact"'),
      placement: z.string().optional().describe('@example "bottom-right"'),
      avatar: z.looseObject({ type: z.enum(["orb", "url", "image"]) }).optional(),
      textInputEnabled: z.boolean().optional(),
    })
    .optional()
    .describe("The agent's `platformSettings.widget` fields to manage; other fields are left alone."),
  avatarPath: nonEmpty
    .optional()
    .describe("A local PNG/JPG/GIF uploaded as the avatar; re-uploaded when its sha256 changes."),
  avatarHash: z.string().optional().describe("Computed by check from avatarPath; do not set."),
  ...bookkeeping,
});

export const liveWidgetRules: ModelRules = {
  replaceOnChanges: ["agentId"],
  secretOutputs: [],
  opaqueMaps: [],
  serverSet: ["widgetId", "embedCode"],
  writeOnly: ["avatarPath", "avatarHash"],
  ignoreInDiff: ["avatarPath"],
  profileOnly: ["config"],
};
export type LiveWidgetInputs = z.infer<typeof liveWidgetModel>;
