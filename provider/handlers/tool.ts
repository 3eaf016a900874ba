import { ResourceHandler } from "./resource-handler";

/** Tools: the generic handler; secret headers are split from the wire's headers by the codec (codec/tool.ts). */
export const toolHandler = new ResourceHandler({
  kind: "Tool",
  idField: "toolId",
  routes: {
    create: "tools.create",
    get: "tools.get",
    update: "tools.update",
    delete: "tools.delete",
    list: "tools.list",
  },
  pathParams: (id) => ({ tool_id: id }),
});
