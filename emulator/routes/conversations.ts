import { startOutboundCall } from "../conversation/lifecycle";
import { checkAll, validate } from "../errors";
import { readJson } from "../http-io";
import { conversationListFilters, conversationSummary, feedbackBody, outboundCallBody } from "../models/conversation";
import { paginate, parseListQuery } from "../pagination";
import type { Router } from "../router";
import { getOr404, ok, prepareCreate, requireReference } from "./resource";

export function conversationRoutes(router: Router): void {
  router
    .add("GET", "/conversations", ({ app, query }) => {
      const [q, f] = checkAll(
        () => parseListQuery(query),
        () => validate(conversationListFilters, Object.fromEntries(query)),
      );
      const start = f.start_date ? Date.parse(f.start_date) : -Infinity;
      const end = f.end_date ? Date.parse(f.end_date) : Infinity;
      const conversations = app.store.list("conversations").filter((c) => {
        const created = Date.parse(c.created_at);
        return (
          (!f.agent_id || c.agent_id === f.agent_id) &&
          (!f.status || c.status === f.status) &&
          created >= start &&
          created <= end
        );
      });
      return ok(paginate(conversations.map(conversationSummary), q, "conversation_id", "conversations"));
    })
    .add("GET", "/conversations/{conversation_id}", ({ app, params }) =>
      ok(getOr404(app, "conversations", params.conversation_id as string, "conversation")),
    )
    .add("POST", "/conversations/{conversation_id}/feedback", async ({ app, req, params }) => {
      const conversation = getOr404(app, "conversations", params.conversation_id as string, "conversation");
      const feedback = prepareCreate(feedbackBody, await readJson(req), []);
      app.store.put("conversations", conversation.conversation_id, { ...conversation, feedback });
      return ok({ message: "Feedback recorded", conversation_id: conversation.conversation_id, feedback });
    })
    .add("POST", "/conversations/outbound-call", async ({ app, req }) => {
      const raw = await readJson(req);
      const [body] = checkAll(
        () => prepareCreate(outboundCallBody, raw, []),
        () => requireReference(app, "agents", raw.agent_id, "agent_id"),
      );
      return ok(startOutboundCall(app, body));
    });
}
