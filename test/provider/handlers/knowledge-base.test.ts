/**
 * The KnowledgeBaseDocument handler against a real emulator: checks, file uploads and deletes in
 * both API profiles (the contract's documents belong to an agent, the live ones to the workspace),
 * then what only the contract has: its orphan listing per agent, metadata, processing status,
 * creation-token recovery and the AgentKnowledgeBaseIndex kind.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { agentHandler } from "../../../provider/handlers/agent";
import { agentKnowledgeBaseIndexHandler as index } from "../../../provider/handlers/agent-knowledge-base-index";
import { knowledgeBaseDocumentHandler as h } from "../../../provider/handlers/knowledge-base-document";
import { PROFILES } from "../../support/profile-fixtures";
import { checked, token, useEmulator } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "kb-"));

/** A 127.0.0.1 port nobody listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

describe.each(PROFILES)("KnowledgeBaseDocument handler ($profile API profile)", (fx) => {
  const ctx = useEmulator(fx.profile);
  let agentId: string;
  /** What places a document in the profile: its agent (contract) or nothing (live: the workspace). */
  let owner: Record<string, string>;
  beforeAll(async () => {
    agentId = await fx.makeAgentOutOfBand(ctx.emulator);
    const { name: _name, text: _text, ...rest } = fx.document(agentId);
    owner = rest;
  });

  it("check wants exactly one source and makes no API call", async () => {
    await ctx.emulator.resetStats();
    const r = await h.check({}, { ...owner, name: "n", text: "t", url: "https://x.example" });
    expect(r.failures).toEqual([
      { property: "", reason: "url: exactly one of text, url or filePath must be set, got text and url" },
    ]);
    const missing = await h.check({}, { ...owner, name: "n", filePath: join(dir, "nope.txt") });
    expect(missing.failures?.[0]).toMatchObject({
      property: "",
      reason: expect.stringMatching(/^filePath: cannot read .*ENOENT/),
    });
    expect((await ctx.emulator.stats()).total).toBe(0);
  });

  it("a file document is uploaded as multipart; its content hash drives the diff", async () => {
    const file = join(dir, `manual-${fx.profile}.txt`);
    writeFileSync(file, "Product manual v1");
    const inputs = await checked(h, { ...owner, name: "Manual", filePath: file, creationToken: token("kb") });
    expect(inputs.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const { id, outs } = await h.create(inputs);
    expect((outs as any).type).toBe("file");
    expect((await h.diff(id, outs!, await checked(h, { ...inputs, contentHash: undefined }))).changes).toBe(false);
    const read = await h.read(id, outs!);
    expect((await h.diff(id, read.props!, inputs)).changes).toBe(false);
    writeFileSync(file, "Product manual v2");
    const after = await checked(h, { ...inputs, contentHash: undefined });
    expect((await h.diff(id, outs!, after)).replaces).toEqual(["contentHash"]);
  });

  it("a new text replaces the document (its text cannot be updated in place)", async () => {
    const inputs = await checked(h, { ...fx.document(agentId), creationToken: token("kb") });
    const { id, outs } = await h.create(inputs);
    const changed = await checked(h, { ...inputs, text: "Open 8 to 6." });
    expect(await h.diff(id, outs!, changed)).toEqual({ changes: true, replaces: ["text"], deleteBeforeReplace: true });
  });

  it("delete of a missing document succeeds", async () => {
    await expect(h.delete("doc_missing", { ...owner })).resolves.toBeUndefined();
  });
});

