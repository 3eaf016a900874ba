import { z } from "zod";
import type { App } from "../../app";
import { checkAll, invalid, validate } from "../../errors";
import { readJson } from "../../http-io";
import { newId, nowIso } from "../../ids";
import { nonEmpty } from "../../models/common";
import type { SecretRecord } from "../../models/workspace";
import type { Router } from "../../router";
import { getOr404, ok } from "../../routes/resource";
import { empty } from "./common";
import { cursorPage, parseCursorQuery } from "./paging";

/** PY `secrets/raw_client.py`: the SDK sends a constant `type` with each write. */
const createBody = z.looseObject({ type: z.literal("new"), name: nonEmpty, value: nonEmpty });
const updateBody = z.looseObject({ type: z.literal("update"), name: nonEmpty, value: nonEmpty });

/** Live workspace secrets (live-vs-seed.md §2.9): `/secrets`, `{secrets,next_cursor}`, 204 deletes. */
export function liveSecretRoutes(router: Router): void {
  router
    .add("GET", "/secrets", ({ app, query }) => {
      // Without page_size, everything (the SDK's documented behaviour).
      const q = parseCursorQuery(query, ["created_at"], { unpagedWithoutSize: true });
      const search = query.get("search")?.toLowerCase();
      const secrets = app.store.list("secrets").filter((s) => !search || s.name.toLowerCase().includes(search));
      const { page, next_cursor } = cursorPage(
        secrets,
        q,
        (s) => s.secret_id,
        (s) => s.created_at,
      );
      return ok({ secrets: page.map((s) => stored(app, s)), next_cursor });
    })
    .add("POST", "/secrets", async ({ app, req }) => {
      const raw = await readJson(req);
      const [body] = checkAll(
        () => validate(createBody, raw),
        () => uniqueName(app, raw.name),
      );
      const secret = {
        secret_id: newId("secret"),
        name: body.name,
        value: body.value,
        created_at: nowIso(),
        last_used: null,
      } as SecretRecord;
      app.store.put("secrets", secret.secret_id, secret);
      return ok({ type: "stored", secret_id: secret.secret_id, name: secret.name });
    })
    .add("GET", "/secrets/{secret_id}", ({ app, params }) =>
      ok(stored(app, getOr404(app, "secrets", params.secret_id as string, "secret"))),
    )
    .add("PATCH", "/secrets/{secret_id}", async ({ app, req, params }) => {
      const existing = getOr404(app, "secrets", params.secret_id as string, "secret");
      const raw = await readJson(req);
      const [body] = checkAll(
        () => validate(updateBody, raw),
        () => uniqueName(app, raw.name, existing.secret_id),
      );
      const secret = { ...existing, name: body.name, value: body.value };
      app.store.put("secrets", secret.secret_id, secret);
      return ok({ type: "stored", secret_id: secret.secret_id, name: secret.name });
    })
    .add("DELETE", "/secrets/{secret_id}", ({ app, params }) => {
      const { secret_id } = getOr404(app, "secrets", params.secret_id as string, "secret");
      app.store.delete("secrets", secret_id);
      return empty(204);
    });
}

function uniqueName(app: App, name: unknown, self?: string): void {
  if (app.store.list("secrets").some((s) => s.name === name && s.secret_id !== self))
    throw invalid("name", `a secret named ${String(name)} already exists`);
}

/** PYT `conv_ai_workspace_stored_secret_config.py`: never the value; `used_by` from the tools' header locators. */
function stored(app: App, s: SecretRecord) {
  const tools = app.store
    .list("tools")
    .filter((t) =>
      JSON.stringify((t as { tool_config?: unknown }).tool_config ?? {}).includes(`"secret_id":"${s.secret_id}"`),
    )
    .map((t) => t.tool_id);
  return {
    type: "stored",
    secret_id: s.secret_id,
    name: s.name,
    used_by: { tools, agents: [], phone_numbers: [], mcp_servers: [], others: [] },
  };
}
