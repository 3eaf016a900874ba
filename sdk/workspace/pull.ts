/**
 * Reading a workspace for `pull`: one row per file kind says how its objects are listed and read
 * (through the provider's handlers, so every object is decoded by its kind's codec), what names
 * it, and which output directory holds it. Kinds without a row (the RAG index: a computation, not
 * an object) are not pulled. Paginated and rate-limited by the client (provider/client).
 */

import { setTimeout as sleep } from "node:timers/promises";
import type { ElevenLabsClient } from "../../provider/client/client";
import { isPlainObject, type JsonObject } from "../../provider/diff/json";
import { ApiError, ElevenLabsError, ErrorCode } from "../../provider/errors";
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
  /** Write-only secret fields this object has no use for (a SIP-trunk number's Twilio token): no reference is written. */
  unusedSecrets?(model: JsonObject): string[];
  /** Required fields the API never returns and that are not secret: the user writes them into the file. */
  unreadable?(model: JsonObject): { field: string; what: string }[];
}

/** Header names whose values are credentials: pulled as secret headers, never written to a file. */
const CREDENTIAL_HEADER = /auth|token|secret|key|password|cookie|signature|credential/i;

/** Where each profile's tools keep their headers: the contract's `serverTool.headers`, the live API's `toolConfig.apiSchema.requestHeaders`. */
const HEADER_PATHS = [
  ["serverTool", "headers"],
  ["toolConfig", "apiSchema", "requestHeaders"],
] as const;

/**
 * Tools: credential headers with plain values become `secretHeaders` (secret in state, a config
 * reference in the file). A live header that names a workspace secret (`{ secretId }`) stays: it
 * holds no value, and the id becomes a reference to the pulled secret.
 */
function separateToolSecrets(tool: JsonObject): JsonObject {
  for (const path of HEADER_PATHS) {
    const headers = getIn(tool, path);
    if (!isPlainObject(headers)) continue;
    const entries = Object.entries(headers);
    const isSecret = ([name, value]: [string, unknown]) => typeof value === "string" && CREDENTIAL_HEADER.test(name);
    const secret = entries.filter(isSecret);
    if (secret.length === 0) continue;
    return {
      ...setIn(tool, path, Object.fromEntries(entries.filter((e) => !isSecret(e)))),
      secretHeaders: {
        ...(isPlainObject(tool.secretHeaders) ? tool.secretHeaders : {}),
        ...Object.fromEntries(secret),
      },
    };
  }
  return tool;
}

function getIn(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((at, key) => (isPlainObject(at) ? at[key] : undefined), value);
}

function setIn(value: JsonObject, path: readonly string[], leaf: unknown): JsonObject {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return { ...value, [head]: leaf };
  return { ...value, [head]: setIn(isPlainObject(value[head]) ? value[head] : {}, rest, leaf) };
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
  // The live API's documents have no status: their content answers 409 until it is ready (see documentText).
  if (first.status === undefined) return first;
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

/**
 * A ready document's text. The live API answers 409 `document_not_ready` while it is still
 * being processed (it has no status to poll): that is waited out, anything else stops the pull.
 */
async function documentText(ctx: Ctx, doc: JsonObject): Promise<unknown> {
  const deadline = Date.now() + PROCESSING_TIMEOUT_MS;
  const path = { agent_id: String(doc.agentId), document_id: String(doc.documentId) };
  for (;;) {
    try {
      return await ctx.client.request<unknown>("knowledgeBase.content", { path });
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 409) || Date.now() > deadline) throw err;
      await sleep(PROCESSING_POLL_MS);
    }
  }
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
    // The contract's tools have a name; the live API's keep it in their config.
    label: (m) => text(m.name, text(isPlainObject(m.toolConfig) ? m.toolConfig.name : undefined, "tool")),
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
      // The contract's documents belong to an agent; the live API's to the workspace (one list).
      if (!ctx.client.route("knowledgeBase.list").path.includes("{agent_id}"))
        yield* eachWhole(ctx, knowledgeBaseDocumentHandler);
      else for (const agent of agents) yield* eachWhole(ctx, knowledgeBaseDocumentHandler, { agentId: agent.agentId });
    },
    label: (m) => text(m.name, "document"),
    // A URL document is defined by its URL; any other by its text (an uploaded file's extracted text).
    async complete(ctx, read) {
      const doc = await processed(ctx, read);
      if (doc.type === "url") return doc;
      return { ...doc, text: await documentText(ctx, doc) };
    },
  },
  phone_number: {
    dir: "phone-numbers",
    handler: phoneNumberHandler,
    read: (ctx) => eachWhole(ctx, phoneNumberHandler),
    label: (m) => text(m.phoneNumber, text(m.phoneNumberId, "number")),
    // The live API's Twilio token belongs to Twilio numbers only.
    unusedSecrets: (m) => (m.provider !== undefined && m.provider !== "twilio" ? ["token"] : []),
    unreadable: (m) =>
      m.provider === "twilio" && m.sid === undefined ? [{ field: "sid", what: "the Twilio account SID" }] : [],
  },
  widget: {
    dir: "widgets",
    handler: widgetHandler,
    async *read(ctx, agents) {
      for (const agent of agents) {
        const widget = await widgetHandler.getLive(ctx, "", { agentId: agent.agentId });
        // A live widget is its agent's `platform_settings.widget`: an agent without one has none to pull.
        if (!widgetsInAgents(ctx) || widget.config !== undefined) yield widget;
      }
    },
    label: () => "widget", // named after its agent by pull-files
  },
};

/** The profile keeps widgets in their agents' objects (the live API): the widget route reads the agent. */
const widgetsInAgents = (ctx: Ctx) => ctx.client.route("widget.get").path === ctx.client.route("agents.get").path;

/**
 * An agent whose widget is pulled as a widget file leaves the widget's settings to it: both
 * resources writing `platformSettings.widget` would fight (see provider/models/live/widget.ts).
 */
function withoutWidget(agent: JsonObject): JsonObject {
  if (!isPlainObject(agent.platformSettings) || !("widget" in agent.platformSettings)) return agent;
  const { widget: _managedByWidget, ...platformSettings } = agent.platformSettings;
  return { ...agent, platformSettings };
}

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
  if (!widgetsInAgents(ctx)) return out;
  const withWidget = new Set(out.filter((o) => o.kind === "widget").map((o) => String(o.model.agentId)));
  return out.map((o) => (o.kind === "agent" && withWidget.has(o.id) ? { ...o, model: withoutWidget(o.model) } : o));
}
