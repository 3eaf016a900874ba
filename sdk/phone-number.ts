import * as pulumi from "@pulumi/pulumi";
import type { PhoneNumberInputs } from "../provider/models/phone-number";
import { type ArgsOf, resourceArgs } from "./resource";

export type PhoneNumberArgs = ArgsOf<PhoneNumberInputs>;

/** A phone number answered by an agent. `areaCode`, `country`, `capabilities` replace; the rest updates in place. */
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

  constructor(name: string, args: PhoneNumberArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("PhoneNumber", name, args, opts));
    this.phoneNumberId = this.id;
  }
}
