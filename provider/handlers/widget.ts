import type { JsonObject } from "../diff/json";
import { fileForm, hashFileInput } from "./files";
import { type Ctx, ResourceHandler } from "./resource-handler";

/**
 * The widget of one agent. The API has no widget create or delete: create writes the managed
 * settings (where the profile has a widget update: the live API keeps them in the agent's
 * `platform_settings.widget`, written by the agent's PATCH with the rest of `platform_settings`
 * sent as it is), uploads the avatar and reads the widget; update re-uploads the avatar when its
 * hash changed; delete removes nothing server-side (the widget lives and dies with its agent; an
 * uploaded avatar cannot be removed through the API) and never fails.
 *
 * With an Agent resource: the Agent's diff only sees the fields its program sets, so an Agent
 * that leaves `platformSettings.widget` unset never reports the Widget's settings as drift, and
 * its own PATCHes send `platform_settings` whole as read, the widget included.
 */
export const widgetHandler: ResourceHandler = new ResourceHandler({
  kind: "Widget",
  idField: "widgetId",
  routes: { get: "widget.get", update: "widget.update" },
  pathParams: (_id, state) => ({ agent_id: String(state.agentId) }),
  recovery: "none",
  normalize: (inputs) => hashFileInput(inputs, "avatarPath", "avatarHash"),
  async createObject(ctx, desired) {
    await uploadAvatar(ctx, desired);
    return writeSettings(ctx, desired, widgetHandler.of(ctx).codec.encode(desired));
  },
  async updateObject(ctx, _id, olds, news, patch) {
    if (olds.avatarHash !== news.avatarHash) await uploadAvatar(ctx, news);
    return writeSettings(ctx, news, patch);
  },
  deleteObject: async () => {},
});

async function uploadAvatar(ctx: Ctx, desired: JsonObject): Promise<void> {
  if (typeof desired.avatarPath !== "string") return;
  const path = { agent_id: String(desired.agentId) };
  const field = ctx.client.route("widget.uploadAvatar").fileField;
  await ctx.client.request("widget.uploadAvatar", {
    path,
    form: fileForm(desired.avatarPath, {}, field),
    idempotent: true,
  });
}

/** Sends the (encoded) settings patch where the profile writes widget settings; answers the widget as read. */
async function writeSettings(ctx: Ctx, state: JsonObject, patch: JsonObject): Promise<JsonObject> {
  const path = { agent_id: String(state.agentId) };
  if (Object.keys(patch).length > 0 && widgetHandler.updateRoute(ctx)) {
    await widgetHandler.patch(ctx, String(state.agentId), state, patch);
  }
  return ctx.client.request<JsonObject>("widget.get", { path });
}
