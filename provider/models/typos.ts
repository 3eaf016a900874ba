/**
 * Typo detection for open models. Models are loose at every level, so that fields we do not
 * model pass through to the API (no silent drops). The price is that `firstMesage` would pass as
 * an unknown field and the preview would remove the real `firstMessage`: an unknown key that is
 * a small edit away from a known key of the same object is therefore taken for a typo.
 */
import { distance } from "fastest-levenshtein";
import type { z } from "zod";
import { isPlainObject } from "../diff/json";

export interface Typo {
  path: (string | number)[];
  suggestion: string;
}

/** How far a key may be from a known one to count as its typo: one edit, two for long names. */
const maxDistance = (known: string) => (known.length >= 6 ? 2 : 1);

/** `first_message` is the API's spelling of `firstMessage`, not a typo: check canonicalises it. */
const fold = (key: string) => key.replace(/_/g, "").toLowerCase();

/** The closest known key `key` is probably a misspelling of, if any. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  if (known.includes(key)) return undefined;
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    if (fold(name) === fold(key)) return undefined;
    const d = distance(key.toLowerCase(), name.toLowerCase());
    if (d <= maxDistance(name) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/** Every unknown key of `value` that looks like a typo of a key `schema` declares at the same level. */
export function findTypos(schema: z.ZodType, value: unknown, path: (string | number)[] = []): Typo[] {
  const def = unwrap(schema)._zod.def as z.core.$ZodTypeDef & {
    shape?: Record<string, z.ZodType>;
    element?: z.ZodType;
    catchall?: z.ZodType;
  };
  if (def.type === "array" && def.element && Array.isArray(value)) {
    const element = def.element;
    return value.flatMap((item, i) => findTypos(element, item, [...path, i]));
  }
  if (def.type !== "object" || !def.shape || !isPlainObject(value)) return [];
  // Strict objects reject every unknown key themselves (validate adds the suggestion there).
  const open = def.catchall !== undefined && def.catchall._zod.def.type !== "never";
  const shape = def.shape;
  const known = Object.keys(shape);
  return Object.entries(value).flatMap(([key, child]) => {
    // Own keys only: `constructor` or `hasOwnProperty` in the input are unknown keys, not Object.prototype's.
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (field) return findTypos(field, child, [...path, key]);
    const suggestion = open ? suggestKey(key, known) : undefined;
    return suggestion ? [{ path: [...path, key], suggestion }] : [];
  });
}

/** Looks through optional/nullable/default wrappers and pipes to the schema that holds the shape. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
}
