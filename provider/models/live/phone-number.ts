import { z } from "zod";
import { bookkeeping, nonEmpty } from "../common";
import type { ModelRules } from "../spec";

/**
 * An existing Twilio or SIP-trunk number imported into the workspace (live-vs-seed.md §2.6): the
 * live API does not provision numbers. The Twilio auth token and trunk credentials are secret.
 */
export const livePhoneNumberModel = z
  .looseObject({
    provider: z.enum(["twilio", "sip_trunk"]).describe("Changing it replaces the number."),
    phoneNumber: nonEmpty.describe('E.164. Changing it replaces the number. @example "+14155550100"'),
    label: nonEmpty.describe("Updated in place."),
    sid: nonEmpty.optional().describe("Twilio account SID (twilio). Changing it replaces the number."),
    token: nonEmpty.optional().describe("Twilio auth token (twilio): secret in state, never read back."),
    supportsInbound: z.boolean().optional(),
    supportsOutbound: z.boolean().optional(),
    agentId: nonEmpty.optional().describe("The agent answering calls; updated in place."),
    inboundTrunkConfig: z
      .looseObject({})
      .optional()
      .describe("SIP trunk: inbound settings; updated in place, never read back."),
    outboundTrunkConfig: z
      .looseObject({})
      .optional()
      .describe("SIP trunk: outbound settings (address, credentials…); updated in place, never read back."),
    ...bookkeeping,
  })
  .superRefine((number, ctx) => {
    if (number.provider === "twilio") {
      for (const key of ["sid", "token"] as const) {
        if (number[key] === undefined)
          ctx.addIssue({ code: "custom", path: [key], message: 'is required when provider is "twilio"' });
      }
    }
  });

export const livePhoneNumberRules: ModelRules = {
  naturalKey: "phoneNumber",
  // A number is imported once: a same-number object that recovery cannot prove ours (a Twilio
  // token is never read back) stops the create, naming it and adoptId (README, crash recovery).
  uniqueNaturalKey: true,
  replaceOnChanges: ["provider", "phoneNumber", "sid", "token", "supportsInbound", "supportsOutbound"],
  secretOutputs: ["token"],
  secretPaths: ["inboundTrunkConfig.credentials", "outboundTrunkConfig.credentials"],
  opaqueMaps: [],
  serverSet: ["phoneNumberId", "assignedAgent", "inboundTrunk", "outboundTrunk", "livekitStack"],
  // The answer has `inbound_trunk`/`outbound_trunk`, not the configs sent, and never the token.
  writeOnly: ["sid", "token", "inboundTrunkConfig", "outboundTrunkConfig"],
  profileOnly: ["provider", "label", "sid", "token", "inboundTrunkConfig", "outboundTrunkConfig"],
};
export type LivePhoneNumberInputs = z.infer<typeof livePhoneNumberModel>;
