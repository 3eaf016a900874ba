import type { JsonObject } from "../diff/json";
import { type Ctx, ResourceHandler } from "./resource-handler";

/**
 * The agent's RAG index, recomputed (compute-index) on create and whenever `documentIds`
 * changes. Its id is the agent's. `read` reports the listed ids that still exist, so a document
 * deleted out of band shows as drift and the next `up` recomputes. Delete calls nothing: the
 * index has no delete route and goes with the agent and its documents.
 */
export const agentKnowledgeBaseIndexHandler: ResourceHandler = new ResourceHandler({
  kind: "AgentKnowledgeBaseIndex",
  idField: "agentId",
  routes: {},
  pathParams: (id) => ({ agent_id: id }),
  recovery: "none",
  createObject: (ctx, desired) => computeIndex(ctx, String(desired.agentId)),
  updateObject: (ctx, id) => computeIndex(ctx, id),
  async getObject(ctx, id, state) {
    const docs = await ctx.client.listAll<JsonObject>("knowledgeBase.list", { path: { agent_id: id } });
    const live = new Set(docs.map((d) => d.document_id));
    const wanted = Array.isArray(state.documentIds) ? (state.documentIds as string[]) : [];
    return { agent_id: id, document_ids: wanted.filter((d) => live.has(d)) };
  },
  deleteObject: async () => {},
});

async function computeIndex(ctx: Ctx, agentId: string): Promise<JsonObject> {
  const answer = await ctx.client.request<JsonObject>("knowledgeBase.computeIndex", {
    path: { agent_id: agentId },
    idempotent: true,
  });
  return { ...answer, agent_id: agentId };
}
