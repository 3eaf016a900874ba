import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../../support/test-emulator";
import { waitFor } from "../../support/wait-for";
import { agentBody, expect422, expectDetail, LIVE, walkCursor } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start(LIVE);
});
afterAll(() => t.close());

async function upload(name: string, text: string) {
  const form = new FormData();
  form.set("file", new Blob([text], { type: "text/plain" }), name);
  form.set("name", `doc ${name}`);
  const res = await fetch(`${t.baseUrl}/knowledge-base/file`, {
    method: "POST",
    headers: { "xi-api-key": t.apiKey },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Processed: its chunks exist (a text document's content is there from the start). */
const ready = (id: string) =>
  waitFor(async () => (await t.api("GET", `/knowledge-base/${id}/chunk/chunk_0`)).status === 200, 5000);

describe("live knowledge base", () => {
  it("creates workspace documents from text, url and file, each answering {id, name, folder_path}", async () => {
    const text = await t.api("POST", "/knowledge-base/text", { text: "The store opens at nine.", name: "Hours" });
    expect(text.status).toBe(200);
    expect(text.body).toEqual({ id: expect.stringMatching(/^doc_/), name: "Hours", folder_path: [] });
    const url = await t.api("POST", "/knowledge-base/url", { url: "http://127.0.0.1:9/nothing" });
    expect(url.body).toMatchObject({ name: "http://127.0.0.1:9/nothing", folder_path: [] });
    const file = await upload("faq.txt", "Parking is free.");
    expect(file.status).toBe(200);
    expect(file.body).toMatchObject({ name: "doc faq.txt" });

    await ready(text.body.id);
    const got = (await t.api("GET", `/knowledge-base/${text.body.id}`)).body;
    expect(got).toMatchObject({
      id: text.body.id,
      name: "Hours",
      type: "text",
      supported_usages: ["prompt", "auto"],
      folder_parent_id: null,
      folder_path: [],
      extracted_inner_html: "The store opens at nine.",
      access_info: { is_creator: true },
    });
    expect(got.metadata).toEqual({
      created_at_unix_secs: expect.any(Number),
      last_updated_at_unix_secs: expect.any(Number),
      size_bytes: 24,
    });
    expect(got).not.toHaveProperty("document_id");
    expect(got).not.toHaveProperty("status");
    const content = await t.api("GET", `/knowledge-base/${text.body.id}/content`);
    expect(content.headers["content-type"]).toMatch(/^text\/plain/);
    expect(content.body).toBe("The store opens at nine.");
    const chunk = await t.api("GET", `/knowledge-base/${text.body.id}/chunk/chunk_0`);
    expect(chunk.body).toEqual({ id: "chunk_0", name: "Hours", content: "The store opens at nine." });
    expectDetail(await t.api("GET", `/knowledge-base/${text.body.id}/chunk/chunk_9`), 404, "chunk_not_found");
  });

  it("is attached through the agent's prompt.knowledge_base; delete refuses while attached unless force=true", async () => {
    const doc = (await t.api("POST", "/knowledge-base/text", { text: "Returns within 30 days.", name: "Returns" }))
      .body;
    const { agent_id } = (
      await t.api(
        "POST",
        "/agents/create",
        agentBody({
          conversation_config: {
            agent: { prompt: { knowledge_base: [{ type: "text", name: "Returns", id: doc.id, usage_mode: "auto" }] } },
          },
        }),
      )
    ).body;
    const list = await t.api("GET", "/knowledge-base?search=returns");
    expect(list.body.documents).toHaveLength(1);
    expect(list.body.documents[0].dependent_agents).toEqual([expect.objectContaining({ id: agent_id })]);
    expect((await t.api("GET", `/knowledge-base/${doc.id}/dependent-agents`)).body.agents).toEqual([
      expect.objectContaining({ id: agent_id }),
    ]);
    expectDetail(await t.api("DELETE", `/knowledge-base/${doc.id}`), 400, "document_has_dependent_agents");
    expect(await t.api("DELETE", `/knowledge-base/${doc.id}?force=true`)).toMatchObject({ status: 200, body: {} });
    const agent = (await t.api("GET", `/agents/${agent_id}`)).body;
    expect(agent.conversation_config.agent.prompt.knowledge_base).toEqual([]);
    expectDetail(await t.api("GET", `/knowledge-base/${doc.id}`), 404, "document_not_found");
  });

  it("renames by PATCH, computes a per-document RAG index, and validates with 422", async () => {
    const doc = (await t.api("POST", "/knowledge-base/text", { text: "Hello.", name: "Old" })).body;
    expect((await t.api("PATCH", `/knowledge-base/${doc.id}`, { name: "New" })).body.name).toBe("New");
    await ready(doc.id);
    const rag = await t.api("POST", `/knowledge-base/${doc.id}/rag-index`, { model: "e5_mistral_7b_instruct" });
    expect(rag.body).toMatchObject({ model: "e5_mistral_7b_instruct", status: "succeeded", progress_percentage: 100 });
    expect(expect422(await t.api("POST", "/knowledge-base/text", { name: "no text" }))).toEqual(["body.text"]);
    expect(expect422(await t.api("POST", "/knowledge-base/url", { url: "nope" }))).toEqual(["body.url"]);
  });

  it("lists by cursor across pages", async () => {
    await t.reset();
    for (let i = 0; i < 5; i++) await t.api("POST", "/knowledge-base/text", { text: `Fact ${i}.`, name: `F${i}` });
    const { items, pages } = await walkCursor(t, "/knowledge-base", "documents", 2);
    expect(pages).toBe(3);
    expect(items.map((d) => d.name).sort()).toEqual(["F0", "F1", "F2", "F3", "F4"]);
  });
});
