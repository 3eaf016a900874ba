import { z } from "zod";

/** http(s) URLs; `{placeholders}` (tool URLs) are allowed because WHATWG URL parsing accepts braces. */
export const httpUrl = z
  .string()
  .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), "must be an http(s) URL");

export const nonEmpty = z.string().min(1, "cannot be empty");

export const metadata = z.record(z.string(), z.unknown());

/**
 * `platform_settings.webhook` of an agent and `settings.webhook` of the workspace. Absent
 * `events` means every event; names match with `.` or `_` (the contract's example uses
 * `conversation_ended`, its Webhooks section `conversation.ended`).
 */
export const webhookConfig = z.looseObject({
  url: httpUrl,
  events: z.array(z.string()).optional(),
  secret: z.string().min(1).optional(),
});
export type WebhookConfig = z.infer<typeof webhookConfig>;

/** Server-set fields a client may echo back in a body; they are dropped, never an error. */
export const SERVER_FIELDS = ["created_at", "updated_at"] as const;
