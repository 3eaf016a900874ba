/**
 * The functions' arguments as zod models, checked before any request with the same validation
 * (and the same failure wording) as the resources' inputs. A bad argument is an
 * InvalidArgumentError naming its path, never a TypeError from deep inside, never a request.
 */
import { z } from "zod";
import { InvalidArgumentError } from "../errors";
import { nonEmpty } from "../models/common";
import { validate } from "../models/validate";

/**
 * One path segment: `.` and `..` would be resolved away by a proxy and reach another route; ids
 * are short, and a megabyte "id" would only come back as a header-size error.
 */
const objectId = nonEmpty.max(256).refine((id) => id !== "." && id !== "..", { error: "expected an object id" });

const dateOrDateTime = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), {
    error: "expected an ISO 8601 date or date-time",
  });

export const conversationStatus = z.enum(["initiated", "in-progress", "processing", "done", "failed"]);

/** Strict: each filter is a query parameter, and an unknown one is a typo (bodies below stay open). */
export const listFilters = z.strictObject({
  agentId: objectId.optional(),
  status: conversationStatus.optional(),
  /** ISO 8601 date or date-time. */
  startDate: dateOrDateTime.optional(),
  /** ISO 8601 date or date-time. */
  endDate: dateOrDateTime.optional(),
  /** Items per request. @default 100 */
  pageSize: z.number().int().min(1).max(100).optional(),
});

/**
 * The live service's list filters (PY `conversations/raw_client.py` list): unix seconds rather
 * than dates, no `status` (only `excludeStatuses`), a success verdict, durations; paged by cursor.
 */
export const liveListFilters = z.strictObject({
  agentId: objectId.optional(),
  callSuccessful: z.enum(["success", "failure", "unknown"]).optional(),
  /** Unix seconds: conversations that started before. */
  callStartBeforeUnix: z.number().int().min(0).optional(),
  /** Unix seconds: conversations that started at or after. */
  callStartAfterUnix: z.number().int().min(0).optional(),
  callDurationMinSecs: z.number().int().min(0).optional(),
  callDurationMaxSecs: z.number().int().min(0).optional(),
  userId: nonEmpty.optional(),
  search: nonEmpty.optional(),
  branchId: objectId.optional(),
  /** Sent as one repeated query parameter per status. */
  excludeStatuses: z.array(conversationStatus).optional(),
  /** Items per request. @default 100 */
  pageSize: z.number().int().min(1).max(100).optional(),
});

export const feedback = z.looseObject({
  /** 1 to 5. */
  rating: z.number().int().min(1).max(5),
  feedbackText: z.string().optional(),
  categories: z.array(z.string()).optional(),
});

/** The live service's feedback body (PYT `user_feedback_score.py`): a like or a dislike, nothing else. */
export const liveFeedback = z.strictObject({ feedback: z.enum(["like", "dislike"]) });

const e164 = z.string().regex(/^\+\d{6,15}$/, { error: 'expected an E.164 number such as "+14155551234"' });

/**
 * The live service's outbound call (PY `twilio/raw_client.py`, `sip_trunk/raw_client.py`): the
 * caller is one of the workspace's imported numbers, by id; the route follows its provider.
 */
export const liveOutboundCall = z.looseObject({
  agentId: objectId,
  /** The `phoneNumberId` of an imported Twilio or SIP-trunk number. */
  agentPhoneNumberId: objectId,
  toNumber: e164,
  /** `dynamicVariables` (kept verbatim), `conversationConfigOverride`… */
  conversationInitiationClientData: z.looseObject({}).optional(),
  /** Twilio numbers only. */
  callRecordingEnabled: z.boolean().optional(),
});

export const outboundCall = z.looseObject({
  agentId: objectId,
  /** E.164, e.g. "+14155551234". */
  toNumber: e164,
  fromNumber: z.string().optional(),
  initialMessage: z.string().optional(),
  /** Kept verbatim. */
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export { objectId };

/**
 * Checks a function's arguments, given by name (`{ call }`), against their models; throws an
 * InvalidArgumentError listing every problem. Absent optional arguments are `undefined`.
 */
export function checkArguments(fn: string, shape: Record<string, z.ZodType>, args: Record<string, unknown>): void {
  const result = validate(z.strictObject(shape), args, fn);
  if (!result.ok) throw new InvalidArgumentError(fn, result.failures);
}
