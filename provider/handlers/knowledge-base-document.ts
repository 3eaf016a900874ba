import { setTimeout as sleep } from "node:timers/promises";
import { type JsonObject, pick } from "../diff/json";
import { ElevenLabsError, ErrorCode, NotFoundError } from "../errors";
import { fileForm, hashFileInput, hashOfDownload } from "./files";
import { withCreationToken } from "./recovery";
import { type Ctx, ResourceHandler } from "./resource-handler";

const DEFAULT_READY_TIMEOUT_SECONDS = 120;
const POLL_MS = 100;

/**
 * Knowledge-base documents: created from text, a URL or a local file (multipart), then polled
 * until `ready`. There is no update route, so every compared input replaces. The creation token
 * goes into the document's own `metadata` map, merged with the program's, where the profile keeps
 * one (the contract's documents belong to an agent; the live API's to the workspace, and the
 * path values they do not use are ignored).
 */
export const knowledgeBaseDocumentHandler: ResourceHandler = new ResourceHandler({
  kind: "KnowledgeBaseDocument",
  idField: "documentId",
  routes: { get: "knowledgeBase.get", delete: "knowledgeBase.delete", list: "knowledgeBase.list" },
  pathParams: (id, state) => ({ ...agentOf(state), document_id: id }),
  listParams: agentOf,
  normalize: (inputs) => hashFileInput(inputs, "filePath", "contentHash"),

  async createObject(ctx, desired, inputs, recover) {
    const path = agentOf(desired);
    const { codec } = knowledgeBaseDocumentHandler.of(ctx);
    const doc = withCreationToken(knowledgeBaseDocumentHandler, ctx, desired, inputs);
    const fields = ["name", "description", "metadata", "parentFolderId"];
    if (typeof doc.filePath === "string") {
      const { name, description, metadata, parent_folder_id } = codec.encode(pick(doc, fields));
      const form = fileForm(doc.filePath, {
        name: name as string | undefined,
        description: description as string | undefined,
        metadata: metadata === undefined ? undefined : JSON.stringify(metadata),
        parent_folder_id: parent_folder_id as string | undefined,
      });
      return ctx.client.request<JsonObject>("knowledgeBase.createFromFile", { path, form, recover });
    }
    const source = doc.text !== undefined ? "text" : "url";
    const body = codec.encode(pick(doc, [...fields, "enableAutoSync", source]));
    return ctx.client.request<JsonObject>(
      source === "text" ? "knowledgeBase.createFromText" : "knowledgeBase.createFromUrl",
      { path, body, recover },
    );
  },

  settle: (ctx, id, live, inputs) => waitUntilReady(ctx, id, live, inputs),

  /**
   * Recovery without a creation token (the live API): a text document's content, an uploaded
   * file's original bytes (their sha256, from the signed `source-file-url` download) and the
   * folder can be read back and compared, so only an identical same-named document is taken.
   */
  async readBack(ctx, live, inputs) {
    const known: JsonObject = { parentFolderId: live.folderParentId ?? undefined };
    const path = { ...agentOf(inputs), document_id: knowledgeBaseDocumentHandler.idOf(live) };
    try {
      if (typeof inputs.text === "string") {
        return { ...known, text: await ctx.client.request<unknown>("knowledgeBase.content", { path }) };
      }
      if (typeof inputs.contentHash === "string" && ctx.client.has("knowledgeBase.sourceFileUrl")) {
        const answer = await ctx.client.request<JsonObject>("knowledgeBase.sourceFileUrl", { path });
        const url = answer?.signed_url;
        return { ...known, contentHash: typeof url === "string" ? await hashOfDownload(url) : undefined };
      }
      return known;
    } catch (err) {
      if (err instanceof NotFoundError) return known;
      throw err;
    }
  },
});

/**
 * Polls until `ready`. A `failed` document or a timeout is deleted (no orphan; nothing in state
 * points at it) and reported with the document's name and the API's `error`.
 */
async function waitUntilReady(ctx: Ctx, id: string, first: JsonObject, inputs: JsonObject): Promise<JsonObject> {
  const timeoutS =
    typeof inputs.readyTimeoutSeconds === "number" ? inputs.readyTimeoutSeconds : DEFAULT_READY_TIMEOUT_SECONDS;
  const deadline = Date.now() + timeoutS * 1000;
  const label = `KnowledgeBaseDocument ${JSON.stringify(inputs.name ?? inputs.url ?? inputs.filePath ?? id)} (${id})`;
  // The live API's documents have no processing status: the create answer is then read once in full.
  if (first.status === undefined) return knowledgeBaseDocumentHandler.getLive(ctx, id, inputs);
  let live = first;
  while (live.status !== "ready") {
    if (live.status === "failed") {
      await knowledgeBaseDocumentHandler.delete(id, inputs);
      throw new ElevenLabsError(
        `${label} failed processing: ${String(live.error ?? "no error given")}`,
        ErrorCode.KbDocumentFailed,
      );
    }
    if (Date.now() > deadline) {
      await knowledgeBaseDocumentHandler.delete(id, inputs);
      throw new ElevenLabsError(
        `${label} was not ready after ${timeoutS} s (status ${String(live.status)}); raise readyTimeoutSeconds`,
        ErrorCode.KbDocumentTimeout,
      );
    }
    await sleep(POLL_MS);
    live = await knowledgeBaseDocumentHandler.getLive(ctx, id, inputs);
  }
  return live;
}

/** The agent a contract document belongs to, as path values (live documents have none). */
function agentOf(state: JsonObject): Record<string, string> {
  return typeof state.agentId === "string" ? { agent_id: state.agentId } : {};
}
