import { checkAll } from "../errors";
import { readJson } from "../http-io";
import { newId, nowIso } from "../ids";
import { fillDefaults } from "../merge-patch";
import { TOOL_DEFAULTS, type ToolRecord, toolBody } from "../models/tool";
import { paginate, parseListQuery } from "../pagination";
import { enumParam } from "../query";
import type { Router } from "../router";
import { getOr404, ok, prepareCreate, prepareUpdate } from "./resource";

const READ_ONLY = ["tool_id"];

export function toolRoutes(router: Router): void {
  router
    .add("POST", "/tools", async ({ app, req }) => {
      const body = prepareCreate(toolBody, await readJson(req), READ_ONLY);
      const now = nowIso();
      const tool = withDefaults({ tool_id: newId("tool"), ...body, created_at: now, updated_at: now } as ToolRecord);
      return ok(app.store.put("tools", tool.tool_id, tool));
    })
    .add("GET", "/tools", ({ app, query }) => {
      const [q, type] = checkAll(
        () => parseListQuery(query),
        () => enumParam(query, "type", ["server", "client"] as const),
      );
      const tools = app.store.list("tools").filter((t) => !type || t.type === type);
      return ok(paginate(tools, q, "tool_id", "tools"));
    })
    .add("GET", "/tools/{tool_id}", ({ app, params }) => ok(getOr404(app, "tools", params.tool_id as string, "tool")))
    .add("PATCH", "/tools/{tool_id}", async ({ app, req, params }) => {
      const existing = getOr404(app, "tools", params.tool_id as string, "tool");
      const tool = withDefaults(prepareUpdate(toolBody, existing, await readJson(req), READ_ONLY) as ToolRecord);
      return ok(app.store.put("tools", tool.tool_id, tool));
    })
    .add("DELETE", "/tools/{tool_id}", ({ app, params }) => {
      const { tool_id } = getOr404(app, "tools", params.tool_id as string, "tool");
      app.store.delete("tools", tool_id);
      return ok({ message: "Tool deleted successfully", tool_id });
    });
}

/** Defaults depend on the (possibly patched) type, so they are filled after validation. */
function withDefaults(tool: ToolRecord): ToolRecord {
  return fillDefaults(tool, TOOL_DEFAULTS[tool.type]);
}
