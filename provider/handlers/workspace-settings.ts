import { decodeObject } from "../codec/index";
import { isPlainObject, type JsonObject } from "../diff/json";
import { buildMergePatch } from "../diff/merge-patch";
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
    const wanted = asObject(desired.settings);
    return patchSettings(ctx, wanted, previousOf(wanted, await settingsOf(ctx)));
  },

  async updateObject(ctx, _id, olds, news) {
    const oldPrevious = asObject(olds.previousSettings);
    const wanted = asObject(news.settings);
    const previous = preferOld(oldPrevious, previousOf(wanted, await settingsOf(ctx)));
    const restore = restoreUnmanaged(oldPrevious, wanted);
    return patchSettings(ctx, merge(buildMergePatch(asObject(olds.settings), wanted), restore), previous);
  },

  async deleteObject(ctx, _id, state) {
    if (!isPlainObject(state.previousSettings)) return;
    await ctx.client.request("workspace.updateSettings", {
      body: workspaceSettingsHandler.of(ctx).codec.encode({ settings: state.previousSettings }),
      idempotent: true,
    });
  },
});

const asObject = (value: unknown): JsonObject => (isPlainObject(value) ? value : {});

/** The current settings, in model form (each profile's codec knows where they sit on the wire). */
async function settingsOf(ctx: Ctx): Promise<JsonObject> {
  const live = await ctx.client.request<unknown>("workspace.getSettings");
  return asObject(decodeObject(workspaceSettingsHandler.of(ctx).codec, live).settings);
}

/** Sends a settings patch (model form); answers the API object with what to restore later, in wire form. */
async function patchSettings(ctx: Ctx, settings: JsonObject, previous: JsonObject): Promise<JsonObject> {
  const { codec } = workspaceSettingsHandler.of(ctx);
  const live = await ctx.client.request<JsonObject>("workspace.updateSettings", {
    body: codec.encode({ settings }),
    idempotent: true,
  });
  return { ...asObject(live), ...codec.encode({ previousSettings: previous }) };
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
