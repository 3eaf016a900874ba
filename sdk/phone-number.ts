import * as pulumi from "@pulumi/pulumi";
import type { LivePhoneNumberInputs } from "../provider/models/live/phone-number";
import type { PhoneNumberInputs } from "../provider/models/phone-number";
import { type ArgsOf, resourceArgs } from "./resource";

/** A number the contract provisions (`seed`), or a Twilio / SIP-trunk number imported into the live API (`live`). */
export type PhoneNumberArgs = ArgsOf<PhoneNumberInputs> | ArgsOf<LivePhoneNumberInputs>;

/**
 * A phone number answered by an agent. `areaCode`, `country`, `capabilities` replace; the rest
 * updates in place. In the live API profile it imports an existing Twilio or SIP-trunk number
 * (`provider`, `phoneNumber`, `label`, `sid`, `token`…); `label` and `agentId` update in place.
 */
export class PhoneNumber extends pulumi.dynamic.Resource {
  /** = the resource id, known during update previews. */
  declare readonly phoneNumberId: pulumi.Output<string>;
  /** E.164. @example "+14155551234" */
  declare readonly phoneNumber: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly agentId: pulumi.Output<string | undefined>;
  declare readonly areaCode: pulumi.Output<string | undefined>;
  declare readonly country: pulumi.Output<string>;
  declare readonly capabilities: pulumi.Output<{ voice?: boolean; sms?: boolean }>;
  declare readonly webhookUrl: pulumi.Output<string | undefined>;
  declare readonly greetingMessage: pulumi.Output<string | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  declare readonly provider: pulumi.Output<"twilio" | "sip_trunk" | undefined>;
  declare readonly label: pulumi.Output<string | undefined>;
  declare readonly sid: pulumi.Output<string | undefined>;
  /** Secret: the Twilio auth token. */
  declare readonly token: pulumi.Output<string | undefined>;
  declare readonly supportsInbound: pulumi.Output<boolean | undefined>;
  declare readonly supportsOutbound: pulumi.Output<boolean | undefined>;
  declare readonly inboundTrunkConfig: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly outboundTrunkConfig: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly assignedAgent: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly inboundTrunk: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly outboundTrunk: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly livekitStack: pulumi.Output<string | undefined>;

  constructor(name: string, args: PhoneNumberArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("PhoneNumber", name, args, opts));
    this.phoneNumberId = this.id;
  }
}
