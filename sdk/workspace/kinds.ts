/**
 * The file kinds of YAML workspace definitions, one row each: which resource a file of that kind
 * becomes. Models, rules and codecs are read through the row's resource kind from the provider's
 * tables (provider/models, provider/codec), so a new kind — the smoke test, or a kind of another
 * API profile — is a new row here, not a new code path in the loader or `pull`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { CODECS, type Codec } from "../../provider/codec/index";
import { ElevenLabsError, ErrorCode } from "../../provider/errors";
import { MODELS } from "../../provider/models/index";
import type { ModelRules, ResourceKind } from "../../provider/models/spec";
import { Agent } from "../agent";
import { AgentKnowledgeBaseIndex } from "../agent-knowledge-base-index";
import { ConversationSmokeTest } from "../conversation-smoke-test";
import { KnowledgeBaseDocument } from "../knowledge-base-document";
import { PhoneNumber } from "../phone-number";
import { Tool } from "../tool";
import { Widget } from "../widget";
import { WorkspaceSecret } from "../workspace-secret";
import { WorkspaceSettings } from "../workspace-settings";

type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

export interface FileKindRow {
  resource: ResourceKind;
  Resource: ResourceClass;
  /** Model fields holding local file paths: written relative to the YAML file, resolved against it. */
  localPaths?: readonly string[];
  /** Model fields the provider derives (file hashes): not part of a file's spec. */
  derived?: readonly string[];
  /** One object per workspace: at most one file of this kind; adoption does not apply. */
  singleton?: boolean;
  /**
   * Not an API object (nothing to adopt or pull). Unless the spec sets `triggers`, they are the
   * definitions it refers to, so an edit of any of them (the agent it calls, a document it
   * expects) runs it again.
   */
  triggeredByReferences?: boolean;
}

export const FILE_KINDS = {
  agent: { resource: "Agent", Resource: Agent },
  tool: { resource: "Tool", Resource: Tool },
  knowledge_base_document: {
    resource: "KnowledgeBaseDocument",
    Resource: KnowledgeBaseDocument,
    localPaths: ["filePath"],
    derived: ["contentHash"],
  },
  agent_knowledge_base_index: { resource: "AgentKnowledgeBaseIndex", Resource: AgentKnowledgeBaseIndex },
  phone_number: { resource: "PhoneNumber", Resource: PhoneNumber },
  widget: { resource: "Widget", Resource: Widget, localPaths: ["avatarPath"], derived: ["avatarHash"] },
  workspace_secret: { resource: "WorkspaceSecret", Resource: WorkspaceSecret },
  workspace_settings: { resource: "WorkspaceSettings", Resource: WorkspaceSettings, singleton: true },
  conversation_smoke_test: {
    resource: "ConversationSmokeTest",
    Resource: ConversationSmokeTest,
    triggeredByReferences: true,
  },
} as const satisfies Record<string, FileKindRow>;

export type FileKind = keyof typeof FILE_KINDS;
export const FILE_KIND_NAMES = Object.keys(FILE_KINDS) as FileKind[];

export const isFileKind = (value: unknown): value is FileKind =>
  typeof value === "string" && Object.hasOwn(FILE_KINDS, value);

/**
 * The API shapes a stack's files are written in. Only the seed contract exists so far; the live
 * API's profile (issue 11) plugs in by answering its own models and codecs in {@link kindModel}.
 */
export const PROFILES = ["seed"] as const;
export type Profile = (typeof PROFILES)[number];

export interface KindModel {
  row: FileKindRow;
  model: z.ZodObject;
  rules: ModelRules;
  codec: Codec;
}

/** A file kind's row with the model, rules and codec of `profile`. */
export function kindModel(kind: FileKind, profile: Profile = "seed"): KindModel {
  if (!(PROFILES as readonly string[]).includes(profile)) {
    throw new ElevenLabsError(
      `API profile ${JSON.stringify(profile)} is not available; profiles: ${PROFILES.join(", ")}`,
      ErrorCode.InvalidArgument,
    );
  }
  const row: FileKindRow = FILE_KINDS[kind];
  return { row, ...MODELS[row.resource], codec: CODECS[row.resource] };
}
