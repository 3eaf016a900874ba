/**
 * A machine-readable description of every resource, generated from the zod models (the single
 * source of truth): `buildJsonSchema` gives one kind's inputs as JSON Schema (draft 2020-12), for
 * any consumer that validates or documents inputs; `buildSchema` wraps every kind in the shape of
 * a Pulumi package schema, which `scripts/generate-schema.mjs` writes to `schema.json`. No I/O here.
 *
 * Deterministic by construction: key order follows the models' declaration order (and
 * RESOURCE_KINDS), nothing depends on time or environment, and the version is passed in.
 */
import { z } from "zod";
import { type KindModel, LIVE_MODELS, MODELS } from "./models/index";
import { RESOURCE_KINDS, type ResourceKind, typeToken } from "./models/spec";

export type JsonSchema = z.core.JSONSchema.JSONSchema;

/** A property as Pulumi schemas describe it: a JSON Schema plus Pulumi's own flags. */
export type PropertySchema = JsonSchema & { secret?: true; replaceOnChanges?: true };

export interface ResourceSchema {
  description: string;
  inputProperties: Record<string, PropertySchema>;
  requiredInputs: string[];
  /** What zod emits for the top level: `{}` (loose: unknown fields pass through) or `false` (strict). */
  additionalProperties: JsonSchema["additionalProperties"];
  /** Outputs: every input (they are carried through state) followed by the server-set fields. */
  properties: Record<string, PropertySchema>;
  required?: string[];
  replaceOnChanges?: string[];
  secretOutputs?: string[];
}

export interface PackageSchema {
  "//": string;
  name: string;
  displayName: string;
  description: string;
  version: string;
  /** In the contract's (`seed`) shape. */
  resources: Record<string, ResourceSchema>;
  /** Other API profiles' shapes of the same resources. */
  profiles: Record<string, { description: string; resources: Record<string, ResourceSchema> }>;
}

/** Set by the SDK, never by users: not part of the public inputs (`adoptId` is, and stays). */
const SDK_ONLY_INPUTS: readonly string[] = ["creationToken"];

/**
 * Server-set outputs are not in the models (they are never inputs), so their types live here:
 * every one is a string except these, which mirror the declarations of the SDK classes
 * (`sdk/*.ts`; test/schema checks the two agree).
 */
const SERVER_SET_TYPES: Partial<Record<`${ResourceKind}.${string}`, JsonSchema>> = {
  "Agent.isPublic": { type: "boolean" },
  "Agent.isActive": { type: "boolean" },
  "KnowledgeBaseDocument.type": { type: "string", enum: ["text", "url", "file"] },
  "AgentKnowledgeBaseIndex.estimatedTimeSeconds": { type: "number" },
  "Widget.config": { type: "object", additionalProperties: {} },
  "WorkspaceSettings.previousSettings": { type: "object", additionalProperties: {} },
  "ConversationSmokeTest.passed": { type: "boolean" },
  "ConversationSmokeTest.conversationIds": { type: "array", items: { type: "string" } },
  "ConversationSmokeTest.stepResults": { type: "array", items: { type: "object", additionalProperties: {} } },
  "ConversationSmokeTest.latency": { type: "object", additionalProperties: {} },
  "ConversationSmokeTest.audio": { type: "object", additionalProperties: {} },
  "ConversationSmokeTest.runs": { type: "number" },
  "ConversationSmokeTest.passedRuns": { type: "number" },
  // The live profile's (provider/models/live).
  "Agent.metadata": { type: "object", additionalProperties: {} },
  "Agent.phoneNumbers": { type: "array" },
  "Agent.whatsappAccounts": { type: "array" },
  "Agent.accessInfo": { type: "object", additionalProperties: {} },
  "Tool.accessInfo": { type: "object", additionalProperties: {} },
  "Tool.usageStats": { type: "object", additionalProperties: {} },
  "KnowledgeBaseDocument.metadata": { type: "object", additionalProperties: {} },
  "KnowledgeBaseDocument.supportedUsages": { type: "array" },
  "KnowledgeBaseDocument.accessInfo": { type: "object", additionalProperties: {} },
  "KnowledgeBaseDocument.folderPath": { type: "array" },
  "KnowledgeBaseDocument.dependentAgents": { type: "array" },
  "PhoneNumber.assignedAgent": { type: "object", additionalProperties: {} },
  "PhoneNumber.inboundTrunk": { type: "object", additionalProperties: {} },
  "PhoneNumber.outboundTrunk": { type: "object", additionalProperties: {} },
  "WorkspaceSecret.usedBy": { type: "object", additionalProperties: {} },
};

