import { toCamelKey } from "../../codec/case";
import { isPlainObject as isRecord, str } from "../../diff/json";
import type { ErrorDialect } from "../types";

/** A 422 `loc` (`["body", "conversation_config", "agent", 0]`) as a resource path (`conversationConfig.agent[0]`). */
export function locToPath(loc: unknown): string {
  if (!Array.isArray(loc)) return "";
  const parts = loc[0] === "body" || loc[0] === "query" || loc[0] === "path" ? loc.slice(1) : loc;
  return parts.reduce<string>(
    (acc, seg) =>
      typeof seg === "number" ? `${acc}[${seg}]` : acc ? `${acc}.${toCamelKey(String(seg))}` : toCamelKey(String(seg)),
    "",
  );
}

/**
 * The live API's errors (live-vs-seed.md §1): `{detail: {status, message}}` for 4xx, a plain
 * `{detail: "…"}`, and FastAPI's 422 `{detail: [{loc, msg, type}]}`, whose entries become
 * `details.fields` with resource-form paths and are listed in the message.
 */
export const liveErrors: ErrorDialect = {
  parse(body, status) {
    if (!isRecord(body)) return {};
    const detail = body.detail;
    if (Array.isArray(detail)) {
      const fields = detail.filter(isRecord).map((d) => ({
        path: locToPath(d.loc),
        message: str(d.msg) ?? "invalid",
        ...(str(d.type) ? { type: d.type } : {}),
      }));
      return {
        code: status === 422 ? "VALIDATION_ERROR" : undefined,
        message: fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join("; ") || undefined,
        details: { fields },
        requestId: str(body.request_id),
      };
    }
    if (isRecord(detail)) {
      return {
        code: str(detail.status),
        message: str(detail.message),
        details: detail,
        requestId: str(body.request_id),
      };
    }
    return { message: str(detail), requestId: str(body.request_id) };
  },
  /**
   * §6: no source shows the live 404 body. Conservative rule: only a 404 whose `detail.status`
   * says not-found, answering a GET or DELETE of an object's own path, proves absence. FastAPI's
   * `{detail: "Not Found"}` (an unknown route: wrong base URL) never does.
   */
  provesAbsence(body, { method, pathValues }) {
    if (method !== "GET" && method !== "DELETE") return false;
    if (pathValues.length === 0 || !isRecord(body) || !isRecord(body.detail)) return false;
    const status = str(body.detail.status);
    return status !== undefined && /not[_ ]?found/i.test(status);
  },
  /** The contract's `{error: {code, message}}`. */
  isForeign: (body) => isRecord(body) && isRecord(body.error) && typeof body.error.code === "string",
};
