import type { z } from "zod";
import type { App } from "../app";
import { invalid, notFound, validate } from "../errors";
import { nowIso } from "../ids";
import { fillDefaults, type JsonObject, mergePatch, omitKeys } from "../merge-patch";
import { SERVER_FIELDS } from "../models/common";
import type { Collections, Kind } from "../store/store";

/** Shared steps of every resource family: lookups that 404, and create/update that validate. */

export function getOr404<K extends Kind>(app: App, kind: K, id: string, resource: string): Collections[K] {
  const value = app.store.get(kind, id);
  if (!value) throw notFound(resource, id);
  return value;
}

export function requireAgent(app: App, agentId: string) {
  return getOr404(app, "agents", agentId, "agent");
}

/**
 * A body field naming another object: a 400 on the field, not a 404 of the route. Anything but a
 * string (absent, `null`, a number) is left to the body's schema, which reports a wrong type.
 */
export function requireReference(app: App, kind: Kind, id: unknown, field: string): void {
  if (typeof id === "string" && !app.store.get(kind, id))
    throw invalid(field, `no ${field.replace(/_id$/, "")} with id ${id}`);
}

/**
 * A create body: `null` means absent (merge onto `{}`), server-set fields are dropped,
 * the rest validated and the server defaults filled in.
 */
export function prepareCreate<S extends z.ZodType>(
  schema: S,
  body: JsonObject,
  readOnly: readonly string[],
  defaults: JsonObject = {},
): z.infer<S> {
  const clean = mergePatch({}, omitKeys(body, [...readOnly, ...SERVER_FIELDS]));
  return fillDefaults(validate(schema, clean) as JsonObject, defaults) as z.infer<S>;
}

/**
 * A PATCH: RFC 7396 merge onto the stored object (read-only fields in the patch are ignored),
 * the result validated as a whole (so `{"name": null}` on a required field is a 400), defaults
 * refilled and `updated_at` bumped.
 */
export function prepareUpdate<S extends z.ZodType>(
  schema: S,
  existing: object,
  patch: JsonObject,
  readOnly: readonly string[],
  defaults: JsonObject = {},
): z.infer<S> & { updated_at: string } {
  const merged = mergePatch(existing, omitKeys(patch, [...readOnly, ...SERVER_FIELDS])) as JsonObject;
  const parsed = validate(schema, merged) as JsonObject;
  return { ...fillDefaults(parsed, defaults), updated_at: nowIso() } as z.infer<S> & { updated_at: string };
}

export const ok = (body: unknown) => ({ status: 200, body });
