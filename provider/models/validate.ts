/**
 * Validation of resource inputs with the zod models: failures carry a dot path and a human
 * reason saying what was expected and what was given, e.g.
 * `{ property: "conversationConfig.tts.voiceSettings.stability", reason: "expected a number between 0 and 1, got \"high\"" }`.
 */
import type { z } from "zod";
import { findTypos, suggestKey, unwrap } from "./typos";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** The value the engine puts where an input is not known yet (preview of a computed output). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/** Our wording for zod's issues; a message set on the schema itself takes precedence. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${article(String(issue.expected))}`;
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
      return issue.origin === "array"
        ? `expected at least ${issue.minimum} items`
        : `expected at least ${issue.minimum}`;
    case "too_big":
      return issue.origin === "array" ? `expected at most ${issue.maximum} items` : `expected at most ${issue.maximum}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_format":
      return `expected ${article(String(issue.format))}`;
    default:
      return undefined;
  }
}

/** `a.b[0].c`; a key that would not read back as one segment (empty, dots, spaces) is quoted: `a["x.y"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, seg) => {
    if (typeof seg === "number") return `${acc}[${seg}]`;
    const key = String(seg);
    if (!/^[^.[\]"\s]+$/u.test(key)) return `${acc}[${JSON.stringify(key)}]`;
    return acc ? `${acc}.${key}` : key;
  }, "");
}

function valueAt(value: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown; unknown: boolean } {
  let current = value;
  for (const seg of path) {
    if (current === UNKNOWN) return { found: true, value: current, unknown: true };
    if (typeof current !== "object" || current === null || !(String(seg) in current))
      return { found: false, value: undefined, unknown: false };
    current = (current as Record<string, unknown>)[String(seg)];
  }
  return { found: current !== undefined, value: current, unknown: current === UNKNOWN };
}

const show = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

export type Validation<T> = { ok: true; data: T } | { ok: false; failures: CheckFailure[] };

/**
 * Validates `input` against `model`. Values not known yet during a preview are accepted: the
 * engine checks again once they are.
 */
export function validate<M extends z.ZodType>(
  model: M,
  input: unknown,
  kind: string,
  /** Dot paths (top-level keys included) whose values are secret: their failures never quote the value. */
  secretPaths: readonly string[] = [],
): Validation<z.infer<M>> {
  const result = model.safeParse(input, { error: describeIssue });
  const failures: CheckFailure[] = findTypos(model, input).map((typo) => ({
    property: formatPath(typo.path),
    reason: `is not a property of ${kind}: did you mean ${typo.suggestion}?`,
  }));
  // The input itself, not zod's copy: zod rebuilds records by assignment, which drops a user's
  // `__proto__` key (a silent drop); the models transform nothing, so the two are otherwise equal.
  if (result.success) return failures.length === 0 ? { ok: true, data: input as z.infer<M> } : { ok: false, failures };
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(model, issue.path);
      for (const key of issue.keys) {
        const suggestion = suggestKey(key, known);
        failures.push({
          property: formatPath([...issue.path, key]),
          reason: `is not a property of ${kind}${suggestion ? `: did you mean ${suggestion}?` : ""}`,
        });
      }
      continue;
    }
    const at = valueAt(input, issue.path);
    if (at.unknown) continue;
    // "expected …" messages get the offending value; rule messages ("is required when…") stand alone.
    const expectation = issue.message.startsWith("expected");
    const segments = issue.path.map(String);
    const secret = secretPaths.some((path) => path.split(".").every((part, i) => segments[i] === part));
    const reason = !expectation
      ? issue.message
      : !at.found
        ? `is required (${issue.message})`
        : secret
          ? `${issue.message}, got ${typeof at.value === "object" ? "an object" : `a ${typeof at.value}`} (value hidden: secret)`
          : `${issue.message}, got ${show(at.value)}`;
    failures.push({ property: formatPath(issue.path), reason });
  }
  return failures.length === 0 ? { ok: true, data: input as z.infer<M> } : { ok: false, failures };
}

/** The keys a strict object at `path` declares (for suggestions on its unrecognized keys). */
function knownKeysAt(model: z.ZodType, path: readonly PropertyKey[]): string[] {
  const defOf = (schema: z.ZodType) =>
    unwrap(schema)._zod.def as { shape?: Record<string, z.ZodType>; element?: z.ZodType };
  let schema: z.ZodType | undefined = model;
  for (const seg of path) {
    if (!schema) return [];
    const def = defOf(schema);
    schema =
      typeof seg === "number"
        ? def.element
        : def.shape && Object.hasOwn(def.shape, seg)
          ? def.shape[String(seg)]
          : undefined;
  }
  const shape = schema && defOf(schema).shape;
  return shape ? Object.keys(shape) : [];
}
