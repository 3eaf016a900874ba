import * as pulumi from "@pulumi/pulumi";
import type { AgentInputs } from "../provider/models/agent";
import type { LiveAgentInputs } from "../provider/models/live/agent";
import { type ArgsOf, resourceArgs } from "./resource";

/** Inputs of {@link Agent}; fields not named here are passed through to the API as well. */
/**
 * Inputs of {@link Agent}, in the shape of the stack's API profile: the contract's (`seed`) or the
 * live API's create-agent body, camelCased (`live`). Fields not named here are passed through.
 */
export type AgentArgs = (ArgsOf<AgentInputs> | ArgsOf<LiveAgentInputs>) & { [field: string]: unknown };

/**
 * A Conversational AI agent. Every field of `conversationConfig` and `platformSettings` is
 * diffed exactly; fields this model does not name are kept (no silent drops).
 * @example new Agent("support", { name: "Support", conversationConfig: { agent: { firstMessage: "Hi!" } } })
 */
export class Agent extends pulumi.dynamic.Resource {
  // `declare`: no class-field initialisers, which (ES2022 define semantics) would overwrite the
  // outputs the base constructor sets. Id outputs alias `this.id`: a dynamic provider's preview of
  // an update reports outputs = new inputs, so a server-set `agentId` would turn unknown there and
  // make every dependent whose agentId replaces (documents, widgets) preview a spurious replace.
  /** The agent's id (the resource id, so it stays known in the preview of an update). */
  declare readonly agentId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly conversationConfig: pulumi.Output<AgentInputs["conversationConfig"]>;
  declare readonly platformSettings: pulumi.Output<AgentInputs["platformSettings"]>;
  declare readonly metadata: pulumi.Output<AgentInputs["metadata"]>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  declare readonly isPublic: pulumi.Output<boolean>;
  declare readonly isActive: pulumi.Output<boolean>;
  /** Live: the tags (the provider's own creation tag left out). */
  declare readonly tags: pulumi.Output<string[] | undefined>;
  declare readonly workflow: pulumi.Output<LiveAgentInputs["workflow"]>;
  /** Live: the version the last write made (every PATCH makes one; branches are never created). */
  declare readonly versionId: pulumi.Output<string | undefined>;
  declare readonly branchId: pulumi.Output<string | undefined>;
  declare readonly mainBranchId: pulumi.Output<string | undefined>;
  declare readonly phoneNumbers: pulumi.Output<unknown[] | undefined>;
  declare readonly whatsappAccounts: pulumi.Output<unknown[] | undefined>;
  declare readonly accessInfo: pulumi.Output<Record<string, unknown> | undefined>;

  constructor(name: string, args: AgentArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("Agent", name, args, opts));
    this.agentId = this.id;
  }
}
