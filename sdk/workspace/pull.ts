/**
 * Reading a workspace for `pull`: one row per file kind says how its objects are listed and read
 * (through the provider's handlers, so every object is decoded by its kind's codec), what names
 * it, and which output directory holds it. Kinds without a row (the RAG index: a computation, not
 * an object) are not pulled. Paginated and rate-limited by the client (provider/client).
 */

import { setTimeout as sleep } from "node:timers/promises";
import type { ElevenLabsClient } from "../../provider/client/client";
import { isPlainObject, type JsonObject } from "../../provider/diff/json";
import { ElevenLabsError, ErrorCode } from "../../provider/errors";
import { agentHandler } from "../../provider/handlers/agent";
import { knowledgeBaseDocumentHandler } from "../../provider/handlers/knowledge-base-document";
import { phoneNumberHandler } from "../../provider/handlers/phone-number";
import type { Ctx, ResourceHandler } from "../../provider/handlers/resource-handler";
import { toolHandler } from "../../provider/handlers/tool";
import { widgetHandler } from "../../provider/handlers/widget";
import { workspaceSecretHandler } from "../../provider/handlers/workspace-secret";
import { workspaceSettingsHandler } from "../../provider/handlers/workspace-settings";
import type { FileKind } from "./kinds";

/** One object as the API has it, decoded (model form), with what names it. */
export interface PulledObject {
  kind: FileKind;
  id: string;
  /** What the definition's name is derived from. */
  label: string;
  model: JsonObject;
}

interface Puller {
  /** Output subdirectory. */
  dir: string;
  /** The kind's objects; `agents` are the agents already read (for per-agent kinds). */
  read(ctx: Ctx, agents: readonly JsonObject[]): AsyncIterable<JsonObject>;
  label(model: JsonObject): string;
  handler: ResourceHandler;
  /** Adds what the object's read leaves out (a text document's text). */
  complete?(ctx: Ctx, model: JsonObject): Promise<JsonObject>;
  /** One per workspace: no id to adopt. */
  singleton?: boolean;
  /** Moves secret values the API returns among plain fields to the kind's secret fields. */
  separateSecrets?(model: JsonObject): JsonObject;
}

/** Header names whose values are credentials: pulled as secret headers, never written to a file. */
const CREDENTIAL_HEADER = /auth|token|secret|key|password|cookie|signature|credential/i;

/** Tools: credential headers in `serverTool.headers` become `secretHeaders` (secret in state, a config reference in the file). */
function separateToolSecrets(tool: JsonObject): JsonObject {
  const serverTool = isPlainObject(tool.serverTool) ? tool.serverTool : undefined;
  if (!serverTool || !isPlainObject(serverTool.headers)) return tool;
  const entries = Object.entries(serverTool.headers);
  const secret = entries.filter(([name]) => CREDENTIAL_HEADER.test(name));
  if (secret.length === 0) return tool;
  const plain = entries.filter(([name]) => !CREDENTIAL_HEADER.test(name));
  return {
    ...tool,
    serverTool: { ...serverTool, headers: Object.fromEntries(plain) },
    secretHeaders: { ...(isPlainObject(tool.secretHeaders) ? tool.secretHeaders : {}), ...Object.fromEntries(secret) },
  };
}

/** Every object of a list route, each read whole (list items may be summaries). */
async function* eachWhole(ctx: Ctx, h: ResourceHandler, state: JsonObject = {}): AsyncIterable<JsonObject> {
  const route = h.spec.routes.list;
  if (!route) return;
  for await (const item of ctx.client.paginate<JsonObject>(route, { path: h.spec.listParams?.(state) })) {
    yield await h.getLive(ctx, h.idOf(h.of(ctx).codec.decode(item)), state);
  }
}

const PROCESSING_POLL_MS = 100;
const PROCESSING_TIMEOUT_MS = 120_000;

