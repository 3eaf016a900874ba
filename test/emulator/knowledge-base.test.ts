import { PDFDocument, StandardFonts } from "pdf-lib";
import { FormData, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { waitFor } from "../support/wait-for";
import { expectError, startReceiver } from "./helpers";

let t: TestEmulator;
let site: Awaited<ReturnType<typeof startReceiver>>;
let agentId: string;
const KB = () => `/agents/${agentId}/knowledge-base`;

beforeAll(async () => {
  // Long enough that a loaded machine still sees `processing` right after the create.
  t = await TestEmulator.start({ kbProcessingDelayMs: 1000 });
  site = await startReceiver((req) =>
    req.path === "/doc.html"
      ? {
          status: 200,
          type: "text/html",
          body: "<html><body><h1>Returns</h1><p>Refunds within 30 days.</p><script>x()</script></body></html>",
        }
      : { status: 404, body: "no" },
  );
  agentId = (await t.api("POST", "/agents", { name: "KB agent" })).body.agent_id;
});
afterAll(async () => {
  await t.close();
  await site.close();
});

const ready = (id: string) =>
  waitFor(async () => {
    const doc = (await t.api("GET", `${KB()}/${id}`)).body;
    return doc.status === "processing" ? undefined : doc;
  });

async function upload(form: FormData) {
  const res = await request(`${t.baseUrl}${KB()}/file`, {
    method: "POST",
    headers: { "xi-api-key": t.apiKey },
    body: form,
  });
  return {
    status: res.statusCode,
    headers: res.headers as Record<string, string>,
    body: (await res.body.json()) as any,
  };
}

describe("knowledge base", () => {
  it("turns a text document from processing to ready and serves its content and chunks", async () => {
    const paragraph = "The quick brown fox jumps over the lazy dog. ".repeat(10).trim();
    const text = Array.from({ length: 6 }, (_, i) => `Section ${i}. ${paragraph}`).join("\n\n");
    const res = await t.api("POST", `${KB()}/text`, { text, name: "FAQ", metadata: { category: "support" } });
    expect(res.body).toMatchObject({
      name: "FAQ",
      type: "text",
      status: "processing",
      metadata: { category: "support" },
    });
    expect(res.body.document_id).toMatch(/^doc_/);
    expectError(await t.api("GET", `${KB()}/${res.body.document_id}/content`), 409, "DOCUMENT_NOT_READY");
    const doc = await ready(res.body.document_id);
    expect(doc.status).toBe("ready");
    expect(doc.chunk_count).toBeGreaterThan(1);
    const content = await t.api("GET", `${KB()}/${doc.document_id}/content`);
    expect(content.body.content).toBe(text);
    const chunks = [];
    for (let i = 0; i < doc.chunk_count; i++) {
      const chunk = await t.api("GET", `${KB()}/${doc.document_id}/chunks/chunk_${i}`);
      expect(chunk.body.chunk_id).toBe(`chunk_${i}`);
      expect(chunk.body.content.length).toBeLessThanOrEqual(1000);
      chunks.push(chunk.body.content);
    }
    expect(chunks.join("\n\n")).toBe(text);
    expectError(await t.api("GET", `${KB()}/${doc.document_id}/chunks/chunk_${doc.chunk_count}`), 404, "NOT_FOUND");
    expectError(await t.api("GET", `${KB()}/${doc.document_id}/chunks/zzz`), 404, "NOT_FOUND");
  });

  it("extracts text from uploaded HTML and PDF files", async () => {
    const html = new FormData();
    html.set(
      "file",
      new Blob(["<h1>Title</h1><p>Fish &amp; chips</p><style>p{}</style>"], { type: "text/html" }),
      "menu.html",
    );
    html.set("name", "Menu");
    html.set("metadata", JSON.stringify({ version: "2.0" }));
    const h = await upload(html);
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({
      name: "Menu",
      type: "file",
      status: "processing",
      metadata: { version: "2.0" },
      file: { filename: "menu.html", mime_type: "text/html" },
    });
    await ready(h.body.document_id);
    expect((await t.api("GET", `${KB()}/${h.body.document_id}/content`)).body.content).toBe("Title\n\nFish & chips");

    const manual = await PDFDocument.create();
    const font = await manual.embedFont(StandardFonts.Helvetica);
    manual.addPage().drawText("Press the red button twice.", { x: 50, y: 700, size: 12, font });
    const pdf = new FormData();
    pdf.set("file", new Blob([Buffer.from(await manual.save())], { type: "application/pdf" }), "manual.pdf");
    const p = await upload(pdf);
    expect(p.body.name).toBe("manual.pdf");
    const doc = await ready(p.body.document_id);
    expect(doc).toMatchObject({ status: "ready", content_available: true, chunk_count: 1 });
    expect((await t.api("GET", `${KB()}/${doc.document_id}/content`)).body).toMatchObject({
      content: "Press the red button twice.",
      content_available: true,
    });
  });

  it("fetches URL documents, and marks them failed with an error when the fetch fails", async () => {
    const good = await t.api("POST", `${KB()}/url`, { url: `${site.url}/doc.html`, name: "Policy" });
    expect(good.body).toMatchObject({ type: "url", status: "processing", url: `${site.url}/doc.html` });
    expect((await ready(good.body.document_id)).status).toBe("ready");
    expect((await t.api("GET", `${KB()}/${good.body.document_id}/content`)).body.content).toBe(
      "Returns\n\nRefunds within 30 days.",
    );

    const bad = await t.api("POST", `${KB()}/url`, { url: `${site.url}/missing` });
    expect(bad.body.name).toBe(`${site.url}/missing`);
    const failed = await ready(bad.body.document_id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/HTTP 404/);
    expectError(await t.api("GET", `${KB()}/${failed.document_id}/content`), 409, "DOCUMENT_NOT_READY");
  });

  it("lists with total_count, deletes, and computes the index", async () => {
    const list = await t.api("GET", KB());
    expect(list.body.total_count).toBe(list.body.documents.length);
    expect(list.body.pagination.total_count).toBe(list.body.total_count);
    const id = list.body.documents[0].document_id;
    expect((await t.api("DELETE", `${KB()}/${id}`)).body).toEqual({
      message: "Document deleted successfully",
      document_id: id,
    });
    expectError(await t.api("GET", `${KB()}/${id}`), 404, "NOT_FOUND");
    expectError(await t.api("DELETE", `${KB()}/${id}`), 404, "NOT_FOUND");
    expect((await t.api("GET", KB())).body.total_count).toBe(list.body.total_count - 1);
    const index = await t.api("POST", `${KB()}/compute-index`);
    expect(index.body).toEqual({ status: "indexing_started", estimated_time_seconds: 1 });
    expectError(await t.api("GET", "/agents/agent_nope/knowledge-base"), 404, "NOT_FOUND");
  });

  it("rejects missing fields, unsupported files and malformed multipart with 400", async () => {
    expect(expectError(await t.api("POST", `${KB()}/text`, { name: "x" }), 400, "VALIDATION_ERROR").details.field).toBe(
      "text",
    );
    expect(expectError(await t.api("POST", `${KB()}/text`, { text: "x" }), 400, "VALIDATION_ERROR").details.field).toBe(
      "name",
    );
    expect(expectError(await t.api("POST", `${KB()}/url`, {}), 400, "VALIDATION_ERROR").details.field).toBe("url");
    expect(
      expectError(await t.api("POST", `${KB()}/url`, { url: "ftp://x" }), 400, "VALIDATION_ERROR").details.field,
    ).toBe("url");
    const noFile = new FormData();
    noFile.set("name", "x");
    const r1 = await upload(noFile);
    expect([r1.status, r1.body.error.code, r1.body.error.details.field]).toEqual([400, "VALIDATION_ERROR", "file"]);
    const exe = new FormData();
    exe.set("file", new Blob(["MZ"], { type: "application/x-msdownload" }), "a.exe");
    expect((await upload(exe)).status).toBe(400);
    const badMeta = new FormData();
    badMeta.set("file", new Blob(["hi"]), "a.txt");
    badMeta.set("metadata", "{nope");
    expect((await upload(badMeta)).body.error.details.field).toBe("metadata");
    const torn = await t.api(
      "POST",
      `${KB()}/file`,
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nunterminated',
      {
        "content-type": "multipart/form-data; boundary=xyz",
      },
    );
    expectError(torn, 400, "VALIDATION_ERROR");
    expectError(await t.api("POST", `${KB()}/file`, { file: "x" }), 400, "VALIDATION_ERROR");
  });
});
