/**
 * The API profiles, as handlers see them: a kind's model, rules and codec in a profile, and the
 * check-time detection of a program written for the other profile. Handlers, diff and recovery
 * stay profile-free: they ask here, with the profile of the configured stack.
 */
import type { z } from "zod";
import { CODECS_BY_PROFILE, type Codec } from "../codec/index";
import { isPlainObject } from "../diff/json";
import { ElevenLabsError, ErrorCode } from "../errors";
import { type KindModel, MODELS_BY_PROFILE } from "../models/index";
import type { ResourceKind } from "../models/spec";
import { unwrap } from "../models/typos";
import type { CheckFailure } from "../models/validate";
import { validate } from "../models/validate";
import { PROFILE_NAMES, type ProfileName } from "./types";

export { PROFILE_NAMES, type ProfileName } from "./types";
export { defaultProfileFor, isVendorHost, WIRE_PROFILES } from "./wire";

export const otherThan = (profile: ProfileName): ProfileName => (profile === "seed" ? "live" : "seed");

/** Which profiles have the kind. */
export const profilesWith = (kind: ResourceKind): ProfileName[] =>
  PROFILE_NAMES.filter((p) => MODELS_BY_PROFILE[p][kind] !== undefined);

function notInProfile(kind: ResourceKind, profile: ProfileName): string {
  const where = profilesWith(kind).join(" and ");
  return (
    `${kind} exists only in the ${where} API profile, and this stack speaks the ${profile} profile ` +
    `(elevenlabs:apiProfile / ELEVENLABS_API_PROFILE, or the default for elevenlabs:baseUrl)` +
    (WITHOUT[kind]?.[profile] ? `: ${WITHOUT[kind][profile]}` : "")
  );
}

/** What to use instead of a kind a profile lacks. */
const WITHOUT: Partial<Record<ResourceKind, Partial<Record<ProfileName, string>>>> = {
  AgentKnowledgeBaseIndex: {
    live: "live documents are indexed per document; list them in the agent's conversationConfig.agent.prompt.knowledgeBase and set prompt.rag",
  },
};

/** The kind's model and rules in the profile, or a check failure saying which profiles have it. */
export function kindModelIn(kind: ResourceKind, profile: ProfileName): KindModel | CheckFailure {
  return MODELS_BY_PROFILE[profile][kind] ?? { property: "", reason: notInProfile(kind, profile) };
}

/** The kind's codec in the profile; a kind the profile lacks is an error naming the profile. */
export function codecIn(kind: ResourceKind, profile: ProfileName): Codec {
  const codec = CODECS_BY_PROFILE[profile][kind];
  if (!codec) throw new ElevenLabsError(notInProfile(kind, profile), ErrorCode.WrongProfile);
  return codec;
}

function isSet(input: unknown, path: string): boolean {
  let at: unknown = input;
  for (const key of path.split(".")) {
    if (!isPlainObject(at)) return false;
    at = at[key];
  }
  return at !== undefined && at !== null;
}

/**
 * Inputs written for the other profile: paths only the other profile's shape has (its rules'
 * `profileOnly`), each a failure that names both profiles and the setting to change.
 */
export function foreignShape(kind: ResourceKind, profile: ProfileName, input: unknown): CheckFailure[] {
  const other = otherThan(profile);
  const mine = new Set(MODELS_BY_PROFILE[profile][kind]?.rules.profileOnly ?? []);
  const theirs = MODELS_BY_PROFILE[other][kind]?.rules.profileOnly ?? [];
  return theirs
    .filter((path) => !mine.has(path) && isSet(input, path))
    .map((path) => ({
      property: path,
      reason:
        `is the ${other} API's shape of ${kind}, but this stack speaks the ${profile} API profile. ` +
        `Write the ${profile} shape, or set elevenlabs:apiProfile (or ELEVENLABS_API_PROFILE) to "${other}" ` +
        `if elevenlabs:baseUrl serves the ${other} API.`,
    }));
}

/**
 * A hint for a failure at a field both profiles declare with different types (the contract's
 * `builtInTools` array, the live API's object) or at a field only this profile has, when the
 * other profile's model takes the input as it is.
 */
export function otherProfileHint(
  kind: ResourceKind,
  profile: ProfileName,
  input: unknown,
  failurePath: readonly string[],
): string {
  const other = otherThan(profile);
  const model = MODELS_BY_PROFILE[other][kind];
  // A field both shapes have with different types, or one only this profile requires (a seed document's agentId).
  const mine = MODELS_BY_PROFILE[profile][kind]?.rules.profileOnly ?? [];
  const relevant = declares(model?.model, failurePath) || mine.includes(failurePath.join("."));
  if (!model || !relevant || !validate(model.model, input, kind).ok) return "";
  return ` (that is the ${other} API's shape: set elevenlabs:apiProfile to "${other}" if elevenlabs:baseUrl serves that API)`;
}

/** The model names the field at `path` (not merely lets it through a loose object). */
function declares(model: z.ZodType | undefined, path: readonly string[]): boolean {
  let schema: z.ZodType | undefined = model;
  for (const key of path) {
    const def: { shape?: Record<string, z.ZodType>; element?: z.ZodType } | undefined =
      schema && (unwrap(schema)._zod.def as { shape?: Record<string, z.ZodType>; element?: z.ZodType });
    schema = /^\d+$/.test(key) ? def?.element : def?.shape?.[key];
    if (!schema) return false;
  }
  return true;
}
