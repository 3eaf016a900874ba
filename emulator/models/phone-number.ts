import { z } from "zod";
import { httpUrl } from "./common";

export const PHONE_STATUSES = ["active", "inactive", "released"] as const;

/** Body of `POST /phone-numbers`, and of a number after a `PATCH` merge. */
export const phoneNumberBody = z.looseObject({
  country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code such as US"),
  agent_id: z.string().min(1).optional(),
  area_code: z
    .string()
    .regex(/^\d{2,5}$/, "must be 2 to 5 digits")
    .optional(),
  capabilities: z.looseObject({ voice: z.boolean().optional(), sms: z.boolean().optional() }).optional(),
  webhook_url: httpUrl.optional(),
  greeting_message: z.string().optional(),
  status: z.enum(PHONE_STATUSES).optional(),
});

export type PhoneNumberRecord = z.infer<typeof phoneNumberBody> & {
  phone_number_id: string;
  phone_number: string;
  status: (typeof PHONE_STATUSES)[number];
  created_at: string;
  updated_at: string;
};

export const PHONE_NUMBER_DEFAULTS = { status: "active", capabilities: { voice: true, sms: false } };

/** Calling codes for the numbers the emulator invents; others get +999 (reserved, never routable). */
export const CALLING_CODES: Record<string, string> = { US: "1", CA: "1", GB: "44", DE: "49", FR: "33", ES: "34" };
