/**
 * The one error hierarchy of the provider, and the one place where an API answer becomes an
 * error ({@link ApiError.fromResponse}). Callers branch on `code` or the class, never on message
 * text. Messages never contain the API key or secret values: they are built from the API's error
 * envelope, the route and ids only.
 */
import { header, type ResponseHeaders } from "./client/retry";
import { seedErrors } from "./profiles/seed/errors";
import type { ErrorDialect, ProfileName } from "./profiles/types";

/** Codes the provider itself gives; API errors carry the API's own code (see {@link ApiErrorCode}). */
export const ErrorCode = {
  AdoptNotFound: "ADOPT_NOT_FOUND",
  AdoptMismatch: "ADOPT_MISMATCH",
  AlreadyExists: "ALREADY_EXISTS",
  NotUpdatable: "NOT_UPDATABLE",
  NotSupported: "NOT_SUPPORTED",
  UnexpectedResponse: "UNEXPECTED_RESPONSE",
  ProfileMismatch: "PROFILE_MISMATCH",
  WrongProfile: "WRONG_PROFILE",
  ConfigMissingApiKey: "CONFIG_MISSING_API_KEY",
  ConfigInvalidBaseUrl: "CONFIG_INVALID_BASE_URL",
  ConfigInvalidProfile: "CONFIG_INVALID_PROFILE",
  ConfigInvalidConcurrency: "CONFIG_INVALID_CONCURRENCY",
  ConnectionError: "CONNECTION_ERROR",
  Timeout: "TIMEOUT",
  InvalidArgument: "INVALID_ARGUMENT",
  KbDocumentFailed: "KB_DOCUMENT_FAILED",
  KbDocumentTimeout: "KB_DOCUMENT_TIMEOUT",
  /** YAML workspace definitions (sdk/workspace) that do not load: every problem at once, with file:line:column. */
  InvalidDefinitions: "INVALID_DEFINITIONS",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The contract's error codes (`shared/api/convai-api.md`, "Error Responses"), and what we use when an answer has none. */
export const ApiErrorCode = {
  Validation: "VALIDATION_ERROR",
  Authentication: "AUTHENTICATION_ERROR",
  Authorization: "AUTHORIZATION_ERROR",
  NotFound: "NOT_FOUND",
  RequestTimeout: "REQUEST_TIMEOUT",
  Conflict: "CONFLICT",
  RateLimitExceeded: "RATE_LIMIT_EXCEEDED",
  Internal: "INTERNAL_ERROR",
  QuotaExceeded: "QUOTA_EXCEEDED",
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

export class ElevenLabsError extends Error {
  override name = "ElevenLabsError";
  constructor(
    message: string,
    /** Stable machine-readable code: one of {@link ErrorCode}, or the API's own for {@link ApiError}. */
    readonly code: ErrorCode | ApiErrorCode | (string & {}),
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Details carried by every error the API answered with. */
export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
  method: string;
  path: string;
  retryAfterMs?: number;
}

/** An HTTP answer as the client received it, for {@link ApiError.fromResponse}. */
export interface ApiResponse {
  status: number;
  headers: ResponseHeaders;
  /** The raw body. */
  text: string;
  method: string;
  /** The route's path relative to the base URL, as sent. */
  path: string;
  /** The full URL that was called (named where the base URL may be at fault). */
  url: string;
  /** The object ids the request carried (path segments, or query values the route takes instead). */
  pathValues: readonly string[];
  /** Removes what must never appear in a message (the API key). */
  redact(text: string): string;
  /** Wait the server asked for, from Retry-After / X-RateLimit-Reset. */
  retryAfterMs?: number;
}

/** The API answered with a non-2xx status. Built in one place: {@link ApiError.fromResponse}. */
export class ApiError extends ElevenLabsError {
  override name = "ApiError";
  readonly status: number;
  readonly details?: unknown;
  readonly requestId?: string;
  readonly method: string;
  readonly path: string;
  readonly retryAfterMs?: number;

  constructor(init: ApiErrorInit, message?: string) {
    super(
      message ??
        `${init.method} ${init.path} failed: ${init.status} ${init.code}: ${init.message}` +
          (init.requestId ? ` (request id ${init.requestId})` : ""),
      init.code,
    );
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Picks the subclass callers branch on; everything else stays a plain ApiError. */
  static from(init: ApiErrorInit): ApiError {
    if (init.status === 404) return new NotFoundError(init);
    if (init.status === 429) return new RateLimitError(init);
    if (init.status === 400 || init.status === 422) return new ApiValidationError(init);
    return new ApiError(init);
  }

  /**
   * Reads the error envelope of the client's API profile (`dialect`; the contract's by default).
   *
   * A 404 becomes a {@link NotFoundError} (which read and delete take as "the object is gone")
   * only when the dialect says it proves that the addressed object is absent. Any other 404 — a
   * base URL without `/v1/convai`, a proxy's error page, an API that moved — is an
   * {@link UnexpectedResponseError} naming the URL: taking it for absence would make `refresh`
   * drop every resource from the state and the next `up` create duplicates. An answer in the
   * OTHER profile's envelope is a {@link ProfileMismatchError} that says which profile to set.
   */
  static fromResponse(res: ApiResponse, dialect: ErrorDialect = seedErrors, profile: ProfileName = "seed"): ApiError {
    const { status, headers, text, method, path, redact } = res;
    const parsed = parseJson(text);
    const body = dialect.parse(parsed, status);
    const message =
      body.message ?? (text.trim() !== "" && parsed === undefined ? text.trim().slice(0, 200) : `HTTP ${status}`);
    const init: ApiErrorInit = {
      status,
      code: body.code ?? codeForStatus(status),
      message: redact(message),
      details: body.details === undefined ? undefined : JSON.parse(redact(JSON.stringify(body.details))),
      requestId: body.requestId ?? header(headers, "x-request-id") ?? header(headers, "request-id"),
      method,
      path,
      retryAfterMs: res.retryAfterMs,
    };
    if (dialect.isForeign(parsed)) {
      const other = profile === "seed" ? "live" : "seed";
      return new ProfileMismatchError(
        init,
        `${method} ${res.url} answered ${status} in the ${other} API's error format (${JSON.stringify(redact(message))}), ` +
          `but the provider speaks the ${profile} API profile. ${profileHint(other)} Otherwise: ${BASE_URL_HINT}`,
      );
    }
    if (status === 404 && !dialect.provesAbsence(parsed, res)) {
      const shown =
        parsed === undefined
          ? "a body that is not JSON"
          : JSON.stringify(redact(body.message ?? text.trim().slice(0, 160)));
      return new UnexpectedResponseError(
        init,
        `${method} ${res.url} answered 404 with ${shown}, which does not say that ${res.pathValues.at(-1) ?? "the object"} ` +
          `does not exist: the URL is not an ElevenLabs API route of the ${profile} API profile. ${BASE_URL_HINT}`,
      );
    }
    return ApiError.from(init);
  }
}

/** How to switch profiles, for messages that suspect the wrong one. */
export function profileHint(wanted: ProfileName): string {
  return `Set elevenlabs:apiProfile (or ELEVENLABS_API_PROFILE) to "${wanted}" if that is the API at elevenlabs:baseUrl.`;
}

/** What every message that suspects the base URL ends with. */
export const BASE_URL_HINT =
  "Check elevenlabs:baseUrl (or ELEVENLABS_BASE_URL): give the API host, e.g. https://api.elevenlabs.io or " +
  "http://127.0.0.1:PORT for the emulator, or the host followed by /v1/convai.";

export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}
export class ApiValidationError extends ApiError {
  override name = "ApiValidationError";
}
/** An answer that is not the API's: a 404 that proves nothing, a 2xx that is not JSON. */
export class UnexpectedResponseError extends ApiError {
  override name = "UnexpectedResponseError";
  override readonly code: string = ErrorCode.UnexpectedResponse;
}

/** The server speaks the other API profile (its error envelope gives it away). */
export class ProfileMismatchError extends UnexpectedResponseError {
  override name = "ProfileMismatchError";
  override readonly code: string = ErrorCode.ProfileMismatch;
}

/** No HTTP answer at all: refused, reset, DNS, TLS. Retried for idempotent requests. */
export class ConnectionError extends ElevenLabsError {
  override name = "ConnectionError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ErrorCode.ConnectionError, options);
  }
}

export class TimeoutError extends ElevenLabsError {
  override name = "TimeoutError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ErrorCode.Timeout, options);
  }
}

/**
 * A function was called with arguments it cannot use; nothing was sent. `failures` name each
 * argument's path (`call.toNumber`, `filters.status`) with the reason, as a resource's check does.
 */
export class InvalidArgumentError extends ElevenLabsError {
  override name = "InvalidArgumentError";
  constructor(
    fn: string,
    readonly failures: readonly { property: string; reason: string }[],
  ) {
    super(`${fn}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`, ErrorCode.InvalidArgument);
  }
}

/** Provider configuration is missing or wrong (no API key, bad base URL). */
export class ConfigError extends ElevenLabsError {
  override name = "ConfigError";
}

/** The contract's code for an answer that carries none. */
const CODE_FOR_STATUS: Record<number, ApiErrorCode> = {
  400: ApiErrorCode.Validation,
  401: ApiErrorCode.Authentication,
  403: ApiErrorCode.Authorization,
  404: ApiErrorCode.NotFound,
  408: ApiErrorCode.RequestTimeout,
  409: ApiErrorCode.Conflict,
  422: ApiErrorCode.Validation,
  429: ApiErrorCode.RateLimitExceeded,
};

function codeForStatus(status: number): string {
  return CODE_FOR_STATUS[status] ?? (status >= 500 ? ApiErrorCode.Internal : `HTTP_${status}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What each WebSocket close code of the conversation socket means (the live service's use of them). */
export const CLOSE_CODE_MEANINGS: Readonly<Record<number, string>> = {
  1000: "normal end (the agent ended the call, the client closed, or the maximum duration was reached)",
  1001: "going away (the server is shutting down)",
  1002: "operational error (no user input for too long, a model timeout, a recognition or synthesis failure)",
  1005: "closed without a status code",
  1006: "connection lost without a close frame",
  1008: "policy violation (bad input: a missing dynamic variable, an override that is not allowed, an invalid message, too many conversations)",
  1011: "internal server error",
};

/** The meaning of a close code, for messages and reports. */
export const closeCodeMeaning = (code: number): string => CLOSE_CODE_MEANINGS[code] ?? "unknown close code";

/** Base of the conversation client's errors (`provider/conversation/`). */
export class ConversationError extends ElevenLabsError {
  override name = "ConversationError";
}

/** The conversation socket closed (by the server, the network or the client) while something was still expected. */
export class ConversationClosedError extends ConversationError {
  override name = "ConversationClosedError";
  constructor(
    message: string,
    readonly closeCode: number,
    readonly reason: string,
    readonly byServer: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, "CONVERSATION_CLOSED", options);
  }
  get meaning(): string {
    return closeCodeMeaning(this.closeCode);
  }
}

/** The server sent an `error` event (`error_event: {code, message, details}`); `code` is the server's. */
export class ConversationServerError extends ConversationError {
  override name = "ConversationServerError";
  /** The close code that followed the error, when the socket closed because of it (e.g. 1008). */
  closeCode?: number;
  constructor(
    message: string,
    code: string,
    readonly serverMessage: string,
    readonly details: unknown,
  ) {
    super(message, code);
  }
}

/** Something expected of the conversation (the metadata, an event a caller waits for) did not come in time. */
export class ConversationTimeoutError extends ConversationError {
  override name = "ConversationTimeoutError";
  constructor(
    message: string,
    readonly description: string,
    readonly timeoutMs: number,
  ) {
    super(message, ErrorCode.Timeout);
  }
}

/**
 * The server refused to open the conversation socket (the HTTP answer to the upgrade): `status`
 * and the API's error code, e.g. 401/403 for a private agent without a valid signed URL.
 */
export class ConversationRefusedError extends ConversationError {
  override name = "ConversationRefusedError";
  constructor(
    message: string,
    code: string,
    readonly status: number,
    readonly requestId?: string,
  ) {
    super(message, code);
  }
}
