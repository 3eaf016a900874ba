/**
 * References between definitions: a string `ref:<kind>/<name>` anywhere in a spec stands for the
 * id of the object defined by the file with that `kind:` and `name:` (e.g. `ref:tool/weather`).
 * The component puts the resource's id there, which also makes the referring resource depend on
 * it; `pull` writes ids it knows as references.
 */
import { isPlainObject } from "../../provider/diff/json";
import type { FieldPath } from "./source";

const REF = /^ref:([a-z_]+)\/(.+)$/;

export interface Reference {
  kind: string;
  name: string;
  /** Where in the spec. */
  path: FieldPath;
}

export const formatRef = (kind: string, name: string) => `ref:${kind}/${name}`;

export function parseRef(value: unknown): { kind: string; name: string } | undefined {
  const match = typeof value === "string" ? REF.exec(value) : null;
  return match ? { kind: match[1] as string, name: match[2] as string } : undefined;
}

/** Every reference in `value`, with its path. */
export function findRefs(value: unknown, path: FieldPath = []): Reference[] {
  const ref = parseRef(value);
  if (ref) return [{ ...ref, path }];
  if (Array.isArray(value)) return value.flatMap((item, i) => findRefs(item, [...path, i]));
  if (isPlainObject(value)) return Object.entries(value).flatMap(([key, child]) => findRefs(child, [...path, key]));
  return [];
}

/** `value` with every reference replaced by `resolve(kind, name)` (which may be a Pulumi Output). */
export function replaceRefs(value: unknown, resolve: (kind: string, name: string) => unknown): unknown {
  const ref = parseRef(value);
  if (ref) return resolve(ref.kind, ref.name);
  if (Array.isArray(value)) return value.map((item) => replaceRefs(item, resolve));
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, replaceRefs(child, resolve)]));
  return value;
}

export interface Node {
  key: string;
  dependsOn: readonly string[];
}

/**
 * `nodes` with every node after the ones it depends on, in the given order otherwise (stable);
 * the nodes of each cycle are returned instead when there is one.
 */
export function dependencyOrder(nodes: readonly Node[]): { order: string[]; cycles: string[][] } {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const state = new Map<string, "visiting" | "done">();
  const order: string[] = [];
  const cycles: string[][] = [];
  const visit = (key: string, stack: string[]) => {
    const node = byKey.get(key);
    if (!node || state.get(key) === "done") return;
    if (state.get(key) === "visiting") {
      cycles.push(stack.slice(stack.indexOf(key)));
      return;
    }
    state.set(key, "visiting");
    for (const dep of node.dependsOn) visit(dep, [...stack, key]);
    state.set(key, "done");
    order.push(key);
  };
  for (const node of nodes) visit(node.key, []);
  return { order, cycles };
}
