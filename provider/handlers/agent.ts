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
});
