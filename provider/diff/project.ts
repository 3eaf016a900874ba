import { isPlainObject, setKey } from "./json";

/**
 * The live value seen through the shape of the desired one: only the object keys the program
 * sets are kept (recursively, array items index by index), so server defaults never show as a
 * difference while an out-of-band edit of a managed field does. A managed key missing from the
 * live object stays missing: that is drift too.
 */
export function projectOnto(live: unknown, shape: unknown): unknown {
  if (isPlainObject(shape) && isPlainObject(live)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      if (Object.hasOwn(live, key) && live[key] !== undefined) setKey(out, key, projectOnto(live[key], shape[key]));
    }
    return out;
  }
  if (Array.isArray(shape) && Array.isArray(live) && shape.length === live.length) {
    return live.map((item, i) => projectOnto(item, shape[i]));
  }
  return live;
}
