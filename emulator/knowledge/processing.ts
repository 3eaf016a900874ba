import { fetch } from "undici";
import type { App } from "../app";
import { nowIso } from "../ids";
import type { DocumentContent, DocumentRecord } from "../models/knowledge-base";
import { chunkText } from "./chunk";
import { detectFileType, FILE_TYPES, htmlToText } from "./extract";

/** URL documents larger than this fail rather than fill the store. */
const MAX_URL_BYTES = 5 * 1024 * 1024;

/** A new document stays `processing` for `kbProcessingDelayMs`, then becomes `ready` or `failed`. */
export function scheduleDocument(app: App, documentId: string): void {
  app.scheduler.after(app.options.kbProcessingDelayMs, () => finishDocument(app, documentId));
}

/** After a restart, documents that were still processing are processed again. */
export function resumeDocuments(app: App): void {
  for (const doc of app.store.list("documents")) {
    if (doc.status === "processing") scheduleDocument(app, doc.document_id);
  }
}

async function finishDocument(app: App, documentId: string): Promise<void> {
  const doc = app.store.get("documents", documentId);
  const content = app.store.get("document_contents", documentId);
  if (!doc || !content || doc.status !== "processing") return;
  let text: string | null = null;
  let error: string | undefined;
  try {
    text = await documentText(app, doc, content);
  } catch (e) {
    error = reason(e);
  }
  // The document may have been deleted (or the store reset) while it was fetched or extracted.
  if (app.store.get("documents", documentId)?.status !== "processing") return;
  const chunks = text ? chunkText(text) : [];
  const updated: DocumentRecord = {
    ...doc,
    status: error ? "failed" : "ready",
    updated_at: nowIso(),
    chunk_count: chunks.length,
    content_available: !error && text !== null,
    ...(error ? { error } : {}),
  };
  // The text is what is served from now on. A workspace (live) document keeps its upload as the
  // original source file (`source-file-url`); the contract has no such route, so its bytes go.
  const { bytes_base64: source, ...rest } = content;
  const keep = source !== undefined && doc.agent_id === undefined;
  const newContent: DocumentContent = {
    ...rest,
    ...(keep ? { source_base64: source } : {}),
    text,
    chunks,
  };
  app.store.apply([
    { op: "put", kind: "documents", id: documentId, value: updated },
    { op: "put", kind: "document_contents", id: documentId, value: newContent },
  ]);
  app.emit(
    "knowledge_base.updated",
    { agent_id: doc.agent_id, document_id: documentId, status: updated.status, ...(error ? { error } : {}) },
    doc.agent_id,
  );
}

/** Throws with the message that becomes the failed document's `error`. */
async function documentText(app: App, doc: DocumentRecord, content: DocumentContent): Promise<string | null> {
  if (doc.type === "url" && doc.url) {
    try {
      return await fetchText(doc.url, app);
    } catch (e) {
      throw new Error(`could not fetch ${doc.url}: ${reason(e)}`);
    }
  }
  if (content.bytes_base64 === undefined || !doc.file) return content.text;
  // `file.mime_type` is the table's own MIME type for the detected type, so this finds it again.
  const type = FILE_TYPES[detectFileType(doc.file.filename, doc.file.mime_type) ?? ""];
  if (!type) throw new Error(`unsupported file type ${doc.file.mime_type}`);
  try {
    return await type.extract(Buffer.from(content.bytes_base64, "base64"));
  } catch (e) {
    throw new Error(`could not read ${type.label} file ${doc.file.filename}: ${reason(e)}`);
  }
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function fetchText(url: string, app: App): Promise<string> {
  const signal = AbortSignal.any([AbortSignal.timeout(app.options.kbFetchTimeoutMs), app.shutdown]);
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_URL_BYTES) throw new Error(`body larger than ${MAX_URL_BYTES} bytes`);
  const type = response.headers.get("content-type") ?? "";
  const text = body.toString("utf8");
  return type.includes("html") || /^\s*<(!doctype|html)/i.test(text) ? htmlToText(text) : text;
}
