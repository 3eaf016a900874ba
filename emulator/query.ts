import { invalidQuery as invalid } from "./errors";

/** Query parameters of list routes; each throws a 400 naming the parameter (see `checkAll`). */

/** A parameter restricted to a set of values; absent gives `fallback`. */
export function enumParam<T extends string, F extends T | undefined = undefined>(
  query: URLSearchParams,
  name: string,
  values: readonly T[],
  fallback?: F,
): T | F {
  const value = query.get(name);
  if (value === null) return fallback as F;
  if (!(values as readonly string[]).includes(value)) throw invalid(name, `must be one of ${values.join(", ")}`);
  return value as T;
}

/** A whole number of at least `min` written in decimal digits; absent gives `fallback`. */
export function intParam(query: URLSearchParams, name: string, fallback: number, min: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw invalid(name, "must be a non-negative integer");
  const value = Number(raw);
  if (value < min) throw invalid(name, `must be at least ${min}`);
  return value;
}