/** A document still processing is waited for (its text is readable once ready); a failed one stops the pull. */
async function processed(ctx: Ctx, first: JsonObject): Promise<JsonObject> {
  const deadline = Date.now() + PROCESSING_TIMEOUT_MS;
  let doc = first;
  while (doc.status === "processing" && Date.now() < deadline) {
    await sleep(PROCESSING_POLL_MS);
    doc = await knowledgeBaseDocumentHandler.getLive(ctx, String(doc.documentId), doc);
  }
  if (doc.status !== "ready") {
    throw new ElevenLabsError(
      `knowledge-base document ${JSON.stringify(doc.name)} (${String(doc.documentId)}) of agent ${String(doc.agentId)} is ${String(doc.status)}` +
        `${doc.error ? ` (${String(doc.error)})` : ""}: it has no content to pull; delete or replace it, then pull again`,
      ErrorCode.KbDocumentFailed,
    );
  }
  return doc;
}

const text = (value: unknown, fallback: string) => (typeof value === "string" && value !== "" ? value : fallback);

/** In reading order: per-agent kinds after the agents. */
export const PULLERS: Partial<Record<FileKind, Puller>> = {
  workspace_settings: {
    dir: "workspace",
    handler: workspaceSettingsHandler,
    singleton: true,
    async *read(ctx) {
      yield await workspaceSettingsHandler.getLive(ctx, "settings", {});
    },
    label: () => "settings",
  },
  workspace_secret: {
    dir: "secrets",
    handler: workspaceSecretHandler,
    async *read(ctx) {
      // No get route: the list items are the whole secrets (without their values, which the API never returns).
      for await (const item of ctx.client.paginate<JsonObject>("workspace.listSecrets"))
        yield workspaceSecretHandler.of(ctx).codec.decode(item);
    },
    label: (m) => text(m.name, "secret"),
  },
  tool: {
    dir: "tools",
    handler: toolHandler,
    read: (ctx) => eachWhole(ctx, toolHandler),
    label: (m) => text(m.name, "tool"),
    separateSecrets: separateToolSecrets,
  },
  agent: {
    dir: "agents",
    handler: agentHandler,
    read: (ctx) => eachWhole(ctx, agentHandler),
    label: (m) => text(m.name, "agent"),
  },
  knowledge_base_document: {
    dir: "knowledge-base",
    handler: knowledgeBaseDocumentHandler,
    async *read(ctx, agents) {
      for (const agent of agents) yield* eachWhole(ctx, knowledgeBaseDocumentHandler, { agentId: agent.agentId });
    },
    label: (m) => text(m.name, "document"),
    // A URL document is defined by its URL; any other by its text (an uploaded file's extracted text).
    async complete(ctx, read) {
      const doc = await processed(ctx, read);
      if (doc.type === "url") return doc;
      const content = await ctx.client.request<JsonObject>("knowledgeBase.content", {
        path: { agent_id: String(doc.agentId), document_id: String(doc.documentId) },
      });
      return { ...doc, text: content.content };
    },
  },
  phone_number: {
    dir: "phone-numbers",
    handler: phoneNumberHandler,
    read: (ctx) => eachWhole(ctx, phoneNumberHandler),
    label: (m) => text(m.phoneNumber, text(m.phoneNumberId, "number")),
  },
  widget: {
    dir: "widgets",
    handler: widgetHandler,
    async *read(ctx, agents) {
      for (const agent of agents) yield await widgetHandler.getLive(ctx, "", { agentId: agent.agentId });
    },
    label: () => "widget", // named after its agent by pull-files
  },
};

export const PULL_ORDER = Object.keys(PULLERS) as FileKind[];

export type PullProgress = (kind: FileKind, count: number, done: boolean) => void;

/** Every object of the workspace, kind by kind; `progress` hears each object read. */
export async function readWorkspace(
  client: ElevenLabsClient,
  progress: PullProgress = () => {},
): Promise<PulledObject[]> {
  const ctx: Ctx = { client };
  const out: PulledObject[] = [];
  const agents: JsonObject[] = [];
  for (const kind of PULL_ORDER) {
    const puller = PULLERS[kind] as Puller;
    let count = 0;
    for await (const read of puller.read(ctx, agents)) {
      const completed = puller.complete ? await puller.complete(ctx, read) : read;
      const model = puller.separateSecrets ? puller.separateSecrets(completed) : completed;
      if (kind === "agent") agents.push(model);
      const id = puller.singleton ? "" : puller.handler.idOf(model);
      out.push({ kind, id, label: puller.label(model), model });
      progress(kind, ++count, false);
    }
    progress(kind, count, true);
  }
  return out;
}
