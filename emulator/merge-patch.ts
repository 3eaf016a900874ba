/** JSON helpers shared by every resource: RFC 7396 merge patch and server-side defaults. */

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * RFC 7396: objects merge recursively, `null` removes a key, anything else (arrays too)
 * replaces. Keys are defined, not assigned, so a `__proto__` key in JSON stays a plain field.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: JsonObject = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else define(result, key, mergePatch(result[key], value));
  }
  return result;
}

/** Fills every key of `defaults` the value lacks, recursing into objects present on both sides. */
export function fillDefaults<T extends JsonObject>(value: T, defaults: JsonObject): T {
  const result: JsonObject = { ...value };
  for (const [key, fallback] of Object.entries(defaults)) {
    const current = result[key];
    if (current === undefined) define(result, key, structuredClone(fallback));
    else if (isPlainObject(current) && isPlainObject(fallback)) define(result, key, fillDefaults(current, fallback));
  }
  return result as T;
}

/** Removes the given top-level keys: read-only server fields a client echoes back are ignored. */
export function omitKeys(value: JsonObject, keys: readonly string[]): JsonObject {
  const result = { ...value };
  for (const key of keys) delete result[key];
  return result;
}

function define(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