describe("KnowledgeBaseDocument handler, seed API profile (documents of an agent: listing, metadata, status)", () => {
  const ctx = useEmulator("seed");
  let agentId: string;
  beforeAll(async () => {
    agentId = (await ctx.emulator.api("POST", "/agents", { name: "KB agent" })).body.agent_id;
  });

  it("creating documents lists an agent's knowledge base for orphans once, and not at all for an agent this process created", async () => {
    const listing = "GET /v1/convai/agents/{agent_id}/knowledge-base";
    const twoDocs = async (owner: string) => {
      for (const name of ["A", "B"]) {
        await h.create(await checked(h, { agentId: owner, name, text: name, creationToken: token("kb") }));
      }
    };
    const existing = (await ctx.emulator.api("POST", "/agents", { name: "made elsewhere" })).body.agent_id;
    await ctx.emulator.resetStats();
    await twoDocs(existing);
    expect((await ctx.emulator.stats()).byRoute[listing]).toBe(1);

    const created = await agentHandler.create(await checked(agentHandler, { name: "new", creationToken: token("a") }));
    await ctx.emulator.resetStats();
    await twoDocs(created.id);
    expect((await ctx.emulator.stats()).byRoute[listing]).toBeUndefined();
    const docs = await ctx.emulator.listAll(`/agents/${created.id}/knowledge-base`, "documents");
    expect(docs.map((d) => d.name).sort()).toEqual(["A", "B"]);
  });

  it("a text document: create waits until ready; read and diff show no change; metadata keeps the token hidden", async () => {
    const inputs = await checked(h, {
      agentId,
      name: "FAQ",
      text: "Open 9 to 5.",
      metadata: { Team: "support" },
      creationToken: token("kb"),
    });
    const { id, outs } = await h.create(inputs);
    expect((outs as any).status).toBe("ready");
    const live = (await ctx.emulator.api("GET", `/agents/${agentId}/knowledge-base/${id}`)).body;
    expect(live.metadata).toEqual({ Team: "support", pulumi_creation_token: inputs.creationToken });
    expect((outs as any).metadata).toEqual({ Team: "support" });
    const read = await h.read(id, outs!);
    expect(read.inputs).toEqual(inputs);
    expect((await h.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it("a URL document that fails processing is reported with its name and error, and cleaned up", async () => {
    const inputs = await checked(h, {
      agentId,
      name: "Broken",
      url: `http://127.0.0.1:${await closedPort()}/doc`,
      creationToken: token("kb"),
    });
    const err = await h.create(inputs).catch((e: unknown) => e as { code: string; message: string });
    expect(err).toMatchObject({
      code: "KB_DOCUMENT_FAILED",
      message: expect.stringMatching(/"Broken".*failed processing: could not fetch/),
    });
    const docs = (await ctx.emulator.api("GET", `/agents/${agentId}/knowledge-base`)).body.documents;
    expect(docs.filter((d: any) => d.name === "Broken")).toEqual([]);
  });

  it("a create repeated with the same token recreates rather than duplicates (content cannot be verified)", async () => {
    const inputs = await checked(h, { agentId, name: "Once", text: "x", creationToken: token("kb") });
    await h.create(inputs);
    const second = await h.create(inputs);
    const docs = (await ctx.emulator.api("GET", `/agents/${agentId}/knowledge-base`)).body.documents.filter(
      (d: any) => d.name === "Once",
    );
    expect(docs.map((d: any) => d.document_id)).toEqual([second.id]);
  });

  it("AgentKnowledgeBaseIndex (a seed-only kind) computes the index on create and again when documentIds change; a deleted document shows as drift", async () => {
    const doc = await h.create(
      await checked(h, { agentId, name: "Indexed", text: "hello", creationToken: token("kb") }),
    );
    await ctx.emulator.resetStats();
    const inputs = await checked(index, { agentId, documentIds: [doc.id] });
    const { id, outs } = await index.create(inputs);
    expect(id).toBe(agentId);
    expect((await ctx.emulator.stats()).byRoute["POST /v1/convai/agents/{agent_id}/knowledge-base/compute-index"]).toBe(
      1,
    );
    expect((await index.diff(id, outs!, inputs)).changes).toBe(false);

    await h.delete(doc.id, { agentId });
    const read = await index.read(id, outs!);
    expect(read.inputs).toEqual({ agentId, documentIds: [] });
    expect((await index.diff(id, read.props!, inputs)).changes).toBe(true);
    await ctx.emulator.resetStats();
    await index.update(id, read.props!, { agentId, documentIds: [] });
    expect((await ctx.emulator.stats()).byRoute["POST /v1/convai/agents/{agent_id}/knowledge-base/compute-index"]).toBe(
      1,
    );
    await index.delete(id, outs!);
  });
});
