import { startOutboundCall } from "../../conversation/lifecycle";
import { checkAll, invalidQuery, validate } from "../../errors";
import { readJson } from "../../http-io";
import { intParam } from "../../query";
import type { Handler, Router } from "../../router";
import { signedUrl } from "../../routes/agents";
import { getOr404, ok, requireAgent, requireReference } from "../../routes/resource";
import { empty, unixSecs } from "./common";
import {
  liveConversationSummary,
  liveFeedbackBody,
  liveOutboundCallBody,
  renderLiveConversation,
} from "./conversation-model";
import { cursorPage, parseCursorQuery } from "./paging";

/** Live conversations, signed URLs and outbound calls (live-vs-seed.md §2.2, §2.3). */
export function liveConversationRoutes(router: Router): void {
  const signed: Handler = ({ app, req, query }) => {
    const agentId = query.get("agent_id");
    if (!agentId) throw invalidQuery("agent_id", "is required");
    const { agent_id } = requireAgent(app, agentId);
    // No expiry in the answer (PYT `conversation_signed_url_response_model.py`).
    return ok({ signed_url: signedUrl(app, req, agent_id, app.profile.conversation.signatureParam).url });
  };
  router
    .add("GET", "/conversation/get-signed-url", signed)
    // The older, deprecated spelling (OAS `get_signed_url_deprecated`).
    .add("GET", "/conversation/get_signed_url", signed)
    .add("GET", "/conversations", ({ app, query }) => {
      const [q, before, after, minSecs, maxSecs, successful, excluded] = checkAll(
        () => parseCursorQuery(query, ["created_at"]),
        () => unixParam(query, "call_start_before_unix", Number.MAX_SAFE_INTEGER),
        () => unixParam(query, "call_start_after_unix", 0),
        () => intParam(query, "call_duration_min_secs", 0, 0),
        () => intParam(query, "call_duration_max_secs", Number.MAX_SAFE_INTEGER, 0),
        () => oneOf(query.get("call_successful"), "call_successful", CALL_SUCCESSFUL),
        () => query.getAll("exclude_statuses").map((status) => oneOf(status, "exclude_statuses", STATUSES)),
      );
      const agentId = query.get("agent_id");
      const conversations = app.store.list("conversations").filter((c) => {
        const start = unixSecs(c.created_at);
        const summary = liveConversationSummary(app, c);
        const duration = c.duration_seconds ?? 0;
        return (
          (!agentId || c.agent_id === agentId) &&
          start < before &&
          start >= after &&
          duration >= minSecs &&
          duration <= maxSecs &&
          (!successful || summary.call_successful === successful) &&
          !excluded.includes(c.status as string)
        );
      });
      const { page, next_cursor, has_more } = cursorPage(
        conversations,
        q,
        (c) => c.conversation_id,
        (c) => c.created_at,
      );
      return ok({ conversations: page.map((c) => liveConversationSummary(app, c)), next_cursor, has_more });
    })
    .add("GET", "/conversations/{conversation_id}", ({ app, params }) =>
      ok(renderLiveConversation(app, getOr404(app, "conversations", params.conversation_id as string, "conversation"))),
    )
    .add("DELETE", "/conversations/{conversation_id}", ({ app, params }) => {
      const c = getOr404(app, "conversations", params.conversation_id as string, "conversation");
      app.store.delete("conversations", c.conversation_id);
      return empty(200);
    })
    .add("POST", "/conversations/{conversation_id}/feedback", async ({ app, req, params }) => {
      const c = getOr404(app, "conversations", params.conversation_id as string, "conversation");
      const { feedback } = validate(liveFeedbackBody, await readJson(req));
      app.store.put("conversations", c.conversation_id, { ...c, feedback_score: feedback });
      return ok({});
    });
  for (const provider of ["twilio", "sip-trunk"] as const) {
    router.add("POST", `/${provider}/outbound-call`, async ({ app, req }) => {
      const raw = await readJson(req);
      const [body] = checkAll(
        () => validate(liveOutboundCallBody, raw),
        () => requireReference(app, "agents", raw.agent_id, "agent_id"),
        () => requireReference(app, "phone_numbers", raw.agent_phone_number_id, "agent_phone_number_id"),
      );
      const from = app.store.get("phone_numbers", body.agent_phone_number_id)?.phone_number;
      const c = startOutboundCall(app, { agent_id: body.agent_id, to_number: body.to_number, from_number: from });
      const id = provider === "twilio" ? { callSid: c.metadata.call_sid } : { sip_call_id: c.metadata.call_sid };
      return ok({ success: true, message: "Outbound call initiated", conversation_id: c.conversation_id, ...id });
    });
  }
}

const CALL_SUCCESSFUL = ["success", "failure", "unknown"];
const STATUSES = ["initiated", "in-progress", "processing", "done", "failed"];

/** Unix seconds (ten digits today; the contract's 9-digit `intParam` bound is for counts). */
function unixParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,12}$/.test(raw)) throw invalidQuery(name, "must be unix seconds (a non-negative integer)");
  return Number(raw);
}

/** A query value from a fixed set; `undefined` when the parameter is not given. */
function oneOf(value: string | null, name: string, allowed: readonly string[]): string | undefined {
  if (value === null) return undefined;
  if (!allowed.includes(value)) throw invalidQuery(name, `must be one of ${allowed.join(", ")}`);
  return value;
}
