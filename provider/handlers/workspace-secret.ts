import type { JsonObject } from "../diff/json";
import { ApiError, ApiErrorCode } from "../errors";
import { ResourceHandler } from "./resource-handler";

/**
 * Workspace secrets. The API never returns the value, so `value` is carried from state
 * (write-only) and cannot show drift.
 *
 * - Contract: create, list and delete only. Reads find the secret in the list; every input
 *   replaces. Crash recovery: the creation token is sent in `metadata`, and an orphan carrying it
 *   is deleted and created again, because its value cannot be verified.
 * - Live: get by id, and update in place (`{type: "update", name, value}`, both always sent).
 *   There is no metadata: see below.
 *
 * Names are unique per workspace: a secret of the same name without our token (another stack's,
 * or any secret in an API that keeps no metadata) stops the create with an error that names it
 * and `adoptId`; it is never taken over.
 */
export const workspaceSecretHandler: ResourceHandler = new ResourceHandler({
  kind: "WorkspaceSecret",
  idField: "secretId",
  routes: {
    create: "workspace.createSecret",
    update: "workspace.updateSecret",
    delete: "workspace.deleteSecret",
    list: "workspace.listSecrets",
  },
  pathParams: (id) => ({ secret_id: id }),
  async getObject(ctx, id) {
    if (ctx.client.has("workspace.getSecret")) {
      return ctx.client.request<JsonObject>("workspace.getSecret", { path: { secret_id: id } });
    }
    for await (const secret of ctx.client.paginate<JsonObject>("workspace.listSecrets")) {
      if (secret.secret_id === id) return secret;
    }
    throw ApiError.from({
      status: 404,
      code: ApiErrorCode.NotFound,
      message: `secret ${id} not found`,
      method: "GET",
      path: "/workspace/secrets",
    });
  },
});
