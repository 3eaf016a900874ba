import { deepEqual, isPlainObject } from "./json";

/**
 * The exact dot paths at which two values differ: objects are compared key by key, anything
 * else (arrays included, since the API replaces arrays whole) as a unit.
 * @example changedPaths({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }) // ["a.c"]
 */
export function changedPaths(a: unknown, b: unknown, prefix = ""): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return deepEqual(a, b) ? [] : [prefix];
}
