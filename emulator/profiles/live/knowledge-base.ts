import type { z } from "zod";
import { EmulatorError, invalid, validate } from "../../errors";
import { readForm, readJson } from "../../http-io";
import { nowIso } from "../../ids";
import type { JsonObject } from "../../merge-patch";
import type { DocumentRecord } from "../../models/knowledge-base";
import type { RequestContext, Router } from "../../router";
import { createDocument, createFileDocument, readyContent } from "../../routes/knowledge-base";
import { getOr404, ok, prepareCreate } from "../../routes/resource";
import { sourceFileUrl } from "../../source-files";
import { forced } from "./common";
import { dependentAgents, detach } from "./dependents";
import {
  createdDocument,
  LIVE_DOCUMENT_READ_ONLY,
  liveDocumentPatch,
  liveFileDocumentFields,
  liveTextDocumentBody,
  liveUrlDocumentBody,
  renderLiveDocument,
} from "./knowledge-base-model";
import { cursorPage, parseCursorQuery } from "./paging";

const KB = "/knowledge-base";
const DOC = `${KB}/{documentation_id}`;
const EMBEDDING_MODELS = ["e5_mistral_7b_instruct", "multilingual_e5_large_instruct"];

/**
 * Live knowledge base (live-vs-seed.md §2.5): workspace documents with `id`, attached to agents
 * through `conversation_config.agent.prompt.knowledge_base`. Processing and content are the seed's.
 */
