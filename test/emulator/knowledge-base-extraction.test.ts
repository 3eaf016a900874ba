import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { FormData, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { waitFor } from "../support/wait-for";
import { expectError } from "./helpers";

// Fixtures are built here with real writers (pdf-lib, fflate) rather than committed as binaries.
const SENTENCE = "The lighthouse keeper counts ships at dawn.";

async function makePdf(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage().drawText(text, { x: 50, y: 700, size: 14, font });
  return pdf.save();
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

function makeDocx(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join("");
  return zipSync({
    "[Content_Types].xml": strToU8(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        "</Types>",
    ),
    "_rels/.rels": strToU8(
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        "</Relationships>",
    ),
    "word/document.xml": strToU8(
      `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
  });
}

const xhtml = (title: string, body: string) =>
  strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${title}</title></head><body>${body}</body></html>`,
  );

/**
 * Two chapters whose zip (and manifest, and alphabetical) order is the reverse of the spine's,
 * with the OPF in a subfolder and one percent-encoded href, so only a reader that follows
 * container.xml → OPF → spine gets "One" before "Two".
 */
function makeEpub(): Uint8Array {
  return zipSync({
    mimetype: [strToU8("application/epub+zip"), { level: 0 }],
    "META-INF/container.xml": strToU8(
      `${XML}<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>` +
        '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    "OEBPS/content.opf": strToU8(
      `${XML}<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">` +
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:test</dc:identifier>' +
        "<dc:title>Tides</dc:title><dc:language>en</dc:language></metadata>" +
        '<manifest><item id="two" href="text/a%20two.xhtml" media-type="application/xhtml+xml"/>' +
        '<item id="one" href="text/b-one.xhtml" media-type="application/xhtml+xml"/></manifest>' +
        '<spine><itemref idref="one"/><itemref idref="two"/></spine></package>',
    ),
    "OEBPS/text/a two.xhtml": xhtml("Two", "<h1>Chapter Two</h1><p>The tide turns at noon.</p>"),
    "OEBPS/text/b-one.xhtml": xhtml("One", "<h1>Chapter One</h1><p>The boats leave at dawn.</p>"),
  });
}

let t: TestEmulator;
let agentId: string;
const KB = () => `/agents/${agentId}/knowledge-base`;

beforeAll(async () => {
  t = await TestEmulator.start({ kbProcessingDelayMs: 100 });
  agentId = (await t.api("POST", "/agents", { name: "Extraction agent" })).body.agent_id;
});
afterAll(async () => {
  await t.close();
});

async function upload(bytes: Uint8Array | string, filename: string, type = "") {
  const form = new FormData();
  form.set("file", new Blob([typeof bytes === "string" ? bytes : Buffer.from(bytes)], { type }), filename);
  const res = await request(`${t.baseUrl}${KB()}/file`, {
    method: "POST",
    headers: { "xi-api-key": t.apiKey },
    body: form,
  });
  const body = (await res.body.json()) as any;
  expect(res.statusCode).toBe(200);
  expect(body).toMatchObject({ type: "file", status: "processing", content_available: false, chunk_count: 0 });
  return body.document_id as string;
}

const settled = (id: string) =>
  waitFor(async () => {
    const doc = (await t.api("GET", `${KB()}/${id}`)).body;
    return doc.status === "processing" ? undefined : doc;
  });

/** Uploads, waits for processing to end, and checks the document, its content and its first chunk. */
async function extracted(bytes: Uint8Array | string, filename: string, type = "") {
  const id = await upload(bytes, filename, type);
  const doc = await settled(id);
  expect(doc).toMatchObject({ status: "ready", content_available: true });
  expect(doc.error).toBeUndefined();
  const content = (await t.api("GET", `${KB()}/${id}/content`)).body;
  expect(content).toMatchObject({ content_available: true, chunk_count: doc.chunk_count });
  // Every fixture is far below the chunk size, so its one chunk is the whole text (chunking trims
  // each paragraph, hence the whitespace-insensitive comparison).
  expect(doc.chunk_count).toBe(1);
  const chunk = (await t.api("GET", `${KB()}/${id}/chunks/chunk_0`)).body;
  const words = (text: string) => text.trim().split(/\s+/);
  expect(words(chunk.content)).toEqual(words(content.content));
  return content.content as string;
}

describe("knowledge-base file extraction", () => {
  it("extracts a PDF's text", async () => {
    expect(await extracted(await makePdf(SENTENCE), "keeper.pdf")).toBe(SENTENCE);
  });

  it("extracts a DOCX's paragraphs", async () => {
    const docx = makeDocx(["Refunds take five days.", "Exchanges are free."]);
    expect(await extracted(docx, "policy.docx")).toBe("Refunds take five days.\n\nExchanges are free.");
  });

  it("extracts an EPUB's chapters in spine order, not zip order", async () => {
    expect(await extracted(makeEpub(), "tides.epub")).toBe(
      "Chapter One\n\nThe boats leave at dawn.\n\nChapter Two\n\nThe tide turns at noon.",
    );
  });

  it("falls back to the part's content type when the name has no known extension", async () => {
    expect(await extracted(await makePdf(SENTENCE), "scan", "application/pdf")).toBe(SENTENCE);
  });

  it("extracts HTML as readable text, without script, style, link targets or images", async () => {
    const html =
      "<!doctype html><html><head><title>Menu</title><style>.secret-style{color:red}</style>" +
      "<script>var secretHead = 1;</script></head><body><h1>Menu</h1>" +
      '<p>Fish &amp; chips, <a href="https://example.com/order">order online</a>.<img src="fish.png" alt="fish"></p>' +
      "<script>secretBody()</script><style>p{}</style><ul><li>Peas</li><li>Gravy</li></ul></body></html>";
    const content = await extracted(html, "menu.html");
    expect(content).toBe("Menu\n\nFish & chips, order online.\n\n * Peas\n * Gravy");
    for (const hidden of ["secret", "color", "p{}", "example.com", "fish.png", "[", "<"]) {
      expect(content).not.toContain(hidden);
    }
  });

  it("marks a corrupt PDF and a DOCX that is not a zip failed, naming the format", async () => {
    const pdf = await settled(await upload("%PDF-1.4 this is not really a PDF", "broken.pdf"));
    expect(pdf).toMatchObject({ status: "failed", content_available: false, chunk_count: 0 });
    expect(pdf.error).toMatch(/^could not read PDF file broken\.pdf: \S/);
    expectError(await t.api("GET", `${KB()}/${pdf.document_id}/content`), 409, "DOCUMENT_NOT_READY");

    const docx = await settled(await upload("just some text", "notes.docx"));
    expect(docx).toMatchObject({ status: "failed", content_available: false, chunk_count: 0 });
    expect(docx.error).toMatch(/^could not read DOCX file notes\.docx: .*zip/i);
    expectError(await t.api("GET", `${KB()}/${docx.document_id}/chunks/chunk_0`), 409, "DOCUMENT_NOT_READY");

    const epub = await settled(await upload(zipSync({ mimetype: strToU8("application/epub+zip") }), "empty.epub"));
    expect(epub).toMatchObject({ status: "failed" });
    expect(epub.error).toMatch(/^could not read EPUB file empty\.epub: META-INF\/container\.xml is missing/);
  });

  it("finishes an uploaded PDF after a restart, from the bytes in the store, then drops them", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-kb-extract-"));
    const contents = () => {
      const snapshot = JSON.parse(fs.readFileSync(path.join(dataDir, "snapshot.json"), "utf8"));
      return Object.fromEntries(snapshot.state.document_contents) as Record<string, any>;
    };
    try {
      const first = await TestEmulator.start({ dataDir, kbProcessingDelayMs: 60_000 });
      const agent = (await first.api("POST", "/agents", { name: "a" })).body.agent_id;
      const form = new FormData();
      form.set("file", new Blob([Buffer.from(await makePdf(SENTENCE))]), "keeper.pdf");
      const res = await request(`${first.baseUrl}/agents/${agent}/knowledge-base/file`, {
        method: "POST",
        headers: { "xi-api-key": first.apiKey },
        body: form,
      });
      const id = ((await res.body.json()) as any).document_id as string;
      await first.close();
      expect(contents()[id]).toMatchObject({ text: null, bytes_base64: expect.any(String) });

      const second = await TestEmulator.start({ dataDir, kbProcessingDelayMs: 20 });
      try {
        const doc = await waitFor(async () => {
          const d = (await second.api("GET", `/agents/${agent}/knowledge-base/${id}`)).body;
          return d.status === "processing" ? undefined : d;
        });
        expect(doc).toMatchObject({ status: "ready", content_available: true, chunk_count: 1 });
        expect((await second.api("GET", `/agents/${agent}/knowledge-base/${id}/content`)).body.content).toBe(SENTENCE);
      } finally {
        await second.close();
      }
      expect(contents()[id]).toEqual({ document_id: id, text: SENTENCE, chunks: [SENTENCE] });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
