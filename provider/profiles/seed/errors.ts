import { isPlainObject as isRecord, str } from "../../diff/json";
import type { ErrorDialect } from "../types";

/** The contract's envelope `{ error: { code, message, details }, request_id }`, tolerating FastAPI's `{ detail }`. */
export const seedErrors: ErrorDialect = {
  parse(body) {
    if (!isRecord(body)) return {};
    const envelope = isRecord(body.error) ? body.error : undefined;
    const detail = body.detail;
    return {
      code: str(envelope?.code) ?? (isRecord(detail) ? str(detail.status) : undefined),
      message: str(envelope?.message) ?? str(detail) ?? (isRecord(detail) ? str(detail.message) : undefined),
      details: envelope?.details ?? (typeof detail === "object" ? detail : undefined),
      requestId: str(body.request_id),
    };
  },
  /** NOT_FOUND that names one of the ids of the path (the emulator puts it in `details.id`). */
  provesAbsence(body, { pathValues }) {
    const envelope = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    if (envelope?.code !== "NOT_FOUND") return false;
    const id = isRecord(envelope.details) ? envelope.details.id : undefined;
    return typeof id === "string" && pathValues.includes(id);
  },
  /**
   * FastAPI's `{detail: …}` (the live API's every error: `{status, message}`, 422 lists, and a
   * plain string for a path that is no route). The contract never answers with it.
   */
  isForeign: (body) => isRecord(body) && body.error === undefined && body.detail !== undefined,
};
