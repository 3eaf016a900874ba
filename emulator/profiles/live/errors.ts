import { type EmulatorError, ValidationError } from "../../errors";

/**
 * Errors as the live API writes them (live-vs-seed.md §1): FastAPI's 422
 * `{"detail":[{loc,msg,type}]}` for validation, `{"detail":{status,message}}` for other 4xx/5xx,
 * and FastAPI's plain-string `detail` for a path that is not a route. Not-found `status` strings
 * are not documented (§6): `<resource>_not_found` is our choice (README "Live profile").
 */
export function renderLiveError(error: EmulatorError, _requestId: string): { status: number; body: unknown } {
  if (error instanceof ValidationError) {
    return {
      status: 422,
      body: {
        detail: error.problems.map((p) => ({
          loc: [p.in ?? "body", ...(p.path ?? (p.field === "body" ? [] : p.field.split(".")))],
          msg: p.issue,
          type: p.type ?? "value_error",
        })),
      },
    };
  }
  if (error.status === 404 && error.details.id === undefined) return { status: 404, body: { detail: "Not Found" } };
  if (error.status === 405) return { status: 405, body: { detail: "Method Not Allowed" } };
  return { status: error.status, body: { detail: { status: liveStatus(error), message: error.message } } };
}

const STATUS: Record<string, string> = {
  AUTHENTICATION_ERROR: "invalid_api_key",
  RATE_LIMIT_EXCEEDED: "too_many_concurrent_requests",
  TOO_MANY_CONCURRENT_REQUESTS: "too_many_concurrent_requests",
  SYSTEM_BUSY: "system_busy",
};

function liveStatus(error: EmulatorError): string {
  if (error.code === "NOT_FOUND")
    return `${String(error.details.resource ?? "resource").replace(/\W+/g, "_")}_not_found`;
  return STATUS[error.code] ?? error.code.toLowerCase();
}
