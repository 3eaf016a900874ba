import type { JsonObject } from "../diff/json";
import { MODELS } from "../models/index";
import { fileForm, hashFileInput } from "./files";
import { type Ctx, ResourceHandler } from "./resource-handler";

/**
 * The widget of one agent. The API has no widget create or delete: create reads the widget and
 * uploads the avatar, update re-uploads it when its hash changed, and delete removes nothing
 * server-side (the widget lives and dies with its agent; an uploaded avatar cannot be removed
 * through the API) and never fails.
 */
export const widgetHandler: ResourceHandler = new ResourceHandler({
  kind: "Widget",
  ...MODELS.Widget,
  idField: "widgetId",
  routes: { get: "widget.get" },
  pathParams: (_id, state) => ({ agent_id: String(state.agentId) }),
  recovery: "none",
  normalize: (inputs) => hashFileInput(inputs, "avatarPath", "avatarHash"),
  createObject: (ctx, desired) => uploadThenGet(ctx, desired),
  updateObject: (ctx, _id, olds, news) =>
    olds.avatarHash === news.avatarHash
      ? ctx.client.request<JsonObject>("widget.get", { path: { agent_id: String(news.agentId) } })
      : uploadThenGet(ctx, news),
  deleteObject: async () => {},
});

async function uploadThenGet(ctx: Ctx, desired: JsonObject): Promise<JsonObject> {
  const path = { agent_id: String(desired.agentId) };
  if (typeof desired.avatarPath === "string") {
    await ctx.client.request("widget.uploadAvatar", { path, form: fileForm(desired.avatarPath, {}), idempotent: true });
  }
  return ctx.client.request<JsonObject>("widget.get", { path });
}
