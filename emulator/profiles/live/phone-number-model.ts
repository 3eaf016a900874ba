import { z } from "zod";
import type { PhoneNumberRecord } from "../../models/phone-number";

const e164 = z.string().regex(/^\+\d{6,15}$/, "must be an E.164 number such as +14155551234");
const credentials = z.looseObject({ username: z.string().min(1), password: z.string().optional() });

const common = {
  phone_number: e164,
  label: z.string().min(1),
  supports_inbound: z.boolean().optional(),
  supports_outbound: z.boolean().optional(),
  agent_id: z.string().min(1).optional(),
};

/** Body of `POST /v1/convai/phone-numbers`: an imported number, discriminated on `provider`. */
export const livePhoneNumberBody = z.discriminatedUnion("provider", [
  z.looseObject({
    provider: z.literal("twilio"),
    ...common,
    sid: z.string().min(1),
    token: z.string().min(1),
    region_config: z.looseObject({}).optional(),
    enable_sms: z.boolean().optional(),
  }),
  z.looseObject({
    provider: z.literal("sip_trunk"),
    ...common,
    inbound_trunk_config: z.looseObject({ credentials: credentials.optional() }).optional(),
    outbound_trunk_config: z
      .looseObject({ address: z.string().min(1), credentials: credentials.optional() })
      .optional(),
  }),
]);

/** `PATCH`: the fields PY `phone_numbers/raw_client.py` (update) sends; `provider` and the number never change. */
export const livePhoneNumberPatch = z.looseObject({
  agent_id: z.string().min(1).nullable().optional(),
  label: z.string().min(1).optional(),
  inbound_trunk_config: z.looseObject({ credentials: credentials.optional() }).nullable().optional(),
  outbound_trunk_config: z
    .looseObject({ address: z.string().min(1), credentials: credentials.optional() })
    .nullable()
    .optional(),
  livekit_stack: z.enum(["standard", "static"]).optional(),
  store_sip_messages: z.boolean().optional(),
});

export const LIVE_PHONE_READ_ONLY = ["phone_number_id", "assigned_agent", "inbound_trunk", "outbound_trunk"];
/** Write-only: provider credentials never come back (the SDK's response models have no such fields). */
const WRITE_ONLY = ["sid", "token", "region_config", "enable_sms", "inbound_trunk_config", "outbound_trunk_config"];

type Stored = PhoneNumberRecord & Record<string, any>;

/** A trunk config as GET shows it: `has_auth_credentials` and `username`, never the password. */
function trunk(config: Record<string, any> | undefined, defaults: Record<string, unknown>) {
  if (!config) return undefined;
  const { credentials: c, ...rest } = config;
  return { ...defaults, ...rest, has_auth_credentials: c !== undefined, username: c?.username ?? null };
}

/**
 * GET's shape (`phone_numbers_get_response.py`): the agent as `assigned_agent`, no credentials.
 * `agentName` resolves the assigned agent's name (null when it is gone).
 */
export function renderLivePhoneNumber(n: Stored, agentName: (id: string) => string | undefined) {
  const { agent_id, created_at: _c, updated_at: _u, ...rest } = n;
  const out: Record<string, unknown> = { ...rest };
  for (const key of WRITE_ONLY) delete out[key];
  const name = agent_id ? agentName(agent_id) : undefined;
  out.assigned_agent = agent_id && name !== undefined ? { agent_id, agent_name: name } : null;
  if (n.provider === "sip_trunk") {
    out.inbound_trunk = trunk(n.inbound_trunk_config, { allowed_addresses: [], media_encryption: "allowed" }) ?? null;
    out.outbound_trunk = trunk(n.outbound_trunk_config, { transport: "auto", media_encryption: "allowed" }) ?? null;
    out.livekit_stack = n.livekit_stack ?? "standard";
  }
  return out;
}

/** The item an agent's GET lists under `phone_numbers`. */
export const renderAssignedNumber = (n: PhoneNumberRecord) => {
  const s = n as Stored;
  return {
    phone_number_id: s.phone_number_id,
    phone_number: s.phone_number,
    label: s.label,
    provider: s.provider,
    supports_inbound: s.supports_inbound,
    supports_outbound: s.supports_outbound,
  };
};
