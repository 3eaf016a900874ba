/**
 * Random and hostile requests to every endpoint of the emulator over real HTTP: random methods,
 * ids, query strings, headers, JSON and non-JSON bodies, and multipart parts for the uploads. The
 * emulator must never answer 500 (an unhandled error), must keep answering, and must leave a store
 * that reloads from its data directory with every object still valid under the emulator's models.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { agentBody } from "../../emulator/models/agent";
import { phoneNumberBody } from "../../emulator/models/phone-number";
import { toolBody } from "../../emulator/models/tool";
import { secretBody, workspaceBody } from "../../emulator/models/workspace";
import { profileNamed } from "../../emulator/profiles/index";
import { apiRouter } from "../../emulator/routes/index";
import { type Kind, Store } from "../../emulator/store/store";
import { TestEmulator } from "../support/test-emulator";

let t: TestEmulator;
let dataDir: string;
const ids: Record<string, string> = {};

/** Every route template of the API, read from the router itself so a new endpoint is fuzzed too. */
const TEMPLATES = apiRouter(profileNamed("seed")).list();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "hostile-requests-"));
  t = await TestEmulator.start({ dataDir });
  // Real objects, so that some random requests reach the handlers behind the 404s.
  ids.agent_id = (await t.api("POST", "/agents", { name: "Target" })).body.agent_id;
  ids.tool_id = (await t.api("POST", "/tools", { type: "client", name: "target_tool" })).body.tool_id;
  ids.document_id = (
    await t.api("POST", `/agents/${ids.agent_id}/knowledge-base/text`, { name: "Doc", text: "Facts." })
  ).body.document_id;
  ids.phone_number_id = (await t.api("POST", "/phone-numbers", { country: "US" })).body.phone_number_id;
  ids.secret_id = (await t.api("POST", "/workspace/secrets", { name: "TARGET", value: "v" })).body.secret_id;
  ids.conversation_id = (await t.seedConversation({ agent_id: ids.agent_id })).conversation_id;
  ids.chunk_id = "chunk_0";
});
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "",
    ".",
    "..",
    "%",
    "%00",
    "__proto__",
    "constructor",
    "null",
    "-1",
    "1e309",
    "😀",
    "a/b",
    "x".repeat(5000),
  ),
);

const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.oneof(
      fc.constantFrom("name", "type", "text", "url", "country", "agent_id", "value", "rating", "to_number"),
      fc.constantFrom("conversation_config", "server_tool", "client_tool", "platform_settings", "settings"),
      fc.constantFrom("__proto__", "constructor", "prototype"),
      fc.string(),
    ),
    fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString),
    { maxKeys: 6 },
  ),
);

/** A path of a real template, each `{param}` either the id of a real object or a hostile string. */
const pathFor = (template: string) =>
  fc
    .array(fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: hostileString, weight: 1 }), {
      minLength: (template.match(/\{/g) ?? []).length,
      maxLength: (template.match(/\{/g) ?? []).length,
    })
    .map((values) => {
      let i = 0;
      return template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = values[i++];
        return encodeURIComponent(value === undefined ? (ids[name] ?? "x") : value);
      });
    });

const query = fc
  .dictionary(
    fc.oneof(
      fc.constantFrom("page", "page_size", "order_by", "order_direction", "agent_id", "status", "type"),
      fc.string(),
    ),
    fc.oneof(hostileString, fc.integer().map(String), fc.constantFrom("NaN", "Infinity", "-0", "1.5", "[]")),
    { maxKeys: 4 },
  )
  .map((q) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) s.append(k, v);
    return s.toString();
  });

type Body = { contentType?: string; payload?: string | Buffer };

