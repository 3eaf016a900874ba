import type { z } from "zod";

/**
 * Every error the emulator answers with, rendered in the contract's envelope
 * `{ error: { code, message, details }, request_id }` by `server.ts`, in one place.
 */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (resource: string, id: string): EmulatorError =>
  new EmulatorError(404, "NOT_FOUND", `${resource} ${id} not found`, { resource, id });

/** `field` is a dot path into the request (`conversation_config.agent.prompt.prompt`) or a query parameter. */
export const invalid = (field: string, issue: string): EmulatorError =>
  new EmulatorError(400, "VALIDATION_ERROR", `Invalid request parameters: ${field}: ${issue}`, { field, issue });

export function envelope(error: EmulatorError, requestId: string) {
  return { error: { code: error.code, message: error.message, details: error.details }, request_id: requestId };
}

/** Parses with a zod schema; the first issue becomes a 400 naming the field path. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw invalid("body", "invalid");
  const field = issue.path.map(String).join(".") || "body";
  throw invalid(field, describeIssue(issue));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // zod says "received undefined" for a missing key; say it the way a user reads it.
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) {
    return `is required (expected ${issue.expected})`;
  }
  return issue.message;
}
