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

/** One thing wrong with a request: `field` is a dot path into the body (`server_tool.url`), `body`, or a query parameter. */
export interface Problem {
  field: string;
  issue: string;
  /** Where the field is (`body` unless said); the live profile renders it as FastAPI's `loc`. */
  in?: "body" | "query";
  /** The path with array indices as numbers, when known (zod issues). */
  path?: (string | number)[];
  /** A FastAPI-like error type (`missing`, `value_error`, …) for the live profile's 422. */
  type?: string;
}

/**
 * A 400 naming every problem of the request at once (issue 8), so a client fixes them in one
 * round: `details.errors` lists them all, `details.field`/`issue` repeat the first for clients
 * that read only one, and the message lists them all.
 */
export class ValidationError extends EmulatorError {
  constructor(readonly problems: readonly [Problem, ...Problem[]]) {
    const [first] = problems;
    const listed = problems.map((p) => `${p.field}: ${p.issue}`).join("; ");
    super(400, "VALIDATION_ERROR", `Invalid request parameters: ${listed}`, {
      field: first.field,
      issue: first.issue,
      errors: problems.map(({ field, issue }) => ({ field, issue })),
    });
  }
}

export const notFound = (resource: string, id: string): EmulatorError =>
  new EmulatorError(404, "NOT_FOUND", `${resource} ${id} not found`, { resource, id });

/** `field` is a dot path into the request (`conversation_config.agent.prompt.prompt`) or a query parameter. */
export const invalid = (field: string, issue: string): ValidationError => new ValidationError([{ field, issue }]);

/** A bad query parameter. */
export const invalidQuery = (name: string, issue: string): ValidationError =>
  new ValidationError([{ field: name, issue, in: "query", type: "value_error" }]);

export function envelope(error: EmulatorError, requestId: string) {
  return { error: { code: error.code, message: error.message, details: error.details }, request_id: requestId };
}

/** Parses with a zod schema; every issue becomes a problem of one 400, each naming its field path. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "body",
    issue: describeIssue(issue, input),
    path: issue.path.filter((key) => typeof key !== "symbol") as (string | number)[],
    type: issueType(issue, input),
  }));
  const [first = { field: "body", issue: "invalid" }, ...rest] = problems;
  throw new ValidationError([first, ...rest]);
}

type Results<T extends readonly (() => unknown)[]> = { -readonly [K in keyof T]: ReturnType<T[K]> };

/**
 * Runs the independent checks of one request (body, references, query parameters) and throws
 * one 400 with the problems of all that failed, instead of stopping at the first. Any other
 * error (a 404 of the route) is thrown as it is. Returns each check's result, in order.
 * @example const [query, type] = checkAll(() => parseListQuery(q), () => enumParam(q, "type", TYPES));
 */
export function checkAll<const T extends readonly (() => unknown)[]>(...checks: T): Results<T> {
  const problems: Problem[] = [];
  const results = checks.map((check) => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  });
  const [first, ...rest] = problems;
  if (first) throw new ValidationError([first, ...rest]);
  return results as Results<T>;
}

function issueType(issue: z.core.$ZodIssue, input: unknown): string {
  const given = issue.path.reduce<unknown>((at, key) => (isRecord(at) ? at[key as string] : undefined), input);
  if (given === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) return "missing";
  if (issue.code === "invalid_type") return `${issue.expected}_type`;
  return "value_error";
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  // zod says "received undefined" or "Invalid option" for a missing key; say it the way a user reads it.
  const given = issue.path.reduce<unknown>((at, key) => (isRecord(at) ? at[key as string] : undefined), input);
  if (given === undefined && issue.code === "invalid_type") return `is required (expected ${issue.expected})`;
  if (given === undefined && issue.code === "invalid_value") {
    return `is required (expected one of ${issue.values.map(String).join(", ")})`;
  }
  return issue.message;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
