import { checkAll, ValidationError } from "../../errors";
import { readJson } from "../../http-io";
import { newId, nowIso } from "../../ids";
import type { JsonObject } from "../../merge-patch";
import type { AgentRecord } from "../../models/agent";
import type { Router } from "../../router";
import { deleteAgent } from "../../routes/agents";
import { ok, prepareCreate, prepareUpdate, requireAgent } from "../../routes/resource";
import {
  keepWrittenToolForm,
  LIVE_AGENT_DEFAULTS,
  LIVE_AGENT_READ_ONLY,
  liveAgentBody,
  liveAgentSummary,
  newVersionId,
  renderLiveAgent,
  writesBothToolForms,
} from "./agent-model";
import { ACCESS_INFO, empty, unixSecs } from "./common";
import { cursorPage, parseCursorQuery } from "./paging";

/** Live agent routes (live-vs-seed.md §2.1). */
export function liveAgentRoutes(router: Router): void {
  router
    .add("POST", "/agents/create", async ({ app, req }) => {
      const raw = await readJson(req);
      const [body] = checkAll(
        () => prepareCreate(liveAgentBody, raw, LIVE_AGENT_READ_ONLY, LIVE_AGENT_DEFAULTS),
        () => refuseBothToolForms(raw),
      );
      const now = nowIso();
      const branchId = newId("agtbrch");
      const agent = {
        agent_id: newId("agent"),
        ...body,
        version_id: newVersionId(),
        branch_id: branchId,
        main_branch_id: branchId,
        created_at: now,
        updated_at: now,
      } as unknown as AgentRecord;
      app.store.put("agents", agent.agent_id, agent);
      // Only the id: a client reads the agent after creating it (PYT `create_agent_response_model.py`).
      return ok({ agent_id: agent.agent_id });
    })
    .add("GET", "/agents", ({ app, query }) => {
      const q = parseCursorQuery(query, ["created_at", "name", "call_count_7d"]);
      const search = query.get("search")?.toLowerCase();
      const agents = app.store.list("agents").filter((a) => !search || a.name.toLowerCase().includes(search));
      const { page, next_cursor, has_more } = cursorPage(
        agents,
        q,
        (a) => a.agent_id,
        (a, by) => (by === "name" ? a.name : a.created_at),
      );
      return ok({ agents: page.map((a) => liveAgentSummary(a as AgentRecord & JsonObject)), next_cursor, has_more });
    })
    .add("GET", "/agents/{agent_id}", ({ app, params }) =>
      ok(renderLiveAgent(app, requireAgent(app, params.agent_id as string))),
    )
    .add("PATCH", "/agents/{agent_id}", async ({ app, req, params }) => {
      const existing = requireAgent(app, params.agent_id as string);
      const patch = await readJson(req);
      const [merged] = checkAll(
        () => prepareUpdate(liveAgentBody, existing, patch, LIVE_AGENT_READ_ONLY, LIVE_AGENT_DEFAULTS),
        () => refuseBothToolForms(patch),
      );
      // Every change makes a new version of the agent's branch.
      const agent = { ...keepWrittenToolForm(merged, patch), version_id: newVersionId() } as unknown as AgentRecord;
      app.store.put("agents", agent.agent_id, agent);
      app.emit("agent.updated", { agent_id: agent.agent_id, changed_fields: Object.keys(patch) }, agent.agent_id);
      return ok(renderLiveAgent(app, agent));
    })
    // Read-only: the one main branch every agent has, so a client can prove it created no other.
    .add("GET", "/agents/{agent_id}/branches", ({ app, params }) => {
      const agent = requireAgent(app, params.agent_id as string) as AgentRecord & JsonObject;
      const main = {
        id: agent.main_branch_id,
        name: "Main",
        agent_id: agent.agent_id,
        description: "",
        created_at: unixSecs(agent.created_at),
        last_committed_at: unixSecs(agent.updated_at),
        is_archived: false,
        access_info: ACCESS_INFO,
        parent_branch_id: null,
        draft_exists: false,
      };
      return ok({ results: [main], meta: { total: 1, page: 0, page_size: 1 } });
    })
    .add("DELETE", "/agents/{agent_id}", ({ app, params }) => {
      deleteAgent(app, params.agent_id as string);
      return empty(200);
    });
}

function refuseBothToolForms(body: JsonObject): void {
  if (!writesBothToolForms(body)) return;
  const path = ["conversation_config", "agent", "prompt", "tools"];
  throw new ValidationError([
    {
      field: path.join("."),
      path,
      type: "value_error",
      issue: "send either tool_ids or tools, not both (tools is deprecated: use tool_ids)",
    },
  ]);
}
