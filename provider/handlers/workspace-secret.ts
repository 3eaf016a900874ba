import type { JsonObject } from "../diff/json";
import { ApiError, ApiErrorCode } from "../errors";
import { MODELS } from "../models/index";
import { ResourceHandler } from "./resource-handler";

/**
 * Workspace secrets: create, list and delete only. There is no get route, so reads find the
 * secret in the list; there is no update route, so every input replaces; the API never returns
 * the value, so `value` is carried from state (write-only) and cannot show drift.
 *
 * Crash recovery: the creation token is sent in `metadata`, and an orphan carrying it is
 * deleted and created again, because its value cannot be verified. Names are unique per
 * workspace: a secret of the same name without our token (another stack's, or an API that keeps
 * no metadata) stops the create with an error that names it and `adoptId`; it is never taken over.
 */
export const workspaceSecretHandler: ResourceHandler = new ResourceHandler({
  kind: "WorkspaceSecret",
  ...MODELS.WorkspaceSecret,
  idField: "secretId",
  routes: { create: "workspace.createSecret", delete: "workspace.deleteSecret", list: "workspace.listSecrets" },
  pathParams: (id) => ({ secret_id: id }),
  naturalKey: "name",
  uniqueNaturalKey: true,
  async getObject(ctx, id) {
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
