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

export const feedback = z.looseObject({
  /** 1 to 5. */
  rating: z.number().int().min(1).max(5),
  feedbackText: z.string().optional(),
  categories: z.array(z.string()).optional(),
});

export const outboundCall = z.looseObject({
  agentId: objectId,
  /** E.164, e.g. "+14155551234". */
  toNumber: z.string().regex(/^\+\d{6,15}$/, { error: 'expected an E.164 number such as "+14155551234"' }),
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
