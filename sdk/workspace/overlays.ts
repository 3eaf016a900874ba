/**
 * Per-stack differences. Next to the definitions, an overlays directory holds one directory per
 * stack (`overlays/prod/…`); a file there with the same path as a definition is a JSON merge
 * patch (RFC 7396) over it: objects merge key by key, anything else replaces, `null` removes.
 * A file there without a counterpart is a definition of its own, present in that stack only.
 */
import { isPlainObject } from "../../provider/diff/json";

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}
