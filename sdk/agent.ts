import * as pulumi from "@pulumi/pulumi";
import type { AgentInputs } from "../provider/models/agent";
import { type ArgsOf, resourceArgs } from "./resource";

/** Inputs of {@link Agent}; fields not named here are passed through to the API as well. */
export type AgentArgs = ArgsOf<AgentInputs> & { [field: string]: unknown };

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

  constructor(name: string, args: AgentArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("Agent", name, args, opts));
    this.agentId = this.id;
  }
}
