import { z } from "zod";
import { httpUrl, metadata, nonEmpty } from "./common";

const common = { description: z.string().optional(), metadata: metadata.optional() };

export const textDocumentBody = z.looseObject({ text: nonEmpty, name: nonEmpty, ...common });
export const urlDocumentBody = z.looseObject({ url: httpUrl, name: nonEmpty.optional(), ...common });
/** The non-file fields of the multipart upload, after `metadata` was parsed from its JSON string. */
export const fileDocumentFields = z.looseObject({ name: nonEmpty.optional(), ...common });

export type DocumentStatus = "processing" | "ready" | "failed";

export interface DocumentRecord {
  document_id: string;
  /** The owning agent (seed); absent for workspace documents (live). */
  agent_id?: string;
  name: string;
  type: "file" | "url" | "text";
  status: DocumentStatus;
  created_at: string;
  updated_at: string;
  description?: string;
  metadata?: Record<string, unknown>;
  /** True once processing extracted (or fetched) the text; false while processing and after a failure. */
  content_available: boolean;
  chunk_count: number;
  url?: string;
  file?: { filename: string; mime_type: string; size_bytes: number };
  error?: string;
  [extra: string]: unknown;
}

/** Internal, never returned as is: the source and the extracted text of one document. */
export interface DocumentContent {
  document_id: string;
  text: string | null;
  chunks: string[];
  /** An uploaded file's bytes, until processing has extracted its text. */
  bytes_base64?: string;
  /** The same bytes after processing: the original, downloadable by signed URL (live `source-file-url`). */
  source_base64?: string;
}
