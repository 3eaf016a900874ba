import { describe, expect, it } from "vitest";
import { ElevenLabsClient } from "../../../provider/client/client";
import { useEmulatorClient } from "./emulator-harness";
import { FAST, json, SECRET_KEY, startLocalServer } from "./local-server";

/** Serves `total` tools in pages, with the paging metadata `meta` builds (or none). */
async function pagedServer(total: number, meta: (page: number, size: number) => Record<string, unknown> | undefined) {
  return startLocalServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const page = Number(url.searchParams.get("page"));
    const size = Number(url.searchParams.get("page_size"));
    const tools = Array.from({ length: total }, (_, i) => ({ tool_id: `t${i}` })).slice(page * size, (page + 1) * size);
    const pagination = meta(page, size);
    json(res, 200, pagination ? { tools, pagination } : { tools });
  });
}

async function collect(baseUrl: string, pageSize: number) {
  const client = new ElevenLabsClient({ apiKey: SECRET_KEY, baseUrl, ...FAST });
  try {
    return (await client.listAll<{ tool_id: string }>("tools.list", { pageSize })).map((t) => t.tool_id);
  } finally {
    await client.close();
  }
}

describe("paginate (stop rules)", () => {
  const expected = Array.from({ length: 7 }, (_, i) => `t${i}`);
  it.each([
    ["has_more: false", (page: number, size: number) => ({ page, has_more: (page + 1) * size < 7 }), 3],
    ["page + 1 >= total_pages", (page: number, size: number) => ({ page, total_pages: Math.ceil(7 / size) }), 3],
    ["an empty page", (page: number) => ({ page }), 4],
    ["total_count reached", (page: number) => ({ page, total_count: 7 }), 3],
  ])("stops on %s", async (_name, meta, requests) => {
    const server = await pagedServer(7, meta);
    try {
      expect(await collect(server.baseUrl, 3)).toEqual(expected);
      expect(server.requests.map((r) => r.url)).toEqual(
        Array.from({ length: requests }, (_, page) => `/v1/convai/tools?page=${page}&page_size=3`),
      );
    } finally {
      await server.close();
    }
  });

  it("reads one page when the response has no paging metadata", async () => {
    const server = await pagedServer(7, () => undefined);
    try {
      expect(await collect(server.baseUrl, 100)).toEqual(expected);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("keeps the caller's filters and fails clearly on an unexpected body", async () => {
    const server = await startLocalServer((_req, res) => json(res, 200, { items: [] }));
    const client = new ElevenLabsClient({ apiKey: SECRET_KEY, baseUrl: server.baseUrl, ...FAST });
    try {
      const error = await client.listAll("tools.list", { query: { type: "server" } }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "UNEXPECTED_RESPONSE" });
      expect(server.requests[0]?.url).toBe("/v1/convai/tools?type=server&page=0&page_size=100");
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe("paginate against the emulator", () => {
  const ctx = useEmulatorClient();

  it("yields every item across more than two pages, lazily", async () => {
    const { client, emulator } = ctx;
    for (let i = 0; i < 11; i++) {
      await client.request("tools.create", {
        body: {
          type: "client",
          name: `tool_${i}`,
          description: "d",
          client_tool: { parameters: [], event_name: `e${i}` },
        },
      });
    }
    await emulator.resetStats();
    const names: string[] = [];
    for await (const tool of client.paginate<{ name: string }>("tools.list", { pageSize: 4 })) names.push(tool.name);
    expect(names.sort()).toEqual(Array.from({ length: 11 }, (_, i) => `tool_${i}`).sort());
    expect((await emulator.stats()).byRoute["GET /v1/convai/tools"]).toBe(3);

    // Breaking out early fetches no further page.
    await emulator.resetStats();
    for await (const _ of client.paginate("tools.list", { pageSize: 4 })) break;
    expect((await emulator.stats()).byRoute["GET /v1/convai/tools"]).toBe(1);
  });
});

describe("listAll against the emulator at page boundaries (pageSize 5)", () => {
  const ctx = useEmulatorClient();

  // [agents, pages requested]: the client stops on the last page (has_more false / total_pages)
  // and never asks for an empty page after an exact multiple.
  it.each([
    [0, 1],
    [4, 1],
    [5, 1],
    [6, 2],
    [10, 2],
    [11, 3],
  ])("%i agents: every one exactly once, in %i requests", async (n, requests) => {
    const { client, emulator } = ctx;
    await emulator.reset();
    for (let i = 0; i < n; i++) await emulator.api("POST", "/agents", { name: `p${i}` });
    const expected = (await emulator.listAll("/agents", "agents")).map((a) => a.agent_id);
    expect(expected).toHaveLength(n);
    await emulator.resetStats();

    const listed = await client.listAll<{ agent_id: string }>("agents.list", { pageSize: 5 });
    expect(listed.map((a) => a.agent_id)).toEqual(expected);
    expect((await emulator.stats()).byRoute).toEqual({ "GET /v1/convai/agents": requests });
  });
});
