/**
 * Secret fields in definitions. A secret never sits in a file: where the kind's rules say a
 * field is secret (a workspace secret's value, secret tool headers, webhook signing secrets), the
 * file names the Pulumi config key holding it, `{ value_from: { config: <key> } }`, and the
 * component reads that key as secret config. A literal value there is an error.
 */
import { z } from "zod";
import { toCamelKey, toSnakeKey } from "../../provider/codec/case";
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

/** A secret position in a file (snake_case; `*` = every key of a map). */
export interface SecretSlot {
  pattern: string[];
  /** The model field it decodes to (`*` = the map key), e.g. `secretHeaders.*`. */
  modelPath: string[];
  /**
   * The position also holds plain values: the live API keeps secret tool headers among the
   * plain ones (`tool_config.api_schema.request_headers`), so a reference there is a secret
   * header and a string a plain one.
   */
  optional: boolean;
}

const MARK = "\u0001secret";
const ANY_KEY = "\u0001*";

/** Where `MARK` sits in `value`. */
function pathOf(value: unknown, path: string[] = []): string[] | undefined {
  if (value === MARK) return path;
  if (!isPlainObject(value)) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = pathOf(child, [...path, key === ANY_KEY ? "*" : key]);
    if (found) return found;
  }
  return undefined;
}

/** The field the model declares at `path` (camelCase). */
export function fieldAt(model: z.ZodType, path: readonly string[]): z.ZodType | undefined {
  let schema: z.ZodType | undefined = model;
  for (const part of path) {
    const shape: Record<string, z.ZodType> | undefined =
      schema && (unwrap(schema)._zod.def as { shape?: Record<string, z.ZodType> }).shape;
    schema = shape?.[part];
  }
  return schema;
}

/**
 * The secret positions of a kind as its files spell them: each secret input of the rules (a
 * map's entries when the input is a map: secret tool headers) taken through the file codec, so a
 * profile whose API keeps the secret elsewhere (the live API's flat settings, its tool headers
 * among the plain ones) gets the API's position.
 */
export function secretSlots({ model, rules, codec }: KindModel): SecretSlot[] {
  const paths = [...rules.secretOutputs, ...(rules.secretPaths ?? [])];
  return paths.flatMap((path) => {
    const parts = path.split(".");
    const schema = fieldAt(model, parts);
    if (!schema) return []; // server-set (`previousSettings`): never an input
    const record = unwrap(schema)._zod.def.type === "record";
    const modelPath = record ? [...parts, "*"] : parts;
    const probe = modelPath.reduceRight<unknown>((inner, key) => ({ [key === "*" ? ANY_KEY : key]: inner }), MARK);
    const pattern = pathOf(codec.encode(probe as JsonObject)) ?? modelPath.map((p) => (p === "*" ? p : toSnakeKey(p)));
    const wireInModelTerms = pattern.filter((p) => p !== "*").map(toCamelKey);
    const moved = wireInModelTerms.join(".") !== parts.join(".");
    return [{ pattern, modelPath, optional: moved && fieldAt(model, wireInModelTerms) !== undefined }];
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
 * what is wrong: literal values at secret positions (but for optional ones), `value_from` anywhere else, malformed references.
 */
export function extractSecrets(
  spec: JsonObject,
  slots: readonly SecretSlot[],
): { spec: JsonObject; keys: { key: string; path: FieldPath; slot: SecretSlot }[]; problems: SecretProblem[] } {
  const keys: { key: string; path: FieldPath; slot: SecretSlot }[] = [];
  const problems: SecretProblem[] = [];
  const walk = (value: unknown, path: FieldPath): unknown => {
    const slot = slots.find((s) => matches(s.pattern, path));
    const looksLikeRef = isPlainObject(value) && "value_from" in value;
    if (slot?.optional && !looksLikeRef) return value;
    if (slot) {
      if (value === undefined || value === null) return value;
      const ref = secretRefModel.safeParse(value);
      if (ref.success) {
        keys.push({ key: ref.data.value_from.config, path, slot });
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

/**
 * What the codec must know to decode a spec whose references sit at optional positions: the
 * model fields they belong to (the live tool codec splits secret headers out by these names).
 */
export function decodeState(keys: readonly { path: FieldPath; slot: SecretSlot }[]): JsonObject {
  const state: JsonObject = {};
  for (const { path, slot } of keys) {
    if (!slot.optional) continue;
    let at = state;
    const modelPath = slot.modelPath.map((p) => (p === "*" ? String(path[path.length - 1]) : p));
    modelPath.forEach((key, i) => {
      if (i === modelPath.length - 1) at[key] = true;
      else {
        const inner = isPlainObject(at[key]) ? at[key] : {};
        at[key] = inner;
        at = inner;
      }
    });
  }
  return state;
}
