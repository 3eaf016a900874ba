import { deepEqual, isPlainObject, type JsonObject, setKey } from "./json";

/**
 * The RFC 7396 merge patch that turns `from` into `to`, both desired states (never the live
 * object, so server defaults are never touched): changed leaves are sent, a key the program
 * removed becomes `null`, objects recurse, arrays are replaced whole. Returns `{}` when equal.
 */
export function buildMergePatch(from: JsonObject, to: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const before = Object.hasOwn(from, key) ? from[key] : undefined;
    const after = Object.hasOwn(to, key) ? to[key] : undefined;
    if (after === undefined) {
      if (before !== undefined) setKey(patch, key, null);
    } else if (isPlainObject(before) && isPlainObject(after)) {
      const nested = buildMergePatch(before, after);
      if (Object.keys(nested).length > 0) setKey(patch, key, nested);
    } else if (!deepEqual(before, after)) {
      setKey(patch, key, after);
    }
  }
  return patch;
}

/**
 * `target` with a merge patch laid over it, for sending whole: objects recurse, anything else
 * replaces, and a removal stays an explicit `null` (dropping the key would mean "unchanged" to an
 * API that merges, and `null` means "unset" to one that replaces).
 */
export function overlayPatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: JsonObject = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) out[key] = overlayPatch(out[key], value);
  return out;
}
