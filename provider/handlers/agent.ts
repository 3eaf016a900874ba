import { knowledgeBaseDocumentHandler } from "./knowledge-base-document";
import { creationIndexOf } from "./recovery";
import { ResourceHandler } from "./resource-handler";

/** Agents have every route: the generic handler does it all. Summaries in the list -> natural key `name`. */
export const agentHandler = new ResourceHandler({
  kind: "Agent",
  idField: "agentId",
  routes: {
    create: "agents.create",
    get: "agents.get",
    update: "agents.update",
    delete: "agents.delete",
    list: "agents.list",
  },
  pathParams: (id) => ({ agent_id: id }),
  // A new agent has no documents, so creating its documents needs no recovery listing (one
  // listing per agent was a sixth of the calls of an `up`, each against the rate limit).
  created: (ctx, live) => creationIndexOf(knowledgeBaseDocumentHandler, ctx, { agentId: live.agentId })?.startEmpty(),
});
