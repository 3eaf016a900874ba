/**
 * The one error hierarchy of the provider. Callers branch on `code`, never on message text.
 * Messages never contain the API key or secret values: they are built from the API's error
 * envelope, the route and ids only.
 */
export class ElevenLabsError extends Error {
  override name = "ElevenLabsError";
  constructor(
    message: string,
    /** Stable machine-readable code, e.g. `NOT_FOUND`, `CONFIG_MISSING_API_KEY`. */
    readonly code: string,
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

/** The API answered with a non-2xx status. Built in one place: {@link ApiError.from}. */
export class ApiError extends ElevenLabsError {
  override name = "ApiError";
  readonly status: number;
  readonly details?: unknown;
  readonly requestId?: string;
  readonly method: string;
  readonly path: string;
  readonly retryAfterMs?: number;

  constructor(init: ApiErrorInit) {
    super(
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
}

export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}
export class ApiValidationError extends ApiError {
  override name = "ApiValidationError";
}

/** No HTTP answer at all: refused, reset, DNS, TLS. Retried for idempotent requests. */
export class ConnectionError extends ElevenLabsError {
  override name = "ConnectionError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "CONNECTION_ERROR", options);
  }
}

export class TimeoutError extends ElevenLabsError {
  override name = "TimeoutError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "TIMEOUT", options);
  }
}

/** Provider configuration is missing or wrong (no API key, bad base URL). */
export class ConfigError extends ElevenLabsError {
  override name = "ConfigError";
}
