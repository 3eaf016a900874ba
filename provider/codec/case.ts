/**
 * Lossless camelCase (resources) <-> snake_case (API) key mapping.
 *
 * A key is converted only when the conversion round-trips, otherwise it is kept verbatim, so
 * that API -> resource -> API changes nothing for every key without upper-case letters (the
 * API's own convention). Keys under an opaque path (tool headers, metadata, JSON-schema
 * bodies…) are user data: neither they nor anything below them is ever converted.
 *
 * Known limit: an API key that already contains upper-case letters outside an opaque path
 * (e.g. `fooBar`) reads back as `fooBar` and would be written as `foo_bar`; the ConvAI API
 * has no such keys outside the maps declared opaque.
 */

import { setKey } from "../diff/json";
/** Dot paths in resource (camelCase) form; `*` matches any one key; arrays are transparent. */
export type OpaquePaths = readonly string[];

const camel = (key: string) => key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);

/** API key -> resource key: `max_duration_seconds` -> `maxDurationSeconds`; `URL` stays `URL`. */
export function toCamelKey(key: string): string {
  const converted = camel(key);
  return snake(converted) === key ? converted : key;
}

/** Resource key -> API key: the inverse of {@link toCamelKey} on its image. */
export function toSnakeKey(key: string): string {
  const converted = snake(key);
  return camel(converted) === key ? converted : key;
}

export function isOpaque(path: readonly string[], opaque: OpaquePaths): boolean {
  return opaque.some((pattern) => {
    const parts = pattern.split(".");
    return parts.length === path.length && parts.every((p, i) => p === "*" || p === path[i]);
  });
}

function convert(
  value: unknown,
  opaque: OpaquePaths,
  mapKey: (k: string) => string,
  apiToResource: boolean,
  path: string[],
): unknown {
  if (Array.isArray(value)) return value.map((item) => convert(item, opaque, mapKey, apiToResource, path));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const mapped = mapKey(key);
    // Paths are always matched in resource form, whichever direction we convert.
    const childPath = [...path, apiToResource ? mapped : key];
    setKey(out, mapped, isOpaque(childPath, opaque) ? child : convert(child, opaque, mapKey, apiToResource, childPath));
  }
  return out;
}

/** Converts a resource-shaped value (camelCase keys) to the API's snake_case. */
export function toApi<T = unknown>(value: unknown, opaque: OpaquePaths = []): T {
  return convert(value, opaque, toSnakeKey, false, []) as T;
}

/** Converts an API payload (snake_case keys) to resource form (camelCase). */
export function fromApi<T = unknown>(value: unknown, opaque: OpaquePaths = []): T {
  return convert(value, opaque, toCamelKey, true, []) as T;
}
