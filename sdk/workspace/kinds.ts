/**
 * The file kinds of YAML workspace definitions, one row each: which resource a file of that kind
 * becomes. Models, rules and codecs are read through the row's resource kind from the provider's
 * tables per API profile (provider/profiles), so a new kind — the smoke test, or a kind of another
 * API profile — is a new row here, not a new code path in the loader or `pull`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { type Codec, modelCodec } from "../../provider/codec/codec";
import { ElevenLabsError, ErrorCode } from "../../provider/errors";
import type { ModelRules, ResourceKind } from "../../provider/models/spec";
import { codecIn, kindModelIn, PROFILE_NAMES, type ProfileName } from "../../provider/profiles/index";
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
  /** The file spells the model (snake_case), not an API body: see {@link kindModelOf}. */
  modelShaped?: boolean;
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
  widget: {
    resource: "Widget",
    Resource: Widget,
    modelShaped: true,
    localPaths: ["avatarPath"],
    derived: ["avatarHash"],
  },
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

/** The API shapes a stack's files are written in: the stack's API profile (provider/profiles). */
export const PROFILES = PROFILE_NAMES;
export type Profile = ProfileName;

export interface KindModel {
  row: FileKindRow;
  /** The resource's model: what decoded files are validated against. */
  model: z.ZodObject;
  rules: ModelRules;
  /** Between the file's spec (the API's shape in the profile) and the model. */
  codec: Codec;
  /** The spec's own model where the API's shape is not the model's (JSON Schemas, key order of pulled files). */
  fileModel: z.ZodObject;
}

/**
 * Where a profile's file spec is shaped unlike the resource's model: the live settings are flat
 * on the wire, while the model keeps the contract's `settings` wrapper (see codec/live/resources.ts).
 */
const FILE_MODELS: Partial<Record<Profile, Partial<Record<FileKind, (model: z.ZodObject) => z.ZodObject>>>> = {
  live: { workspace_settings: (model) => model.shape.settings as z.ZodObject },
};

/**
 * Whether a profile's files spell the resource models rather than the API's bodies. The seed
 * contract's bodies are the models, but for secret tool headers, which seed files keep apart as
 * `secret_headers` (as they were written before there were profiles); live files are the live API's bodies.
 */
const SPELLS_MODEL: Record<Profile, boolean> = { seed: true, live: false };

/** The kind's model in `profile`, or why the profile has no such kind (naming the profile). */
export function kindModelOf(kind: FileKind, profile: Profile): KindModel | { reason: string } {
  if (!(PROFILES as readonly string[]).includes(profile)) {
    throw new ElevenLabsError(
      `API profile ${JSON.stringify(profile)} is not available; profiles: ${PROFILES.join(", ")}`,
      ErrorCode.InvalidArgument,
    );
  }
  const row: FileKindRow = FILE_KINDS[kind];
  const found = kindModelIn(row.resource, profile);
  if ("reason" in found) return { reason: found.reason };
  // A widget file names its agent: in a profile where the widget lives inside the agent's
  // object, that is not an API body of its own, so the file spells the model.
  const codec =
    row.modelShaped || SPELLS_MODEL[profile] ? modelCodec(found.rules.opaqueMaps) : codecIn(row.resource, profile);
  const fileModel = FILE_MODELS[profile]?.[kind]?.(found.model) ?? found.model;
  return { row, ...found, codec, fileModel };
}

/** A file kind's row with the model, rules and codec of `profile`; throws for a kind the profile lacks. */
export function kindModel(kind: FileKind, profile: Profile = "seed"): KindModel {
  const found = kindModelOf(kind, profile);
  if ("reason" in found) throw new ElevenLabsError(`kind ${kind}: ${found.reason}`, ErrorCode.WrongProfile);
  return found;
}

/** The model path of a spec that is one field of the model (the live settings' `settings`); [] otherwise. */
export function fileRoot({ model, fileModel }: KindModel): string[] {
  return fileModel === model ? [] : Object.keys(model.shape).filter((key) => model.shape[key] === fileModel);
}

/** The kinds `profile` has. */
export const kindsIn = (profile: Profile): FileKind[] =>
  FILE_KIND_NAMES.filter((kind) => !("reason" in kindModelOf(kind, profile)));

/**
 * Where a kind's schema is, relative to schemas/: `<kind>.schema.json` for the seed profile (the
 * files written before there were profiles keep their place), `<profile>/<kind>.schema.json` for another.
 */
export function schemaFileOf(
  kind: FileKind,
  profile: Profile,
  variant: "definition" | "overlay" = "definition",
): string {
  const name = `${kind}${variant === "overlay" ? ".overlay" : ""}.schema.json`;
  return profile === "seed" ? name : `${profile}/${name}`;
}
