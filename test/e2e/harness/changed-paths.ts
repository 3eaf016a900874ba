import { isDeepStrictEqual } from "node:util";

/**
 * The dot paths at which two input bags differ: what the engine shows in a preview when the
 * provider leaves the detailed diff to it. Kept independent of the provider's own diff code so
 * the e2e tests do not grade the provider with itself. `__provider` is the serialized shim.
 */
export function changedPaths(a: unknown, b: unknown, prefix = ""): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys]
      .filter((k) => !(prefix === "" && k === "__provider"))
      .flatMap((k) => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return isDeepStrictEqual(a, b) ? [] : [prefix];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
