/** Small JSON helpers the diff, the handlers and the models share. */
import { isDeepStrictEqual } from "node:util";

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const deepEqual = (a: unknown, b: unknown): boolean => isDeepStrictEqual(a, b);

/**
 * `target[key] = value`, except that a `__proto__` key becomes a plain field (an assignment would
 * set the object's prototype and silently drop the user's key). Every object built from user
 * keys is built with this.
 */
export function setKey(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Removes `undefined` everywhere (object keys and array items become absent / dropped), because
 * the engine rejects `undefined` inside returned outputs ("Unexpected struct type", pulumi#2205).
 */
export function stripUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(stripUndefined) as T;
  if (!isPlainObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) setKey(out, k, stripUndefined(v));
  return out as T;
}

export function pick(value: JsonObject, keys: Iterable<string>): JsonObject {
  const out: JsonObject = {};
  for (const k of keys) if (Object.hasOwn(value, k) && value[k] !== undefined) setKey(out, k, value[k]);
  return out;
}

export function omit(value: JsonObject, keys: Iterable<string>): JsonObject {
  const drop = new Set(keys);
  return Object.fromEntries(Object.entries(value).filter(([k]) => !drop.has(k)));
}

/** A non-empty string, or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
