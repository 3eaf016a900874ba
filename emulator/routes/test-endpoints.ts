import { z } from "zod";
import { callTool } from "../conversation/tool-calls";
import { checkAll, validate } from "../errors";
import { faultConfig } from "../faults";
import { readJson } from "../http-io";
import { newId, nowIso } from "../ids";
import { metadata, nonEmpty } from "../models/common";
import type { ConversationRecord } from "../models/conversation";
import { seedConversationBody } from "../models/conversation";
import type { Router } from "../router";
import { ok, requireReference } from "./resource";

const toolCallBody = z.looseObject({
  agent_id: nonEmpty,
  tool_id: nonEmpty,
  conversation_id: z.string().optional(),
  parameters: metadata.optional(),
});

/** `/_emulator/*`: not in the contract, only with `testEndpoints`, never authenticated or counted. */
export function testEndpointRoutes(router: Router): void {
  router
    .add("GET", "/stats", ({ app }) => ok(app.stats.snapshot()))
    .add("POST", "/stats/reset", ({ app }) => {
      app.stats.reset();
      return ok(app.stats.snapshot());
    })
    .add("GET", "/faults", ({ app }) => ok(app.faults.current()))
    .add("PUT", "/faults", async ({ app, req }) => {
      app.faults.set(validate(faultConfig, await readJson(req)));
      return ok(app.faults.current());
    })
    .add("DELETE", "/faults", ({ app }) => {
      app.faults.clear();
      return ok(app.faults.current());
    })
    .add("POST", "/reset", ({ app }) => {
      app.reset();
      return ok({ message: "Emulator reset" });
    })
    .add("POST", "/conversations", async ({ app, req }) => {
      const raw = await readJson(req);
      const [body] = checkAll(
        () => validate(seedConversationBody, raw),
        () => requireReference(app, "agents", raw.agent_id, "agent_id"),
      );
      const created = body.created_at ?? nowIso();
      const status = body.status ?? "done";
      const duration = body.duration_seconds ?? 60;
      const final = status === "done" || status === "failed";
      const conversation = {
        conversation_id: newId("conv"),
        analysis: null,
        has_audio: final,
        has_user_audio: final,
        has_response_audio: final,
        ...body,
        status,
        created_at: created,
        updated_at: created,
        duration_seconds: duration,
        ended_at: final ? new Date(Date.parse(created) + duration * 1000).toISOString() : null,
        metadata: { session_id: newId("sess"), language: "en", call_sid: null, ...body.metadata },
        transcript: (body.transcript ?? []).map((t) => ({ ...t, timestamp: t.timestamp ?? created })),
      } as ConversationRecord;
      return ok(app.store.put("conversations", conversation.conversation_id, conversation));
    })
    .add("POST", "/tool-calls", async ({ app, req }) => ok(callTool(app, validate(toolCallBody, await readJson(req)))));
}
