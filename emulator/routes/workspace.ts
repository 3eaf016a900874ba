import type { App } from "../app";
import { checkAll, invalid } from "../errors";
import { readJson } from "../http-io";
import { newId, nowIso } from "../ids";
import { fillDefaults } from "../merge-patch";
import {
  presentSecret,
  type SecretRecord,
  secretBody,
  WORKSPACE_DEFAULTS,
  type WorkspaceRecord,
  workspaceBody,
} from "../models/workspace";
import { paginate, parseListQuery } from "../pagination";
import type { Router } from "../router";
import { getOr404, ok, prepareCreate, prepareUpdate } from "./resource";

/** There is one workspace; its id is fixed so it is stable across resets and restarts. */
const WORKSPACE_ID = "ws_emulator";

export function workspaceRoutes(router: Router): void {
  router
    .add("GET", "/workspace/settings", ({ app }) => ok(currentWorkspace(app)))
    .add("PATCH", "/workspace/settings", async ({ app, req }) => {
      const patch = await readJson(req);
      const workspace = prepareUpdate(
        workspaceBody,
        currentWorkspace(app),
        patch,
        ["workspace_id"],
        WORKSPACE_DEFAULTS,
      );
      return ok(app.store.put("workspace", "workspace", workspace as WorkspaceRecord));
    })
    .add("GET", "/workspace/secrets", ({ app, query }) =>
      ok(paginate(app.store.list("secrets").map(presentSecret), parseListQuery(query), "secret_id", "secrets")),
    )
    .add("POST", "/workspace/secrets", async ({ app, req }) => {
      const raw = await readJson(req);
      const [body] = checkAll(
        () => prepareCreate(secretBody, raw, ["secret_id", "last_used"]),
        () => {
          if (app.store.list("secrets").some((s) => s.name === raw.name))
            throw invalid("name", `a secret named ${raw.name} already exists`);
        },
      );
      const secret = { secret_id: newId("secret"), ...body, created_at: nowIso(), last_used: null } as SecretRecord;
      app.store.put("secrets", secret.secret_id, secret);
      return ok(presentSecret(secret));
    })
    .add("DELETE", "/workspace/secrets/{secret_id}", ({ app, params }) => {
      const { secret_id } = getOr404(app, "secrets", params.secret_id as string, "secret");
      app.store.delete("secrets", secret_id);
      return ok({ message: "Secret deleted successfully", secret_id });
    });
}

/** The stored workspace, or the defaults until the first PATCH (a GET never writes). */
function currentWorkspace(app: App): WorkspaceRecord {
  const stored = app.store.get("workspace", "workspace");
  if (stored) return stored;
  return fillDefaults(
    { workspace_id: WORKSPACE_ID, updated_at: new Date(0).toISOString() },
    WORKSPACE_DEFAULTS,
  ) as WorkspaceRecord;
}
