import * as pulumi from "@pulumi/pulumi";
import type { KnowledgeBaseDocumentInputs } from "../provider/models/knowledge-base-document";
import type { LiveKnowledgeBaseDocumentInputs } from "../provider/models/live/knowledge-base-document";
import { type ArgsOf, resourceArgs } from "./resource";

/** An agent's document (`seed`) or a workspace document (`live`: no `agentId`; agents list it). */
export type KnowledgeBaseDocumentArgs =
  | ArgsOf<KnowledgeBaseDocumentInputs, "contentHash">
  | ArgsOf<LiveKnowledgeBaseDocumentInputs, "contentHash">;

/**
 * A document in an agent's knowledge base, from exactly one of `text`, `url` or `filePath` (a
 * local file whose sha256 drives the diff). Any change replaces it (the API has no update);
 * create waits until the document is `ready` (`readyTimeoutSeconds`, default 120). In the live API
 * profile documents belong to the workspace (no `agentId`): an agent lists the ones it uses in
 * `conversationConfig.agent.prompt.knowledgeBase`.
 */
export class KnowledgeBaseDocument extends pulumi.dynamic.Resource {
  /** The document's id (= the resource id, known during update previews). */
  declare readonly documentId: pulumi.Output<string>;
  declare readonly agentId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly metadata: pulumi.Output<Record<string, unknown>>;
  declare readonly type: pulumi.Output<"text" | "url" | "file">;
  declare readonly status: pulumi.Output<string>;
  /** sha256 of the file at `filePath`. */
  declare readonly contentHash: pulumi.Output<string | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  /** Why processing failed, when it did. */
  declare readonly error: pulumi.Output<string | undefined>;
  declare readonly text: pulumi.Output<string | undefined>;
  declare readonly url: pulumi.Output<string | undefined>;
  declare readonly filePath: pulumi.Output<string | undefined>;
  declare readonly readyTimeoutSeconds: pulumi.Output<number | undefined>;
  declare readonly parentFolderId: pulumi.Output<string | undefined>;
  declare readonly enableAutoSync: pulumi.Output<boolean | undefined>;
  declare readonly supportedUsages: pulumi.Output<string[] | undefined>;
  declare readonly accessInfo: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly folderParentId: pulumi.Output<string | undefined>;
  declare readonly folderPath: pulumi.Output<unknown[] | undefined>;
  declare readonly dependentAgents: pulumi.Output<unknown[] | undefined>;
  declare readonly extractedInnerHtml: pulumi.Output<string | undefined>;
  declare readonly filename: pulumi.Output<string | undefined>;

  constructor(name: string, args: KnowledgeBaseDocumentArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("KnowledgeBaseDocument", name, args, opts));
    this.documentId = this.id;
  }
}
