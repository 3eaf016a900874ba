import { z } from "zod";
import type { App } from "../../app";
import { httpUrl } from "../../models/common";
import type { DocumentRecord } from "../../models/knowledge-base";
import { ACCESS_INFO, unixSecs } from "./common";
import { dependentAgents } from "./dependents";

const common = { name: z.string().min(1).optional(), parent_folder_id: z.string().optional() };

/** `POST /v1/convai/knowledge-base/{text,url}` and the fields of `…/file` (PY `knowledge_base/documents`). */
export const liveTextDocumentBody = z.looseObject({ text: z.string().min(1), ...common });
export const liveUrlDocumentBody = z.looseObject({
  url: httpUrl,
  enable_auto_sync: z.boolean().optional(),
  auto_remove: z.boolean().optional(),
  ...common,
});
export const liveFileDocumentFields = z.looseObject(common);
/** `PATCH /v1/convai/knowledge-base/{documentation_id}`. */
export const liveDocumentPatch = z.looseObject({ name: z.string().min(1).optional() });

export const LIVE_DOCUMENT_READ_ONLY = ["id", "type", "metadata", "access_info", "folder_path", "supported_usages"];

/** Kept in the store for the shared processing; never part of the live shape. */
const INTERNAL = [
  "document_id",
  "agent_id",
  "status",
  "created_at",
  "updated_at",
  "content_available",
  "chunk_count",
  "file",
  "error",
  "parent_folder_id",
];

/** What a create answers (PYT `add_knowledge_base_response_model.py`). */
export const createdDocument = (doc: DocumentRecord) => ({ id: doc.document_id, name: doc.name, folder_path: [] });

/** GET's shape (`documents_get_response.py`), also the list item with `dependent_agents`. */
export function renderLiveDocument(app: App, doc: DocumentRecord, opts: { listItem?: boolean } = {}) {
  const content = app.store.get("document_contents", doc.document_id);
  const passThrough: Record<string, unknown> = { ...doc };
  for (const key of INTERNAL) delete passThrough[key];
  const text = content?.text ?? "";
  return {
    id: doc.document_id,
    ...passThrough,
    name: doc.name,
    type: doc.type,
    metadata: {
      created_at_unix_secs: unixSecs(doc.created_at),
      last_updated_at_unix_secs: unixSecs(doc.updated_at),
      size_bytes: doc.file?.size_bytes ?? Buffer.byteLength(text),
    },
    supported_usages: ["prompt", "auto"],
    access_info: ACCESS_INFO,
    folder_parent_id: doc.parent_folder_id ?? null,
    folder_path: [],
    ...(doc.file ? { filename: doc.file.filename } : {}),
    ...(opts.listItem
      ? {
          dependent_agents: dependentAgents(app, "document", doc.document_id).map((a) => ({
            id: a.agent_id,
            name: a.name,
            type: "available",
            created_at_unix_secs: unixSecs(a.created_at),
            access_level: "admin",
          })),
        }
      : { extracted_inner_html: text }),
  };
}
