import type { z } from "zod";
import type { App } from "../app";
import { checkAll, EmulatorError, invalid, notFound, validate } from "../errors";
import { readForm, readJson } from "../http-io";
import { newId, nowIso } from "../ids";
import { detectFileType, FILE_TYPES } from "../knowledge/extract";
import { scheduleDocument } from "../knowledge/processing";
import { isPlainObject, type JsonObject } from "../merge-patch";
import {
  type DocumentContent,
  type DocumentRecord,
  fileDocumentFields,
  textDocumentBody,
  urlDocumentBody,
} from "../models/knowledge-base";
import { paginate, parseListQuery } from "../pagination";
import type { RequestContext, Router } from "../router";
import { ok, prepareCreate, requireAgent } from "./resource";

const KB = "/agents/{agent_id}/knowledge-base";
const READ_ONLY = ["document_id", "agent_id", "type", "status", "content_available", "chunk_count", "error", "file"];

export function knowledgeBaseRoutes(router: Router): void {
  router
    .add("POST", `${KB}/text`, async ({ app, req, params }) => {
      const { agent_id } = requireAgent(app, params.agent_id as string);
      const { text, ...fields } = prepareCreate(textDocumentBody, await readJson(req), READ_ONLY);
      return ok(createDocument(app, agent_id, "text", fields, { text }));
    })
    .add("POST", `${KB}/url`, async ({ app, req, params }) => {
      const { agent_id } = requireAgent(app, params.agent_id as string);
      const fields = prepareCreate(urlDocumentBody, await readJson(req), READ_ONLY);
      return ok(createDocument(app, agent_id, "url", { ...fields, name: fields.name ?? fields.url }, { text: null }));
    })
    .add("POST", `${KB}/file`, async ({ app, req, params }) => {
      const { agent_id } = requireAgent(app, params.agent_id as string);
      const form = await readForm(req);
      return ok(await createFileDocument(app, agent_id, form, formFields));
    })
    .add("GET", KB, ({ app, params, query }) => {
      const { agent_id } = requireAgent(app, params.agent_id as string);
      const docs = app.store.list("documents").filter((d) => d.agent_id === agent_id);
      const page = paginate(docs, parseListQuery(query), "document_id", "documents");
      // The contract's KB list shows `total_count` at the top level; the pagination block is kept too.
      return ok({ ...page, total_count: page.pagination.total_count });
    })
    .add("POST", `${KB}/compute-index`, ({ app, params }) => {
      const { agent_id } = requireAgent(app, params.agent_id as string);
      const delay = app.options.kbProcessingDelayMs;
      app.scheduler.after(delay, () => {
        const count = app.store.list("documents").filter((d) => d.agent_id === agent_id && d.status === "ready").length;
        app.emit("knowledge_base.updated", { agent_id, index_status: "ready", document_count: count }, agent_id);
      });
      return ok({ status: "indexing_started", estimated_time_seconds: Math.max(1, Math.ceil(delay / 1000)) });
    })
    .add("GET", `${KB}/{document_id}`, (ctx) => ok(requireDocument(ctx)))
    .add("DELETE", `${KB}/{document_id}`, (ctx) => {
      const { app } = ctx;
      const { document_id, agent_id } = requireDocument(ctx);
      app.store.apply([
        { op: "delete", kind: "documents", id: document_id },
        { op: "delete", kind: "document_contents", id: document_id },
      ]);
      app.emit("knowledge_base.updated", { agent_id, document_id, status: "deleted" }, agent_id);
      return ok({ message: "Document deleted successfully", document_id });
    })
    .add("GET", `${KB}/{document_id}/content`, (ctx) => {
      const doc = requireDocument(ctx);
      const content = readyContent(ctx.app, doc);
      return ok({
        document_id: doc.document_id,
        name: doc.name,
        content_available: doc.content_available,
        content: content.text,
        chunk_count: content.chunks.length,
      });
    })
    .add("GET", `${KB}/{document_id}/chunks/{chunk_id}`, (ctx) => {
      const doc = requireDocument(ctx);
      const content = readyContent(ctx.app, doc);
      const chunkId = ctx.params.chunk_id as string;
      const index = Number(/^chunk_(\d+)$/.exec(chunkId)?.[1] ?? Number.NaN);
      const text = content.chunks[index];
      if (text === undefined) throw notFound("chunk", chunkId);
      return ok({ chunk_id: chunkId, document_id: doc.document_id, index, content: text });
    });
}