/**
 * One line per resource. The models carry no top-level `.describe()` yet; when one does, it
 * wins, so these can move into the models without touching this file's logic.
 */
const DESCRIPTIONS: Record<ResourceKind, string> = {
  Agent: "A Conversational AI agent; fields the model does not name are kept and sent (no silent drops).",
  Tool: "A server (webhook) or client tool agents can call. Changing `type` replaces it.",
  KnowledgeBaseDocument:
    "A knowledge-base document (text, URL or uploaded file) of one agent. Every compared input replaces it.",
  AgentKnowledgeBaseIndex: "The RAG index of an agent, recomputed whenever `documentIds` changes.",
  PhoneNumber: "A phone number answered by an agent. Changing country, area code or capabilities replaces it.",
  Widget: "The embeddable widget of an agent; deleting it removes nothing server-side.",
  WorkspaceSecret: "A workspace secret; its value stays secret in state. Every input replaces it.",
  WorkspaceSettings: "The workspace settings (one per workspace): only the keys set are managed, restored on delete.",
  ConversationSmokeTest:
    "A scripted voice call to a deployed agent that fails the deployment (or warns) when the agent does not behave.",
};

/**
 * JSON Schema (draft 2020-12) of one kind's public inputs, in the given API profile's shape (the
 * contract's by default). Refinements (`refine`, `superRefine`) are not in it.
 */
export function buildJsonSchema(kind: ResourceKind, kindModel: KindModel = MODELS[kind]): JsonSchema {
  const schema: JsonSchema = z.toJSONSchema(kindModel.model, { io: "input", unrepresentable: "any" });
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).filter(([key]) => !SDK_ONLY_INPUTS.includes(key)),
  );
  const required = schema.required?.filter((key) => !SDK_ONLY_INPUTS.includes(key));
  return { ...schema, properties, ...(required && { required }) };
}

function buildResource(kind: ResourceKind, kindModel: KindModel = MODELS[kind]): ResourceSchema {
  const { rules } = kindModel;
  const {
    $schema: _,
    description,
    properties = {},
    required = [],
    additionalProperties,
  } = buildJsonSchema(kind, kindModel);
  const flagged = (name: string, schema: JsonSchema): PropertySchema => ({
    ...schema,
    ...(rules.secretOutputs.includes(name) && { secret: true }),
    ...(rules.replaceOnChanges.includes(name) && { replaceOnChanges: true }),
  });
  // The type allows boolean subschemas (JSON Schema does); zod emits objects for every property of ours.
  const inputs = Object.entries(properties).map(([name, schema]): [string, PropertySchema] => [
    name,
    flagged(name, typeof schema === "boolean" ? {} : schema),
  ]);
  const outputs = rules.serverSet.map((name): [string, PropertySchema] => [
    name,
    flagged(name, {
      ...(SERVER_SET_TYPES[`${kind}.${name}`] ?? { type: "string" }),
      description: "Set by the server; an output only.",
    }),
  ]);
  return {
    description: description ?? DESCRIPTIONS[kind],
    inputProperties: Object.fromEntries(inputs),
    requiredInputs: required,
    additionalProperties,
    properties: Object.fromEntries([...inputs, ...outputs]),
    // Required inputs are always carried into the outputs; server-set fields may be absent.
    ...(required.length > 0 && { required }),
    ...(rules.replaceOnChanges.length > 0 && { replaceOnChanges: [...rules.replaceOnChanges] }),
    ...(rules.secretOutputs.length > 0 && { secretOutputs: [...rules.secretOutputs] }),
  };
}

/** The whole package; `version` is the npm package's (callers read package.json: no I/O here). */
export function buildSchema(version: string): PackageSchema {
  return {
    "//": "Generated from the zod models in provider/models by scripts/generate-schema; do not edit.",
    name: "elevenlabs",
    displayName: "ElevenLabs",
    description:
      "ElevenLabs Conversational AI (agents, tools, knowledge base, phone numbers, widgets, workspace secrets and settings) as Pulumi dynamic resources.",
    version,
    resources: Object.fromEntries(RESOURCE_KINDS.map((kind) => [typeToken(kind), buildResource(kind)])),
    profiles: {
      live: {
        description:
          "The same resources in the live API profile (elevenlabs:apiProfile live): inputs in the shape of the vendor's request bodies, camelCased. Kinds absent here do not exist in that profile.",
        resources: Object.fromEntries(
          RESOURCE_KINDS.flatMap((kind) => {
            const live = LIVE_MODELS[kind];
            return live ? [[typeToken(kind), buildResource(kind, live)]] : [];
          }),
        ),
      },
    },
  };
}
