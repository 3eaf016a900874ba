import { CODECS } from "../codec/index";
import { isPlainObject, type JsonObject } from "../diff/json";
import { type Ctx, ResourceHandler } from "./resource-handler";

/**
 * The workspace settings singleton. Only the keys the program sets are managed.
 *
 * - create: reads the current settings, remembers the managed keys' values as
 *   `previousSettings` (null for a key that did not exist), then patches.
 * - update: patches; newly managed keys get their current value remembered, keys the program
 *   stops managing are restored from `previousSettings`.
 * - delete: patches `previousSettings` back, so the workspace is as it was before this resource
 *   managed it (a null removes a key it added). Settings other processes changed meanwhile in
 *   managed keys are overwritten by that restore; unmanaged keys are never touched.
 *
 * `adoptId` is ignored (there is only one workspace) and there is no crash recovery to do: a
 * repeated create patches the same object. Known limit: after a crash between the PATCH and the
 * state write, the next create remembers the already-patched values as "previous".
 */
export const workspaceSettingsHandler: ResourceHandler = new ResourceHandler({
  kind: "WorkspaceSettings",
  idField: "workspaceId",
  routes: { get: "workspace.getSettings", update: "workspace.updateSettings" },
  pathParams: () => ({}),
  recovery: "none",
  singleton: true,

  async createObject(ctx, desired) {
    const before = await settingsOf(ctx);
    const wanted = encodeSettings(desired.settings);
    return patchSettings(ctx, wanted, previousOf(wanted, before));
  },

  async updateObject(ctx, _id, olds, news, patch) {
    const oldPrevious = encodeSettings(olds.previousSettings);
    const wanted = encodeSettings(news.settings);
    const previous = preferOld(oldPrevious, previousOf(wanted, await settingsOf(ctx)));
    const restore = restoreUnmanaged(oldPrevious, wanted);
    const settingsPatch = merge(isPlainObject(patch.settings) ? patch.settings : {}, restore);
    return patchSettings(ctx, settingsPatch, previous);
  },

  async deleteObject(ctx, _id, state) {
    if (!isPlainObject(state.previousSettings)) return;
    await ctx.client.request("workspace.updateSettings", {
      body: { settings: encodeSettings(state.previousSettings) },
      idempotent: true,
    });
  },
});

/** Settings (model shape, as in inputs and `previousSettings`) as the API spells them. */
function encodeSettings(settings: unknown): JsonObject {
  const encoded = CODECS.WorkspaceSettings.encode({ settings: isPlainObject(settings) ? settings : {} }).settings;
  return isPlainObject(encoded) ? encoded : {};
}

async function settingsOf(ctx: Ctx): Promise<JsonObject> {
  const live = await ctx.client.request<JsonObject>("workspace.getSettings");
  return isPlainObject(live.settings) ? live.settings : {};
}

async function patchSettings(ctx: Ctx, settings: JsonObject, previous: JsonObject): Promise<JsonObject> {
  const live = await ctx.client.request<JsonObject>("workspace.updateSettings", {
    body: { settings },
    idempotent: true,
  });
  return { ...live, previous_settings: previous };
}

/** The current values at the paths `wanted` sets: objects recurse, a missing key becomes null. */
export function previousOf(wanted: JsonObject, current: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (!(key in current)) out[key] = null;
    else if (isPlainObject(value) && Object.keys(value).length > 0 && isPlainObject(current[key]))
      out[key] = previousOf(value, current[key]);
    else out[key] = current[key];
  }
  return out;
}

/** `fresh` restricted to its own keys, but values remembered earlier (`old`) win. */
function preferOld(old: JsonObject, fresh: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fresh)) {
    if (!(key in old)) out[key] = value;
    else out[key] = isPlainObject(old[key]) && isPlainObject(value) ? preferOld(old[key], value) : old[key];
  }
  return out;
}

/** The remembered values of paths the program no longer sets. */
function restoreUnmanaged(previous: JsonObject, wanted: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(previous)) {
    if (!(key in wanted)) out[key] = value;
    else if (isPlainObject(value) && isPlainObject(wanted[key])) {
      const nested = restoreUnmanaged(value, wanted[key]);
      if (Object.keys(nested).length > 0) out[key] = nested;
    }
  }
  return out;
}

/** Deep merge, `b` winning; objects recurse. */
function merge(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [key, value] of Object.entries(b))
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? merge(out[key], value) : value;
  return out;
}
