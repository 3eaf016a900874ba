import { EmulatorError, validate } from "../../errors";
import { readJson } from "../../http-io";
import { newId, nowIso } from "../../ids";
import { fillDefaults, type JsonObject, omitKeys } from "../../merge-patch";
import type { ToolRecord } from "../../models/tool";
import type { Router } from "../../router";
import { getOr404, ok, prepareCreate } from "../../routes/resource";
import { forced } from "./common";
import { dependentAgents, detach } from "./dependents";
import { cursorPage, parseCursorQuery } from "./paging";
import { LIVE_TOOL_DEFAULTS, LIVE_TOOL_READ_ONLY, liveToolBody, liveToolConfigOf, renderLiveTool } from "./tool-model";

/** Live tool routes (live-vs-seed.md §2.4): `{tool_config}` bodies, `id`, cursor lists. */
export function liveToolRoutes(router: Router): void {
  router
    .add("POST", "/tools", async ({ app, req }) => {
      const body = prepareCreate(liveToolBody, await readJson(req), LIVE_TOOL_READ_ONLY);
      const now = nowIso();
      const tool = withDefaults({ tool_id: newId("tool"), ...body, created_at: now, updated_at: now });
      app.store.put("tools", tool.tool_id, tool);
      return ok(renderLiveTool(tool));
    })
    .add("GET", "/tools", ({ app, query }) => {
      const q = parseCursorQuery(query, ["created_at", "name"]);
      const search = query.get("search")?.toLowerCase();
      const types = query.getAll("types").flatMap((t) => t.split(","));
      const tools = app.store.list("tools").filter((t) => {
        const c = liveToolConfigOf(t) as { name: string; type: string };
        return (!search || c.name.toLowerCase().includes(search)) && (types.length === 0 || types.includes(c.type));
      });
      const { page, next_cursor, has_more } = cursorPage(
        tools,
        q,
        (t) => t.tool_id,
        (t, by) => (by === "name" ? String(liveToolConfigOf(t).name) : t.created_at),
      );
      return ok({ tools: page.map(renderLiveTool), next_cursor, has_more });
    })
    .add("GET", "/tools/{tool_id}", ({ app, params }) =>
      ok(renderLiveTool(getOr404(app, "tools", params.tool_id as string, "tool"))),
    )
    .add("PATCH", "/tools/{tool_id}", async ({ app, req, params }) => {
      const existing = getOr404(app, "tools", params.tool_id as string, "tool");
      // The whole tool_config, not a merge (PY `tools/raw_client.py` update).
      const body = validate(liveToolBody, omitKeys(await readJson(req), LIVE_TOOL_READ_ONLY));
      const { tool_config: _old, ...kept } = existing as unknown as JsonObject;
      const tool = withDefaults({ ...kept, ...body, updated_at: nowIso() } as JsonObject);
      app.store.put("tools", tool.tool_id, tool);
      return ok(renderLiveTool(tool));
    })
    .add("GET", "/tools/{tool_id}/dependent-agents", ({ app, params }) => {
      const { tool_id } = getOr404(app, "tools", params.tool_id as string, "tool");
      const agents = dependentAgents(app, "tool", tool_id).map((a) => ({
        id: a.agent_id,
        name: a.name,
        type: "available",
      }));
      return ok({ agents, branches: [], next_cursor: null, has_more: false });
    })
    .add("DELETE", "/tools/{tool_id}", ({ app, params, query }) => {
      const { tool_id } = getOr404(app, "tools", params.tool_id as string, "tool");
      const users = dependentAgents(app, "tool", tool_id);
      if (users.length > 0 && !forced(query)) {
        throw new EmulatorError(
          400,
          "TOOL_HAS_DEPENDENT_AGENTS",
          `tool ${tool_id} is used by agents ${users.map((a) => a.agent_id).join(", ")}; remove it from them or delete with force=true`,
          { id: tool_id, dependent_agents: users.map((a) => a.agent_id) },
        );
      }
      app.store.apply([...detach(users, "tool", tool_id), { op: "delete", kind: "tools", id: tool_id }]);
      return ok({});
    });
}

function withDefaults(tool: JsonObject): ToolRecord {
  const type = (tool.tool_config as { type: string }).type;
  return fillDefaults(tool, LIVE_TOOL_DEFAULTS[type] as JsonObject) as unknown as ToolRecord;
}
