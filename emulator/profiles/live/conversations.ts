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
      const [q, before, after] = checkAll(
        () => parseCursorQuery(query, ["created_at"]),
        () => intParam(query, "call_start_before_unix", Number.MAX_SAFE_INTEGER, 0),
        () => intParam(query, "call_start_after_unix", 0, 0),
      );
      const agentId = query.get("agent_id");
      const conversations = app.store.list("conversations").filter((c) => {
        const start = unixSecs(c.created_at);
        return (!agentId || c.agent_id === agentId) && start < before && start >= after;
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