export function liveKnowledgeBaseRoutes(router: Router): void {
  router
    .add("POST", `${KB}/text`, async ({ app, req }) => {
      const { text, ...fields } = prepareCreate(liveTextDocumentBody, await readJson(req), LIVE_DOCUMENT_READ_ONLY);
      const name = fields.name ?? text.split("\n")[0]?.slice(0, 80) ?? "text";
      return ok(createdDocument(createDocument(app, undefined, "text", { ...fields, name }, { text })));
    })
    .add("POST", `${KB}/url`, async ({ app, req }) => {
      const fields = prepareCreate(liveUrlDocumentBody, await readJson(req), LIVE_DOCUMENT_READ_ONLY);
      const doc = createDocument(app, undefined, "url", { ...fields, name: fields.name ?? fields.url }, { text: null });
      return ok(createdDocument(doc));
    })
    .add("POST", `${KB}/file`, async ({ app, req }) => {
      const form = await readForm(req);
      return ok(createdDocument(await createFileDocument(app, undefined, form, formFields)));
    })
    .add("GET", KB, ({ app, query }) => {
      const q = parseCursorQuery(query, ["created_at", "name", "updated_at"]);
      const search = query.get("search")?.toLowerCase();
      const types = query.getAll("types").flatMap((t) => t.split(","));
      const docs = app.store
        .list("documents")
        .filter(
          (d) =>
            d.agent_id === undefined &&
            (!search || d.name.toLowerCase().includes(search)) &&
            (types.length === 0 || types.includes(d.type)),
        );
      const { page, next_cursor, has_more } = cursorPage(
        docs,
        q,
        (d) => d.document_id,
        (d, by) => String(d[by as keyof DocumentRecord] ?? ""),
      );
      return ok({ documents: page.map((d) => renderLiveDocument(app, d, { listItem: true })), next_cursor, has_more });
    })
    .add("GET", DOC, (ctx) => ok(renderLiveDocument(ctx.app, requireDocument(ctx))))
    .add("PATCH", DOC, async (ctx) => {
      const doc = requireDocument(ctx);
      const patch = validate(liveDocumentPatch, omit(await readJson(ctx.req)));
      const updated = { ...doc, ...patch, updated_at: nowIso() } as DocumentRecord;
      ctx.app.store.put("documents", doc.document_id, updated);
      return ok(renderLiveDocument(ctx.app, updated));
    })
    .add("DELETE", DOC, (ctx) => {
      const { app, query } = ctx;
      const { document_id } = requireDocument(ctx);
      const users = dependentAgents(app, "document", document_id);
      if (users.length > 0 && !forced(query)) {
        throw new EmulatorError(
          400,
          "DOCUMENT_HAS_DEPENDENT_AGENTS",
          `document ${document_id} is used by agents ${users.map((a) => a.agent_id).join(", ")}; remove it from their knowledge_base or delete with force=true`,
          { id: document_id, dependent_agents: users.map((a) => a.agent_id) },
        );
      }
      app.store.apply([
        ...detach(users, "document", document_id),
        { op: "delete", kind: "documents", id: document_id },
        { op: "delete", kind: "document_contents", id: document_id },
      ]);
      return ok({});
    })
    .add("GET", `${DOC}/content`, (ctx) => {
      const doc = requireDocument(ctx);
      // Live documents have no processing status: a text document's content is its text from the
      // start; a file's or a page's exists once extracted.
      const given = doc.type === "text" ? ctx.app.store.get("document_contents", doc.document_id)?.text : undefined;
      const text = typeof given === "string" ? given : readyContent(ctx.app, doc).text;
      return { status: 200, raw: Buffer.from(text ?? ""), contentType: "text/plain; charset=utf-8" };
    })
    .add("GET", `${DOC}/source-file-url`, (ctx) => {
      const doc = requireDocument(ctx);
      if (doc.type !== "file")
        throw new EmulatorError(400, "NOT_A_FILE", `document ${doc.document_id} is a ${doc.type} document, not a file`);
      return ok({ signed_url: sourceFileUrl(ctx.app, ctx.req, doc) });
    })
    .add("GET", `${DOC}/chunk/{chunk_id}`, (ctx) => {
      const doc = requireDocument(ctx);
      const content = readyContent(ctx.app, doc);
      const chunkId = ctx.params.chunk_id as string;
      const index = Number(/^chunk_(\d+)$/.exec(chunkId)?.[1] ?? Number.NaN);
      const text = content.chunks[index];
      if (text === undefined)
        throw new EmulatorError(404, "NOT_FOUND", `chunk ${chunkId} not found`, { resource: "chunk", id: chunkId });
      return ok({ id: chunkId, name: doc.name, content: text });
    })
    .add("GET", `${DOC}/dependent-agents`, (ctx) => {
      const { document_id } = requireDocument(ctx);
      const agents = dependentAgents(ctx.app, "document", document_id).map((a) => ({
        id: a.agent_id,
        name: a.name,
        type: "available",
      }));
      return ok({ agents, next_cursor: null, has_more: false });
    })
    .add("POST", `${DOC}/rag-index`, async (ctx) => {
      const doc = requireDocument(ctx);
      const body = await readJson(ctx.req);
      if (typeof body.model !== "string" || !EMBEDDING_MODELS.includes(body.model))
        throw invalid("model", `must be one of ${EMBEDDING_MODELS.join(", ")}`);
      const done = doc.status === "ready";
      return ok({
        id: `rag_${doc.document_id}_${body.model}`,
        model: body.model,
        status: done ? "succeeded" : "processing",
        progress_percentage: done ? 100 : 0,
        document_model_index_usage: { used_bytes: done ? Buffer.byteLength(readyContent(ctx.app, doc).text ?? "") : 0 },
      });
    });
}

/** Workspace documents only: a seed-style per-agent document is not part of the live API. */
function requireDocument({ app, params }: RequestContext): DocumentRecord {
  const id = params.documentation_id as string;
  const doc = getOr404(app, "documents", id, "document");
  if (doc.agent_id !== undefined)
    throw new EmulatorError(404, "NOT_FOUND", `document ${id} not found`, { resource: "document", id });
  return doc;
}

function formFields(form: FormData): z.infer<typeof liveFileDocumentFields> {
  const fields: JsonObject = {};
  for (const [key, value] of form.entries()) if (key !== "file" && typeof value === "string") fields[key] = value;
  return validate(liveFileDocumentFields, fields);
}

const omit = (body: JsonObject) => {
  const copy = { ...body };
  for (const key of LIVE_DOCUMENT_READ_ONLY) delete copy[key];
  return copy;
};
