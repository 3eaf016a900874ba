import type { IncomingMessage } from "node:http";
import type { App } from "../app";
import { readJson } from "../http-io";
import { newId, nowIso } from "../ids";
import { AGENT_DEFAULTS, type AgentRecord, agentBody, agentSummary } from "../models/agent";
import { paginate, parseListQuery } from "../pagination";
import type { Router } from "../router";
import type { Op } from "../store/store";
import { ok, prepareCreate, prepareUpdate, requireAgent } from "./resource";

const READ_ONLY = ["agent_id"];

export function agentRoutes(router: Router): void {
  router
    .add("POST", "/agents", async ({ app, req }) => {
      const body = prepareCreate(agentBody, await readJson(req), READ_ONLY, AGENT_DEFAULTS);
      const now = nowIso();
      const agent = { agent_id: newId("agent"), ...body, created_at: now, updated_at: now } as AgentRecord;
      return ok(app.store.put("agents", agent.agent_id, agent));
    })
    .add("GET", "/agents", ({ app, query }) =>
      ok(paginate(app.store.list("agents").map(agentSummary), parseListQuery(query), "agent_id", "agents")),
    )
    .add("GET", "/agents/{agent_id}", ({ app, params }) => ok(requireAgent(app, params.agent_id as string)))
    .add("PATCH", "/agents/{agent_id}", async ({ app, req, params }) => {
      const existing = requireAgent(app, params.agent_id as string);
      const patch = await readJson(req);
      const agent = prepareUpdate(agentBody, existing, patch, READ_ONLY, AGENT_DEFAULTS) as AgentRecord;
      app.store.put("agents", agent.agent_id, agent);
      app.emit("agent.updated", { agent_id: agent.agent_id, changed_fields: Object.keys(patch) }, agent.agent_id);
      return ok(agent);
    })
    .add("DELETE", "/agents/{agent_id}", ({ app, params }) => {
      const { agent_id } = deleteAgent(app, params.agent_id as string);
      return ok({ message: "Agent deleted successfully", agent_id });
    })
    .add("GET", "/agents/{agent_id}/signed-url", ({ app, req, params }) => {
      const { agent_id } = requireAgent(app, params.agent_id as string);
      const { url, expiresAt } = signedUrl(app, req, agent_id, app.profile.conversation.signatureParam);
      return ok({ signed_url: url, expires_at: new Date(expiresAt * 1000).toISOString() });
    });
}

/** Deletes an agent, its avatar and the documents that belong to it alone (seed KB), in one durable batch. */
export function deleteAgent(app: App, agentId: string): AgentRecord {
  const agent = requireAgent(app, agentId);
  const ops: Op[] = [
    { op: "delete", kind: "agents", id: agent.agent_id },
    { op: "delete", kind: "avatars", id: agent.agent_id },
  ];
  for (const doc of app.store.list("documents")) {
    if (doc.agent_id !== agent.agent_id) continue;
    ops.push({ op: "delete", kind: "documents", id: doc.document_id });
    ops.push({ op: "delete", kind: "document_contents", id: doc.document_id });
  }
  app.store.apply(ops);
  return agent;
}

/** A conversation URL for `agentId` signed for `signedUrlTtlSeconds`; `param` names the signature. */
export function signedUrl(app: App, req: IncomingMessage, agentId: string, param: string) {
  const expiresAt = Math.floor(Date.now() / 1000) + app.options.signedUrlTtlSeconds;
  // The Host the client used, so the URL works behind port mappings too.
  const host = req.headers.host ?? new URL(app.url).host;
  const url = new URL(`ws://${host}/v1/convai/conversation`);
  url.searchParams.set("agent_id", agentId);
  url.searchParams.set(param, app.signer.sign(agentId, expiresAt));
  return { url: url.toString(), expiresAt };
}
