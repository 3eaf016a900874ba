import { z } from "zod";
import { bookkeeping, httpUrl } from "./common";
import type { ModelRules } from "./spec";

export const phoneNumberModel = z.looseObject({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166-1 alpha-2 country code such as "US"' })
    .describe("Changing it replaces the number."),
  areaCode: z
    .string()
    .regex(/^\d{2,5}$/, { error: "expected 2 to 5 digits" })
    .optional()
    .describe('Changing it replaces the number. @example "415"'),
  capabilities: z
    .looseObject({ voice: z.boolean().optional(), sms: z.boolean().optional() })
    .optional()
    .describe("Changing it replaces the number."),
  agentId: z.string().min(1).optional().describe("The agent answering calls; updated in place."),
  webhookUrl: httpUrl.optional(),
  greetingMessage: z.string().optional(),
  ...bookkeeping,
});
export type PhoneNumberInputs = z.infer<typeof phoneNumberModel>;

export const phoneNumberRules: ModelRules = {
  replaceOnChanges: ["areaCode", "country", "capabilities"],
  secretOutputs: [],
  opaqueMaps: ["metadata"],
  serverSet: ["phoneNumberId", "phoneNumber", "status", "createdAt", "updatedAt"],
  profileOnly: ["country", "areaCode", "capabilities", "webhookUrl", "greetingMessage"],
};