/**
 * Stores a new document (`processing`) and its source, and schedules its processing. `agentId` is
 * the owner in the seed's per-agent knowledge base, absent for the live profile's workspace one.
 */
export function createDocument(
  app: App,
  agentId: string | undefined,
  type: DocumentRecord["type"],
  fields: JsonObject & { name: string },
  content: Omit<DocumentContent, "document_id" | "chunks">,
): DocumentRecord {
  const now = nowIso();
  const id = newId("doc");
  const doc: DocumentRecord = {
    document_id: id,
    ...(agentId === undefined ? {} : { agent_id: agentId, description: "", metadata: {} }),
    type,
    status: "processing",
    ...fields,
    content_available: false,
    chunk_count: 0,
    created_at: now,
    updated_at: now,
  };
  app.store.apply([
    { op: "put", kind: "documents", id, value: doc },
    { op: "put", kind: "document_contents", id, value: { document_id: id, chunks: [], ...content } },
  ]);
  scheduleDocument(app, id);
  return doc;
}

/**
 * A document from a multipart upload: the `file` part and the form's other fields (checked by
 * `fields`, every problem in one 400) become a `processing` document.
 */
export async function createFileDocument(
  app: App,
  agentId: string | undefined,
  form: FormData,
  fields: (form: FormData) => JsonObject & { name?: string },
): Promise<DocumentRecord> {
  const [{ file, spec }, valid] = checkAll(
    () => uploadedFile(form),
    () => fields(form),
  );
  const bytes = Buffer.from(await file.arrayBuffer());
  return createDocument(
    app,
    agentId,
    "file",
    {
      ...valid,
      name: valid.name ?? file.name,
      file: { filename: file.name, mime_type: spec.mime, size_bytes: bytes.length },
    },
    // Extraction is slow for some formats and may fail, so it happens when processing ends
    // (also after a restart, which is why the bytes go into the store).
    { text: null, bytes_base64: bytes.toString("base64") },
  );
}

/** The `file` part and its type's extractor. */
export function uploadedFile(form: FormData) {
  const file = form.get("file");
  if (!(file instanceof File)) throw invalid("file", "is required (a file part named file)");
  const type = detectFileType(file.name, file.type);
  const spec = type ? FILE_TYPES[type] : undefined;
  if (!spec) throw invalid("file", "unsupported file type; expected PDF, DOCX, TXT, Markdown, HTML or EPUB");
  return { file, spec };
}

/** The string fields of the upload, validated; `metadata` arrives as a JSON string. */
function formFields(form: FormData): z.infer<typeof fileDocumentFields> {
  const fields: JsonObject = {};
  for (const [key, value] of form.entries()) if (key !== "file" && typeof value === "string") fields[key] = value;
  const { metadata, ...rest } = fields;
  const [parsed, valid] = checkAll(
    () => (metadata === undefined ? undefined : jsonObject(metadata as string, "metadata")),
    () => validate(fileDocumentFields, rest),
  );
  return parsed === undefined ? valid : { ...valid, metadata: parsed };
}

function jsonObject(text: string, field: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid(field, "must be a JSON object string");
  }
  if (!isPlainObject(parsed)) throw invalid(field, "must be a JSON object string");
  return parsed;
}

function requireDocument({ app, params }: RequestContext): DocumentRecord {
  const { agent_id } = requireAgent(app, params.agent_id as string);
  const id = params.document_id as string;
  const doc = app.store.get("documents", id);
  if (!doc || doc.agent_id !== agent_id) throw notFound("document", id);
  return doc;
}

/** Content exists once processing ended well; before that (or after a failure) it is a 409. */
export function readyContent(app: App, doc: DocumentRecord): DocumentContent {
  if (doc.status !== "ready") {
    throw new EmulatorError(409, "DOCUMENT_NOT_READY", `document ${doc.document_id} is ${doc.status}`, {
      document_id: doc.document_id,
      status: doc.status,
    });
  }
  return (
    app.store.get("document_contents", doc.document_id) ?? { document_id: doc.document_id, text: null, chunks: [] }
  );
}
