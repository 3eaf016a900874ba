/**
 * Secret fields in definitions. A secret never sits in a file: where the kind's rules say a
 * field is secret (a workspace secret's value, secret tool headers, webhook signing secrets), the
 * file names the Pulumi config key holding it, `{ value_from: { config: <key> } }`, and the
 * component reads that key as secret config. A literal value there is an error.
 */
import { z } from "zod";
import { toSnakeKey } from "../../provider/codec/case";
import { isPlainObject, type JsonObject } from "../../provider/diff/json";
import { unwrap } from "../../provider/models/typos";
import type { KindModel } from "./kinds";
import type { FieldPath } from "./source";

/** `key` is in the project's namespace; `namespace:key` names another (e.g. a provider's). */
const CONFIG_KEY = /^(?:[A-Za-z0-9_.-]+:)?[A-Za-z0-9_.-]+$/;

export const secretRefModel = z.strictObject({
  value_from: z.strictObject({
    config: z
      .string()
      .regex(CONFIG_KEY, { error: 'expected a Pulumi config key such as "weatherApiKey" or "myproject:weatherApiKey"' })
      .describe("The Pulumi config key holding the value: `pulumi config set --secret <key> <value>`."),
  }),
});
export type SecretRef = z.infer<typeof secretRefModel>;

/** In a spec, a secret is this string until the component puts the config value there. */
const PLACEHOLDER = "\u0000value_from:config:";
export const secretPlaceholder = (key: string) => `${PLACEHOLDER}${key}`;
export const placeholderKey = (value: unknown) =>
  typeof value === "string" && value.startsWith(PLACEHOLDER) ? value.slice(PLACEHOLDER.length) : undefined;

/**
 * The secret positions of a kind, as the file spells them (snake_case; `*` = every key of a map):
 * the rules' secret inputs, a map's entries when the input is a map (secret tool headers).
 */
export function secretPatterns({ model, rules }: KindModel): string[][] {
  const paths = [...rules.secretOutputs, ...(rules.secretPaths ?? [])];
  return paths.flatMap((path) => {
    const parts = path.split(".");
    let schema: z.ZodType | undefined = model;
    for (const part of parts) {
      const shape: Record<string, z.ZodType> | undefined =
        schema && (unwrap(schema)._zod.def as { shape?: Record<string, z.ZodType> }).shape;
      schema = shape?.[part];
    }
    if (!schema) return []; // server-set (`previousSettings`): never an input
    const snake = parts.map(toSnakeKey);
    return unwrap(schema)._zod.def.type === "record" ? [[...snake, "*"]] : [snake];
  });
}

const matches = (pattern: readonly string[], path: FieldPath) =>
  pattern.length === path.length && pattern.every((p, i) => p === "*" || p === path[i]);

export interface SecretProblem {
  path: FieldPath;
  reason: string;
}

/**
 * The spec with each secret reference replaced by its placeholder, the config keys it needs, and
 * what is wrong: literal values at secret positions, `value_from` anywhere else, malformed references.
 */
export function extractSecrets(
  spec: JsonObject,
  patterns: readonly string[][],
): { spec: JsonObject; keys: { key: string; path: FieldPath }[]; problems: SecretProblem[] } {
  const keys: { key: string; path: FieldPath }[] = [];
  const problems: SecretProblem[] = [];
  const walk = (value: unknown, path: FieldPath): unknown => {
    const secret = patterns.some((p) => matches(p, path));
    const looksLikeRef = isPlainObject(value) && "value_from" in value;
    if (secret) {
      if (value === undefined || value === null) return value;
      const ref = secretRefModel.safeParse(value);
      if (ref.success) {
        keys.push({ key: ref.data.value_from.config, path });
        return secretPlaceholder(ref.data.value_from.config);
      }
      problems.push({
        path,
        reason: looksLikeRef
          ? `expected { value_from: { config: <key> } }: ${ref.error.issues[0]?.message ?? "malformed"}`
          : "is secret: keep the value in Pulumi secret config (`pulumi config set --secret <key> <value>`) and write `{ value_from: { config: <key> } }` here; values never go into definitions",
      });
      return value;
    }
    if (looksLikeRef) {
      problems.push({ path, reason: "value_from is only for secret fields; this field is not secret" });
      return value;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (isPlainObject(value))
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, walk(child, [...path, key])]));
    return value;
  };
  return { spec: walk(spec, []) as JsonObject, keys, problems };
}