/** Multipart bodies as a browser would build them, with random parts, names and file contents. */
const multipart: fc.Arbitrary<Body> = fc
  .record({
    boundary: fc.constantFrom("b0undary", "----x", "a".repeat(70)),
    parts: fc.array(
      fc.record({
        name: fc.oneof(fc.constantFrom("file", "name", "description", "metadata"), fc.string({ maxLength: 10 })),
        filename: fc.option(
          fc.oneof(fc.constantFrom("a.txt", "b.pdf", "c.docx", "d.epub", "e.png", "f.html", ".."), fc.string()),
        ),
        contentType: fc.option(
          fc.constantFrom("text/plain", "application/pdf", "image/png", "application/json", "x/y"),
        ),
        content: fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString("latin1")),
        ),
      }),
      { maxLength: 4 },
    ),
    truncate: fc.boolean(),
  })
  .map(({ boundary, parts, truncate }) => {
    const text =
      parts
        .map(
          (p) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename === null ? "" : `; filename="${p.filename}"`}\r\n` +
            `${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ""}\r\n${p.content}\r\n`,
        )
        .join("") + (truncate ? "" : `--${boundary}--\r\n`);
    return { contentType: `multipart/form-data; boundary=${boundary}`, payload: Buffer.from(text, "latin1") };
  });

const body: fc.Arbitrary<Body> = fc.oneof(
  fc.constant({}),
  jsonish.map((v) => ({ contentType: "application/json", payload: JSON.stringify(v) ?? "null" })),
  fc.string().map((s) => ({ contentType: "application/json", payload: s })),
  fc.uint8Array({ maxLength: 256 }).map((b) => ({ contentType: "application/octet-stream", payload: Buffer.from(b) })),
  fc.constant({ contentType: "application/json", payload: `{"a":${"[".repeat(5000)}` }),
  fc.constant({ contentType: "application/json", payload: JSON.stringify({ name: "x".repeat(200_000) }) }),
  multipart,
);

const headers = fc.record({
  key: fc.oneof(
    { arbitrary: fc.constant("test-key"), weight: 8 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: hostileString, weight: 1 },
  ),
  extra: fc.dictionary(
    fc.constantFrom("accept", "x-forwarded-for", "origin", "content-encoding", "transfer-encoding-x", "x-request-id"),
    fc.string({ unit: "grapheme-ascii", maxLength: 20 }),
    { maxKeys: 3 },
  ),
});

const hostileRequest = fc.constantFrom(...TEMPLATES).chain(({ method, template }) =>
  fc.record({
    method: fc.oneof(
      { arbitrary: fc.constant(method), weight: 6 },
      { arbitrary: fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT", "OPTIONS"), weight: 1 },
    ),
    path: fc.oneof({ arbitrary: pathFor(template), weight: 6 }, { arbitrary: fc.webPath(), weight: 1 }),
    query,
    // Uploads mostly get multipart bodies, so their parsers are what gets fuzzed.
    body: /\/(file|avatar)$/.test(template) ? fc.oneof({ arbitrary: multipart, weight: 4 }, body) : body,
    headers,
  }),
);

/** Header values undici accepts (the transport refuses control characters, as any client would). */
const sendable = (value: string) => /^[\t\x20-\x7e]*$/.test(value);

describe("the emulator under hostile requests", () => {
  it("never answers 500 to random requests on every endpoint; errors keep the envelope", async () => {
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (r) => {
        const h: Record<string, string> = {};
        if (r.headers.key !== undefined && sendable(r.headers.key)) h["xi-api-key"] = r.headers.key;
        for (const [k, v] of Object.entries(r.headers.extra)) if (sendable(v)) h[k] = v;
        if (r.body.contentType) h["content-type"] = r.body.contentType;
        const path = `/v1/convai${r.path.startsWith("/") ? r.path : `/${r.path}`}${r.query ? `?${r.query}` : ""}`;
        const res = await request(`${t.url}${path}`, {
          method: r.method as "GET",
          headers: h,
          body: r.method === "GET" || r.method === "OPTIONS" ? undefined : r.body.payload,
        });
        const text = await res.body.text();
        expect(res.statusCode, `${r.method} ${path.slice(0, 200)} -> ${text.slice(0, 300)}`).not.toBe(500);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const parsed = JSON.parse(text);
          expect(typeof parsed.error.code).toBe("string");
          expect(parsed.request_id).toBe(res.headers["x-request-id"]);
        }
      }),
      { numRuns: 300 },
    );
    // Most requests got past auth and routing into the handlers (else this fuzzed only the front door).
    const stats = await t.stats();
    expect((stats.byStatus["401"] ?? 0) + (stats.byStatus["405"] ?? 0)).toBeLessThan(stats.total / 2);
    expect(stats.byStatus["200"]).toBeGreaterThan(0);
    expect(stats.byStatus["400"]).toBeGreaterThan(0);
  });

  it("survives garbage on the wire (not HTTP at all) and keeps answering", async () => {
    const { port } = new URL(t.url);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2048 }), async (bytes) => {
        await new Promise<void>((resolve) => {
          const socket = connect(Number(port), "127.0.0.1", () => socket.end(Buffer.from(bytes)));
          socket.on("error", () => resolve());
          socket.on("close", () => resolve());
          socket.resume();
        });
      }),
      { numRuns: 50 },
    );
    expect((await t.api("GET", "/agents")).status).toBe(200);
  });

  it("leaves a store that reloads, with every object valid under the emulator's models", async () => {
    // (The fuzzing may have deleted the objects made above: that is allowed.)
    const listed = (await t.listAll("/agents", "agents")).length;
    await t.close();
    const store = new Store(dataDir);
    try {
      const schemas: Partial<Record<Kind, z.ZodType>> = {
        agents: agentBody,
        tools: toolBody,
        phone_numbers: phoneNumberBody,
        secrets: secretBody,
        workspace: workspaceBody,
      };
      for (const [kind, schema] of Object.entries(schemas) as [Kind, z.ZodType][]) {
        for (const record of store.list(kind)) {
          const result = schema.safeParse(record);
          expect(
            result.success,
            `${kind}: ${JSON.stringify(result.error?.issues)} in ${JSON.stringify(record).slice(0, 300)}`,
          ).toBe(true);
        }
      }
      for (const doc of store.list("documents")) {
        expect(["processing", "ready", "failed"]).toContain(doc.status);
        expect(doc.agent_id).toMatch(/^agent_/);
        expect(store.get("agents", doc.agent_id as string)).toBeDefined();
      }
      expect(store.list("agents")).toHaveLength(listed);
    } finally {
      store.close();
    }
    // And the emulator itself starts on it again.
    t = await TestEmulator.start({ dataDir });
    expect(await t.listAll("/agents", "agents")).toHaveLength(listed);
  });
});
