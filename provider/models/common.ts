/** zod building blocks shared by the resource models. */
import { z } from "zod";

export const nonEmpty = z.string().min(1, { error: "must not be empty" });

/** A number in [0, 1], as the API's voice settings expect. */
export const unitInterval = z
  .number({ error: "expected a number between 0 and 1" })
  .min(0, { error: "expected a number between 0 and 1" })
  .max(1, { error: "expected a number between 0 and 1" });

export const httpUrl = z
  .string()
  .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), { error: "expected an http(s) URL" });

/**
 * A webhook the platform calls (an agent's conversation webhook, the workspace's). The signing
 * secret makes the object holding it secret in state (see the kinds' `secretPaths`).
 */
export const webhook = z.looseObject({
  url: httpUrl,
  events: z.array(z.string()).optional(),
  secret: z.string().min(1).optional().describe("Signing secret; makes the object that holds it secret in state."),
});

/** Free-form user data; keys are never case-converted. */
export const freeFormMap = z.record(z.string(), z.unknown());

/** The fields every resource accepts (see BOOKKEEPING_KEYS). */
export const bookkeeping = {
  adoptId: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Id of an existing object to take over instead of creating one: create verifies it exists and converges it to this program. Ignored after creation.",
    ),
  creationToken: z
    .string()
    .optional()
    .describe(
      "Set by the SDK: a deterministic marker that lets a crashed `up` find the object it created instead of duplicating it.",
    ),
};
