/**
 * The original of an uploaded knowledge-base file, served by signed URL (live
 * `GET …/knowledge-base/{id}/source-file-url`, PYT `knowledge_base_source_file_url_response_model.py`).
 * The vendor's URL points at storage outside the API, so it takes no API key: here it is a path
 * outside `/v1/convai`, answered only with a valid, unexpired signature.
 */
import type { IncomingMessage } from "node:http";
import type { App } from "./app";
import { EmulatorError } from "./errors";
import type { DocumentRecord } from "./models/knowledge-base";
import type { Reply } from "./router";

export const SOURCE_FILES_PREFIX = "/storage/knowledge-base/";

const subject = (documentId: string) => `source-file:${documentId}`;

/** A URL for the document's original bytes, valid for the signed-URL lifetime. */
export function sourceFileUrl(app: App, req: IncomingMessage, doc: DocumentRecord): string {
  const expiresAt = Math.floor(Date.now() / 1000) + app.options.signedUrlTtlSeconds;
  const host = req.headers.host ?? new URL(app.url).host;
  const url = new URL(`http://${host}${SOURCE_FILES_PREFIX}${encodeURIComponent(doc.document_id)}`);
  url.searchParams.set("signature", app.signer.sign(subject(doc.document_id), expiresAt));
  return url.toString();
}

/** GET of a signed source-file URL: the bytes, or 403 (bad or expired signature) / 404. */
export function serveSourceFile(app: App, path: string, query: URLSearchParams): Reply {
  const id = decodeURIComponent(path.slice(SOURCE_FILES_PREFIX.length));
  const verdict = app.signer.verify(subject(id), query.get("signature") ?? "");
  if (verdict !== "ok") throw new EmulatorError(403, "FORBIDDEN", `signature ${verdict}`);
  const doc = app.store.get("documents", id);
  const content = app.store.get("document_contents", id);
  const bytes = content?.source_base64 ?? content?.bytes_base64;
  if (!doc?.file || bytes === undefined) throw new EmulatorError(404, "NOT_FOUND", `no source file for ${id}`);
  return { status: 200, raw: Buffer.from(bytes, "base64"), contentType: doc.file.mime_type };
}
