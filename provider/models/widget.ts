import { z } from "zod";
import { bookkeeping, nonEmpty } from "./common";
import type { ModelRules } from "./spec";

/**
 * The embeddable widget of one agent. The API has no widget create/delete: the widget exists
 * with its agent, so deleting this resource removes nothing server-side (and never fails).
 */
export const widgetModel = z.strictObject({
  agentId: nonEmpty.describe("The agent; changing it replaces the widget resource."),
  avatarPath: nonEmpty
    .optional()
    .describe("A local PNG/JPG/GIF uploaded as the avatar; re-uploaded when its sha256 changes."),
  avatarHash: z.string().optional().describe("Computed by check from avatarPath; do not set."),
  ...bookkeeping,
});
export type WidgetInputs = z.infer<typeof widgetModel>;

export const widgetRules: ModelRules = {
  replaceOnChanges: ["agentId"],
  secretOutputs: [],
  opaqueMaps: [],
  serverSet: ["widgetId", "embedCode", "config"],
  writeOnly: ["avatarPath", "avatarHash"],
  ignoreInDiff: ["avatarPath"],
};
