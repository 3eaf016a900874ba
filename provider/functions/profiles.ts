/**
 * What the conversation functions speak in each API profile, as data beside the route tables:
 * the argument models, the codec between them and the wire, and how an outbound call finds its
 * route. The functions pick the entry of their client's profile (`client.profile.name`).
 */
import { z } from "zod";
import type { ElevenLabsClient } from "../client/client";
import { type Codec, FUNCTION_CODECS } from "../codec/index";
import { isPlainObject, type JsonObject } from "../diff/json";
import { ElevenLabsError, ErrorCode, InvalidArgumentError } from "../errors";
import { unwrap } from "../models/typos";
import { validate } from "../models/validate";
import { otherThan } from "../profiles/index";
import type { ProfileName } from "../profiles/types";
import { feedback, listFilters, liveFeedback, liveListFilters, liveOutboundCall, outboundCall } from "./arguments";

export interface FunctionProfile {
  listFilters: z.ZodType;
  feedback: z.ZodType;
  outboundCall: z.ZodType;
  /** Conversations, filters and bodies: camelCase outside, the wire's case inside; user data verbatim. */
  codec: Codec;
  /** Path values of `conversations.outboundCall` for this call. */
  outboundCallPath(client: ElevenLabsClient, call: JsonObject): Promise<Record<string, string>>;
}

/** The live outbound-call route's segment for each number provider (live-vs-seed.md §2.3). */
const LIVE_TELEPHONY: Record<string, string> = { twilio: "twilio", sip_trunk: "sip-trunk" };

export const FUNCTION_PROFILES: Record<ProfileName, FunctionProfile> = {
  seed: {
    listFilters,
    feedback,
    outboundCall,
    codec: FUNCTION_CODECS.seed,
    outboundCallPath: async () => ({}),
  },
  live: {
    listFilters: liveListFilters,
    feedback: liveFeedback,
    outboundCall: liveOutboundCall,
    codec: FUNCTION_CODECS.live,
    // The route follows the calling number's provider, which the API knows: read it (a GET, never a call).
    async outboundCallPath(client, call) {
      const id = String(call.agentPhoneNumberId);
      const number = await client.request<JsonObject>("phoneNumbers.get", { path: { phone_number_id: id } });
      const telephony = LIVE_TELEPHONY[String(number?.provider)];
      if (!telephony) {
        throw new ElevenLabsError(
          `startOutboundCall: agentPhoneNumberId ${id} is a ${String(number?.provider)} number; outbound calls go through ${Object.keys(LIVE_TELEPHONY).join(" or ")} numbers`,
          ErrorCode.InvalidArgument,
        );
      }
      return { telephony };
    },
  },
};

/** The function profile of the client's API profile. */
export const functionProfileOf = (client: ElevenLabsClient): FunctionProfile => FUNCTION_PROFILES[client.profile.name];

/**
 * Checks a function's arguments against the models of the client's profile, before any request.
 * Arguments written for the other API say so, naming both profiles and the setting: a field only
 * the other profile's model declares (open bodies would otherwise let it through to the API), or
 * a failure where the other profile's models take the arguments as they are.
 */
export function checkProfileArguments(
  fn: string,
  client: ElevenLabsClient,
  shape: (p: FunctionProfile) => Record<string, z.ZodType>,
  args: Record<string, unknown>,
): void {
  const profile = client.profile.name;
  const other = otherThan(profile);
  const [mine, theirs] = [shape(FUNCTION_PROFILES[profile]), shape(FUNCTION_PROFILES[other])];
  const hint =
    ` the ${other} API's shape, and this client speaks the ${profile} API profile: ` +
    `write the ${profile} shape, or set elevenlabs:apiProfile / ELEVENLABS_API_PROFILE (or the apiProfile option) ` +
    `to "${other}" if the base URL serves the ${other} API`;
  const foreign = Object.entries(args).flatMap(([name, value]) => {
    if (!isPlainObject(value)) return [];
    const ours = declaredKeys(mine[name]);
    return declaredKeys(theirs[name])
      .filter((key) => !ours.includes(key) && value[key] !== undefined)
      .map((key) => ({ property: `${name}.${key}`, reason: `belongs to${hint}` }));
  });
  if (foreign.length > 0) throw new InvalidArgumentError(fn, foreign);
  const result = validate(z.strictObject(mine), args, fn);
  if (result.ok) return;
  const written = validate(z.strictObject(theirs), args, fn).ok ? ` (that is${hint})` : "";
  throw new InvalidArgumentError(
    fn,
    result.failures.map((f) => ({ ...f, reason: f.reason + written })),
  );
}

/** The keys an object model names (not those a loose one merely lets through). */
function declaredKeys(model: z.ZodType | undefined): string[] {
  const shape = model && (unwrap(model)._zod.def as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}
