import * as pulumi from "@pulumi/pulumi";
import type { AgentKnowledgeBaseIndexInputs } from "../provider/models/agent-knowledge-base-index";
import { type ArgsOf, resourceArgs } from "./resource";

export type AgentKnowledgeBaseIndexArgs = ArgsOf<AgentKnowledgeBaseIndexInputs>;

/**
 * Computes an agent's RAG index; recomputed whenever `documentIds` changes.
 * @example new AgentKnowledgeBaseIndex("index", { agentId: agent.agentId, documentIds: [faq.documentId] })
 */
export class AgentKnowledgeBaseIndex extends pulumi.dynamic.Resource {
  declare readonly agentId: pulumi.Output<string>;
  declare readonly documentIds: pulumi.Output<string[]>;
  declare readonly status: pulumi.Output<string>;
  declare readonly estimatedTimeSeconds: pulumi.Output<number>;

  constructor(name: string, args: AgentKnowledgeBaseIndexArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("AgentKnowledgeBaseIndex", name, args, opts));
  }
}
